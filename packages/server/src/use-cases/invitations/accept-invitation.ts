import { AppError, type AllianceRole } from "@trellis/core";
import type { ServerContext } from "../../context";
import { hashToken } from "../../auth/tokens";
import { insertMembership } from "../alliances/manage-seats";
import { recordEvent } from "../record-event";

/** What an invitation link shows before it is accepted. */
export async function previewInvitation(ctx: ServerContext, token: string) {
  const row = await ctx.db
    .selectFrom("invitations as i")
    .innerJoin("alliances as a", "a.id", "i.alliance_id")
    .leftJoin("seats as s", "s.id", "i.seat_id")
    .leftJoin("organizations as o", "o.id", "s.organization_id")
    .innerJoin("people as p", "p.id", "i.invited_by")
    .select(["i.id", "i.email", "i.role", "i.expires_at", "i.accepted_at", "i.revoked_at", "a.id as allianceId", "a.name as allianceName", "o.name as seatName", "p.display_name as invitedBy"])
    .where("i.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.accepted_at || row.expires_at <= ctx.clock()) {
    throw new AppError("invalid_token", "This invitation is not valid any more (used, withdrawn or expired).");
  }
  return row;
}

/** Accepts an invitation as the signed-in person: they take the role (and seat) it offers. */
export async function acceptInvitation(ctx: ServerContext, personId: string, token: string): Promise<{ allianceId: string }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await trx.selectFrom("invitations").selectAll().where("token_hash", "=", hashToken(token)).forUpdate().executeTakeFirst();
    if (!invitation || invitation.revoked_at || invitation.accepted_at || invitation.expires_at <= now) {
      throw new AppError("invalid_token", "This invitation is not valid any more (used, withdrawn or expired).");
    }
    await trx.updateTable("invitations").set({ accepted_at: now, accepted_by: personId }).where("id", "=", invitation.id).execute();
    const role = invitation.role as AllianceRole;
    await insertMembership(trx, invitation.alliance_id, { personId, role, seatId: invitation.seat_id }, now);
    if (invitation.seat_id) {
      const seat = await trx.selectFrom("seats").select("organization_id").where("id", "=", invitation.seat_id).executeTakeFirstOrThrow();
      await trx.insertInto("organization_people").values({ organization_id: seat.organization_id, person_id: personId }).onConflict((oc) => oc.doNothing()).execute();
    }
    const person = await trx.selectFrom("people").select("display_name").where("id", "=", personId).executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId: invitation.alliance_id,
      type: "person.joined",
      actorId: personId,
      seatId: invitation.seat_id,
      payload: { personId, displayName: person.display_name, role, seatId: invitation.seat_id, invitationId: invitation.id },
    });
    return { allianceId: invitation.alliance_id };
  });
}
