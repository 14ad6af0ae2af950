import { isAppError } from "../errors";
import { buildCadenceRule } from "./build-rrule";
import type { CadenceRuleForm, RepeatPattern } from "./build-rrule";
import { formatLocalDate, formatLocalDateTime, formatTimeOfDay, tryParseLocalDateTime, weekdayOfDate, weekdays } from "./local-date-time";
import type { Weekday } from "./local-date-time";
import { formatRrule, parseRrule } from "./rrule";
import type { RecurrenceRule } from "./rrule";
import { isValidTimeZone, localDateTimeAt } from "./time-zone";

/** A stored rule read back into the simple form, or (one plain sentence) what of it the form cannot show. */
export type ReadCadenceRule = { ok: true; form: CadenceRuleForm } | { ok: false; reason: string };

const workingDays: readonly Weekday[] = ["MO", "TU", "WE", "TH", "FR"];

function cannot(reason: string): ReadCadenceRule {
  return { ok: false, reason };
}

/**
 * The repeat pattern of a rule, with RFC 5545's implicit parts (a weekly rule without BYDAY
 * recurs on DTSTART's weekday; a monthly one without BYDAY or BYMONTHDAY on DTSTART's day)
 * made explicit in `expected`, so the rule built back from the pattern can be compared as text.
 */
function patternOf(rule: RecurrenceRule, start: { weekday: Weekday; day: number }): { repeat: RepeatPattern; expected: RecurrenceRule } | string {
  if (rule.byMonth.length > 0) return "It is limited to certain months.";
  const hasOrdinal = rule.byDay.some((d) => d.ordinal !== undefined);
  switch (rule.freq) {
    case "DAILY":
      return "It repeats daily.";
    case "WEEKLY": {
      if (rule.bySetPos.length > 0) return "It keeps only some of its days (BYSETPOS).";
      // The order of BYDAY means nothing; the form writes the days Monday first.
      const days = weekdays.filter((w) => (rule.byDay.length > 0 ? rule.byDay.some((d) => d.weekday === w) : w === start.weekday));
      return { repeat: { pattern: "weekly", everyWeeks: rule.interval, weekdays: days }, expected: { ...rule, byDay: days.map((weekday) => ({ weekday })) } };
    }
    case "MONTHLY": {
      if (rule.byDay.length === 0 && rule.bySetPos.length === 0) {
        if (rule.byMonthDay.length > 1) return "It falls on several days of the month.";
        const day = rule.byMonthDay[0] ?? start.day;
        return { repeat: { pattern: "monthly_day", everyMonths: rule.interval, day }, expected: { ...rule, byMonthDay: [day] } };
      }
      if (rule.byMonthDay.length > 0) return "It combines weekdays with days of the month.";
      const only = rule.byDay[0];
      if (rule.byDay.length === 1 && only?.ordinal !== undefined && rule.bySetPos.length === 0) {
        const repeat: RepeatPattern =
          rule.interval === 3 ? { pattern: "quarterly_weekday", nth: only.ordinal, weekday: only.weekday } : { pattern: "monthly_weekday", everyMonths: rule.interval, nth: only.ordinal, weekday: only.weekday };
        return { repeat, expected: rule };
      }
      const isWorkingWeek = !hasOrdinal && rule.byDay.length === workingDays.length && workingDays.every((w) => rule.byDay.some((d) => d.weekday === w));
      if (isWorkingWeek && rule.bySetPos.length === 1 && rule.bySetPos[0] === -1) {
        return { repeat: { pattern: "monthly_last_weekday", everyMonths: rule.interval }, expected: { ...rule, byDay: workingDays.map((weekday) => ({ weekday })) } };
      }
      return "It falls on several weekdays of the month.";
    }
    case "YEARLY":
      if (rule.byDay.length > 0 || rule.byMonthDay.length > 0 || rule.bySetPos.length > 0) return "It picks days within the year.";
      return { repeat: { pattern: "yearly", everyYears: rule.interval }, expected: rule };
  }
}

/** The end of a rule as the form writes it: a count, or a last local date whose UNTIL is the end of that day in UTC. */
function endOf(rule: RecurrenceRule, timeZone: string): CadenceRuleForm["end"] | string | undefined {
  if (rule.count !== undefined) return { count: rule.count };
  if (rule.until === undefined) return undefined;
  if (rule.until.kind !== "utc") return "Its end is not written as a moment in UTC.";
  return { until: formatLocalDate(localDateTimeAt(rule.until.epochMs, timeZone)) };
}

/**
 * Reads a cadence's stored rule back into the simple form's fields (the inverse of
 * buildCadenceRule), so editing a cadence starts from its schedule. Only a form that builds
 * back exactly the same rule and first start is returned; otherwise `reason` says, in plain
 * words, what the form cannot show, and the rule should be kept as it is.
 */
export function readCadenceRule(input: { rrule: string; dtstart: string; timeZone: string }): ReadCadenceRule {
  let rule: RecurrenceRule;
  try {
    rule = parseRrule(input.rrule);
  } catch (error) {
    if (isAppError(error)) return cannot("Its rule cannot be read.");
    throw error;
  }
  const start = tryParseLocalDateTime(input.dtstart);
  if (!start) return cannot("Its first start cannot be read.");
  if (!isValidTimeZone(input.timeZone)) return cannot("Its time zone is unknown.");
  if (start.second !== 0) return cannot("Its time is not on a whole minute.");

  const pattern = patternOf(rule, { weekday: weekdayOfDate(start), day: start.day });
  if (typeof pattern === "string") return cannot(pattern);
  const end = endOf(rule, input.timeZone);
  if (typeof end === "string") return cannot(end);

  const form: CadenceRuleForm = { repeat: pattern.repeat, time: formatTimeOfDay(start), timeZone: input.timeZone, startOn: formatLocalDate(start), ...(end ? { end } : {}) };
  let built: ReturnType<typeof buildCadenceRule>;
  try {
    built = buildCadenceRule(form);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // Beyond the form's ranges: every 60 weeks, every 30 months, more than 1000 meetings.
    const field = typeof error.details?.field === "string" ? error.details.field : "";
    return cannot(field.startsWith("repeat.every") ? "It repeats at a longer interval than the form offers." : field === "end.count" ? "It ends after more meetings than the form offers." : "The form's fields cannot hold it.");
  }
  if (built.rrule !== formatRrule(pattern.expected)) return cannot("The form's fields would build a different rule.");
  if (built.dtstart !== formatLocalDateTime(start)) return cannot("Its first start is not one of its own dates.");
  return { ok: true, form };
}
