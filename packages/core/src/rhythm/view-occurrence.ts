import type { Occurrence } from "./cadence";
import { toEpochMs } from "./instant";
import { dayNumberOf, formatLocalDateTime, formatTimeOfDay, parseLocalDateTime, weekdayOfDate } from "./local-date-time";
import type { Weekday } from "./local-date-time";
import { assertTimeZone, formatUtcOffset, localDateTimeAt, offsetMsAt } from "./time-zone";

/** An occurrence as seen from a viewer's time zone. */
export interface OccurrenceView {
  timeZone: string;
  /** Viewer's local start and end, "2026-03-10T09:00:00". */
  localStart: string;
  localEnd: string;
  /** Viewer's UTC offset at the start, "-04:00". */
  utcOffset: string;
  /** Calendar days between the cadence's local start date and the viewer's (+1: the next day for the viewer). */
  dayShift: number;
  /** Plain English, no locale data involved: "Tue 10 Mar 2026, 09:00–10:00 (America/New_York)". */
  label: string;
}

const weekdayShort: Record<Weekday, string> = { MO: "Mon", TU: "Tue", WE: "Wed", TH: "Thu", FR: "Fri", SA: "Sat", SU: "Sun" };
const monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Shows an occurrence in another person's time zone, with the day shift an invitation should mention. */
export function viewOccurrenceIn(occurrence: Occurrence, timeZone: string): OccurrenceView {
  assertTimeZone(timeZone, "viewerTimeZone");
  const startMs = toEpochMs(occurrence.start, "start");
  const endMs = toEpochMs(occurrence.end, "end");
  const start = localDateTimeAt(startMs, timeZone);
  const end = localDateTimeAt(endMs, timeZone);
  const organizerDate = parseLocalDateTime(occurrence.localStart, "localStart");
  const endDayShift = dayNumberOf(end) - dayNumberOf(start);
  const endLabel = endDayShift === 0 ? formatTimeOfDay(end) : `${formatTimeOfDay(end)} (+${endDayShift}d)`;
  const label = `${weekdayShort[weekdayOfDate(start)]} ${start.day} ${monthShort[start.month - 1] ?? ""} ${start.year}, ${formatTimeOfDay(start)}–${endLabel} (${timeZone})`;
  return {
    timeZone,
    localStart: formatLocalDateTime(start),
    localEnd: formatLocalDateTime(end),
    utcOffset: formatUtcOffset(offsetMsAt(startMs, timeZone)),
    dayShift: dayNumberOf(start) - dayNumberOf(organizerDate),
    label,
  };
}
