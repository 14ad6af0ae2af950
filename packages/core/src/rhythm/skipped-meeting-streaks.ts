import { toEpochMs, toIsoInstant } from "./instant";
import type { InstantInput } from "./instant";

/** Who was expected at a held meeting and which seats were present (a seat is present if any delegate was). */
export interface MeetingAttendance {
  meetingId: string;
  heldAt: InstantInput;
  expectedSeatIds: readonly string[];
  attendedSeatIds: readonly string[];
}

export interface SeatSkipStreak {
  seatId: string;
  /** Consecutive most-recent meetings the seat was expected at and missed. */
  streak: number;
  /** Those meetings, most recent first. */
  skippedMeetingIds: string[];
  /** The most recent meeting the seat attended, if any. */
  lastAttendedAt: string | null;
}

export interface SkipStreakInput {
  meetings: readonly MeetingAttendance[];
  now: InstantInput;
  /** Seats to report even if never expected (they get streak 0). */
  seatIds?: readonly string[];
}

/**
 * Skipped-meeting streak per seat (reference/health-signals.md, "Silent partner"): walking back
 * from the most recent held meeting, count meetings the seat was expected at and did not attend,
 * stopping at the first it attended; meetings it was not expected at neither count nor break the
 * streak. Meetings after `now` are ignored. Seats come out sorted by id.
 */
export function countSkippedMeetingStreaks(input: SkipStreakInput): SeatSkipStreak[] {
  const nowMs = toEpochMs(input.now, "now");
  const meetings = input.meetings
    .map((m) => ({ meeting: m, heldMs: toEpochMs(m.heldAt, "meetings.heldAt") }))
    .filter((m) => m.heldMs <= nowMs)
    .sort((a, b) => b.heldMs - a.heldMs || (a.meeting.meetingId < b.meeting.meetingId ? 1 : -1));
  const seats = new Set<string>(input.seatIds ?? []);
  for (const { meeting } of meetings) for (const seatId of meeting.expectedSeatIds) seats.add(seatId);

  return [...seats].sort().map((seatId) => {
    const skippedMeetingIds: string[] = [];
    let broken = false;
    let lastAttendedAt: string | null = null;
    for (const { meeting, heldMs } of meetings) {
      const attended = meeting.attendedSeatIds.includes(seatId);
      if (attended && lastAttendedAt === null) lastAttendedAt = toIsoInstant(heldMs);
      if (broken || !meeting.expectedSeatIds.includes(seatId)) continue;
      if (attended) broken = true;
      else skippedMeetingIds.push(meeting.meetingId);
      if (broken && lastAttendedAt !== null) break;
    }
    return { seatId, streak: skippedMeetingIds.length, skippedMeetingIds, lastAttendedAt };
  });
}
