import { AppError } from "../errors";
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  dateOfDayNumber,
  dayNumberOf,
  daysInMonth,
  formatCompactLocalDateTime,
  localOfWallClockMs,
  wallClockMs,
  weekdayIndexOf,
  weekdays,
} from "./local-date-time";
import type { LocalDateTime } from "./local-date-time";
import { matchOccurrences } from "./occurrence-ref";
import type { RecurrenceRule, WeekdayNum } from "./rrule";
import { assertTimeZone, instantOfLocal } from "./time-zone";

/** One instance of a rule: its nominal local start (its identity) and the instant it starts. */
export interface RuleInstance {
  /** The local start the rule generates, before any spring-forward shift. */
  nominalLocal: LocalDateTime;
  /** "20260310T150000": the nominal local start in basic form; stable for the life of the rule. */
  key: string;
  /** The start instant (epoch ms): a nominal time in a DST gap is moved forward by the gap. */
  epochMs: number;
}

export interface ExpandRuleInput {
  rule: RecurrenceRule;
  /** The first start, a wall-clock time in timeZone; the rule's time of day comes from it. */
  dtstart: LocalDateTime;
  timeZone: string;
  /** Window start, inclusive (epoch ms). */
  fromMs: number;
  /** Window end, exclusive (epoch ms). */
  toMs: number;
  /** EXDATE values: instances removed from the set (they still count toward COUNT, per RFC 5545). */
  exdates?: readonly string[];
  /** Safety bound on periods plus candidates examined; exceeding it throws validation_failed. */
  maxIterations?: number;
}

export const DEFAULT_MAX_ITERATIONS = 100_000;

// The widest UTC offsets in use are -12:00 and +14:00; a margin beyond both keeps window tests exact.
const OFFSET_MARGIN_MS = 26 * MS_PER_HOUR;
const MAX_YEAR = 9999;

/** True when a day matches a BYDAY entry; ordinals count within [scopeFirst, scopeLast]. */
function matchesWeekdayNum(day: number, entry: WeekdayNum, scopeFirst: number, scopeLast: number): boolean {
  if (weekdays[weekdayIndexOf(day)] !== entry.weekday) return false;
  if (entry.ordinal === undefined) return true;
  if (entry.ordinal > 0) return Math.floor((day - scopeFirst) / 7) + 1 === entry.ordinal;
  return Math.floor((scopeLast - day) / 7) + 1 === -entry.ordinal;
}

function matchesByDay(rule: RecurrenceRule, day: number, scopeFirst: number, scopeLast: number): boolean {
  return rule.byDay.length === 0 || rule.byDay.some((entry) => matchesWeekdayNum(day, entry, scopeFirst, scopeLast));
}

/** Day numbers of the BYMONTHDAY values that exist in the month (31 in April is skipped, per RFC 5545). */
function monthDays(byMonthDay: readonly number[], year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  const first = dayNumberOf({ year, month, day: 1 });
  const out: number[] = [];
  for (const n of byMonthDay) {
    const day = n > 0 ? n : length + n + 1;
    if (day >= 1 && day <= length) out.push(first + day - 1);
  }
  return out;
}

function range(first: number, last: number): number[] {
  const out: number[] = [];
  for (let d = first; d <= last; d++) out.push(d);
  return out;
}

function monthBounds(year: number, month: number): [number, number] {
  const first = dayNumberOf({ year, month, day: 1 });
  return [first, first + daysInMonth(year, month) - 1];
}

/** Candidate days of one MONTHLY period, per the RFC 5545 §3.3.10 expand/limit table. */
function monthlyCandidates(rule: RecurrenceRule, dtstart: LocalDateTime, year: number, month: number): number[] {
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(month)) return [];
  const [first, last] = monthBounds(year, month);
  if (rule.byMonthDay.length > 0) {
    return monthDays(rule.byMonthDay, year, month).filter((d) => matchesByDay(rule, d, first, last));
  }
  if (rule.byDay.length > 0) return range(first, last).filter((d) => matchesByDay(rule, d, first, last));
  return monthDays([dtstart.day], year, month);
}

/** Candidate days of one YEARLY period, per the RFC 5545 §3.3.10 expand/limit table. */
function yearlyCandidates(rule: RecurrenceRule, dtstart: LocalDateTime, year: number): number[] {
  const yearFirst = dayNumberOf({ year, month: 1, day: 1 });
  const yearLast = dayNumberOf({ year, month: 12, day: 31 });
  const months = rule.byMonth.length > 0 ? rule.byMonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const out: number[] = [];
  if (rule.byMonthDay.length > 0) {
    for (const month of months) {
      const [first, last] = rule.byMonth.length > 0 ? monthBounds(year, month) : [yearFirst, yearLast];
      out.push(...monthDays(rule.byMonthDay, year, month).filter((d) => matchesByDay(rule, d, first, last)));
    }
  } else if (rule.byDay.length > 0) {
    if (rule.byMonth.length > 0) {
      for (const month of rule.byMonth) {
        const [first, last] = monthBounds(year, month);
        out.push(...range(first, last).filter((d) => matchesByDay(rule, d, first, last)));
      }
    } else {
      out.push(...range(yearFirst, yearLast).filter((d) => matchesByDay(rule, d, yearFirst, yearLast)));
    }
  } else {
    const ownMonths = rule.byMonth.length > 0 ? rule.byMonth : [dtstart.month];
    for (const month of ownMonths) out.push(...monthDays([dtstart.day], year, month));
  }
  return out;
}

function applySetPos(bySetPos: readonly number[], sorted: number[]): number[] {
  if (bySetPos.length === 0) return sorted;
  const picked = new Set<number>();
  for (const pos of bySetPos) {
    const day = pos > 0 ? sorted[pos - 1] : sorted[sorted.length + pos];
    if (day !== undefined) picked.add(day);
  }
  return [...picked].sort((a, b) => a - b);
}

interface Period {
  firstDay: number;
  candidates: number[];
}

function monthIndexOf(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** The k-th period of the rule (k = 0 holds dtstart) and its candidate days, sorted, BYSETPOS applied. */
function periodOf(rule: RecurrenceRule, dtstart: LocalDateTime, startDay: number, weekStart: number, k: number): Period | undefined {
  let firstDay: number;
  let days: number[];
  const monthOk = (day: number): boolean => rule.byMonth.length === 0 || rule.byMonth.includes(dateOfDayNumber(day).month);
  switch (rule.freq) {
    case "DAILY": {
      firstDay = startDay + k * rule.interval;
      const date = dateOfDayNumber(firstDay);
      const [first, last] = monthBounds(date.year, date.month);
      const dayOk =
        monthOk(firstDay) &&
        (rule.byMonthDay.length === 0 || monthDays(rule.byMonthDay, date.year, date.month).includes(firstDay)) &&
        matchesByDay(rule, firstDay, first, last);
      days = dayOk ? [firstDay] : [];
      break;
    }
    case "WEEKLY": {
      firstDay = weekStart + k * 7 * rule.interval;
      const wanted = rule.byDay.length > 0 ? rule.byDay.map((d) => d.weekday) : [weekdays[weekdayIndexOf(startDay)]];
      days = range(firstDay, firstDay + 6).filter((d) => wanted.includes(weekdays[weekdayIndexOf(d)]) && monthOk(d));
      break;
    }
    case "MONTHLY": {
      const index = monthIndexOf(dtstart.year, dtstart.month) + k * rule.interval;
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      if (year > MAX_YEAR) return undefined;
      firstDay = dayNumberOf({ year, month, day: 1 });
      days = monthlyCandidates(rule, dtstart, year, month);
      break;
    }
    case "YEARLY": {
      const year = dtstart.year + k * rule.interval;
      if (year > MAX_YEAR) return undefined;
      firstDay = dayNumberOf({ year, month: 1, day: 1 });
      days = yearlyCandidates(rule, dtstart, year);
      break;
    }
  }
  if (dateOfDayNumber(firstDay).year > MAX_YEAR) return undefined;
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  return { firstDay, candidates: applySetPos(rule.bySetPos, sorted) };
}

/** The first period index worth generating for a window starting at fromMs (only valid without COUNT). */
function firstUsefulPeriod(rule: RecurrenceRule, dtstart: LocalDateTime, startDay: number, weekStart: number, fromMs: number): number {
  const fromDay = Math.floor((fromMs - OFFSET_MARGIN_MS) / MS_PER_DAY);
  if (fromDay <= startDay) return 0;
  const from = dateOfDayNumber(fromDay);
  let k: number;
  switch (rule.freq) {
    case "DAILY":
      k = Math.floor((fromDay - startDay) / rule.interval);
      break;
    case "WEEKLY":
      k = Math.floor((fromDay - weekStart) / (7 * rule.interval));
      break;
    case "MONTHLY":
      k = Math.floor((monthIndexOf(from.year, from.month) - monthIndexOf(dtstart.year, dtstart.month)) / rule.interval);
      break;
    case "YEARLY":
      k = Math.floor((from.year - dtstart.year) / rule.interval);
      break;
  }
  return Math.max(0, k - 1);
}

/**
 * Expands a rule into its instances whose start lies in [fromMs, toMs), in order. Wall-clock
 * semantics: every instance starts at dtstart's local time of day in timeZone, whatever the DST;
 * invalid dates (30 February) are skipped and not counted, per RFC 5545 §3.3.10; a start in a
 * spring-forward gap moves forward by the gap (RFC 5545 §3.3.5) rather than being dropped, so a
 * meeting never silently disappears. DTSTART is expected to match the rule (see validateCadence).
 */
export function expandRule(input: ExpandRuleInput): RuleInstance[] {
  const { rule, dtstart, timeZone, fromMs, toMs } = input;
  assertTimeZone(timeZone);
  const maxIterations = input.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const isExcluded = matchOccurrences(input.exdates ?? [], "exdates");
  const out: RuleInstance[] = [];
  if (!(toMs > fromMs)) return out;

  const startDay = dayNumberOf(dtstart);
  const timeOfDayMs = wallClockMs(dtstart) - startDay * MS_PER_DAY;
  const weekStart = startDay - ((weekdayIndexOf(startDay) - weekdays.indexOf(rule.wkst) + 7) % 7);
  const until = rule.until;
  const untilWallMs =
    until?.kind === "local" ? wallClockMs(until.local) : until?.kind === "date" ? dayNumberOf(until.date) * MS_PER_DAY + MS_PER_DAY - 1 : undefined;
  const untilMs = until?.kind === "utc" ? until.epochMs : undefined;

  let counted = 0;
  let steps = 0;
  for (let k = rule.count === undefined ? firstUsefulPeriod(rule, dtstart, startDay, weekStart, fromMs) : 0; ; k++) {
    const period = periodOf(rule, dtstart, startDay, weekStart, k);
    if (!period) return out;
    const periodWallMs = period.firstDay * MS_PER_DAY;
    if (periodWallMs - OFFSET_MARGIN_MS >= toMs) return out;
    if (untilWallMs !== undefined && periodWallMs > untilWallMs) return out;
    if (untilMs !== undefined && periodWallMs - OFFSET_MARGIN_MS > untilMs) return out;
    steps += 1 + period.candidates.length;
    if (steps > maxIterations) {
      throw new AppError("validation_failed", "The recurrence expansion exceeded its safety bound; narrow the window.", {
        field: "window",
        reason: "iteration_limit",
        maxIterations,
      });
    }
    for (const day of period.candidates) {
      if (day < startDay) continue;
      const wallMs = day * MS_PER_DAY + timeOfDayMs;
      if (untilWallMs !== undefined && wallMs > untilWallMs) return out;
      if (rule.count !== undefined && ++counted > rule.count) return out;
      const nominalLocal = localOfWallClockMs(wallMs);
      const epochMs = instantOfLocal(nominalLocal, timeZone);
      if (untilMs !== undefined && epochMs > untilMs) return out;
      if (epochMs >= toMs) return out;
      if (epochMs >= fromMs && !isExcluded(nominalLocal, epochMs)) {
        out.push({ nominalLocal, key: formatCompactLocalDateTime(nominalLocal), epochMs });
      }
    }
  }
}
