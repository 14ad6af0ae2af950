import { can, canSee, isFacilitator, type AllianceViewer } from "@trellis/core";
import { viewOccurrenceIn } from "@trellis/core/rhythm";
import { visibilityFromColumns, type MeetingRecords, type MeetingWithCadence, type MeetingMinutesRow } from "@trellis/db";
import { z } from "zod";
import { antitrustNotice } from "../use-cases/rhythm/antitrust-notice";
import { isAgendaOpen, meetingOccurrence, missingAcknowledgements, seatAttendance, summarizeRatings } from "../use-cases/rhythm/meeting-rules";
import { visibilitySchema } from "./cadence.presenter";

const viewSchema = z.object({ timeZone: z.string(), localStart: z.string(), localEnd: z.string(), utcOffset: z.string(), dayShift: z.number().int(), label: z.string() });
const personRef = z.object({ id: z.string(), displayName: z.string() });
const seatRef = z.object({ id: z.string(), name: z.string() });

export const meetingSummarySchema = z.object({
  id: z.string(),
  cadenceId: z.string(),
  cadenceKind: z.string(),
  occurrenceKey: z.string(),
  title: z.string(),
  status: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  timeZone: z.string(),
  agendaCutoffAt: z.string(),
  agendaOpen: z.boolean(),
  agendaItemCount: z.number().int(),
  minutesVersion: z.number().int().nullable(),
  view: viewSchema,
});

const agendaItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  seat: seatRef.nullable(),
  author: personRef,
  durationMinutes: z.number().int().nullable(),
  plannedStart: z.string().nullable(),
  isLate: z.boolean(),
  startedAt: z.string().nullable(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  canChange: z.boolean(),
});

const outcomeSchema = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  kind: z.string(),
  linkedRecordId: z.string().nullable(),
  text: z.string(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const meetingSchema = meetingSummarySchema.extend({
  allianceId: z.string(),
  allianceName: z.string(),
  cadenceTitle: z.string(),
  location: z.string(),
  summary: z.string(),
  version: z.number().int(),
  visibility: visibilitySchema,
  organizerView: viewSchema,
  agendaCirculatedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  antitrustNotice: z.object({ required: z.boolean(), version: z.string(), text: z.string() }),
  agenda: z.array(agendaItemSchema),
  roster: z.array(
    z.object({
      personId: z.string(),
      displayName: z.string(),
      seat: seatRef.nullable(),
      roles: z.array(z.string()),
      attendance: z.string().nullable(),
      leftAt: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
    }),
  ),
  seatAttendance: z.array(z.object({ seatId: z.string(), name: z.string(), expected: z.boolean(), present: z.boolean(), peoplePresent: z.number().int() })),
  pendingAcknowledgements: z.array(personRef),
  objections: z.array(z.object({ id: z.string(), itemId: z.string().nullable(), itemTitle: z.string().nullable(), person: personRef, seat: seatRef.nullable(), reason: z.string(), at: z.string() })),
  outcomes: z.array(outcomeSchema),
  ratings: z.object({ count: z.number().int(), average: z.number().nullable(), distribution: z.array(z.number().int()), mine: z.number().int().nullable() }),
  minutesVersions: z.array(z.object({ version: z.number().int(), editedAt: z.string(), editedBy: z.string().nullable(), reason: z.string() })),
  me: z.object({ attendance: z.string().nullable(), acknowledged: z.boolean(), rating: z.number().int().nullable() }),
  can: z.object({
    addItem: z.boolean(),
    order: z.boolean(),
    circulate: z.boolean(),
    start: z.boolean(),
    acknowledge: z.boolean(),
    recordAttendance: z.boolean(),
    checkIn: z.boolean(),
    startItem: z.boolean(),
    object: z.boolean(),
    recordNotes: z.boolean(),
    recordOutcome: z.boolean(),
    rate: z.boolean(),
    close: z.boolean(),
    editMinutes: z.boolean(),
  }),
});

export const minutesSchema = z.object({
  meetingId: z.string(),
  version: z.number().int(),
  latestVersion: z.number().int(),
  editedAt: z.string(),
  editedBy: z.string().nullable(),
  reason: z.string(),
  markdown: z.string(),
  content: z.record(z.string(), z.unknown()),
});

/** A meeting in a list: its slot in the viewer's zone, status, agenda size, minutes version. */
export function presentMeetingSummary(
  m: Pick<MeetingWithCadence, "id" | "cadence_id" | "occurrence_key" | "title" | "status" | "scheduled_start" | "scheduled_end" | "agenda_cutoff_at" | "time_zone"> & { cadence_kind: string },
  extra: { agendaItemCount: number; minutesVersion: number | null; viewerTimeZone: string; now: Date },
): z.infer<typeof meetingSummarySchema> {
  const occurrence = meetingOccurrence({ cadenceId: m.cadence_id, occurrenceKey: m.occurrence_key, scheduledStart: m.scheduled_start, scheduledEnd: m.scheduled_end, timeZone: m.time_zone });
  return {
    id: m.id,
    cadenceId: m.cadence_id,
    cadenceKind: m.cadence_kind,
    occurrenceKey: m.occurrence_key,
    title: m.title,
    status: m.status,
    scheduledStart: m.scheduled_start.toISOString(),
    scheduledEnd: m.scheduled_end.toISOString(),
    timeZone: m.time_zone,
    agendaCutoffAt: m.agenda_cutoff_at.toISOString(),
    agendaOpen: isAgendaOpen({ status: m.status, agendaCutoffAt: m.agenda_cutoff_at }, extra.now),
    agendaItemCount: extra.agendaItemCount,
    minutesVersion: extra.minutesVersion,
    view: viewOccurrenceIn(occurrence, extra.viewerTimeZone),
  };
}

/** People of the alliance as the meeting page needs them (who may see the meeting), with their seat. */
export interface RosterPerson {
  id: string;
  displayName: string;
  roles: readonly string[];
  seatIds: readonly string[];
  viewer: AllianceViewer;
}

/**
 * The meeting page: agenda with authors' seats and time boxes, roster with attendance and
 * acknowledgements, attendance per seat, objections, outcomes, ratings (aggregate and mine),
 * minutes versions, and what the viewer may do now.
 */
export function presentMeeting(
  m: MeetingWithCadence,
  records: MeetingRecords,
  extra: { viewer: AllianceViewer; viewerTimeZone: string; now: Date; seats: ReadonlyMap<string, string>; people: readonly RosterPerson[] },
): z.infer<typeof meetingSchema> {
  const { viewer, now } = extra;
  const facilitate = can(viewer, "meeting.facilitate");
  const attend = can(viewer, "meeting.attend");
  const status = m.status;
  const running = status === "in_progress";
  const visibility = visibilityFromColumns(m);
  const attendanceOf = new Map(records.attendance.map((a) => [a.person_id, a]));
  const ackOf = new Map(records.acknowledgements.map((k) => [k.person_id, k]));
  const mine = attendanceOf.get(viewer.personId)?.status ?? null;
  const myRating = records.ratings.find((r) => r.person_id === viewer.personId)?.rating ?? null;
  const ratings = summarizeRatings(records.ratings.map((r) => r.rating));
  const agendaOpen = isAgendaOpen({ status, agendaCutoffAt: m.agenda_cutoff_at }, now);
  const occurrence = meetingOccurrence({ cadenceId: m.cadence_id, occurrenceKey: m.occurrence_key, scheduledStart: m.scheduled_start, scheduledEnd: m.scheduled_end, timeZone: m.time_zone });
  const seatRefOf = (id: string | null) => (id ? { id, name: extra.seats.get(id) ?? "Former seat" } : null);
  const pending = missingAcknowledgements({
    hasCompetitors: m.has_competitors,
    attendance: records.attendance.map((a) => ({ personId: a.person_id, status: a.status })),
    acknowledgedPersonIds: records.acknowledgements.map((k) => k.person_id),
  });
  let clock = m.scheduled_start.getTime();
  const agenda = records.items.map((item, index) => {
    const plannedStart = item.duration_minutes ? new Date(clock).toISOString() : null;
    if (item.duration_minutes) clock += item.duration_minutes * 60_000;
    const ownsItem = item.author_id === viewer.personId || (viewer.roles.includes("delegate") && item.seat_id !== null && viewer.seatIds.includes(item.seat_id));
    return {
      id: item.id,
      position: index + 1,
      title: item.title,
      description: item.description,
      seat: item.seat_id ? { id: item.seat_id, name: item.seat_name ?? extra.seats.get(item.seat_id) ?? "Former seat" } : null,
      author: { id: item.author_id, displayName: item.author_name },
      durationMinutes: item.duration_minutes,
      plannedStart,
      isLate: item.is_late,
      startedAt: item.started_at?.toISOString() ?? null,
      notes: item.notes,
      version: item.version,
      createdAt: item.created_at.toISOString(),
      canChange: facilitate ? status === "scheduled" || running : ownsItem && agendaOpen,
    };
  });
  const roster = extra.people
    .filter((p) => canSee(p.viewer, visibility) || attendanceOf.has(p.id))
    .map((p) => {
      const row = attendanceOf.get(p.id);
      const seatId = row?.seat_id ?? p.seatIds[0] ?? null;
      return {
        personId: p.id,
        displayName: p.displayName,
        seat: seatRefOf(seatId),
        roles: [...p.roles],
        attendance: row?.status ?? null,
        leftAt: row?.left_at?.toISOString() ?? null,
        acknowledgedAt: ackOf.get(p.id)?.acknowledged_at.toISOString() ?? null,
      };
    });
  const seatList = [...extra.seats].map(([id, name]) => ({ id, name }));
  return {
    ...presentMeetingSummary(m, { agendaItemCount: records.items.length, minutesVersion: records.minutes.at(-1)?.version ?? null, viewerTimeZone: extra.viewerTimeZone, now }),
    allianceId: m.alliance_id,
    allianceName: m.alliance_name,
    cadenceTitle: m.cadence_title,
    location: m.location,
    summary: m.summary,
    version: m.version,
    visibility: visibility.level === "seats" ? { level: "seats", seatIds: [...visibility.seatIds] } : visibility.level === "clean_team" ? { level: "clean_team", cleanTeamId: visibility.cleanTeamId } : { level: visibility.level },
    organizerView: viewOccurrenceIn(occurrence, m.time_zone),
    agendaCirculatedAt: m.agenda_circulated_at?.toISOString() ?? null,
    startedAt: m.started_at?.toISOString() ?? null,
    closedAt: m.closed_at?.toISOString() ?? null,
    antitrustNotice: { required: m.has_competitors, version: antitrustNotice.version, text: antitrustNotice.text },
    agenda,
    roster,
    seatAttendance: seatAttendance(
      m.expected_seat_ids,
      seatList,
      records.attendance.map((a) => ({ personId: a.person_id, seatId: a.seat_id, status: a.status })),
    ),
    pendingAcknowledgements: pending.map((id) => ({ id, displayName: attendanceOf.get(id)?.person_name ?? "Someone" })),
    objections: records.objections.map((o) => ({
      id: o.id,
      itemId: o.agenda_item_id,
      itemTitle: o.item_title,
      person: { id: o.person_id, displayName: o.person_name },
      seat: seatRefOf(o.seat_id),
      reason: o.reason,
      at: o.created_at.toISOString(),
    })),
    outcomes: records.outcomes.map((o) => ({
      id: o.id,
      itemId: o.agenda_item_id,
      kind: o.kind,
      linkedRecordId: o.linked_record_id,
      text: o.text,
      recordedBy: o.recorded_by_name,
      createdAt: o.created_at.toISOString(),
      version: o.version,
    })),
    ratings: { ...ratings, distribution: [...ratings.distribution], mine: myRating },
    minutesVersions: records.minutes.map((v) => ({ version: v.version, editedAt: v.edited_at.toISOString(), editedBy: v.edited_by_name, reason: v.reason })),
    me: { attendance: mine, acknowledged: ackOf.has(viewer.personId), rating: myRating },
    can: {
      addItem: (can(viewer, "agenda_item.create", { seatId: viewer.seatIds[0] ?? null }) && agendaOpen) || (isFacilitator(viewer) && (status === "scheduled" || running)),
      order: facilitate && (status === "scheduled" || running),
      circulate: facilitate && (status === "scheduled" || running),
      start: facilitate && status === "scheduled",
      acknowledge: attend && running && m.has_competitors && !ackOf.has(viewer.personId),
      recordAttendance: facilitate && running,
      checkIn: attend && running && mine !== "present",
      startItem: facilitate && running,
      object: attend && running && mine !== "left",
      recordNotes: facilitate && (running || status === "closed"),
      recordOutcome: facilitate && (running || status === "closed"),
      rate: attend && (running || status === "closed") && (mine === "present" || mine === "left"),
      close: facilitate && running,
      editMinutes: facilitate && status === "closed",
    },
  };
}

/** One version of the minutes as it leaves the server. */
export function presentMinutes(row: MeetingMinutesRow & { edited_by_name: string | null }, latestVersion: number): z.infer<typeof minutesSchema> {
  return {
    meetingId: row.meeting_id,
    version: row.version,
    latestVersion,
    editedAt: row.edited_at.toISOString(),
    editedBy: row.edited_by_name,
    reason: row.reason,
    markdown: row.markdown,
    content: (row.content ?? {}) as Record<string, unknown>,
  };
}
