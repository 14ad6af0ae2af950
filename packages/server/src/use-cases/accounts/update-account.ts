import { AppError } from "@trellis/core";
import type { ServerContext } from "../../context";
import { hashPassword, verifyPassword } from "../../auth/passwords";
import { forgetCachedSessions } from "../../auth/session-hook";

/** Changes a person's own name, time zone or password (the current password is required for the last). */
export async function updateAccount(
  ctx: ServerContext,
  personId: string,
  input: { version: number; displayName?: string | undefined; timeZone?: string | undefined; currentPassword?: string | undefined; newPassword?: string | undefined },
): Promise<void> {
  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    const person = await ctx.db.selectFrom("people").select("password_hash").where("id", "=", personId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(person.password_hash, input.currentPassword ?? ""))) {
      throw new AppError("validation_failed", "The current password is not right.", { issues: [{ path: "currentPassword", message: "not right" }] });
    }
    passwordHash = await hashPassword(input.newPassword);
  }
  if (input.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: input.timeZone });
    } catch {
      throw new AppError("validation_failed", `${input.timeZone} is not a known time zone.`, { issues: [{ path: "timeZone", message: "unknown time zone" }] });
    }
  }
  const updated = await ctx.db
    .updateTable("people")
    .set((eb) => ({
      version: eb("version", "+", 1),
      ...(input.displayName !== undefined ? { display_name: input.displayName.trim() } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
    }))
    .where("id", "=", personId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError("stale_version", "Your account was changed elsewhere; reload and try again.");
  forgetCachedSessions({ personId });
}
