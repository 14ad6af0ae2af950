import { AppError, can, type AllianceRole, type AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../../context";
import { hashToken, newToken } from "../../auth/tokens";
import { recordEvent } from "../record-event";

const invitationLifetimeMs = 14 * 24 * 3600_000;

/**
 * Invites someone by email into the alliance, for a seat where the role needs one. A delegate may
 * invite into their own seat; a facilitator anywhere. The mail leaves after the commit.
 */
export async function inviteToSeat(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  input: { email: string; role: AllianceRole; seatId: string | null; message?: string | undefined },
): Promise<{ id: string }> {
  if (!can(viewer, "invitation.create", { seatId: input.seatId })) {
    throw new AppError("forbidden", "You can invite people into your own seat only; a facilitator can invite into any.");
  }
  if ((input.role === "delegate" || input.role === "member") && !input.seatId) {
    throw new AppError("validation_failed", `A ${input.role} acts for a seat: choose one.`, { issues: [{ path: "seatId", message: "required for this role" }] });
  }
  if (input.role === "facilitator" && !viewer.roles.includes("facilitator")) throw new AppError("forbidden", "Only a facilitator can invite a facilitator.");
  const email = input.email.trim().toLowerCase();
  const token = newToken();
  const now = ctx.clock();
  const { invitation, allianceName, seatName, inviterName } = await ctx.db.transaction().execute(async (trx) => {
    const alliance = await trx.selectFrom("alliances").select(["name"]).where("id", "=", allianceId).executeTakeFirstOrThrow();
    let seatName: string | null = null;
    if (input.seatId) {
      const seat = await trx
        .selectFrom("seats")
        .innerJoin("organizations", "organizations.id", "seats.organization_id")
        .select(["organizations.name"])
        .where("seats.id", "=", input.seatId)
        .where("seats.alliance_id", "=", allianceId)
        .executeTakeFirst();
      if (!seat) throw new AppError("not_found", "No such seat in this alliance.");
      seatName = seat.name;
    }
    const inviter = await trx.selectFrom("people").select("display_name").where("id", "=", viewer.personId).executeTakeFirstOrThrow();
    const invitation = await trx
      .insertInto("invitations")
      .values({ alliance_id: allianceId, seat_id: input.seatId, role: input.role, email, token_hash: hashToken(token), invited_by: viewer.personId, created_at: now, expires_at: new Date(now.getTime() + invitationLifetimeMs) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "invitation.sent",
      actorId: viewer.personId,
      seatId: input.seatId,
      visibility: input.seatId ? { level: "seats", seatIds: [input.seatId] } : { level: "facilitators" },
      payload: { invitationId: invitation.id, role: input.role, seatId: input.seatId, seatName },
    });
    return { invitation, allianceName: alliance.name, seatName, inviterName: inviter.display_name };
  });
  await ctx.mailer.send({
    to: email,
    subject: `${inviterName} invites you to ${allianceName} on Trellis`,
    text:
      `${inviterName} invites you to join ${allianceName} as ${input.role}${seatName ? ` for ${seatName}` : ""}.\n\n` +
      (input.message ? `${input.message}\n\n` : "") +
      `Accept the invitation (valid for 14 days):\n${ctx.settings.publicUrl}/invitations/${token}\n`,
  });
  return invitation;
}
