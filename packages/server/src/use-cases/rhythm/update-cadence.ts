import { AppError, can, type AllianceViewer } from "@trellis/core";
import type { CadenceKind } from "@trellis/core/rhythm";
import { loadCadence, visibilityFromColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { checkCadenceTargets, resolveCadenceSchedule, type CadenceScheduleInput } from "./cadence-schedule";

/**
 * Changes a cadence (facilitators; send the version you read). A new schedule applies to
 * occurrences not yet made into meetings; meetings keep the slot they were opened for.
 * Archiving ends the cadence: it leaves lists and calendar feeds, its meetings stay.
 */
export async function updateCadence(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  cadenceId: string,
  input: {
    version: number;
    title?: string | undefined;
    description?: string | undefined;
    location?: string | undefined;
    durationMinutes?: number | undefined;
    agendaCutoffMinutes?: number | undefined;
    expectedSeatIds?: readonly string[] | undefined;
    schedule?: CadenceScheduleInput | undefined;
    archived?: boolean | undefined;
  },
): Promise<void> {
  if (!can(viewer, "cadence.manage")) throw new AppError("forbidden", "Only a facilitator can change cadences.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadCadence(trx, allianceId, cadenceId, viewer, { forUpdate: true });
    if (!current) throw new AppError("not_found", "No such cadence in this alliance.");
    if (current.version !== input.version) throw new AppError("stale_version", "The cadence was changed by someone else; reload and try again.", { version: current.version });
    const title = input.title?.trim() ?? current.title;
    const durationMinutes = input.durationMinutes ?? current.duration_minutes;
    const schedule = input.schedule ? resolveCadenceSchedule(input.schedule, { kind: current.kind as CadenceKind, title, durationMinutes }) : null;
    if (!schedule && (input.title !== undefined || input.durationMinutes !== undefined)) {
      resolveCadenceSchedule({ kind: "rrule", rrule: current.rrule, dtstart: current.dtstart, timeZone: current.time_zone }, { kind: current.kind as CadenceKind, title, durationMinutes });
    }
    const expectedSeatIds = input.expectedSeatIds !== undefined ? [...new Set(input.expectedSeatIds)].sort() : undefined;
    if (expectedSeatIds) await checkCadenceTargets(trx, allianceId, expectedSeatIds, visibilityFromColumns(current));
    const changes = {
      ...(title !== current.title ? { title } : {}),
      ...(input.description !== undefined && input.description.trim() !== current.description ? { description: input.description.trim() } : {}),
      ...(input.location !== undefined && input.location.trim() !== current.location ? { location: input.location.trim() } : {}),
      ...(durationMinutes !== current.duration_minutes ? { duration_minutes: durationMinutes } : {}),
      ...(input.agendaCutoffMinutes !== undefined && input.agendaCutoffMinutes !== current.agenda_cutoff_minutes ? { agenda_cutoff_minutes: input.agendaCutoffMinutes } : {}),
      ...(expectedSeatIds && expectedSeatIds.join() !== [...current.expected_seat_ids].sort().join() ? { expected_seat_ids: expectedSeatIds } : {}),
      ...(schedule && (schedule.rrule !== current.rrule || schedule.dtstart !== current.dtstart || schedule.timeZone !== current.time_zone)
        ? { rrule: schedule.rrule, dtstart: schedule.dtstart, time_zone: schedule.timeZone }
        : {}),
    };
    const archiving = input.archived === true && current.archived_at === null;
    const restoring = input.archived === false && current.archived_at !== null;
    if (Object.keys(changes).length === 0 && !archiving && !restoring) return;
    await trx
      .updateTable("cadences")
      .set({ ...changes, ...(archiving ? { archived_at: now } : restoring ? { archived_at: null } : {}), version: current.version + 1, updated_at: now })
      .where("id", "=", cadenceId)
      .execute();
    const visibility = visibilityFromColumns(current);
    if (Object.keys(changes).length > 0) {
      const from = Object.fromEntries(Object.keys(changes).map((key) => [key, current[key as keyof typeof current]]));
      await recordEvent(trx, now, {
        allianceId,
        type: "cadence.updated",
        actorId: viewer.personId,
        visibility,
        payload: { cadenceId, title, changes: { ...changes, ...(schedule ? { description: schedule.description } : {}) }, from },
      });
    }
    if (archiving || restoring) {
      await recordEvent(trx, now, { allianceId, type: archiving ? "cadence.archived" : "cadence.restored", actorId: viewer.personId, visibility, payload: { cadenceId, title } });
    }
  });
}
