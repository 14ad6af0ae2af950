import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { AppError, isAppError } from "@trellis/core";
import type { ServerContext } from "./context";
import { csrfCookie, resolveSession } from "./auth/session-hook";
import { safeEqual } from "./auth/tokens";
import { errorStatus } from "./http/error-status";
import { buildOpenApi } from "./http/openapi";
import { routeRegistry } from "./http/route";
import { EventHub } from "./realtime/event-hub";
import { registerAllianceRoutes } from "./routes/alliances.routes";
import { registerInvitationRoutes } from "./routes/invitations.routes";
import { registerOrganizationRoutes } from "./routes/organizations.routes";
import { registerSessionRoutes } from "./routes/session.routes";
import { registerAdminRoutes } from "./routes/admin.routes";
import { capabilityRoutes } from "./capabilities";

export const apiVersion = "1.0.0";
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** A capability's route group (each route registers with defineRoute); listed in capabilities.ts. */
export type RouteModule = (app: FastifyInstance, ctx: ServerContext, hub: EventHub) => void;

/** Builds the HTTP app: security headers, sessions, CSRF, the API, the web app, errors. */
export async function buildApp(ctx: ServerContext, options: { logger?: boolean } = {}): Promise<{ app: FastifyInstance; hub: EventHub }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Malformed URLs (bad escapes, over-long path segments) get the same error shape as the rest.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as { code(n: number): { send(body: unknown): void } }).code(400).send({ error: "bad_request", message: `The URL could not be read (${error.code}).` });
    },
  });
  app.decorateRequest("person", null);
  app.decorateRequest("sessionToken", null);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.settings.secureCookies,
  });

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    await resolveSession(ctx, request);
    if (!safeMethods.has(request.method)) {
      const cookieToken = request.cookies[csrfCookie];
      const headerToken = request.headers["x-csrf-token"];
      if (!cookieToken || typeof headerToken !== "string" || !safeEqual(cookieToken, headerToken)) {
        throw new AppError("csrf_failed", "This change needs the x-csrf-token header equal to the trellis_csrf cookie (GET /api/v1/session sets it).");
      }
    }
  });

  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isAppError(error)) {
      const body: Record<string, unknown> = { error: error.code, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      if (error.code === "rate_limited" && typeof error.details?.retryAfterSeconds === "number") reply.header("retry-after", String(error.details.retryAfterSeconds));
      return reply.status(errorStatus[error.code]).send(body);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") return reply.status(413).send({ error: "payload_too_large", message: "The request body is larger than 1 MB." });
    if (fastifyError.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return reply.status(415).send({ error: "unsupported_media_type", message: "Send JSON (content-type: application/json)." });
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.status(400).send({ error: "bad_request", message: fastifyError.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ? "The JSON body is empty." : "The request could not be read (malformed JSON?)." });
    }
    request.log.error(error);
    ctx.log(`Unexpected error on ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return reply.status(500).send({ error: "internal_error", message: "Something went wrong on our side. It has been logged." });
  });

  const hub = new EventHub(ctx.database);
  await hub.start();
  app.addHook("onClose", async () => hub.close());

  registerSessionRoutes(app, ctx);
  registerOrganizationRoutes(app, ctx);
  registerAllianceRoutes(app, ctx, hub);
  registerInvitationRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  for (const register of capabilityRoutes) register(app, ctx, hub);

  app.get("/api/openapi.json", async () => buildOpenApi(routeRegistry, apiVersion));
  app.get("/api/health", async () => ({ ok: true, database: ctx.database.kind }));

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) return reply.status(404).send({ error: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}.` });
    // A missing asset is a 404, never the app's page (a stale page would load it as a blank screen).
    if (request.url.startsWith("/assets/")) return reply.status(404).type("text/plain").send("Not found.");
    const webRoot = ctx.settings.webRoot;
    if (request.method === "GET" && webRoot && fs.existsSync(path.join(webRoot, "index.html"))) return reply.type("text/html").sendFile("index.html", webRoot);
    return reply.status(404).type("text/plain").send("Not found. (Is the web app built? Run: npm run build:web)");
  });
  if (ctx.settings.webRoot && fs.existsSync(ctx.settings.webRoot)) {
    await app.register(fastifyStatic, { root: ctx.settings.webRoot, index: ["index.html"], wildcard: true });
  }
  return { app, hub };
}
