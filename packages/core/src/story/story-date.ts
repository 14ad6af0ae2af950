import { AppError } from "../errors";

/** A day on the calendar, as people in the alliance read it. */
export interface CalendarDay {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

export const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone (default UTC); deterministic, no clock read. */
export function calendarDayOf(at: Date, timeZone = "UTC"): CalendarDay {
  if (Number.isNaN(at.getTime())) throw new AppError("validation_failed", "Not a valid time.", { field: "at" });
  if (timeZone === "UTC") return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    } catch {
      throw new AppError("validation_failed", `Unknown time zone ${timeZone}.`, { field: "timeZone" });
    }
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** Reads a summary date: a calendar date (YYYY-MM-DD) as is, or an ISO instant in the time zone. */
export function parseStoryDay(value: string, timeZone = "UTC"): CalendarDay | null {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : calendarDayOf(at, timeZone);
}

/** "3 March", or "3 March 2026" when the year differs from the reference year. */
export function formatStoryDay(day: CalendarDay, referenceYear?: number): string {
  const base = `${day.day} ${monthNames[day.month - 1]}`;
  return referenceYear === undefined || referenceYear === day.year ? base : `${base} ${day.year}`;
}

/** "March 2025". */
export function formatStoryMonth(day: Pick<CalendarDay, "year" | "month">): string {
  return `${monthNames[day.month - 1]} ${day.year}`;
}
