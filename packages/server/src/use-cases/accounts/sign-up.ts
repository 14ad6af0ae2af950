import { AppError } from "@trellis/core";
import type { ServerContext } from "../../context";
import { hashPassword } from "../../auth/passwords";

/** Creates an account. Under "invitation only", an unused invitation for the same email is required. */
export async function signUp(
  ctx: ServerContext,
  input: { email: string; password: string; displayName: string; invitationToken?: string | undefined },
  options: { isAdmin?: boolean; bypassSignupMode?: boolean } = {},
): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  if (ctx.settings.signupMode === "invitation" && !options.bypassSignupMode) {
    const invited = await ctx.db
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", ctx.clock())
      .executeTakeFirst();
    if (!invited) throw new AppError("forbidden", "This Trellis accepts new accounts by invitation only.");
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("people").select(["id", "password_hash"]).where("email", "=", email).executeTakeFirst();
    if (existing?.password_hash) throw new AppError("already_exists", "An account with this email already exists. Sign in, or reset the password.");
    if (existing) {
      // A person known from an import or an invitation claims their account.
      // The version moves with the name, so reads cached under the alliance's stamp see it.
      await trx
        .updateTable("people")
        .set((eb) => ({ password_hash: passwordHash, display_name: input.displayName.trim(), is_admin: options.isAdmin ?? false, version: eb("version", "+", 1) }))
        .where("id", "=", existing.id)
        .execute();
      return { id: existing.id };
    }
    return trx
      .insertInto("people")
      .values({ email, display_name: input.displayName.trim(), password_hash: passwordHash, is_admin: options.isAdmin ?? false })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}
