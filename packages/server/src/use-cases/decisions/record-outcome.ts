import { AppError, type AllianceViewer } from "@trellis/core";
import { validateOutcomeStatement } from "@trellis/core/decisions";
import { loadOutcomeStatement, loadProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { canSteward } from "./decision-support";

/**
 * Records (or revises, with its version) the outcome statement of a closed proposal and the date
 * the alliance will review it; the decision log keeps it.
 */
export async function recordOutcome(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  proposalId: string,
  input: { statement: string; reviewOn: string; version?: number | undefined },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    if (!canSteward(viewer, stored, "outcome.record")) throw new AppError("forbidden", "Only the proposer or a facilitator records the outcome.");
    if (stored.state !== "closed" || stored.proposal.closedAt === null) throw new AppError("conflict", "Close the proposal before recording its outcome.", { reason: "not_closed" });
    const statement = { statement: input.statement.trim(), reviewOn: input.reviewOn };
    validateOutcomeStatement(statement, new Date(stored.proposal.closedAt));
    const existing = await loadOutcomeStatement(trx, proposalId, { forUpdate: true });
    if (existing) {
      if (input.version === undefined || input.version !== existing.version) {
        throw new AppError("stale_version", "The outcome statement exists already: send the version you read to revise it.", { version: existing.version });
      }
      await trx
        .updateTable("decision_outcomes")
        .set({ statement: statement.statement, review_on: statement.reviewOn, recorded_by: viewer.personId, recorded_at: now, version: existing.version + 1 })
        .where("proposal_id", "=", proposalId)
        .execute();
    } else {
      await trx
        .insertInto("decision_outcomes")
        .values({ proposal_id: proposalId, alliance_id: allianceId, statement: statement.statement, review_on: statement.reviewOn, recorded_by: viewer.personId, recorded_at: now })
        .execute();
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "outcome.recorded",
      actorId: viewer.personId,
      payload: { proposalId, title: stored.title, statement: statement.statement, reviewOn: statement.reviewOn, result: stored.result, revised: existing !== null },
    });
  });
}
