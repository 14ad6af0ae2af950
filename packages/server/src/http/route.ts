import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "@trellis/core";
import { z } from "zod";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** One route: its schemas validate requests and describe it in the OpenAPI document. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  /** Response content type when not JSON (e.g. a stream). */
  produces?: string;
  auth?: "none" | "session";
  successStatus?: number;
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; request: FastifyRequest; reply: FastifyReply }) => Promise<unknown>;
}

export interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  produces?: string;
  auth: "none" | "session";
  successStatus: number;
}

/** Every route the server has, for the OpenAPI document and the bad-input property test. */
export const routeRegistry: RegisteredRoute[] = [];

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (!result.success) {
    throw new AppError("validation_failed", `The request ${where} is not valid.`, {
      where,
      issues: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return result.data;
}

/** Registers a route on the app and in the registry (thin: validate, then hand to the handler). */
export function defineRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
): void {
  const registered: RegisteredRoute = {
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: spec.auth ?? "session",
    successStatus: spec.successStatus ?? 200,
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.response ? { response: spec.response } : {}),
    ...(spec.produces ? { produces: spec.produces } : {}),
  };
  if (!routeRegistry.some((r) => r.method === spec.method && r.url === spec.url)) routeRegistry.push(registered);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      if (registered.auth === "session" && !request.person) throw new AppError("unauthenticated", "Sign in first.");
      const params = parse(spec.params, request.params, "path");
      const query = parse(spec.query, request.query, "query");
      const body = parse(spec.body, request.body, "body");
      const result = await spec.handler({ params, query, body, request, reply });
      if (reply.sent) return reply;
      reply.status(registered.successStatus);
      return result === undefined ? reply.send() : result;
    },
  });
}

/** Common schema pieces. */
export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const versioned = z.object({ version: z.number().int().min(1) });
