import { AppError, can, type AllianceViewer } from "@trellis/core";
import { agendaCutoffOf } from "@trellis/core/rhythm";
import { cadenceFromRow, loadCadence, loadCancelledKeys, visibilityFromColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { findOccurrence } from "./find-occurrence";

/**
 * Makes an occurrence a meeting, so seats can add agenda items (facilitators and delegates).
 * Idempotent: a second call returns the meeting already opened (created: false).
 */
export async function openMeeting(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { cadenceId: string; occurrenceKey: string }): Promise<{ id: string; created: boolean }> {
  if (!can(viewer, "meeting.open")) throw new AppError("forbidden", "Only facilitators and delegates open meetings.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadCadence(trx, allianceId, input.cadenceId, viewer);
    if (!row) throw new AppError("not_found", "No such cadence in this alliance.");
    const existing = await trx.selectFrom("meetings").select("id").where("cadence_id", "=", row.id).where("occurrence_key", "=", input.occurrenceKey).executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    if (row.archived_at) throw new AppError("conflict", "The cadence is archived; restore it to open meetings.");
    const cancelled = (await loadCancelledKeys(trx, [row.id])).get(row.id) ?? [];
    const occurrence = findOccurrence(cadenceFromRow(row, cancelled), input.occurrenceKey);
    if (occurrence.cancelled) throw new AppError("conflict", "This occurrence is cancelled; reinstate it first.");
    const visibility = visibilityFromColumns(row);
    const inserted = await trx
      .insertInto("meetings")
      .values({
        alliance_id: allianceId,
        cadence_id: row.id,
        occurrence_key: occurrence.occurrenceKey,
        title: row.title,
        scheduled_start: occurrence.start,
        scheduled_end: occurrence.end,
        agenda_cutoff_at: agendaCutoffOf(occurrence, row.agenda_cutoff_minutes),
        expected_seat_ids: row.expected_seat_ids,
        opened_by: viewer.personId,
        created_at: now,
        visibility: row.visibility,
        visible_seat_ids: row.visible_seat_ids,
        clean_team_id: row.clean_team_id,
      })
      .onConflict((oc) => oc.columns(["cadence_id", "occurrence_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const raced = await trx.selectFrom("meetings").select("id").where("cadence_id", "=", row.id).where("occurrence_key", "=", input.occurrenceKey).executeTakeFirstOrThrow();
      return { id: raced.id, created: false };
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "meeting.opened",
      actorId: viewer.personId,
      visibility,
      payload: { meetingId: inserted.id, cadenceId: row.id, occurrenceKey: occurrence.occurrenceKey, title: row.title, scheduledStart: occurrence.start },
    });
    return { id: inserted.id, created: true };
  });
}
