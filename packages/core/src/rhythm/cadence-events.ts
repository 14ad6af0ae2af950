import { occurrencesOf } from "./cadence";
import type { Cadence, Occurrence } from "./cadence";
import type { InstantInput } from "./instant";
import type { CalendarEvent } from "./render-calendar";

export const DEFAULT_UID_DOMAIN = "trellis";

/** The stable UID of an occurrence: "<cadenceId>-<yyyymmddThhmmss>@trellis" (same UID when cancelled). */
export function occurrenceUid(cadenceId: string, occurrenceKey: string, domain = DEFAULT_UID_DOMAIN): string {
  return `${cadenceId}-${occurrenceKey}@${domain}`;
}

export interface OccurrenceEventOptions {
  /** Prefixes the summary ("Water Alliance: Tactical check-in"); useful in a person's all-alliance feed. */
  allianceName?: string;
  description?: string;
  location?: string;
  /** Link to the meeting in Trellis. */
  url?: string;
  /** The cadence's revision; a cancelled occurrence gets one more so clients take the change. */
  sequence?: number;
  uidDomain?: string;
}

/** The VEVENT for one occurrence; a cancelled one keeps its UID, says so in the summary and has STATUS:CANCELLED. */
export function occurrenceToEvent(cadence: Cadence, occurrence: Occurrence, options: OccurrenceEventOptions = {}): CalendarEvent {
  const title = options.allianceName ? `${options.allianceName}: ${cadence.title}` : cadence.title;
  // Some apps ignore STATUS in subscribed feeds, so the summary says it too.
  const summary = occurrence.cancelled ? `Cancelled: ${title}` : title;
  const event: CalendarEvent = {
    uid: occurrenceUid(cadence.id, occurrence.occurrenceKey, options.uidDomain),
    start: occurrence.start,
    end: occurrence.end,
    summary,
    status: occurrence.cancelled ? "cancelled" : "confirmed",
    sequence: (options.sequence ?? 0) + (occurrence.cancelled ? 1 : 0),
  };
  if (options.description !== undefined) event.description = options.description;
  if (options.location !== undefined) event.location = options.location;
  if (options.url !== undefined) event.url = options.url;
  return event;
}

export interface CadenceEventsInput {
  cadences: readonly Cadence[];
  from: InstantInput;
  to: InstantInput;
  /** Per-cadence event options (alliance name, links, revision). */
  optionsFor?: (cadence: Cadence, occurrence: Occurrence) => OccurrenceEventOptions;
}

/** Events for every occurrence of the cadences in [from, to), ordered by start then UID: a feed's body. */
export function cadenceCalendarEvents(input: CadenceEventsInput): CalendarEvent[] {
  const rows = input.cadences.flatMap((cadence) =>
    occurrencesOf(cadence, input.from, input.to).map((occurrence) => ({
      start: occurrence.start,
      event: occurrenceToEvent(cadence, occurrence, input.optionsFor?.(cadence, occurrence) ?? {}),
    })),
  );
  rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.event.uid < b.event.uid ? -1 : a.event.uid > b.event.uid ? 1 : 0));
  return rows.map((row) => row.event);
}
