import { AppError } from "../errors";

/** A wall-clock date and time with no zone ("15:00 on 10 March 2026", wherever that is). */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number; // 0-23
  minute: number;
  second: number;
}

/** A calendar date with no zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** RFC 5545 weekday codes, Monday first (index 0 = MO). */
export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdays)[number];

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil). */
export function dayNumberOf(date: LocalDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (Howard Hinnant's civil_from_days). */
export function dateOfDayNumber(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday index of a day number, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndexOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The RFC 5545 weekday code of a date. */
export function weekdayOfDate(date: LocalDate): Weekday {
  return weekdays[weekdayIndexOf(dayNumberOf(date))] ?? "MO";
}

/** Milliseconds of a local date-time read as if it were UTC; used for wall-clock arithmetic. */
export function wallClockMs(local: LocalDateTime): number {
  return dayNumberOf(local) * MS_PER_DAY + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000;
}

/** The local date-time whose wall-clock milliseconds are given (inverse of wallClockMs, to the second). */
export function localOfWallClockMs(ms: number): LocalDateTime {
  const dayNumber = Math.floor(ms / MS_PER_DAY);
  const secondsOfDay = Math.floor((ms - dayNumber * MS_PER_DAY) / 1000);
  return {
    ...dateOfDayNumber(dayNumber),
    hour: Math.floor(secondsOfDay / 3600),
    minute: Math.floor((secondsOfDay % 3600) / 60),
    second: secondsOfDay % 60,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** "2026-03-10T15:00:00": the extended ISO 8601 form with no offset. */
export function formatLocalDateTime(local: LocalDateTime): string {
  return `${formatLocalDate(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
}

/** "2026-03-10". */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** "20260310T150000": the RFC 5545 basic form, also used as a stable occurrence key. */
export function formatCompactLocalDateTime(local: LocalDateTime): string {
  return `${pad(local.year, 4)}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

/** "15:00". */
export function formatTimeOfDay(local: Pick<LocalDateTime, "hour" | "minute">): string {
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

const extendedDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const basicDateTime = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/;
const extendedDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const basicDate = /^(\d{4})(\d{2})(\d{2})$/;

/** True when the numbers name a real date and time (no 30 February, no 24:00). */
export function isValidLocalDateTime(local: LocalDateTime): boolean {
  return (
    Number.isInteger(local.year) &&
    local.year >= 1 &&
    local.year <= 9999 &&
    local.month >= 1 &&
    local.month <= 12 &&
    local.day >= 1 &&
    local.day <= daysInMonth(local.year, local.month) &&
    local.hour >= 0 &&
    local.hour <= 23 &&
    local.minute >= 0 &&
    local.minute <= 59 &&
    local.second >= 0 &&
    local.second <= 59
  );
}

/** Parses "2026-03-10T15:00[:00]" or "20260310T150000" (no offset, no zone), or returns undefined. */
export function tryParseLocalDateTime(text: string): LocalDateTime | undefined {
  const m = extendedDateTime.exec(text) ?? basicDateTime.exec(text);
  if (!m) return undefined;
  const local: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  };
  return isValidLocalDateTime(local) ? local : undefined;
}

/** Parses "2026-03-10" or "20260310", or returns undefined. */
export function tryParseLocalDate(text: string): LocalDate | undefined {
  const m = extendedDate.exec(text) ?? basicDate.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidLocalDateTime({ ...date, hour: 0, minute: 0, second: 0 }) ? date : undefined;
}

/** Parses a local date-time or throws validation_failed naming the field. */
export function parseLocalDateTime(text: string, field = "dtstart"): LocalDateTime {
  const local = tryParseLocalDateTime(text);
  if (!local) {
    throw new AppError("validation_failed", `${field} must be a local date-time like 2026-03-10T15:00.`, {
      field,
      value: text,
      reason: "invalid_local_date_time",
    });
  }
  return local;
}

/** Parses "15:00" (24-hour) or throws validation_failed naming the field. */
export function parseTimeOfDay(text: string, field = "time"): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new AppError("validation_failed", `${field} must be a 24-hour time like 15:00.`, { field, value: text, reason: "invalid_time" });
  }
  return { hour, minute };
}
