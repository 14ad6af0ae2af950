import { AppError } from "../errors";
import { toEpochMs } from "./instant";
import type { InstantInput } from "./instant";

// Trellis writes every DTSTART/DTEND/DTSTAMP in UTC ("…Z"). That is fully valid RFC 5545, needs
// no VTIMEZONE (so nothing depends on a client's or our zone database agreeing), and every
// calendar app converts it to the viewer's zone. The wall-clock rule (15:00 Berlin) lives in
// Trellis; the feed carries each occurrence as its own VEVENT, expanded and DST-correct.

export const CALENDAR_PRODID = "-//Trellis//Trellis Calendar Feed//EN";

export type CalendarEventStatus = "confirmed" | "tentative" | "cancelled";

/** One VEVENT. */
export interface CalendarEvent {
  /** Globally unique and stable across renders (see occurrenceUid). */
  uid: string;
  start: InstantInput;
  end: InstantInput;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: CalendarEventStatus;
  /** Revision number; bump when the event changes (e.g. on cancellation). Default 0. */
  sequence?: number;
  categories?: readonly string[];
  /** Overrides the calendar's dtstamp for this event. */
  dtstamp?: InstantInput;
}

export interface CalendarInput {
  /** Shown by calendar apps as the subscription's name (X-WR-CALNAME, NAME). */
  name: string;
  description?: string;
  /** DTSTAMP of every event: when this feed was generated, passed in (core has no clock). */
  dtstamp: InstantInput;
  events: readonly CalendarEvent[];
  /** Suggested polling interval for subscribers (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshIntervalMinutes?: number;
  prodId?: string;
}

// eslint-disable-next-line no-control-regex -- RFC 5545 TEXT forbids control characters; this finds them to drop them.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes an RFC 5545 TEXT value (§3.3.11): backslash, semicolon, comma and newlines; drops other controls. */
export function escapeText(text: string): string {
  return text
    .replace(controlCharacters, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space,
 * which counts toward their 75; a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > 75) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n");
}

/** "20260310T140000Z": an instant in RFC 5545 UTC form (whole seconds). */
export function formatIcsUtc(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const oneLine = (text: string): string => text.replace(controlCharacters, "").replace(/[\r\n]+/g, " ");

function durationOf(minutes: number): string {
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

function eventLines(event: CalendarEvent, index: number, calendarStamp: string): string[] {
  const field = (name: string): string => `events[${index}].${name}`;
  const startMs = toEpochMs(event.start, field("start"));
  const endMs = toEpochMs(event.end, field("end"));
  if (endMs <= startMs) {
    throw new AppError("validation_failed", "An event must end after it starts.", { field: field("end"), value: String(event.end), reason: "end_not_after_start" });
  }
  const sequence = event.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0) {
    throw new AppError("validation_failed", "sequence must be a whole number >= 0.", { field: field("sequence"), value: sequence, reason: "out_of_range" });
  }
  const status = event.status ?? "confirmed";
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${event.dtstamp === undefined ? calendarStamp : formatIcsUtc(toEpochMs(event.dtstamp, field("dtstamp")))}`,
    `DTSTART:${formatIcsUtc(startMs)}`,
    `DTEND:${formatIcsUtc(endMs)}`,
    `SEQUENCE:${sequence}`,
    `STATUS:${status.toUpperCase()}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined && event.description !== "") lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined && event.location !== "") lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url !== undefined && event.url !== "") lines.push(`URL:${oneLine(event.url)}`);
  if (event.categories !== undefined && event.categories.length > 0) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  // A cancelled meeting should not block anyone's free/busy time.
  lines.push(`TRANSP:${status === "cancelled" ? "TRANSPARENT" : "OPAQUE"}`);
  lines.push("END:VEVENT");
  return lines;
}

/**
 * Renders an iCalendar (RFC 5545) feed: CRLF line endings, lines folded at 75 octets, TEXT
 * escaped, PRODID/VERSION/CALSCALE/METHOD:PUBLISH, X-WR-CALNAME, one VEVENT per event with times
 * in UTC. Throws validation_failed on a bad event or a duplicate UID.
 */
export function renderCalendar(input: CalendarInput): string {
  const stamp = formatIcsUtc(toEpochMs(input.dtstamp, "dtstamp"));
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${oneLine(input.prodId ?? CALENDAR_PRODID)}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  lines.push(`X-WR-CALNAME:${escapeText(input.name)}`, `NAME:${escapeText(input.name)}`);
  if (input.description !== undefined && input.description !== "") {
    lines.push(`X-WR-CALDESC:${escapeText(input.description)}`, `DESCRIPTION:${escapeText(input.description)}`);
  }
  if (input.refreshIntervalMinutes !== undefined) {
    const minutes = input.refreshIntervalMinutes;
    if (!Number.isInteger(minutes) || minutes < 1) {
      throw new AppError("validation_failed", "refreshIntervalMinutes must be a whole number >= 1.", { field: "refreshIntervalMinutes", value: minutes, reason: "out_of_range" });
    }
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${durationOf(minutes)}`, `X-PUBLISHED-TTL:${durationOf(minutes)}`);
  }
  const seen = new Set<string>();
  input.events.forEach((event, index) => {
    if (seen.has(event.uid)) {
      throw new AppError("validation_failed", "Two events share a UID.", { field: `events[${index}].uid`, value: event.uid, reason: "duplicate_uid" });
    }
    seen.add(event.uid);
    lines.push(...eventLines(event, index, stamp));
  });
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
