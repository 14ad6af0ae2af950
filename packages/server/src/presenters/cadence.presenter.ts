import { describeRrule } from "@trellis/core/rhythm";
import { visibilityFromColumns, type CadenceRow } from "@trellis/db";
import { z } from "zod";
import type { ListedOccurrence } from "../use-cases/rhythm/list-occurrences";

export const visibilitySchema = z.object({ level: z.string(), seatIds: z.array(z.string()).optional(), cleanTeamId: z.string().optional() });

const viewSchema = z.object({ timeZone: z.string(), localStart: z.string(), localEnd: z.string(), utcOffset: z.string(), dayShift: z.number().int(), label: z.string() });

export const occurrenceSchema = z.object({
  cadenceId: z.string(),
  cadenceTitle: z.string(),
  kind: z.string(),
  occurrenceKey: z.string(),
  start: z.string(),
  end: z.string(),
  localStart: z.string(),
  timeZone: z.string(),
  cancelled: z.boolean(),
  agendaCutoffAt: z.string(),
  view: viewSchema,
  meeting: z.object({ id: z.string(), status: z.string(), agendaItemCount: z.number().int() }).nullable(),
});

export const cadenceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  rrule: z.string(),
  dtstart: z.string(),
  timeZone: z.string(),
  ruleDescription: z.string(),
  durationMinutes: z.number().int(),
  agendaCutoffMinutes: z.number().int(),
  expectedSeats: z.array(z.object({ id: z.string(), name: z.string() })),
  visibility: visibilitySchema,
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  nextOccurrence: occurrenceSchema.nullable(),
  cancelledOccurrences: z.array(z.object({ occurrenceKey: z.string(), reason: z.string(), cancelledAt: z.string(), cancelledBy: z.string().nullable() })).optional(),
});

/** An occurrence as it leaves the server. */
export function presentOccurrence(o: ListedOccurrence): z.infer<typeof occurrenceSchema> {
  return {
    cadenceId: o.cadenceId,
    cadenceTitle: o.cadenceTitle,
    kind: o.kind,
    occurrenceKey: o.occurrenceKey,
    start: o.start,
    end: o.end,
    localStart: o.localStart,
    timeZone: o.timeZone,
    cancelled: o.cancelled,
    agendaCutoffAt: o.agendaCutoffAt,
    view: o.view,
    meeting: o.meeting,
  };
}

/** A cadence as it leaves the server: its rule in plain English, the seats expected, its next occurrence. */
export function presentCadence(
  row: CadenceRow,
  extra: { seatNames: ReadonlyMap<string, string>; nextOccurrence: ListedOccurrence | null; cancellations?: { occurrence_key: string; reason: string; cancelled_at: Date; cancelled_by_name: string | null }[] },
): z.infer<typeof cadenceSchema> {
  const visibility = visibilityFromColumns(row);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    location: row.location,
    rrule: row.rrule,
    dtstart: row.dtstart,
    timeZone: row.time_zone,
    ruleDescription: describeRrule(row.rrule, { dtstart: row.dtstart, timeZone: row.time_zone }),
    durationMinutes: row.duration_minutes,
    agendaCutoffMinutes: row.agenda_cutoff_minutes,
    expectedSeats: row.expected_seat_ids.map((id) => ({ id, name: extra.seatNames.get(id) ?? "Former seat" })).sort((a, b) => a.name.localeCompare(b.name)),
    visibility: visibility.level === "seats" ? { level: "seats", seatIds: [...visibility.seatIds] } : visibility.level === "clean_team" ? { level: "clean_team", cleanTeamId: visibility.cleanTeamId } : { level: visibility.level },
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    nextOccurrence: extra.nextOccurrence ? presentOccurrence(extra.nextOccurrence) : null,
    ...(extra.cancellations
      ? {
          cancelledOccurrences: extra.cancellations
            .map((c) => ({ occurrenceKey: c.occurrence_key, reason: c.reason, cancelledAt: c.cancelled_at.toISOString(), cancelledBy: c.cancelled_by_name }))
            .sort((a, b) => (a.occurrenceKey < b.occurrenceKey ? -1 : 1)),
        }
      : {}),
  };
}
