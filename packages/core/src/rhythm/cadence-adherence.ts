import { AppError } from "../errors";
import type { Occurrence } from "./cadence";
import { toEpochMs } from "./instant";
import type { InstantInput } from "./instant";
import { MS_PER_MINUTE } from "./local-date-time";

/** A meeting that actually took place. */
export interface HeldMeeting {
  id: string;
  cadenceId: string;
  startedAt: InstantInput;
  /** The occurrence it was held for, when the meeting record says so. */
  occurrenceKey?: string | null;
}

export type OccurrenceAdherenceStatus = "on_schedule" | "off_schedule" | "missed" | "pending" | "cancelled";

export interface OccurrenceAdherence {
  cadenceId: string;
  occurrenceKey: string;
  start: string;
  status: OccurrenceAdherenceStatus;
  meetingId?: string;
  /** Minutes the meeting started after (+) or before (-) its scheduled start. */
  deviationMinutes?: number;
}

export interface AdherenceInput {
  /** Scheduled occurrences in the window (from occurrencesOf), any cadences. */
  occurrences: readonly Occurrence[];
  /** Meetings held in (about) the same window. */
  meetings: readonly HeldMeeting[];
  now: InstantInput;
  /** How far from its scheduled start a meeting still counts as held as scheduled. Default 60. */
  toleranceMinutes?: number;
}

export interface AdherenceResult {
  /** Non-cancelled occurrences that are past (start + tolerance <= now) or already held. */
  due: number;
  onSchedule: number;
  /** Held for that occurrence (linked by occurrenceKey) but outside the tolerance. */
  offSchedule: number;
  missed: number;
  pending: number;
  cancelled: number;
  /** onSchedule / due; null when nothing was due. */
  adherence: number | null;
  occurrences: OccurrenceAdherence[];
  /** Meetings matched to no occurrence (ad hoc, or linked to an occurrence outside the window). */
  unmatchedMeetingIds: string[];
}

const keyOf = (cadenceId: string, occurrenceKey: string): string => `${cadenceId}\u0000${occurrenceKey}`;

/**
 * Cadence adherence (reference/health-signals.md, Rhythm: "meetings held as scheduled"): each
 * non-cancelled occurrence is matched to at most one held meeting of its cadence — first by an
 * explicit occurrenceKey, then by the nearest start within the tolerance — and adherence is the
 * share of due occurrences held within the tolerance of their scheduled start.
 */
export function measureCadenceAdherence(input: AdherenceInput): AdherenceResult {
  const nowMs = toEpochMs(input.now, "now");
  const tolerance = input.toleranceMinutes ?? 60;
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new AppError("validation_failed", "toleranceMinutes must be >= 0.", { field: "toleranceMinutes", value: tolerance, reason: "out_of_range" });
  }
  const toleranceMs = tolerance * MS_PER_MINUTE;

  const occurrences = input.occurrences.map((o) => ({ occurrence: o, startMs: toEpochMs(o.start, "occurrences.start") }));
  const meetings = input.meetings
    .map((m) => ({ meeting: m, startMs: toEpochMs(m.startedAt, "meetings.startedAt") }))
    .sort((a, b) => a.startMs - b.startMs || (a.meeting.id < b.meeting.id ? -1 : 1));
  const byKey = new Map(occurrences.map((o) => [keyOf(o.occurrence.cadenceId, o.occurrence.occurrenceKey), o]));
  const matched = new Map<string, { meetingId: string; deviationMs: number }>();
  const usedMeetings = new Set<string>();

  // Explicit links first; when several meetings claim one occurrence, the closest wins.
  const linked = meetings
    .filter((m) => m.meeting.occurrenceKey)
    .map((m) => ({ m, target: byKey.get(keyOf(m.meeting.cadenceId, m.meeting.occurrenceKey ?? "")) }))
    .filter((x) => x.target !== undefined && !x.target.occurrence.cancelled)
    .sort((a, b) => Math.abs(a.m.startMs - (a.target?.startMs ?? 0)) - Math.abs(b.m.startMs - (b.target?.startMs ?? 0)));
  for (const { m, target } of linked) {
    if (!target) continue;
    const key = keyOf(target.occurrence.cadenceId, target.occurrence.occurrenceKey);
    if (matched.has(key)) continue;
    matched.set(key, { meetingId: m.meeting.id, deviationMs: m.startMs - target.startMs });
    usedMeetings.add(m.meeting.id);
  }

  // Then unlinked meetings, nearest pairs first, within the tolerance.
  const pairs: { key: string; meetingId: string; deviationMs: number; startMs: number }[] = [];
  for (const m of meetings) {
    if (m.meeting.occurrenceKey || usedMeetings.has(m.meeting.id)) continue;
    for (const o of occurrences) {
      if (o.occurrence.cancelled || o.occurrence.cadenceId !== m.meeting.cadenceId) continue;
      const deviationMs = m.startMs - o.startMs;
      if (Math.abs(deviationMs) <= toleranceMs) {
        pairs.push({ key: keyOf(o.occurrence.cadenceId, o.occurrence.occurrenceKey), meetingId: m.meeting.id, deviationMs, startMs: o.startMs });
      }
    }
  }
  pairs.sort((a, b) => Math.abs(a.deviationMs) - Math.abs(b.deviationMs) || a.startMs - b.startMs || (a.meetingId < b.meetingId ? -1 : 1));
  for (const pair of pairs) {
    if (matched.has(pair.key) || usedMeetings.has(pair.meetingId)) continue;
    matched.set(pair.key, { meetingId: pair.meetingId, deviationMs: pair.deviationMs });
    usedMeetings.add(pair.meetingId);
  }

  const result: AdherenceResult = { due: 0, onSchedule: 0, offSchedule: 0, missed: 0, pending: 0, cancelled: 0, adherence: null, occurrences: [], unmatchedMeetingIds: [] };
  for (const { occurrence, startMs } of [...occurrences].sort((a, b) => a.startMs - b.startMs)) {
    const row: OccurrenceAdherence = { cadenceId: occurrence.cadenceId, occurrenceKey: occurrence.occurrenceKey, start: occurrence.start, status: "pending" };
    const match = matched.get(keyOf(occurrence.cadenceId, occurrence.occurrenceKey));
    if (occurrence.cancelled) {
      row.status = "cancelled";
      result.cancelled += 1;
    } else if (match) {
      row.meetingId = match.meetingId;
      row.deviationMinutes = Math.round(match.deviationMs / MS_PER_MINUTE);
      row.status = Math.abs(match.deviationMs) <= toleranceMs ? "on_schedule" : "off_schedule";
      result.due += 1;
      if (row.status === "on_schedule") result.onSchedule += 1;
      else result.offSchedule += 1;
    } else if (startMs + toleranceMs <= nowMs) {
      row.status = "missed";
      result.due += 1;
      result.missed += 1;
    } else {
      result.pending += 1;
    }
    result.occurrences.push(row);
  }
  result.adherence = result.due === 0 ? null : result.onSchedule / result.due;
  result.unmatchedMeetingIds = meetings.filter((m) => !usedMeetings.has(m.meeting.id)).map((m) => m.meeting.id);
  return result;
}
