import { AppError, type AllianceViewer } from "@trellis/core";
import { withdrawAmendment as withdrawCoreAmendment } from "@trellis/core/charter";
import { loadAmendment } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** The proposer withdraws an open or stale amendment (versioned). */
export async function withdrawAmendment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, amendmentId: string, input: { version: number }): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await loadAmendment(trx, allianceId, amendmentId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such amendment.");
    if (stored.amendment.proposer.personId !== viewer.personId) throw new AppError("forbidden", "Only the proposer withdraws an amendment.", { reason: "not_proposer" });
    if (stored.version !== input.version) throw new AppError("stale_version", "The amendment changed since you read it; reload and try again.", { version: stored.version });
    const withdrawn = withdrawCoreAmendment(stored.amendment, now.toISOString());
    await trx.updateTable("charter_amendments").set({ state: withdrawn.state, settled_at: now, version: stored.version + 1 }).where("id", "=", amendmentId).execute();
    await recordEvent(trx, now, { allianceId, type: "amendment.withdrawn", actorId: viewer.personId, seatId: stored.amendment.proposer.seatId, payload: { amendmentId, title: stored.title } });
  });
}
