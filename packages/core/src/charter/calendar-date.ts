import { AppError } from "../errors";

/**
 * Calendar dates ("2026-03-31") as whole UTC days. Renewals and review dates are days, not
 * instants: "renewed on" and "overdue by N days" read the same for every partner.
 */

const DAY_MS = 86_400_000;

function monthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date, or validation_failed naming the field. */
export function parseCalendarDate(text: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
    throw new AppError("validation_failed", `${field} must be a calendar date YYYY-MM-DD.`, { field, value: text, reason: "invalid_date" });
  }
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** "YYYY-MM-DD" of a day number. */
export function formatCalendarDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day number an instant falls on. */
export function dayNumberAt(instant: Date): number {
  return Math.floor(instant.getTime() / DAY_MS);
}

/** Adds calendar months, keeping the day of month or the month's last day (Jan 31 + 1 = Feb 28/29). */
export function addMonthsToDate(text: string, months: number): string {
  const start = new Date(parseCalendarDate(text, "date") * DAY_MS);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const day = Math.min(start.getUTCDate(), monthLength(targetYear, targetMonth + 1));
  return formatCalendarDate(Date.UTC(targetYear, targetMonth, day) / DAY_MS);
}
