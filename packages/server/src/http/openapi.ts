import { z } from "zod";
import { errorCodes } from "@trellis/core";
import type { RegisteredRoute } from "./route";
import { errorStatus } from "./error-status";

function toSchema(schema: z.ZodType, io: "input" | "output") {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Builds the OpenAPI 3.1 document from the same schemas that validate requests. */
export function buildOpenApi(routes: readonly RegisteredRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", route.params], ["query", route.query]] as const) {
      if (!schema) continue;
      const json = toSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: property });
      }
    }
    const status = String(route.successStatus);
    const content = route.produces
      ? { [route.produces]: { schema: { type: "string" } } }
      : route.response
        ? { "application/json": { schema: toSchema(route.response, "output") } }
        : undefined;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(route.body, "input") } } } } : {}),
      ...(route.auth === "session" ? { security: [{ session: [] }] } : { security: [] }),
      responses: {
        [status]: content ? { description: "Success", content } : { description: "Success" },
        default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Trellis API",
      version,
      description:
        "Collaboration infrastructure for alliances. State-changing requests need the x-csrf-token header equal to the trellis_csrf cookie. Errors carry a stable code; statuses: " +
        Object.entries(errorStatus)
          .map(([code, s]) => `${code} ${s}`)
          .join(", "),
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "trellis_session" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: { error: { type: "string", enum: [...errorCodes] }, message: { type: "string" }, details: { type: "object" } },
        },
      },
    },
    paths,
  };
}
