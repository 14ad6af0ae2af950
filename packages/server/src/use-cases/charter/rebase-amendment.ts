import { AppError, type AllianceViewer } from "@trellis/core";
import { rebaseAmendment as rebaseCoreAmendment, type CharterSetting } from "@trellis/core/charter";
import { loadAmendment } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { loadCurrentCharter, loadSeats } from "./charter-support";

export interface RebaseAmendmentInput {
  /** The amendment version the proposer read (409 stale_version otherwise). */
  version: number;
  proposedText: string | null;
  proposedSetting?: CharterSetting | null | undefined;
  rationale?: string | undefined;
  title?: string | undefined;
}

/**
 * The proposer revises an open amendment or rebases a stale one onto the clause as it is now: a
 * new draft, so every seat answers again (earlier answers were for other words).
 */
export async function rebaseAmendment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, amendmentId: string, input: RebaseAmendmentInput): Promise<{ draft: number }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const { head, charter } = await loadCurrentCharter(trx, allianceId, { forUpdate: true });
    const stored = await loadAmendment(trx, allianceId, amendmentId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such amendment.");
    if (stored.amendment.proposer.personId !== viewer.personId) throw new AppError("forbidden", "Only the proposer revises or rebases an amendment.", { reason: "not_proposer" });
    if (stored.version !== input.version) throw new AppError("stale_version", "The amendment changed since you read it; reload and try again.", { version: stored.version });
    const { seatIds } = await loadSeats(trx, allianceId);
    const wasStale = stored.amendment.state === "stale";
    const rebased = rebaseCoreAmendment(
      charter,
      stored.amendment,
      {
        proposedText: input.proposedText === null ? null : input.proposedText.trim(),
        ...(input.proposedSetting !== undefined ? { proposedSetting: input.proposedSetting } : {}),
        ...(input.rationale !== undefined ? { rationale: input.rationale.trim() } : {}),
      },
      seatIds,
    );
    const title = input.title?.trim() || stored.title;
    await trx
      .updateTable("charter_amendments")
      .set({
        title,
        proposed_text: rebased.proposedText,
        proposed_setting: rebased.proposedSetting ? JSON.stringify(rebased.proposedSetting) : null,
        rationale: rebased.rationale,
        base_clause_revision: rebased.baseClauseRevision,
        base_text: rebased.baseText,
        state: rebased.state,
        draft: rebased.draft,
        based_on_version: head.current_version,
        version: stored.version + 1,
      })
      .where("id", "=", amendmentId)
      .execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "amendment.rebased",
      actorId: viewer.personId,
      seatId: rebased.proposer.seatId,
      payload: { amendmentId, title, draft: rebased.draft, wasStale, basedOnVersion: head.current_version, proposedText: rebased.proposedText, rationale: rebased.rationale },
    });
    return { draft: rebased.draft };
  });
}
