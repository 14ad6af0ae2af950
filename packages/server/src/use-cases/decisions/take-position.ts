import { randomUUID } from "node:crypto";
import { AppError, type AllianceViewer } from "@trellis/core";
import { validatePosition, type Position, type PositionValue } from "@trellis/core/decisions";
import { loadProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { authorKey, loadSeatRefs, resolvePositionSeat } from "./decision-support";

/**
 * Takes (or changes) the viewer's position on an open proposal for their seat. A changed position
 * is a new one (new id), so an objection response always answers the exact objection it read.
 * On an anonymous proposal the row holds no person and the event names no actor and no seat;
 * while results are hidden the event carries no stance or choice.
 */
export async function takePosition(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  proposalId: string,
  input: { value: PositionValue; reason?: string | null | undefined; seatId?: string | null | undefined },
): Promise<{ id: string }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    const seatId = resolvePositionSeat(viewer, input.seatId);
    if (stored.state === "closed") throw new AppError("conflict", "This proposal is closed: positions can no longer be taken.", { proposalId, reason: "closed" });
    const { refs } = await loadSeatRefs(trx, allianceId);
    const key = authorKey(stored.authorSalt, viewer.personId);
    const anonymous = stored.proposal.anonymous;
    const position: Position = {
      id: randomUUID(),
      personId: anonymous ? key : viewer.personId,
      seatId,
      value: input.value,
      reason: input.reason?.trim() ? input.reason.trim() : null,
    };
    validatePosition(stored.proposal, position, { seats: refs, now });
    const replaced = await trx.deleteFrom("decision_positions").where("proposal_id", "=", proposalId).where("author_key", "=", key).returning("id").executeTakeFirst();
    await trx
      .insertInto("decision_positions")
      .values({
        id: position.id,
        proposal_id: proposalId,
        alliance_id: allianceId,
        author_key: key,
        person_id: anonymous ? null : viewer.personId,
        seat_id: seatId,
        value: JSON.stringify(position.value),
        reason: position.reason,
        taken_at: now,
      })
      .execute();
    const shown = !anonymous && !stored.proposal.hiddenUntilClose;
    await recordEvent(trx, now, {
      allianceId,
      type: "position.taken",
      actorId: anonymous ? null : viewer.personId,
      seatId: anonymous ? null : seatId,
      payload: {
        proposalId,
        title: stored.title,
        changed: replaced !== undefined,
        anonymous,
        ...(shown ? { positionId: position.id, value: position.value, reason: position.reason } : {}),
      },
    });
    return { id: position.id };
  });
}
