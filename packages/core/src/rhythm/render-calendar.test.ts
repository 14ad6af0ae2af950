import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { cadenceCalendarEvents, occurrenceToEvent, occurrenceUid } from "./cadence-events";
import { occurrencesOf } from "./cadence";
import { buildCadence } from "./testing";
import { escapeText, foldLine, renderCalendar } from "./render-calendar";

const berlin = buildCadence({ id: "cad-berlin", title: "Tactical check-in", cancelledStarts: ["2026-04-07T15:00"] });
const newYork = buildCadence({
  id: "cad-nyc",
  kind: "governance_meeting",
  title: "Governance meeting",
  rrule: "FREQ=WEEKLY;BYDAY=MO",
  dtstart: "2026-03-02T09:00",
  timeZone: "America/New_York",
  durationMinutes: 90,
});
const DTSTAMP = "2026-02-20T08:00:00Z";

// ical.js leaves values of properties it has no type for (X-WR-CALNAME) raw; RFC 5545 §3.8.8.2
// makes them TEXT, so Trellis escapes them and the test decodes them as TEXT.
const decodeText = (raw: unknown): string => ICAL.design.icalendar.value.text.fromICAL(String(raw));

function parseEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        startZone: event.startDate.zone?.tzid,
        summary: event.summary,
        description: event.description,
        status: vevent.getFirstPropertyValue("status"),
        sequence: vevent.getFirstPropertyValue("sequence"),
        dtstamp: String(vevent.getFirstPropertyValue("dtstamp")),
      };
    }),
  };
}

describe("renderCalendar, read back by ical.js", () => {
  const from = "2026-03-01T00:00:00Z";
  const to = "2026-04-15T00:00:00Z";
  const ics = renderCalendar({
    name: "Water Alliance, Trellis",
    dtstamp: DTSTAMP,
    refreshIntervalMinutes: 60,
    events: cadenceCalendarEvents({ cadences: [berlin, newYork], from, to, optionsFor: () => ({ allianceName: "Water Alliance", url: "https://trellis.example/a/1" }) }),
  });

  it("writes the calendar header and CRLF lines of at most 75 octets", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Trellis//Trellis Calendar Feed//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const { calendar } = parseEvents(ics);
    expect(decodeText(calendar.getFirstPropertyValue("x-wr-calname"))).toBe("Water Alliance, Trellis");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getAllSubcomponents("vtimezone")).toHaveLength(0);
  });

  it("carries every occurrence of both zones at its UTC instant across each zone's DST change", () => {
    const { events } = parseEvents(ics);
    const expected = [...occurrencesOf(berlin, from, to), ...occurrencesOf(newYork, from, to)].sort((a, b) => a.start.localeCompare(b.start));
    expect(events.map((e) => [e.uid, e.start, e.end])).toEqual(expected.map((o) => [occurrenceUid(o.cadenceId, o.occurrenceKey), o.start, o.end]));
    expect(events.every((e) => e.startZone === "UTC")).toBe(true);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    // Berlin: 14:00Z before 29 March, 13:00Z after. New York: 14:00Z before 8 March, 13:00Z after.
    expect(byUid.get("cad-berlin-20260310T150000@trellis")?.start).toBe("2026-03-10T14:00:00.000Z");
    expect(byUid.get("cad-berlin-20260407T150000@trellis")?.start).toBe("2026-04-07T13:00:00.000Z");
    expect(byUid.get("cad-nyc-20260302T090000@trellis")?.start).toBe("2026-03-02T14:00:00.000Z");
    expect(byUid.get("cad-nyc-20260309T090000@trellis")).toMatchObject({ start: "2026-03-09T13:00:00.000Z", end: "2026-03-09T14:30:00.000Z" });
    expect(byUid.get("cad-nyc-20260309T090000@trellis")?.dtstamp).toBe("2026-02-20T08:00:00Z");
  });

  it("marks a cancelled occurrence cancelled under the same UID, with a higher sequence", () => {
    const { events } = parseEvents(ics);
    const cancelled = events.filter((e) => e.status === "CANCELLED");
    expect(cancelled.map((e) => e.uid)).toEqual(["cad-berlin-20260407T150000@trellis"]);
    expect(cancelled[0]).toMatchObject({ summary: "Cancelled: Water Alliance: Tactical check-in", sequence: 1 });
    expect(events.find((e) => e.uid === "cad-berlin-20260324T150000@trellis")).toMatchObject({ status: "CONFIRMED", sequence: 0 });
  });

  it("keeps UIDs stable between renders and windows", () => {
    const later = cadenceCalendarEvents({ cadences: [berlin], from: "2026-03-20T00:00:00Z", to: "2026-05-01T00:00:00Z" });
    expect(later[0]?.uid).toBe("cad-berlin-20260324T150000@trellis");
    const again = renderCalendar({ name: "Water Alliance, Trellis", dtstamp: DTSTAMP, refreshIntervalMinutes: 60, events: cadenceCalendarEvents({ cadences: [berlin, newYork], from, to, optionsFor: () => ({ allianceName: "Water Alliance", url: "https://trellis.example/a/1" }) }) });
    expect(again).toBe(ics);
  });

  it("round-trips text with commas, semicolons, backslashes, newlines and non-ASCII", () => {
    const description = "Agenda: budget, scope; \\ review\nSecond line\r\nThird — Grüße, 東京 🌍";
    const [occurrence] = occurrencesOf(berlin, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
    if (!occurrence) throw new Error("missing occurrence");
    const event = occurrenceToEvent(berlin, occurrence, { description, location: "Room 3, Floor 2; Berlin" });
    const text = renderCalendar({ name: "Büro; Team, A\\B", dtstamp: DTSTAMP, events: [event] });
    expect(text).toContain("DESCRIPTION:Agenda: budget\\, scope\\; \\\\ review\\nSecond line\\nThird");
    const { events, calendar } = parseEvents(text);
    expect(events[0]?.description).toBe("Agenda: budget, scope; \\ review\nSecond line\nThird — Grüße, 東京 🌍");
    expect(calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("location")).toBe("Room 3, Floor 2; Berlin");
    expect(decodeText(calendar.getFirstPropertyValue("x-wr-calname"))).toBe("Büro; Team, A\\B");
  });

  it("round-trips any text through escaping and folding (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 200 }), (summary, description) => {
        const text = renderCalendar({
          name: "Feed",
          dtstamp: DTSTAMP,
          events: [{ uid: "u-1@trellis", start: "2026-03-10T14:00:00Z", end: "2026-03-10T15:00:00Z", summary, description }],
        });
        for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
        const { events } = parseEvents(text);
        // eslint-disable-next-line no-control-regex -- the same controls the writer drops
        const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").replace(/\r\n|\r/g, "\n");
        expect(events[0]?.summary).toBe(clean(summary));
        expect(events[0]?.description ?? "").toBe(clean(description));
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it("rejects duplicate UIDs and events that end before they start", () => {
    const event = { uid: "same@trellis", start: "2026-03-10T14:00:00Z", end: "2026-03-10T15:00:00Z", summary: "x" };
    expect(() => renderCalendar({ name: "x", dtstamp: DTSTAMP, events: [event, event] })).toThrowError(
      expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "events[1].uid", reason: "duplicate_uid" }) }),
    );
    expect(() => renderCalendar({ name: "x", dtstamp: DTSTAMP, events: [{ ...event, end: event.start }] })).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ field: "events[0].end" }) }),
    );
    expect(() => renderCalendar({ name: "x", dtstamp: "yesterday", events: [] })).toThrowError(expect.objectContaining({ details: expect.objectContaining({ field: "dtstamp" }) }));
  });
});

describe("escapeText and foldLine", () => {
  it("escape per RFC 5545 §3.3.11", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf\rg\u0007")).toBe("a\\,b\\;c\\\\d\\ne\\nf\\ng");
  });

  it("fold at 75 octets without splitting a UTF-8 character", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    expect(foldLine("x".repeat(75 + 74 + 1))).toBe(`${"x".repeat(75)}\r\n ${"x".repeat(74)}\r\n x`);
    // 74 ASCII octets then a 4-octet emoji: the emoji moves whole to the next line.
    expect(foldLine(`${"x".repeat(74)}🌍`)).toBe(`${"x".repeat(74)}\r\n 🌍`);
    expect(foldLine("ü".repeat(40)).split("\r\n").map((l) => new TextEncoder().encode(l).length)).toEqual([74, 7]);
  });
});
