import type { LocalDateTime } from "@trellis/core/rhythm/local-date-time";
import { instantOfLocal, localDateTimeAt } from "@trellis/core/rhythm/time-zone";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

// Reading and writing a datetime-local field in the person's time zone (not the browser's), by
// core's time-zone rules.

/** The instant (ISO) a datetime-local value ("2026-11-24T15:00") names in the person's time zone, or null when empty or malformed. */
export function instantFromLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const local: LocalDateTime = { year, month, day, hour, minute, second: 0 };
  try {
    return new Date(instantOfLocal(local, timeZone)).toISOString();
  } catch {
    return null;
  }
}

/** A datetime-local value for an instant in the person's time zone. */
export function localInputOf(iso: string, timeZone: string): string {
  try {
    const local = localDateTimeAt(Date.parse(iso), timeZone);
    return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
  } catch {
    return "";
  }
}

/** Today's calendar date ("2026-11-24") in the person's time zone, at the given instant. */
export function calendarDateAt(epochMs: number, timeZone: string): string {
  try {
    const local = localDateTimeAt(epochMs, timeZone);
    return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
  } catch {
    return new Date(epochMs).toISOString().slice(0, 10);
  }
}
