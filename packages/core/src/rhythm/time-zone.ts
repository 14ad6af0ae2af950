import { AppError } from "../errors";
import { MS_PER_DAY, wallClockMs } from "./local-date-time";
import type { LocalDateTime } from "./local-date-time";

// Time-zone rules come from the runtime's ICU data through Intl.DateTimeFormat: pure computation,
// no clock. One formatter per zone is memoized because constructing them is the slow part.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const zoneName = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True when the name is an IANA time zone the runtime knows ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!zoneName.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws validation_failed unless the name is a known IANA time zone. */
export function assertTimeZone(timeZone: string, field = "timeZone"): void {
  if (!isValidTimeZone(timeZone)) {
    throw new AppError("validation_failed", `${field} must be an IANA time zone like Europe/Berlin.`, {
      field,
      value: timeZone,
      reason: "unknown_time_zone",
    });
  }
}

/** The wall-clock date-time in a zone at an instant (epoch milliseconds). */
export function localDateTimeAt(epochMs: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const value = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const era = parts.find((p) => p.type === "era")?.value;
  const year = value("year");
  return {
    year: era === "BC" || era === "B" ? 1 - year : year,
    month: value("month"),
    day: value("day"),
    // Some ICU versions print midnight as 24 even with h23.
    hour: value("hour") % 24,
    minute: value("minute"),
    second: value("second"),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7_200_000). */
export function offsetMsAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockMs(localDateTimeAt(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant a wall-clock time names in a zone, by RFC 5545 §3.3.5: a time that occurs twice
 * (fall back) is the first occurrence; a time that does not occur (spring forward) is read with
 * the offset before the gap, which moves it forward by the gap's length (02:30 -> 03:30 in Berlin).
 * Assumes at most one transition within a day either side, which holds for every IANA zone.
 */
export function instantOfLocal(local: LocalDateTime, timeZone: string): number {
  const wall = wallClockMs(local);
  const offsetBefore = offsetMsAt(wall - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMsAt(wall + MS_PER_DAY, timeZone);
  const candidates = offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter];
  const valid = candidates
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(localDateTimeAt(instant, timeZone)) === wall)
    .sort((a, b) => a - b);
  const first = valid[0];
  if (first !== undefined) return first;
  // In a gap: neither offset reproduces the wall time.
  return wall - offsetBefore;
}

/** "+02:00" / "-04:00" / "+05:45" for an offset in milliseconds. */
export function formatUtcOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

