import { AppError } from "../errors";
import { DEFAULT_MAX_ITERATIONS, expandRule } from "./expand-rrule";
import { toEpochMs, toIsoInstant } from "./instant";
import type { InstantInput } from "./instant";
import { MS_PER_DAY, MS_PER_MINUTE, formatCompactLocalDateTime, formatLocalDateTime, parseLocalDateTime, wallClockMs } from "./local-date-time";
import { matchOccurrences } from "./occurrence-ref";
import { parseRrule } from "./rrule";
import type { RecurrenceRule } from "./rrule";
import { assertTimeZone, localDateTimeAt } from "./time-zone";

/** The kinds of rhythm an alliance keeps. */
export const cadenceKinds = ["tactical_check_in", "governance_meeting", "alignment_renewal", "health_review", "other"] as const;
export type CadenceKind = (typeof cadenceKinds)[number];

/** A recurring rhythm of an alliance: an RFC 5545 rule anchored to a wall-clock start in a zone. */
export interface Cadence {
  id: string;
  allianceId: string;
  kind: CadenceKind;
  title: string;
  /** RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU". */
  rrule: string;
  /** First start as local wall-clock time in timeZone, e.g. "2026-01-13T15:00". Must match the rule. */
  dtstart: string;
  /** IANA zone the rule's wall-clock time lives in, e.g. "Europe/Berlin". */
  timeZone: string;
  durationMinutes: number;
  expectedSeatIds: readonly string[];
  /** Original starts of cancelled occurrences (local start, occurrence key, UTC instant or date): kept, marked cancelled. */
  cancelledStarts: readonly string[];
  /** EXDATE: original starts removed from the set altogether (same reference forms as cancelledStarts). */
  exdates?: readonly string[];
}

/** One occurrence of a cadence. */
export interface Occurrence {
  cadenceId: string;
  /** "20260310T150000": the original local start; stable identity for UIDs, attendance and dedup. */
  occurrenceKey: string;
  /** Start instant, UTC ISO ("2026-03-10T14:00:00.000Z"). */
  start: string;
  /** End instant, UTC ISO: start + durationMinutes of elapsed time. */
  end: string;
  /** Actual local start in the cadence's zone ("2026-03-10T15:00:00"); differs from the key only in a DST gap. */
  localStart: string;
  timeZone: string;
  cancelled: boolean;
}

export const MAX_DURATION_MINUTES = 7 * 24 * 60;

function invalidCadence(field: string, value: unknown, reason: string, message: string): AppError {
  return new AppError("validation_failed", message, { field, value, reason });
}

/**
 * Checks a cadence and returns its parsed rule, or throws validation_failed naming the field (and
 * the rule part for rrule errors). DTSTART must itself be an occurrence of the rule, because RFC
 * 5545 leaves an unsynchronized recurrence set undefined.
 */
export function validateCadence(cadence: Cadence): RecurrenceRule {
  if (!cadenceKinds.includes(cadence.kind)) {
    throw invalidCadence("kind", cadence.kind, "invalid_kind", `kind must be one of ${cadenceKinds.join(", ")}.`);
  }
  if (cadence.title.trim() === "") throw invalidCadence("title", cadence.title, "empty", "title must not be empty.");
  if (!Number.isInteger(cadence.durationMinutes) || cadence.durationMinutes < 1 || cadence.durationMinutes > MAX_DURATION_MINUTES) {
    throw invalidCadence("durationMinutes", cadence.durationMinutes, "out_of_range", `durationMinutes must be a whole number in 1..${MAX_DURATION_MINUTES}.`);
  }
  assertTimeZone(cadence.timeZone);
  const dtstart = parseLocalDateTime(cadence.dtstart, "dtstart");
  const rule = parseRrule(cadence.rrule);
  matchOccurrences(cadence.cancelledStarts, "cancelledStarts");
  matchOccurrences(cadence.exdates ?? [], "exdates");
  // The first instance the rule generates from dtstart's day on must be dtstart itself.
  const dayStartMs = wallClockMs({ ...dtstart, hour: 0, minute: 0, second: 0 });
  const first = expandRule({
    rule: { ...rule, count: undefined, until: undefined },
    dtstart,
    timeZone: "UTC",
    fromMs: dayStartMs,
    toMs: dayStartMs + MS_PER_DAY,
  })[0];
  if (first?.key !== formatCompactLocalDateTime(dtstart)) {
    throw invalidCadence("dtstart", cadence.dtstart, "not_synchronized", "dtstart must be an occurrence of the rule (e.g. a Tuesday for BYDAY=TU).");
  }
  return rule;
}

export interface OccurrencesOptions {
  /** Safety bound on the expansion (see expandRule). */
  maxIterations?: number;
}

/** Occurrences of a cadence whose start lies in [from, to), in order, cancelled ones included and marked. */
export function occurrencesOf(cadence: Cadence, from: InstantInput, to: InstantInput, options: OccurrencesOptions = {}): Occurrence[] {
  const rule = validateCadence(cadence);
  const isCancelled = matchOccurrences(cadence.cancelledStarts, "cancelledStarts");
  const instances = expandRule({
    rule,
    dtstart: parseLocalDateTime(cadence.dtstart, "dtstart"),
    timeZone: cadence.timeZone,
    fromMs: toEpochMs(from, "from"),
    toMs: toEpochMs(to, "to"),
    exdates: cadence.exdates ?? [],
    maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
  });
  return instances.map((instance) => ({
    cadenceId: cadence.id,
    occurrenceKey: instance.key,
    start: toIsoInstant(instance.epochMs),
    end: toIsoInstant(instance.epochMs + cadence.durationMinutes * MS_PER_MINUTE),
    localStart: formatLocalDateTime(localDateTimeAt(instance.epochMs, cadence.timeZone)),
    timeZone: cadence.timeZone,
    cancelled: isCancelled(instance.nominalLocal, instance.epochMs),
  }));
}

/** The next `limit` occurrences starting at or after `from`, looking at most horizonDays ahead. */
export function nextOccurrences(cadence: Cadence, from: InstantInput, limit: number, horizonDays = 3660): Occurrence[] {
  const fromMs = toEpochMs(from, "from");
  const found: Occurrence[] = [];
  // Widen the window step by step so a dense rule does not expand years it will not return.
  for (let days = 62; found.length < limit; days *= 4) {
    const span = Math.min(days, horizonDays);
    const window = occurrencesOf(cadence, toIsoInstant(fromMs), toIsoInstant(fromMs + span * MS_PER_DAY));
    found.splice(0, found.length, ...window);
    if (span >= horizonDays) break;
  }
  return found.slice(0, limit);
}
