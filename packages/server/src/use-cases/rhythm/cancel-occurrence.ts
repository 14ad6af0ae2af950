import { AppError, can, type AllianceViewer } from "@trellis/core";
import { cadenceFromRow, loadCadence, loadCancelledKeys, visibilityFromColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { findOccurrence } from "./find-occurrence";

/**
 * Cancels one occurrence (facilitators): it stays in lists and feeds, marked cancelled under the
 * same UID; a meeting opened for it is cancelled too (refused once the meeting has started).
 */
export async function cancelOccurrence(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, cadenceId: string, occurrenceKey: string, input: { reason?: string | undefined }): Promise<void> {
  if (!can(viewer, "cadence.manage")) throw new AppError("forbidden", "Only a facilitator can cancel an occurrence.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCadence(trx, allianceId, cadenceId, viewer, { forUpdate: true });
    if (!row) throw new AppError("not_found", "No such cadence in this alliance.");
    const cancelled = (await loadCancelledKeys(trx, [cadenceId])).get(cadenceId) ?? [];
    const occurrence = findOccurrence(cadenceFromRow(row, []), occurrenceKey);
    if (cancelled.includes(occurrenceKey)) throw new AppError("conflict", "This occurrence is already cancelled.");
    const meeting = await trx.selectFrom("meetings").select(["id", "status", "version"]).where("cadence_id", "=", cadenceId).where("occurrence_key", "=", occurrenceKey).forUpdate().executeTakeFirst();
    if (meeting && meeting.status !== "scheduled") throw new AppError("conflict", `The meeting for this occurrence is ${meeting.status.replace("_", " ")}; it cannot be cancelled.`, { status: meeting.status });
    const reason = input.reason?.trim() ?? "";
    await trx.insertInto("cadence_cancellations").values({ cadence_id: cadenceId, occurrence_key: occurrenceKey, reason, cancelled_by: viewer.personId, cancelled_at: now }).execute();
    if (meeting) await trx.updateTable("meetings").set({ status: "cancelled", version: meeting.version + 1 }).where("id", "=", meeting.id).execute();
    await trx.updateTable("cadences").set({ version: row.version + 1, updated_at: now }).where("id", "=", cadenceId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "occurrence.cancelled",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(row),
      payload: { cadenceId, title: row.title, occurrenceKey, start: occurrence.start, reason, meetingId: meeting?.id ?? null },
    });
  });
}

/** Puts a cancelled occurrence back (facilitators); its meeting, if any, is scheduled again. */
export async function reinstateOccurrence(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, cadenceId: string, occurrenceKey: string): Promise<void> {
  if (!can(viewer, "cadence.manage")) throw new AppError("forbidden", "Only a facilitator can reinstate an occurrence.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCadence(trx, allianceId, cadenceId, viewer, { forUpdate: true });
    if (!row) throw new AppError("not_found", "No such cadence in this alliance.");
    const occurrence = findOccurrence(cadenceFromRow(row, []), occurrenceKey);
    const removed = await trx.deleteFrom("cadence_cancellations").where("cadence_id", "=", cadenceId).where("occurrence_key", "=", occurrenceKey).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new AppError("conflict", "This occurrence is not cancelled.");
    const meeting = await trx.selectFrom("meetings").select(["id", "version"]).where("cadence_id", "=", cadenceId).where("occurrence_key", "=", occurrenceKey).where("status", "=", "cancelled").executeTakeFirst();
    if (meeting) await trx.updateTable("meetings").set({ status: "scheduled", version: meeting.version + 1 }).where("id", "=", meeting.id).execute();
    await trx.updateTable("cadences").set({ version: row.version + 1, updated_at: now }).where("id", "=", cadenceId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "occurrence.reinstated",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(row),
      payload: { cadenceId, title: row.title, occurrenceKey, start: occurrence.start, meetingId: meeting?.id ?? null },
    });
  });
}
