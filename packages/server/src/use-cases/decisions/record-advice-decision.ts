import { AppError, type AllianceViewer } from "@trellis/core";
import { validateAdviceDecision, type AdviceDecision } from "@trellis/core/decisions";
import { listPositions, loadProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { freezeOutcome } from "./close-proposal";
import { loadSeatRefs, tallyStored } from "./decision-support";

/**
 * The named decider of an advice proposal records the decision and the advice taken, once a
 * quorum of seats has advised. The decision closes the proposal (if still open) with its outcome.
 */
export async function recordAdviceDecision(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  proposalId: string,
  input: { decision: AdviceDecision["decision"]; note: string; adviceTaken: readonly string[] },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    if (stored.adviceDecision !== null) throw new AppError("illegal_move", "The decider has decided already.", { reason: "decided" });
    const { refs } = await loadSeatRefs(trx, allianceId);
    const positions = (await listPositions(trx, proposalId)).map((p) => p.position);
    const decision: AdviceDecision = { deciderId: viewer.personId, decision: input.decision, note: input.note.trim(), adviceTaken: [...new Set(input.adviceTaken)] };
    validateAdviceDecision(stored.proposal, decision, positions, stored.seatsAtClose ?? refs);
    await trx.updateTable("decision_proposals").set({ advice_decision: JSON.stringify(decision), updated_at: now }).where("id", "=", proposalId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "proposal.decided",
      actorId: viewer.personId,
      payload: { proposalId, title: stored.title, decision: decision.decision, note: decision.note, adviceTaken: decision.adviceTaken.length, adviceGiven: positions.length },
    });
    const decided = { ...stored, adviceDecision: decision };
    if (stored.state === "open") {
      await freezeOutcome(trx, decided, { now, actorId: viewer.personId, byHand: true });
    } else {
      // Closed while awaiting the decision: the frozen outcome now carries it.
      const outcome = await tallyStored(trx, decided, stored.seatsAtClose ?? refs, now);
      await trx.updateTable("decision_proposals").set({ outcome: JSON.stringify(outcome), result: outcome.result, version: stored.version + 1 }).where("id", "=", proposalId).execute();
    }
  });
}
