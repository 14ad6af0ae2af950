import { formatLocalDate, formatTimeOfDay, parseLocalDateTime, weekdayOfDate } from "./local-date-time";
import type { LocalDateTime, Weekday } from "./local-date-time";
import { parseRrule } from "./rrule";
import type { RecurrenceRule, RuleUntil, WeekdayNum } from "./rrule";
import { localDateTimeAt } from "./time-zone";

const weekdayNames: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ordinalWords = ["first", "second", "third", "fourth", "fifth"];

/** "1st", "2nd", "3rd", "11th", "22nd". */
function numericOrdinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** "first", "last", "second-to-last", "20th". */
function positionWord(n: number): string {
  if (n === -1) return "last";
  if (n < 0) return `${positionWord(-n)}-to-last`;
  return ordinalWords[n - 1] ?? numericOrdinal(n);
}

/** "a", "a and b", "a, b and c". */
function joinWords(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1] ?? ""}`;
}

const weekdaySet = (days: readonly Weekday[]): string => [...days].sort().join(",");
const WORKWEEK = weekdaySet(["MO", "TU", "WE", "TH", "FR"]);
const WEEKEND = weekdaySet(["SA", "SU"]);
const EVERY_DAY = weekdaySet(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);

/** "weekday" for MO-FR, "weekend day" for SA,SU, "day" for all seven, else "Monday or Friday". */
function dayClass(days: readonly Weekday[], conjunction: string): string {
  const set = weekdaySet(days);
  if (set === WORKWEEK) return "weekday";
  if (set === WEEKEND) return "weekend day";
  if (set === EVERY_DAY) return "day";
  return joinWords(days.map((d) => weekdayNames[d]), conjunction);
}

function plainDays(byDay: readonly WeekdayNum[]): string {
  const days = byDay.map((d) => d.weekday);
  const set = weekdaySet(days);
  if (set === WORKWEEK) return "on weekdays";
  if (set === WEEKEND) return "on weekends";
  return `on ${joinWords(days.map((d) => weekdayNames[d]))}`;
}

function monthDayPhrase(n: number): string {
  return n > 0 ? `the ${numericOrdinal(n)}` : n === -1 ? "the last day" : `the ${positionWord(n)} day`;
}

/** What day(s) within a month (or year, when scope says so) the rule picks. */
function dayPhrase(rule: RecurrenceRule, dtstart: LocalDateTime, scope: "month" | "year"): string {
  const ofYear = scope === "year" ? " of the year" : "";
  if (rule.bySetPos.length > 0 && rule.byDay.length > 0 && rule.byDay.every((d) => d.ordinal === undefined) && rule.byMonthDay.length === 0) {
    const positions = joinWords(rule.bySetPos.map(positionWord));
    return `on the ${positions} ${dayClass(rule.byDay.map((d) => d.weekday), "or")}${ofYear}`;
  }
  if (rule.byMonthDay.length > 0) {
    const days = `on ${joinWords(rule.byMonthDay.map(monthDayPhrase))}`;
    return rule.byDay.length > 0 ? `${days}, when it is a ${joinWords(rule.byDay.map(weekdayNumPhrase), "or")}` : days;
  }
  if (rule.byDay.length > 0) {
    if (rule.byDay.every((d) => d.ordinal === undefined)) return `${plainDays(rule.byDay)}`;
    return `on ${joinWords(rule.byDay.map((d) => `the ${weekdayNumPhrase(d)}`))}${ofYear}`;
  }
  return `on the ${numericOrdinal(dtstart.day)}`;
}

function weekdayNumPhrase(d: WeekdayNum): string {
  return d.ordinal === undefined ? weekdayNames[d.weekday] : `${positionWord(d.ordinal)} ${weekdayNames[d.weekday]}`;
}

function untilPhrase(until: RuleUntil, timeZone: string): string {
  switch (until.kind) {
    case "date":
      return formatLocalDate(until.date);
    case "local":
      return formatLocalDate(until.local);
    case "utc":
      return formatLocalDate(localDateTimeAt(until.epochMs, timeZone));
  }
}

export interface DescribeRuleOptions {
  /** The cadence's first start, local ("2026-01-13T15:00"); gives the time and any implied day. */
  dtstart: string;
  timeZone: string;
}

/** Describes a rule in plain English: "Every 2 weeks on Tuesday at 15:00 (Europe/Berlin)". */
export function describeRrule(rrule: string | RecurrenceRule, options: DescribeRuleOptions): string {
  const rule = typeof rrule === "string" ? parseRrule(rrule) : rrule;
  const dtstart = parseLocalDateTime(options.dtstart, "dtstart");
  const unit = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" }[rule.freq];
  const parts = [rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`];
  const inMonths = rule.byMonth.length > 0 ? `in ${joinWords(rule.byMonth.map((m) => monthNames[m - 1] ?? String(m)))}` : undefined;

  switch (rule.freq) {
    case "DAILY":
      if (rule.byDay.length > 0) parts.push(plainDays(rule.byDay));
      if (rule.byMonthDay.length > 0) parts.push(`on ${joinWords(rule.byMonthDay.map(monthDayPhrase))}`);
      if (inMonths) parts.push(inMonths);
      break;
    case "WEEKLY":
      parts.push(rule.byDay.length > 0 ? plainDays(rule.byDay) : `on ${weekdayNames[weekdayOfDate(dtstart)]}`);
      if (inMonths) parts.push(inMonths);
      break;
    case "MONTHLY":
      parts.push(dayPhrase(rule, dtstart, "month"));
      if (inMonths) parts.push(inMonths);
      break;
    case "YEARLY": {
      const yearScoped = rule.byMonth.length === 0 && rule.byMonthDay.length === 0 && rule.byDay.length > 0;
      if (yearScoped) {
        parts.push(dayPhrase(rule, dtstart, "year"));
      } else {
        const months = inMonths ?? (rule.byMonthDay.length > 0 ? undefined : `in ${monthNames[dtstart.month - 1] ?? ""}`);
        if (months) parts.push(months);
        parts.push(dayPhrase(rule, dtstart, "month"));
      }
      break;
    }
  }

  let text = `${parts.join(" ")} at ${formatTimeOfDay(dtstart)} (${options.timeZone})`;
  if (rule.count !== undefined) text += rule.count === 1 ? ", once" : `, ${rule.count} times`;
  if (rule.until !== undefined) text += `, until ${untilPhrase(rule.until, options.timeZone)}`;
  return text;
}

