import { AppError, can, type AllianceViewer } from "@trellis/core";
import { rejectAmendment as rejectCoreAmendment } from "@trellis/core/charter";
import { listRatificationAnswers, loadAmendment } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { loadCurrentCharter, loadSeats } from "./charter-support";

/**
 * Records that an open amendment can no longer be ratified with the answers given (objecting
 * seats make the rule unreachable): the facilitator or the proposer closes it as rejected.
 */
export async function rejectAmendment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, amendmentId: string, input: { version: number }): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const { charter } = await loadCurrentCharter(trx, allianceId, { forUpdate: true });
    const stored = await loadAmendment(trx, allianceId, amendmentId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such amendment.");
    if (stored.amendment.proposer.personId !== viewer.personId && !can(viewer, "amendment.settle")) {
      throw new AppError("forbidden", "Only the proposer or a facilitator closes an amendment as rejected.");
    }
    if (stored.version !== input.version) throw new AppError("stale_version", "The amendment changed since you read it; reload and try again.", { version: stored.version });
    const { seats } = await loadSeats(trx, allianceId);
    const answers = (await listRatificationAnswers(trx, [amendmentId], stored.amendment.draft)).map((a) => a.answer);
    const rejected = rejectCoreAmendment(charter, stored.amendment, answers, seats.map((s) => ({ id: s.id, weight: s.weight })), now.toISOString());
    await trx.updateTable("charter_amendments").set({ state: rejected.state, settled_at: now, version: stored.version + 1 }).where("id", "=", amendmentId).execute();
    const objectingSeats = [...new Set(answers.filter((a) => a.answer === "object").map((a) => a.seatId))];
    await recordEvent(trx, now, { allianceId, type: "amendment.rejected", actorId: viewer.personId, payload: { amendmentId, title: stored.title, objectingSeats } });
  });
}
