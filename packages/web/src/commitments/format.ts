import { isValidTimeZone } from "@trellis/core/rhythm/time-zone";
import { formatDateTime } from "../labels";

/**
 * A due date in the reader's time zone, with the wall-clock time it was meant in when that zone
 * differs: "15 Oct 2026, 15:00 (17:00 in Europe/Berlin)".
 */
export function formatDue(iso: string, commitmentZone: string, readerZone: string): string {
  const mine = formatDateTime(iso, readerZone);
  if (commitmentZone === readerZone || !isValidTimeZone(commitmentZone)) return mine;
  const theirs = formatDateTime(iso, commitmentZone);
  const sameDay = theirs.slice(0, theirs.lastIndexOf(",")) === mine.slice(0, mine.lastIndexOf(","));
  return `${mine} (${sameDay ? theirs.slice(theirs.lastIndexOf(",") + 2) : theirs} in ${commitmentZone})`;
}

/** "3 days", "5 hours", "40 minutes": a duration for people. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(ms / 86_400_000);
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** "67%" or "—" when there is nothing to measure yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

/** The IANA time zones this browser knows, the given ones first. */
export function timeZoneOptions(...first: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...first.filter(isValidTimeZone), "UTC", ...known])];
}
