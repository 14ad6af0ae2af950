import { AppError } from "@trellis/core";
import { formatLocalDateTime, localDateTimeAt, type Occurrence } from "@trellis/core/rhythm";

// The rules of a meeting's life, pure (no I/O, time passed in), so they are tested without a
// database. The use cases load the rows, ask these rules, then write.

export const meetingStatuses = ["scheduled", "in_progress", "closed", "cancelled"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const attendanceStatuses = ["present", "absent", "excused", "left"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const outcomeKinds = ["commitment", "proposal", "note"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

const doing: Record<MeetingStatus, string> = {
  scheduled: "has not started yet",
  in_progress: "is in progress",
  closed: "is closed",
  cancelled: "was cancelled",
};

/** Throws conflict unless the meeting is in one of the allowed states. */
export function assertMeetingStatus(status: string, allowed: readonly MeetingStatus[], action: string): void {
  if (!allowed.includes(status as MeetingStatus)) {
    throw new AppError("conflict", `The meeting ${doing[status as MeetingStatus] ?? `is ${status}`}: you cannot ${action} now.`, { status, allowed: [...allowed] });
  }
}

/** True while seats may still add items: the meeting is scheduled and its cutoff has not come. */
export function isAgendaOpen(meeting: { status: string; agendaCutoffAt: Date }, now: Date): boolean {
  return meeting.status === "scheduled" && now.getTime() < meeting.agendaCutoffAt.getTime();
}

/**
 * Whether someone may add an item now, and whether it counts as late. Before the cutoff anyone who
 * may add items does; after it (and while the meeting runs) only a facilitator, and the item is
 * marked late. A closed or cancelled meeting takes no items.
 */
export function checkAgendaAddition(meeting: { status: string; agendaCutoffAt: Date }, now: Date, isFacilitator: boolean): { isLate: boolean } {
  assertMeetingStatus(meeting.status, ["scheduled", "in_progress"], "add agenda items");
  if (isAgendaOpen(meeting, now)) return { isLate: false };
  if (isFacilitator) return { isLate: true };
  throw new AppError("agenda_closed", `The agenda closed at ${meeting.agendaCutoffAt.toISOString()}; ask the facilitator to add a late item.`, {
    agendaCutoffAt: meeting.agendaCutoffAt.toISOString(),
  });
}

/**
 * Whether someone may change or withdraw an item: its author's seat (or author) until the cutoff,
 * a facilitator until the meeting closes.
 */
export function checkAgendaItemChange(
  meeting: { status: string; agendaCutoffAt: Date },
  item: { authorId: string; seatId: string | null },
  viewer: { personId: string; seatIds: readonly string[]; isFacilitator: boolean; isDelegate: boolean },
  now: Date,
  action: string,
): void {
  assertMeetingStatus(meeting.status, viewer.isFacilitator ? ["scheduled", "in_progress"] : ["scheduled"], action);
  if (viewer.isFacilitator) return;
  const ownsItem = item.authorId === viewer.personId || (viewer.isDelegate && item.seatId !== null && viewer.seatIds.includes(item.seatId));
  if (!ownsItem) throw new AppError("forbidden", `Only the item's seat or a facilitator can ${action}.`);
  if (!isAgendaOpen(meeting, now)) {
    throw new AppError("agenda_closed", `The agenda closed at ${meeting.agendaCutoffAt.toISOString()}.`, { agendaCutoffAt: meeting.agendaCutoffAt.toISOString() });
  }
}

/** Checks a new agenda order names every current item exactly once. */
export function checkAgendaOrder(currentItemIds: readonly string[], orderedIds: readonly string[]): void {
  const current = new Set(currentItemIds);
  const seen = new Set<string>();
  for (const id of orderedIds) {
    if (!current.has(id)) throw new AppError("validation_failed", "The order names an item that is not on this agenda.", { issues: [{ path: "items", message: `unknown item ${id}` }] });
    if (seen.has(id)) throw new AppError("validation_failed", "The order names an item twice.", { issues: [{ path: "items", message: `duplicate item ${id}` }] });
    seen.add(id);
  }
  if (seen.size !== current.size) {
    throw new AppError("stale_version", "The agenda has items your order does not name (someone added one); reload and try again.", { missing: currentItemIds.filter((id) => !seen.has(id)) });
  }
}

/**
 * The people present who have not acknowledged the antitrust notice: the API refuses to start an
 * agenda item while this is not empty (alliances with competitors only). People who left after
 * an objection no longer count.
 */
export function missingAcknowledgements(input: { hasCompetitors: boolean; attendance: readonly { personId: string; status: string }[]; acknowledgedPersonIds: readonly string[] }): string[] {
  if (!input.hasCompetitors) return [];
  const acknowledged = new Set(input.acknowledgedPersonIds);
  return input.attendance.filter((a) => a.status === "present" && !acknowledged.has(a.personId)).map((a) => a.personId);
}

/** Attendance per seat: a seat is present when any of its people was (present, or present and then left). */
export function seatAttendance(
  expectedSeatIds: readonly string[],
  seats: readonly { id: string; name: string }[],
  attendance: readonly { personId: string; seatId: string | null; status: string }[],
): { seatId: string; name: string; expected: boolean; present: boolean; peoplePresent: number }[] {
  const expected = new Set(expectedSeatIds);
  return seats
    .map((seat) => {
      const peoplePresent = attendance.filter((a) => a.seatId === seat.id && (a.status === "present" || a.status === "left")).length;
      return { seatId: seat.id, name: seat.name, expected: expected.has(seat.id), present: peoplePresent > 0, peoplePresent };
    })
    .filter((s) => s.expected || s.present);
}

/** The ratings as an aggregate only: count, mean (one decimal) and how many gave each score. */
export function summarizeRatings(ratings: readonly number[]): { count: number; average: number | null; distribution: [number, number, number, number, number] } {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const r of ratings) if (Number.isInteger(r) && r >= 1 && r <= 5) distribution[r - 1]! += 1;
  const count = distribution.reduce((a, b) => a + b, 0);
  const total = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return { count, average: count === 0 ? null : Math.round((total / count) * 10) / 10, distribution };
}

/** Who may rate: people recorded as present (or who left after objecting), while running or after. */
export function checkRating(meeting: { status: string }, attendanceStatus: string | null): void {
  assertMeetingStatus(meeting.status, ["in_progress", "closed"], "rate the meeting");
  if (attendanceStatus !== "present" && attendanceStatus !== "left") throw new AppError("forbidden", "Only attendees rate a meeting; ask the facilitator to record your attendance.");
}

/** A meeting's scheduled slot as core's Occurrence, so core can show it in any time zone. */
export function meetingOccurrence(meeting: { cadenceId: string; occurrenceKey: string; scheduledStart: Date; scheduledEnd: Date; timeZone: string; cancelled?: boolean }): Occurrence {
  return {
    cadenceId: meeting.cadenceId,
    occurrenceKey: meeting.occurrenceKey,
    start: meeting.scheduledStart.toISOString(),
    end: meeting.scheduledEnd.toISOString(),
    localStart: formatLocalDateTime(localDateTimeAt(meeting.scheduledStart.getTime(), meeting.timeZone)),
    timeZone: meeting.timeZone,
    cancelled: meeting.cancelled ?? false,
  };
}
