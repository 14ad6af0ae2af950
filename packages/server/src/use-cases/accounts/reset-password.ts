import { AppError } from "@trellis/core";
import type { ServerContext } from "../../context";
import { hashPassword } from "../../auth/passwords";
import { forgetCachedSessions } from "../../auth/session-hook";
import { hashToken, newToken } from "../../auth/tokens";

const resetLifetimeMs = 3600_000;

/** Emails a one-hour reset link when the account exists; says nothing either way. */
export async function requestPasswordReset(ctx: ServerContext, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const person = await ctx.db.selectFrom("people").select(["id", "display_name"]).where("email", "=", email).executeTakeFirst();
  if (!person) return;
  const token = newToken();
  await ctx.db
    .insertInto("password_resets")
    .values({ token_hash: hashToken(token), person_id: person.id, expires_at: new Date(ctx.clock().getTime() + resetLifetimeMs) })
    .execute();
  await ctx.mailer.send({
    to: email,
    subject: "Reset your Trellis password",
    text: `Hello ${person.display_name},\n\nTo choose a new password, open this link within an hour:\n${ctx.settings.publicUrl}/reset-password?token=${token}\n\nIf you did not ask for this, ignore this mail.`,
  });
}

/** Sets a new password with a reset token (single use) and ends every session of the account. */
export async function resetPassword(ctx: ServerContext, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const reset = await trx
      .selectFrom("password_resets")
      .select(["person_id", "expires_at", "used_at"])
      .where("token_hash", "=", hashToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset || reset.used_at || reset.expires_at <= ctx.clock()) throw new AppError("invalid_token", "This reset link is not valid any more. Ask for a new one.");
    await trx.updateTable("password_resets").set({ used_at: ctx.clock() }).where("token_hash", "=", hashToken(input.token)).execute();
    await trx.updateTable("people").set({ password_hash: passwordHash }).where("id", "=", reset.person_id).execute();
    await trx.deleteFrom("sessions").where("person_id", "=", reset.person_id).execute();
    forgetCachedSessions({ personId: reset.person_id });
  });
}
