import { viewOccurrenceIn } from "@trellis/core/rhythm";
import type { MeetingRecords, MeetingWithCadence } from "@trellis/db";
import { antitrustNotice } from "./antitrust-notice";
import { meetingOccurrence, seatAttendance, summarizeRatings } from "./meeting-rules";

/** What the minutes say: a snapshot of the meeting's records, kept as it was for each version. */
export interface MinutesContent {
  meeting: {
    id: string;
    title: string;
    cadenceTitle: string;
    kind: string;
    allianceName: string;
    scheduledStart: string;
    scheduledEnd: string;
    timeZone: string;
    /** "Tue 3 Nov 2026, 15:00–16:00 (Europe/Berlin)". */
    when: string;
    location: string;
    startedAt: string | null;
    closedAt: string | null;
  };
  summary: string;
  antitrustNotice: { required: boolean; version: string | null; acknowledgedBy: { personId: string; name: string; seatName: string | null; at: string }[] };
  attendance: {
    seats: { seatId: string; name: string; expected: boolean; present: boolean }[];
    people: { personId: string; name: string; seatName: string | null; status: string; leftAt: string | null }[];
  };
  agenda: {
    itemId: string;
    position: number;
    title: string;
    description: string;
    seatName: string | null;
    authorName: string;
    durationMinutes: number | null;
    isLate: boolean;
    startedAt: string | null;
    notes: string;
    objections: MinutesObjection[];
    outcomes: MinutesOutcome[];
  }[];
  /** Outcomes and objections not tied to an item. */
  outcomes: MinutesOutcome[];
  objections: MinutesObjection[];
  ratings: { count: number; average: number | null };
}

export interface MinutesObjection {
  personId: string;
  name: string;
  seatName: string | null;
  reason: string;
  at: string;
}

export interface MinutesOutcome {
  id: string;
  kind: string;
  linkedRecordId: string | null;
  text: string;
}

/** Builds the minutes' content from the meeting's records (pure; the caller stores it as a version). */
export function composeMinutes(meeting: MeetingWithCadence, records: MeetingRecords, seats: readonly { id: string; name: string }[]): MinutesContent {
  const objection = (o: MeetingRecords["objections"][number]): MinutesObjection => ({ personId: o.person_id, name: o.person_name, seatName: o.seat_name, reason: o.reason, at: o.created_at.toISOString() });
  const outcome = (o: MeetingRecords["outcomes"][number]): MinutesOutcome => ({ id: o.id, kind: o.kind, linkedRecordId: o.linked_record_id, text: o.text });
  const itemIds = new Set(records.items.map((i) => i.id));
  const attendance = records.attendance.map((a) => ({ personId: a.person_id, seatId: a.seat_id, status: a.status }));
  const ratings = summarizeRatings(records.ratings.map((r) => r.rating));
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      cadenceTitle: meeting.cadence_title,
      kind: meeting.cadence_kind,
      allianceName: meeting.alliance_name,
      scheduledStart: meeting.scheduled_start.toISOString(),
      scheduledEnd: meeting.scheduled_end.toISOString(),
      timeZone: meeting.time_zone,
      when: viewOccurrenceIn(
        meetingOccurrence({ cadenceId: meeting.cadence_id, occurrenceKey: meeting.occurrence_key, scheduledStart: meeting.scheduled_start, scheduledEnd: meeting.scheduled_end, timeZone: meeting.time_zone }),
        meeting.time_zone,
      ).label,
      location: meeting.location,
      startedAt: meeting.started_at?.toISOString() ?? null,
      closedAt: meeting.closed_at?.toISOString() ?? null,
    },
    summary: meeting.summary,
    antitrustNotice: {
      required: meeting.has_competitors,
      version: meeting.has_competitors ? antitrustNotice.version : null,
      acknowledgedBy: records.acknowledgements.map((k) => ({ personId: k.person_id, name: k.person_name, seatName: k.seat_name, at: k.acknowledged_at.toISOString() })),
    },
    attendance: {
      seats: seatAttendance(meeting.expected_seat_ids, seats, attendance).map(({ seatId, name, expected, present }) => ({ seatId, name, expected, present })),
      people: records.attendance.map((a) => ({ personId: a.person_id, name: a.person_name, seatName: a.seat_name, status: a.status, leftAt: a.left_at?.toISOString() ?? null })),
    },
    agenda: records.items.map((item, index) => ({
      itemId: item.id,
      position: index + 1,
      title: item.title,
      description: item.description,
      seatName: item.seat_name,
      authorName: item.author_name,
      durationMinutes: item.duration_minutes,
      isLate: item.is_late,
      startedAt: item.started_at?.toISOString() ?? null,
      notes: item.notes,
      objections: records.objections.filter((o) => o.agenda_item_id === item.id).map(objection),
      outcomes: records.outcomes.filter((o) => o.agenda_item_id === item.id).map(outcome),
    })),
    outcomes: records.outcomes.filter((o) => o.agenda_item_id === null || !itemIds.has(o.agenda_item_id)).map(outcome),
    objections: records.objections.filter((o) => o.agenda_item_id === null || !itemIds.has(o.agenda_item_id)).map(objection),
    ratings: { count: ratings.count, average: ratings.average },
  };
}

const outcomeLabel: Record<string, string> = { commitment: "Commitment", proposal: "Proposal", note: "Note" };
const statusLabel: Record<string, string> = { present: "present", absent: "absent", excused: "excused", left: "left after an objection" };

/** One line of Markdown text: no line breaks, no leading characters Markdown would take as structure. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/^([#>*+-]|\d+\.)\s/, "\\$1 ").trim();
}

/** A block of Markdown text kept as written, indented under a list item when asked. */
function block(text: string, indent = ""): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `${indent}${line}`)
    .join("\n");
}

function hhmm(iso: string | null): string {
  return iso ? `${iso.slice(11, 16)} UTC` : "—";
}

function objectionLine(o: MinutesObjection): string {
  return `${inline(o.name)}${o.seatName ? ` (${inline(o.seatName)})` : ""} objected and left the meeting${o.reason ? `: “${inline(o.reason)}”` : "."}`;
}

function outcomeLine(o: MinutesOutcome): string {
  const link = o.kind === "note" ? "" : o.linkedRecordId ? ` [${o.kind} ${o.linkedRecordId}]` : ` [${o.kind} not linked yet]`;
  return `${outcomeLabel[o.kind] ?? o.kind}: ${inline(o.text)}${link}`;
}

/** Renders the minutes as Markdown, the form partners read and export. */
export function renderMinutesMarkdown(content: MinutesContent, version: number): string {
  const m = content.meeting;
  const lines: string[] = [`# ${inline(m.title)} — ${inline(m.allianceName)}`, ""];
  lines.push(`${m.when}${m.location ? ` · ${inline(m.location)}` : ""}`);
  lines.push(`Started ${hhmm(m.startedAt)} · closed ${hhmm(m.closedAt)} · minutes version ${version}`, "");
  if (content.summary.trim()) lines.push("## Summary", "", block(content.summary), "");
  if (content.antitrustNotice.required) {
    lines.push("## Antitrust notice", "");
    const who = content.antitrustNotice.acknowledgedBy.map((k) => `${inline(k.name)}${k.seatName ? ` (${inline(k.seatName)})` : ""}`);
    lines.push(who.length ? `Acknowledged by ${who.join(", ")}.` : "Nobody acknowledged the notice.", "");
  }
  lines.push("## Attendance", "");
  const seats = content.attendance.seats;
  const expected = seats.filter((s) => s.expected);
  lines.push(`${expected.filter((s) => s.present).length} of ${expected.length} expected seats present.`, "");
  for (const seat of seats) {
    const people = content.attendance.people.filter((p) => p.seatName === seat.name && (p.status === "present" || p.status === "left"));
    lines.push(`- ${inline(seat.name)}: ${seat.present ? "present" : "absent"}${people.length ? ` (${people.map((p) => `${inline(p.name)}${p.status === "left" ? ", left" : ""}`).join("; ")})` : ""}`);
  }
  const others = content.attendance.people.filter((p) => p.seatName === null && (p.status === "present" || p.status === "left"));
  if (others.length) lines.push(`- Also present: ${others.map((p) => inline(p.name)).join(", ")}`);
  const apologies = content.attendance.people.filter((p) => p.status === "absent" || p.status === "excused");
  if (apologies.length) lines.push(`- Recorded ${apologies.map((p) => `${inline(p.name)} as ${statusLabel[p.status]}`).join(", ")}`);
  lines.push("", "## Agenda", "");
  if (content.agenda.length === 0) lines.push("No items.", "");
  for (const item of content.agenda) {
    const by = item.seatName ? `${inline(item.seatName)} (${inline(item.authorName)})` : inline(item.authorName);
    lines.push(`### ${item.position}. ${inline(item.title)}`, "");
    lines.push(`Added by ${by}${item.durationMinutes ? ` · ${item.durationMinutes} min` : ""}${item.isLate ? " · late item" : ""}${item.startedAt ? "" : " · not discussed"}`, "");
    if (item.notes.trim()) lines.push(block(item.notes), "");
    for (const o of item.objections) lines.push(`- ${objectionLine(o)}`);
    for (const o of item.outcomes) lines.push(`- ${outcomeLine(o)}`);
    if (item.objections.length || item.outcomes.length) lines.push("");
  }
  if (content.outcomes.length || content.objections.length) {
    lines.push("## Other outcomes and objections", "");
    for (const o of content.objections) lines.push(`- ${objectionLine(o)}`);
    for (const o of content.outcomes) lines.push(`- ${outcomeLine(o)}`);
    lines.push("");
  }
  lines.push("## Ratings", "");
  lines.push(content.ratings.count ? `Average ${content.ratings.average} of 5 from ${content.ratings.count} rating${content.ratings.count === 1 ? "" : "s"}.` : "No ratings.");
  return `${lines.join("\n").trimEnd()}\n`;
}
