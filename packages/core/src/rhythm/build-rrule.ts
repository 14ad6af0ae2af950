import { AppError } from "../errors";
import { describeRrule } from "./describe-rrule";
import { expandRule } from "./expand-rrule";
import { MS_PER_DAY, formatLocalDateTime, parseTimeOfDay, tryParseLocalDate, wallClockMs, weekdays } from "./local-date-time";
import type { Weekday } from "./local-date-time";
import { formatRrule } from "./rrule";
import type { RecurrenceRule } from "./rrule";
import { assertTimeZone, instantOfLocal } from "./time-zone";

/** The repeat patterns a simple form offers. */
export type RepeatPattern =
  /** Every N weeks on one or more weekdays: FREQ=WEEKLY;INTERVAL=N;BYDAY=TU. */
  | { pattern: "weekly"; everyWeeks: number; weekdays: readonly Weekday[] }
  /** Every N months on the nth (1..5, or -1 for last) weekday: FREQ=MONTHLY;BYDAY=1MO. */
  | { pattern: "monthly_weekday"; everyMonths: number; nth: number; weekday: Weekday }
  /** Every quarter on the nth weekday: FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO. */
  | { pattern: "quarterly_weekday"; nth: number; weekday: Weekday }
  /** Every N months on a day of the month (1..31, or -1 for the last day): FREQ=MONTHLY;BYMONTHDAY=15. */
  | { pattern: "monthly_day"; everyMonths: number; day: number }
  /** Every N months on the last working day: FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1. */
  | { pattern: "monthly_last_weekday"; everyMonths: number }
  /** Every N years on the date of the first start: FREQ=YEARLY. */
  | { pattern: "yearly"; everyYears: number };

export interface CadenceRuleForm {
  repeat: RepeatPattern;
  /** Local time of day, "15:00". */
  time: string;
  timeZone: string;
  /** The first occurrence is the first matching day on or after this local date ("2026-01-01"). */
  startOn: string;
  /** Optional end: a number of occurrences, or a last local date (inclusive). */
  end?: { count: number } | { until: string };
}

export interface BuiltCadenceRule {
  rrule: string;
  /** First occurrence, local ("2026-01-13T15:00:00"), synchronized with the rule. */
  dtstart: string;
  description: string;
}

function invalidForm(field: string, value: unknown, reason: string, message: string): AppError {
  return new AppError("validation_failed", message, { field, value, reason });
}

function positiveInteger(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidForm(field, value, "out_of_range", `${field} must be a whole number in 1..${max}.`);
  }
  return value;
}

function nthWeekday(field: string, nth: number): number {
  if (!Number.isInteger(nth) || !(nth === -1 || (nth >= 1 && nth <= 5))) {
    throw invalidForm(field, nth, "out_of_range", `${field} must be 1..5, or -1 for the last.`);
  }
  return nth;
}

function weekday(field: string, value: string): Weekday {
  const found = weekdays.find((w) => w === value);
  if (!found) throw invalidForm(field, value, "invalid_weekday", `${field} must be MO, TU, WE, TH, FR, SA or SU.`);
  return found;
}

function ruleOf(repeat: RepeatPattern): RecurrenceRule {
  const base = { byDay: [], byMonthDay: [], byMonth: [], bySetPos: [], wkst: "MO" as const };
  switch (repeat.pattern) {
    case "weekly": {
      if (repeat.weekdays.length === 0) throw invalidForm("repeat.weekdays", repeat.weekdays, "empty", "Pick at least one weekday.");
      const days = [...new Set(repeat.weekdays.map((d) => weekday("repeat.weekdays", d)))].sort((a, b) => weekdays.indexOf(a) - weekdays.indexOf(b));
      return { ...base, freq: "WEEKLY", interval: positiveInteger("repeat.everyWeeks", repeat.everyWeeks, 52), byDay: days.map((d) => ({ weekday: d })) };
    }
    case "monthly_weekday":
    case "quarterly_weekday": {
      const interval = repeat.pattern === "quarterly_weekday" ? 3 : positiveInteger("repeat.everyMonths", repeat.everyMonths, 24);
      return {
        ...base,
        freq: "MONTHLY",
        interval,
        byDay: [{ weekday: weekday("repeat.weekday", repeat.weekday), ordinal: nthWeekday("repeat.nth", repeat.nth) }],
      };
    }
    case "monthly_day": {
      const day = repeat.day;
      if (!Number.isInteger(day) || !(day === -1 || (day >= 1 && day <= 31))) {
        throw invalidForm("repeat.day", day, "out_of_range", "repeat.day must be 1..31, or -1 for the last day.");
      }
      return { ...base, freq: "MONTHLY", interval: positiveInteger("repeat.everyMonths", repeat.everyMonths, 24), byMonthDay: [day] };
    }
    case "monthly_last_weekday":
      return {
        ...base,
        freq: "MONTHLY",
        interval: positiveInteger("repeat.everyMonths", repeat.everyMonths, 24),
        byDay: (["MO", "TU", "WE", "TH", "FR"] as const).map((d) => ({ weekday: d })),
        bySetPos: [-1],
      };
    case "yearly":
      return { ...base, freq: "YEARLY", interval: positiveInteger("repeat.everyYears", repeat.everyYears, 10) };
  }
}

/**
 * Builds an RRULE and a synchronized first start from simple form inputs ("every 2 weeks on
 * Tuesday at 15:00", "quarterly on the first Monday"). The phase of an interval starts at the
 * first matching day on or after startOn.
 */
export function buildCadenceRule(form: CadenceRuleForm): BuiltCadenceRule {
  assertTimeZone(form.timeZone);
  const { hour, minute } = parseTimeOfDay(form.time, "time");
  const startOn = tryParseLocalDate(form.startOn);
  if (!startOn) throw invalidForm("startOn", form.startOn, "invalid_local_date", "startOn must be a date like 2026-01-01.");
  const rule = ruleOf(form.repeat);

  // Find the first matching day with interval 1, so an interval never skips the first period.
  const anchor = { ...startOn, hour, minute, second: 0 };
  const anchorMs = wallClockMs(anchor);
  const first = expandRule({
    rule: { ...rule, interval: 1 },
    dtstart: anchor,
    timeZone: "UTC",
    fromMs: anchorMs,
    toMs: anchorMs + 400 * MS_PER_DAY,
  })[0];
  if (!first) throw invalidForm("repeat", form.repeat, "no_occurrence", "The pattern has no occurrence within a year of startOn.");

  if (form.end && "count" in form.end) {
    rule.count = positiveInteger("end.count", form.end.count, 1000);
  } else if (form.end && "until" in form.end) {
    const last = tryParseLocalDate(form.end.until);
    if (!last) throw invalidForm("end.until", form.end.until, "invalid_local_date", "end.until must be a date like 2026-12-31.");
    // RFC 5545 wants UNTIL in UTC when DTSTART has a zone: the end of that local day.
    rule.until = { kind: "utc", epochMs: instantOfLocal({ ...last, hour: 23, minute: 59, second: 59 }, form.timeZone) };
  }

  const dtstart = formatLocalDateTime(first.nominalLocal);
  return { rrule: formatRrule(rule), dtstart, description: describeRrule(rule, { dtstart, timeZone: form.timeZone }) };
}
