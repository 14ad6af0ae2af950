import { AppError } from "../errors";
import { formatCompactLocalDateTime, formatLocalDate, tryParseLocalDate, tryParseLocalDateTime, wallClockMs, weekdays } from "./local-date-time";
import type { LocalDate, LocalDateTime, Weekday } from "./local-date-time";

/** The frequencies Trellis supports; sub-daily rules make no sense for alliance meetings. */
export const frequencies = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type Frequency = (typeof frequencies)[number];

/** A BYDAY entry: a weekday, optionally the nth (1MO) or nth-from-last (-1FR) in the month or year. */
export interface WeekdayNum {
  weekday: Weekday;
  ordinal?: number;
}

/**
 * UNTIL, inclusive, in the form it was written: a UTC instant ("…Z", what RFC 5545 requires with a
 * TZID start), a floating local date-time (read in the cadence's zone), or a date (through that
 * local day).
 */
export type RuleUntil =
  | { kind: "utc"; epochMs: number }
  | { kind: "local"; local: LocalDateTime }
  | { kind: "date"; date: LocalDate };

/** A parsed RFC 5545 recurrence rule (the subset Trellis supports). */
export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: RuleUntil;
  byDay: readonly WeekdayNum[];
  byMonthDay: readonly number[];
  byMonth: readonly number[];
  bySetPos: readonly number[];
  wkst: Weekday;
}

const unsupportedParts = ["BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "RSCALE", "SKIP"];
const knownParts = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST"];

export const MAX_COUNT = 10_000;
export const MAX_INTERVAL = 10_000;

function invalid(part: string, value: string, reason: string, message: string): AppError {
  return new AppError("validation_failed", `Invalid recurrence rule: ${message}`, { field: "rrule", part, value, reason });
}

function parseInteger(part: string, value: string, min: number, max: number, allowNegative: boolean): number {
  const n = /^[+-]?\d{1,6}$/.test(value) ? Number(value) : NaN;
  const inRange = allowNegative ? Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max;
  if (!Number.isInteger(n) || !inRange) {
    const range = allowNegative ? `±${min}..±${max}` : `${min}..${max}`;
    throw invalid(part, value, "out_of_range", `${part} must be an integer in ${range}.`);
  }
  return n;
}

function parseList(part: string, value: string, min: number, max: number, allowNegative: boolean): number[] {
  return value.split(",").map((item) => parseInteger(part, item, min, max, allowNegative));
}

function parseWeekday(part: string, value: string): Weekday {
  const weekday = weekdays.find((w) => w === value);
  if (!weekday) throw invalid(part, value, "invalid_weekday", `${part} must use MO, TU, WE, TH, FR, SA or SU.`);
  return weekday;
}

function parseByDay(value: string, freq: Frequency): WeekdayNum[] {
  return value.split(",").map((item) => {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    if (!m) throw invalid("BYDAY", item, "invalid_weekday", "BYDAY entries look like TU, 1MO or -1FR.");
    const weekday = parseWeekday("BYDAY", m[2] ?? "");
    if (m[1] === undefined) return { weekday };
    if (freq !== "MONTHLY" && freq !== "YEARLY") {
      throw invalid("BYDAY", item, "ordinal_not_allowed", "BYDAY ordinals (1MO, -1FR) need FREQ=MONTHLY or FREQ=YEARLY.");
    }
    const ordinal = parseInteger("BYDAY", m[1], 1, freq === "MONTHLY" ? 5 : 53, true);
    return { weekday, ordinal };
  });
}

function parseUntil(value: string): RuleUntil {
  if (/^\d{8}T\d{6}Z$/.test(value)) {
    const local = tryParseLocalDateTime(value.slice(0, -1));
    if (local) return { kind: "utc", epochMs: wallClockMs(local) };
  } else if (/^\d{8}T\d{6}$/.test(value)) {
    const local = tryParseLocalDateTime(value);
    if (local) return { kind: "local", local };
  } else if (/^\d{8}$/.test(value)) {
    const date = tryParseLocalDate(value);
    if (date) return { kind: "date", date };
  }
  throw invalid("UNTIL", value, "invalid_until", "UNTIL must be a date (20261231) or date-time (20261231T235959Z).");
}

/** Parses an RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", an "RRULE:" prefix is allowed) or throws validation_failed naming the part. */
export function parseRrule(text: string): RecurrenceRule {
  const body = text.trim().toUpperCase().replace(/^RRULE:/, "");
  if (body === "") throw invalid("RRULE", text, "empty", "the rule is empty.");
  const values = new Map<string, string>();
  for (const segment of body.split(";")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    if (unsupportedParts.includes(name)) throw invalid(name, value, "unsupported_part", `${name} is not supported.`);
    if (!knownParts.includes(name)) throw invalid(name, value, "unknown_part", `${name} is not a recurrence rule part.`);
    if (values.has(name)) throw invalid(name, value, "duplicate_part", `${name} appears twice.`);
    if (value === "") throw invalid(name, value, "empty_value", `${name} has no value.`);
    values.set(name, value);
  }

  const freqText = values.get("FREQ");
  if (freqText === undefined) throw invalid("FREQ", "", "missing_part", "FREQ is required.");
  const freq = frequencies.find((f) => f === freqText);
  if (!freq) {
    const reason = ["SECONDLY", "MINUTELY", "HOURLY"].includes(freqText) ? "unsupported_value" : "invalid_value";
    throw invalid("FREQ", freqText, reason, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.");
  }

  const get = (name: string): string | undefined => values.get(name);
  const interval = get("INTERVAL") === undefined ? 1 : parseInteger("INTERVAL", get("INTERVAL") ?? "", 1, MAX_INTERVAL, false);
  const countText = get("COUNT");
  const untilText = get("UNTIL");
  if (countText !== undefined && untilText !== undefined) {
    throw invalid("COUNT", countText, "count_and_until", "COUNT and UNTIL cannot both be given.");
  }
  const byMonthDayText = get("BYMONTHDAY");
  if (byMonthDayText !== undefined && freq === "WEEKLY") {
    throw invalid("BYMONTHDAY", byMonthDayText, "not_allowed_with_freq", "BYMONTHDAY cannot be used with FREQ=WEEKLY.");
  }
  const byDayText = get("BYDAY");
  const byMonthText = get("BYMONTH");
  const bySetPosText = get("BYSETPOS");
  if (bySetPosText !== undefined && byDayText === undefined && byMonthDayText === undefined && byMonthText === undefined) {
    throw invalid("BYSETPOS", bySetPosText, "needs_by_part", "BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH.");
  }

  const rule: RecurrenceRule = {
    freq,
    interval,
    byDay: byDayText === undefined ? [] : parseByDay(byDayText, freq),
    byMonthDay: byMonthDayText === undefined ? [] : parseList("BYMONTHDAY", byMonthDayText, 1, 31, true),
    byMonth: byMonthText === undefined ? [] : parseList("BYMONTH", byMonthText, 1, 12, false),
    bySetPos: bySetPosText === undefined ? [] : parseList("BYSETPOS", bySetPosText, 1, 366, true),
    wkst: get("WKST") === undefined ? "MO" : parseWeekday("WKST", get("WKST") ?? ""),
  };
  if (countText !== undefined) rule.count = parseInteger("COUNT", countText, 1, MAX_COUNT, false);
  if (untilText !== undefined) rule.until = parseUntil(untilText);
  return rule;
}

function formatUntil(until: RuleUntil): string {
  switch (until.kind) {
    case "utc":
      return new Date(until.epochMs).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    case "local":
      return formatCompactLocalDateTime(until.local);
    case "date":
      return formatLocalDate(until.date).replace(/-/g, "");
  }
}

/** Writes a rule back as a canonical RRULE value (parts in a fixed order, defaults left out). */
export function formatRrule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${formatUntil(rule.until)}`);
  if (rule.byMonth.length > 0) parts.push(`BYMONTH=${rule.byMonth.join(",")}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(",")}`);
  if (rule.byDay.length > 0) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ""}${d.weekday}`).join(",")}`);
  if (rule.bySetPos.length > 0) parts.push(`BYSETPOS=${rule.bySetPos.join(",")}`);
  if (rule.wkst !== "MO") parts.push(`WKST=${rule.wkst}`);
  return parts.join(";");
}
