import { AppError } from "@trellis/core";
import type { ServerContext } from "../../context";
import { decoyHash, verifyPassword } from "../../auth/passwords";
import { forgetCachedSessions } from "../../auth/session-hook";
import { hashToken, newToken } from "../../auth/tokens";

export const sessionLifetimeMs = 30 * 24 * 3600_000;

/** Checks the password (rate-limited per address and email) and opens a server-side session. */
export async function signIn(ctx: ServerContext, input: { email: string; password: string; address: string }): Promise<{ token: string; personId: string }> {
  const email = input.email.trim().toLowerCase();
  const now = ctx.clock();
  // Per email: 5 failures in 15 minutes; per address (many people behind one proxy): 50.
  const keys = [`email:${email}`, `address:${input.address}`];
  const wait = Math.max(ctx.limiter.retryAfter(keys[0]!, now.getTime(), 5), ctx.limiter.retryAfter(keys[1]!, now.getTime(), 50));
  if (wait > 0) throw new AppError("rate_limited", "Too many failed sign-ins. Try again later.", { retryAfterSeconds: Math.ceil(wait / 1000) });
  const person = await ctx.db.selectFrom("people").select(["id", "password_hash"]).where("email", "=", email).executeTakeFirst();
  const ok = await verifyPassword(person?.password_hash ?? decoyHash, input.password);
  if (!person || !person.password_hash || !ok) {
    for (const key of keys) ctx.limiter.recordFailure(key, now.getTime());
    throw new AppError("unauthenticated", "The email or the password is not right.");
  }
  ctx.limiter.reset(`email:${email}`);
  const token = newToken();
  await ctx.db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), person_id: person.id, csrf_token: newToken(), expires_at: new Date(now.getTime() + sessionLifetimeMs) })
    .execute();
  return { token, personId: person.id };
}

/** Ends the session the token belongs to. */
export async function signOut(ctx: ServerContext, token: string): Promise<void> {
  forgetCachedSessions({ tokenHash: hashToken(token) });
  await ctx.db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}
