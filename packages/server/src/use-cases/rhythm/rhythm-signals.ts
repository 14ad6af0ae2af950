import { AppError, type AllianceViewer } from "@trellis/core";
import { DEFAULT_RENEWAL_PERIOD_MONTHS, addMonthsToDate, charterRules, type Charter } from "@trellis/core/charter";
import { countSkippedMeetingStreaks, measureCadenceAdherence, measureRenewal, occurrencesOf, type AdherenceResult, type RenewalStatus } from "@trellis/core/rhythm";
import { listHeldMeetings, listSeatNames, loadActiveCadences, loadCharterRenewalFacts, loadLastRenewalMeeting, type Db } from "@trellis/db";
import { summarizeRatings } from "./meeting-rules";

const dayMs = 24 * 3600_000;

/** Where the renewal baseline comes from, said plainly to whoever reads the signal. */
export type RenewalSource = "charter_renewal" | "alignment_renewal_meeting" | "charter_adoption" | "alliance_created";

export interface RhythmSignals {
  window: { from: string; to: string };
  /** Cadence adherence: meetings held within an hour of their scheduled start, overall and per cadence. */
  adherence: Omit<AdherenceResult, "occurrences" | "unmatchedMeetingIds"> & {
    cadences: (Omit<AdherenceResult, "unmatchedMeetingIds"> & { cadenceId: string; title: string; kind: string })[];
  };
  /** Time since shared intent was last renewed, against the charter's renewal period. */
  renewal: RenewalStatus & { source: RenewalSource; periodMonths: number; renewalMeetingId: string | null };
  /** Per seat: consecutive most recent meetings it was expected at and missed. */
  skippedMeetingStreaks: { seatId: string; seatName: string; streak: number; skippedMeetingIds: string[]; lastAttendedAt: string | null }[];
  /** Per seat over the window: meetings it was expected at, and attended. */
  seatAttendance: { seatId: string; seatName: string; expected: number; attended: number; rate: number | null }[];
  /** Attendees' ratings of the meetings held in the window (1–5), as an aggregate. */
  meetingRatings: { count: number; average: number | null };
}

/** The charter's renewal period in months, or the default when it sets none (or cannot be read). */
function renewalPeriodMonthsOf(body: unknown): number {
  try {
    return body ? charterRules(body as Charter).renewalPeriodMonths : DEFAULT_RENEWAL_PERIOD_MONTHS;
  } catch {
    return DEFAULT_RENEWAL_PERIOD_MONTHS;
  }
}

/**
 * The rhythm signals of an alliance at `now` (reference/health-signals.md, Rhythm and Presence),
 * computed with core's measureCadenceAdherence, measureRenewal and countSkippedMeetingStreaks.
 * The renewal baseline is the charter's last renewal when the charter capability has recorded one,
 * else the last alignment-renewal meeting held, else the charter's adoption or the alliance's
 * creation; `renewal.source` says which. With a null viewer (health, jobs) every record counts.
 */
export async function measureRhythmSignals(db: Db, allianceId: string, viewer: AllianceViewer | null, options: { now: Date; from?: Date | undefined }): Promise<RhythmSignals> {
  const now = options.now;
  const from = options.from ?? new Date(now.getTime() - 180 * dayMs);
  if (from.getTime() >= now.getTime()) throw new AppError("validation_failed", "`from` must be before now.", { issues: [{ path: "from", message: "not before now" }] });
  if (now.getTime() - from.getTime() > 800 * dayMs) throw new AppError("validation_failed", "The window is at most 800 days long.", { issues: [{ path: "from", message: "window too long" }] });
  const alliance = await db.selectFrom("alliances").select(["created_at"]).where("id", "=", allianceId).executeTakeFirst();
  if (!alliance) throw new AppError("not_found", "No such alliance.");

  const cadences = await loadActiveCadences(db, allianceId, viewer);
  const held = await listHeldMeetings(db, allianceId, { from: new Date(from.getTime() - dayMs), to: new Date(now.getTime() + 1) }, viewer);
  const heldMeetings = held.map((m) => ({ id: m.id, cadenceId: m.cadenceId, startedAt: m.startedAt, occurrenceKey: m.occurrenceKey }));
  const perCadence = cadences.map(({ row, cadence }) => {
    const occurrences = occurrencesOf(cadence, from, now);
    const result = measureCadenceAdherence({ occurrences, meetings: heldMeetings.filter((m) => m.cadenceId === row.id), now });
    const { unmatchedMeetingIds: _unmatched, ...rest } = result;
    return { cadenceId: row.id, title: row.title, kind: row.kind, ...rest };
  });
  const overall = measureCadenceAdherence({ occurrences: cadences.flatMap(({ cadence }) => occurrencesOf(cadence, from, now)), meetings: heldMeetings, now });

  const charter = await loadCharterRenewalFacts(db, allianceId);
  const periodMonths = renewalPeriodMonthsOf(charter?.body);
  let source: RenewalSource;
  let lastRenewedAt: Date | null = null;
  let renewalMeetingId: string | null = null;
  if (charter?.renewedOn) {
    source = "charter_renewal";
    lastRenewedAt = new Date(`${charter.renewedOn}T00:00:00Z`);
  } else {
    const meeting = await loadLastRenewalMeeting(db, allianceId, now);
    if (meeting) {
      source = "alignment_renewal_meeting";
      lastRenewedAt = meeting.startedAt;
      renewalMeetingId = meeting.id;
    } else source = charter?.adoptedAt ? "charter_adoption" : "alliance_created";
  }
  const since = lastRenewedAt ?? charter?.adoptedAt ?? alliance.created_at;
  const baseDay = since.toISOString().slice(0, 10);
  const periodDays = (Date.parse(`${addMonthsToDate(baseDay, periodMonths)}T00:00:00Z`) - Date.parse(`${baseDay}T00:00:00Z`)) / dayMs;
  const renewal = measureRenewal({ lastRenewedAt, since, renewalPeriodDays: periodDays, now });

  const seatNames = await listSeatNames(db, allianceId);
  const closed = held.filter((m) => m.startedAt.getTime() >= from.getTime());
  const streaks = countSkippedMeetingStreaks({
    meetings: held.map((m) => ({ meetingId: m.id, heldAt: m.startedAt, expectedSeatIds: m.expectedSeatIds, attendedSeatIds: m.attendedSeatIds })),
    now,
    seatIds: [...seatNames.keys()],
  });
  const seatAttendance = [...seatNames].map(([seatId, seatName]) => {
    const expected = closed.filter((m) => m.expectedSeatIds.includes(seatId));
    const attended = expected.filter((m) => m.attendedSeatIds.includes(seatId)).length;
    return { seatId, seatName, expected: expected.length, attended, rate: expected.length ? attended / expected.length : null };
  });
  const ratingRows = closed.length ? await db.selectFrom("meeting_ratings").select("rating").where("meeting_id", "in", closed.map((m) => m.id)).execute() : [];
  const ratings = summarizeRatings(ratingRows.map((r) => r.rating));

  const { occurrences: _occurrences, unmatchedMeetingIds: _unmatched, ...overallCounts } = overall;
  return {
    window: { from: from.toISOString(), to: now.toISOString() },
    adherence: { ...overallCounts, cadences: perCadence },
    renewal: { ...renewal, source, periodMonths, renewalMeetingId },
    skippedMeetingStreaks: streaks.map((s) => ({ ...s, seatName: seatNames.get(s.seatId) ?? "Former seat" })),
    seatAttendance,
    meetingRatings: { count: ratings.count, average: ratings.average },
  };
}
