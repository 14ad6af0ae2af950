import { AppError, can, type AllianceViewer, type Visibility } from "@trellis/core";
import type { CadenceKind } from "@trellis/core/rhythm";
import { visibilityColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { checkCadenceTargets, resolveCadenceSchedule, type CadenceScheduleInput } from "./cadence-schedule";

export interface CadenceInput {
  kind: CadenceKind;
  title: string;
  description?: string | undefined;
  location?: string | undefined;
  durationMinutes: number;
  /** Minutes before each start at which the agenda closes (default 24 hours). */
  agendaCutoffMinutes?: number | undefined;
  /** The seats expected at each occurrence; default every seat of the alliance. */
  expectedSeatIds?: readonly string[] | undefined;
  visibility?: Visibility | undefined;
  schedule: CadenceScheduleInput;
}

/** Defines a cadence (facilitators): a recurrence in a time zone, its duration, the seats expected. */
export async function createCadence(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: CadenceInput): Promise<{ id: string }> {
  if (!can(viewer, "cadence.manage")) throw new AppError("forbidden", "Only a facilitator can set up cadences.");
  const title = input.title.trim();
  const schedule = resolveCadenceSchedule(input.schedule, { kind: input.kind, title, durationMinutes: input.durationMinutes });
  const visibility = input.visibility ?? { level: "alliance" };
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const expectedSeatIds =
      input.expectedSeatIds !== undefined
        ? [...new Set(input.expectedSeatIds)].sort()
        : (await trx.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).orderBy("id").execute()).map((s) => s.id);
    await checkCadenceTargets(trx, allianceId, expectedSeatIds, visibility);
    const cadence = await trx
      .insertInto("cadences")
      .values({
        alliance_id: allianceId,
        kind: input.kind,
        title,
        description: input.description?.trim() ?? "",
        location: input.location?.trim() ?? "",
        rrule: schedule.rrule,
        dtstart: schedule.dtstart,
        time_zone: schedule.timeZone,
        duration_minutes: input.durationMinutes,
        agenda_cutoff_minutes: input.agendaCutoffMinutes ?? 24 * 60,
        expected_seat_ids: expectedSeatIds,
        created_by: viewer.personId,
        created_at: now,
        updated_at: now,
        ...visibilityColumns(visibility),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "cadence.created",
      actorId: viewer.personId,
      visibility,
      payload: { cadenceId: cadence.id, title, kind: input.kind, rrule: schedule.rrule, dtstart: schedule.dtstart, timeZone: schedule.timeZone, description: schedule.description, durationMinutes: input.durationMinutes, expectedSeatIds },
    });
    return cadence;
  });
}
