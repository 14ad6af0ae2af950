import { AppError, type AllianceViewer } from "@trellis/core";
import type { Outcome } from "@trellis/core/decisions";
import { loadProposal, type StoredProposal, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { canSteward, loadSeatRefs, tallyStored } from "./decision-support";

/**
 * Closes a proposal and freezes its outcome (with the seats it counted). By hand: the proposer or
 * a facilitator, before or after the closing time. By the closing job (viewer null) once the
 * closing time has come. Returns null when the job finds it closed already.
 */
export async function closeProposal(
  ctx: ServerContext,
  viewer: AllianceViewer | null,
  allianceId: string,
  proposalId: string,
  input: { version?: number | undefined } = {},
): Promise<Outcome | null> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { ...(viewer ? { viewer } : {}), forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    if (viewer && !canSteward(viewer, stored, "proposal.close")) throw new AppError("forbidden", "Only the proposer or a facilitator closes a proposal.");
    if (stored.state === "closed") {
      if (viewer === null) return null;
      throw new AppError("illegal_move", "This proposal is closed already.", { state: "closed" });
    }
    if (input.version !== undefined && input.version !== stored.version) throw new AppError("stale_version", "The proposal changed since you read it; reload and try again.", { version: stored.version });
    if (viewer === null && (stored.proposal.closesAt === null || Date.parse(stored.proposal.closesAt) > now.getTime())) return null;
    return freezeOutcome(trx, stored, { now, actorId: viewer?.personId ?? null, byHand: viewer !== null });
  });
}

/** Tallies the proposal as closed now, stores the frozen outcome and appends proposal.closed. */
export async function freezeOutcome(trx: Trx, stored: StoredProposal, input: { now: Date; actorId: string | null; byHand: boolean }): Promise<Outcome> {
  const { now } = input;
  const { seats, refs } = await loadSeatRefs(trx, stored.allianceId);
  // Closed by hand before its time: now; by the job: the closing time it reached.
  const closedAt = !input.byHand && stored.proposal.closesAt !== null ? new Date(stored.proposal.closesAt) : now;
  const closed: StoredProposal = { ...stored, proposal: { ...stored.proposal, closedAt: closedAt.toISOString() } };
  const outcome = await tallyStored(trx, closed, refs, now);
  await trx
    .updateTable("decision_proposals")
    .set({
      state: "closed",
      closed_at: closedAt,
      closed_by: input.actorId,
      outcome: JSON.stringify(outcome),
      seats_at_close: JSON.stringify(refs),
      result: outcome.result,
      updated_at: now,
      version: stored.version + 1,
    })
    .where("id", "=", stored.proposal.id)
    .execute();
  const names = new Map(seats.map((s) => [s.id, s.name]));
  const labels = new Map(stored.proposal.options.map((o) => [o.id, o.label]));
  await recordEvent(trx, now, {
    allianceId: stored.allianceId,
    type: "proposal.closed",
    actorId: input.actorId,
    seatId: null,
    payload: {
      proposalId: stored.proposal.id,
      title: stored.title,
      method: stored.proposal.method.kind,
      outcome: outcome.result,
      passed: outcome.passed,
      winners: outcome.winners.map((id) => labels.get(id) ?? id),
      quorumMet: outcome.quorum.met,
      seatsNotParticipating: outcome.seatsNotParticipating.map((id) => ({ seatId: id, name: names.get(id) ?? "" })),
      closedBy: input.byHand ? "hand" : "schedule",
    },
  });
  return outcome;
}
