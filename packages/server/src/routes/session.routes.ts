import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import { csrfCookie, sessionCookie, setSessionCookie } from "../auth/session-hook";
import { newToken } from "../auth/tokens";
import { signIn, signOut, sessionLifetimeMs } from "../use-cases/accounts/sign-in";
import { signUp } from "../use-cases/accounts/sign-up";
import { requestPasswordReset, resetPassword } from "../use-cases/accounts/reset-password";
import { updateAccount } from "../use-cases/accounts/update-account";

const email = z.email().max(254);
const password = z.string().min(10, "Use at least 10 characters.").max(200);
const personSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string(), isAdmin: z.boolean(), timeZone: z.string(), version: z.number().int() });
const sessionSchema = z.object({ person: personSchema.nullable(), csrfToken: z.string(), signupMode: z.enum(["open", "invitation"]) });

async function presentMe(ctx: ServerContext, personId: string) {
  const p = await ctx.db.selectFrom("people").select(["id", "email", "display_name", "is_admin", "time_zone", "version"]).where("id", "=", personId).executeTakeFirstOrThrow();
  return { id: p.id, email: p.email, displayName: p.display_name, isAdmin: p.is_admin, timeZone: p.time_zone, version: p.version };
}

/** Sign-in, sign-up, sign-out, password reset and account settings. */
export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/session",
    summary: "Who is signed in, and the CSRF token to send with changes",
    tags: ["session"],
    auth: "none",
    response: sessionSchema,
    handler: async ({ request, reply }) => {
      let csrf = request.cookies[csrfCookie];
      if (!csrf) {
        csrf = newToken();
        reply.setCookie(csrfCookie, csrf, { path: "/", sameSite: "strict", secure: ctx.settings.secureCookies, httpOnly: false });
      }
      return { person: request.person ? await presentMe(ctx, request.person.id) : null, csrfToken: csrf, signupMode: ctx.settings.signupMode };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/session",
    summary: "Sign in",
    tags: ["session"],
    auth: "none",
    body: z.object({ email, password: z.string().min(1).max(200) }),
    response: z.object({ person: personSchema }),
    handler: async ({ body, request, reply }) => {
      const session = await signIn(ctx, { ...body, address: request.ip });
      setSessionCookie(ctx, reply, session.token, sessionLifetimeMs / 1000);
      return { person: await presentMe(ctx, session.personId) };
    },
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/session",
    summary: "Sign out",
    tags: ["session"],
    auth: "none",
    successStatus: 204,
    handler: async ({ request, reply }) => {
      if (request.sessionToken) await signOut(ctx, request.sessionToken);
      reply.clearCookie(sessionCookie, { path: "/" });
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/accounts",
    summary: "Create an account (open sign-up, or with an invitation under invitation-only)",
    tags: ["session"],
    auth: "none",
    successStatus: 201,
    body: z.object({ email, password, displayName: z.string().trim().min(1).max(120) }),
    response: z.object({ person: personSchema }),
    handler: async ({ body, request, reply }) => {
      await signUp(ctx, body);
      const session = await signIn(ctx, { email: body.email, password: body.password, address: request.ip });
      setSessionCookie(ctx, reply, session.token, sessionLifetimeMs / 1000);
      return { person: await presentMe(ctx, session.personId) };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/password-resets",
    summary: "Email a password reset link (answers the same whether or not the account exists)",
    tags: ["session"],
    auth: "none",
    successStatus: 202,
    body: z.object({ email }),
    handler: async ({ body }) => {
      await requestPasswordReset(ctx, body);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/password-resets/confirm",
    summary: "Choose a new password with the emailed token",
    tags: ["session"],
    auth: "none",
    successStatus: 204,
    body: z.object({ token: z.string().min(10).max(200), password }),
    handler: async ({ body }) => {
      await resetPassword(ctx, body);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/me",
    summary: "My account",
    tags: ["session"],
    response: personSchema,
    handler: async ({ request }) => presentMe(ctx, request.person!.id),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/me",
    summary: "Change my name, time zone or password",
    tags: ["session"],
    body: z.object({
      version: z.number().int().min(1),
      displayName: z.string().trim().min(1).max(120).optional(),
      timeZone: z.string().min(1).max(64).optional(),
      currentPassword: z.string().max(200).optional(),
      newPassword: password.optional(),
    }),
    response: personSchema,
    handler: async ({ body, request }) => {
      await updateAccount(ctx, request.person!.id, body);
      return presentMe(ctx, request.person!.id);
    },
  });
}
