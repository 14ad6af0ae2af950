import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCadenceRule, cadenceCalendarEvents, describeRrule, occurrencesOf, renderCalendar, viewOccurrenceIn } from "./index";
import type { Cadence } from "./index";

describe("rhythm public API, end to end", () => {
  it("builds a quarterly health review from a form, expands it in New York time and publishes it as a feed", () => {
    const built = buildCadenceRule({ repeat: { pattern: "quarterly_weekday", nth: 1, weekday: "MO" }, time: "11:00", timeZone: "America/New_York", startOn: "2026-01-01" });
    const cadence: Cadence = {
      id: "0b6f4c1e-health",
      allianceId: "alliance-1",
      kind: "health_review",
      title: "Health review",
      rrule: built.rrule,
      dtstart: built.dtstart,
      timeZone: "America/New_York",
      durationMinutes: 120,
      expectedSeatIds: ["seat-a", "seat-b", "seat-c"],
      cancelledStarts: ["2026-07-06T11:00"],
    };
    expect(describeRrule(cadence.rrule, cadence)).toBe("Every 3 months on the first Monday at 11:00 (America/New_York)");

    const occurrences = occurrencesOf(cadence, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    // 11:00 EST = 16:00Z in January, 11:00 EDT = 15:00Z from April to October.
    expect(occurrences.map((o) => [o.occurrenceKey, o.start, o.cancelled])).toEqual([
      ["20260105T110000", "2026-01-05T16:00:00.000Z", false],
      ["20260406T110000", "2026-04-06T15:00:00.000Z", false],
      ["20260706T110000", "2026-07-06T15:00:00.000Z", true],
      ["20261005T110000", "2026-10-05T15:00:00.000Z", false],
    ]);
    const april = occurrences[1];
    if (!april) throw new Error("missing occurrence");
    expect(viewOccurrenceIn(april, "Europe/Berlin").label).toBe("Mon 6 Apr 2026, 17:00–19:00 (Europe/Berlin)");
    expect(viewOccurrenceIn(april, "Asia/Tokyo").label).toBe("Tue 7 Apr 2026, 00:00–02:00 (Asia/Tokyo)");

    const ics = renderCalendar({ name: "Health reviews", dtstamp: "2026-01-01T00:00:00Z", events: cadenceCalendarEvents({ cadences: [cadence], from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) });
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString(), e.component.getFirstPropertyValue("status")])).toEqual([
      ["0b6f4c1e-health-20260105T110000@trellis", "2026-01-05T16:00:00.000Z", "CONFIRMED"],
      ["0b6f4c1e-health-20260406T110000@trellis", "2026-04-06T15:00:00.000Z", "CONFIRMED"],
      ["0b6f4c1e-health-20260706T110000@trellis", "2026-07-06T15:00:00.000Z", "CANCELLED"],
      ["0b6f4c1e-health-20261005T110000@trellis", "2026-10-05T15:00:00.000Z", "CONFIRMED"],
    ]);
  });
});
