import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../context";
import type { Person } from "../use-cases/load-viewer";
import { hashToken } from "./tokens";

export const sessionCookie = "trellis_session";
export const csrfCookie = "trellis_csrf";

declare module "fastify" {
  interface FastifyRequest {
    person: Person | null;
    sessionToken: string | null;
  }
}

/**
 * Sessions looked up in the last two seconds, by token hash: most requests of a busy client skip
 * the session query. Sign-out and password resets drop entries here; another instance may honour
 * a just-ended session for at most the two seconds.
 */
const sessionCacheMs = 2000;
const sessionCache = new Map<string, { person: Person; expiresAt: Date; cachedAt: number }>();

/** Forgets cached sessions: one token's, or all of a person's. */
export function forgetCachedSessions(match: { tokenHash?: string; personId?: string }): void {
  if (match.tokenHash) sessionCache.delete(match.tokenHash);
  if (match.personId) for (const [key, entry] of sessionCache) if (entry.person.id === match.personId) sessionCache.delete(key);
}

/** Finds the signed-in person from the session cookie (expired sessions count as none). */
export async function resolveSession(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  request.person = null;
  request.sessionToken = null;
  const token = request.cookies[sessionCookie];
  if (!token) return;
  const tokenHash = hashToken(token);
  const cached = sessionCache.get(tokenHash);
  const now = ctx.clock();
  if (cached && Date.now() - cached.cachedAt < sessionCacheMs && cached.expiresAt > now) {
    request.sessionToken = token;
    request.person = cached.person;
    return;
  }
  const row = await ctx.db
    .selectFrom("sessions as s")
    .innerJoin("people as p", "p.id", "s.person_id")
    .select(["p.id", "p.email", "p.display_name", "p.is_admin", "p.time_zone", "s.expires_at"])
    .where("s.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row || row.expires_at <= now) {
    sessionCache.delete(tokenHash);
    return;
  }
  request.sessionToken = token;
  request.person = { id: row.id, email: row.email, displayName: row.display_name, isAdmin: row.is_admin, timeZone: row.time_zone };
  if (sessionCache.size > 10_000) sessionCache.clear();
  sessionCache.set(tokenHash, { person: request.person, expiresAt: row.expires_at, cachedAt: Date.now() });
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
export function setSessionCookie(ctx: ServerContext, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(sessionCookie, token, { path: "/", httpOnly: true, sameSite: "lax", secure: ctx.settings.secureCookies, maxAge: maxAgeSeconds });
}
