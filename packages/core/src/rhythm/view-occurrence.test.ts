import { describe, expect, it } from "vitest";
import { occurrencesOf } from "./cadence";
import { buildCadence } from "./testing";
import { viewOccurrenceIn } from "./view-occurrence";

describe("viewOccurrenceIn", () => {
  // 15:00 Berlin every second Tuesday; New York moves its clocks on 8 March, Berlin on 29 March.
  const [january, marchGap, april] = [
    occurrencesOf(buildCadence(), "2026-01-13T00:00:00Z", "2026-01-14T00:00:00Z")[0],
    occurrencesOf(buildCadence(), "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")[0],
    occurrencesOf(buildCadence(), "2026-04-07T00:00:00Z", "2026-04-08T00:00:00Z")[0],
  ];

  it("shows a Berlin meeting in New York, including the weeks when the two zones' DST differ", () => {
    if (!january || !marchGap || !april) throw new Error("missing occurrence");
    expect(viewOccurrenceIn(january, "America/New_York")).toEqual({
      timeZone: "America/New_York",
      localStart: "2026-01-13T09:00:00",
      localEnd: "2026-01-13T10:00:00",
      utcOffset: "-05:00",
      dayShift: 0,
      label: "Tue 13 Jan 2026, 09:00–10:00 (America/New_York)",
    });
    expect(viewOccurrenceIn(marchGap, "America/New_York")).toMatchObject({ localStart: "2026-03-10T10:00:00", utcOffset: "-04:00" });
    expect(viewOccurrenceIn(april, "America/New_York")).toMatchObject({ localStart: "2026-04-07T09:00:00", utcOffset: "-04:00" });
  });

  it("shows it in Tokyo (no DST), late in the evening or past midnight", () => {
    if (!january || !april) throw new Error("missing occurrence");
    expect(viewOccurrenceIn(january, "Asia/Tokyo")).toEqual({
      timeZone: "Asia/Tokyo",
      localStart: "2026-01-13T23:00:00",
      localEnd: "2026-01-14T00:00:00",
      utcOffset: "+09:00",
      dayShift: 0,
      label: "Tue 13 Jan 2026, 23:00–00:00 (+1d) (Asia/Tokyo)",
    });
    expect(viewOccurrenceIn(april, "Asia/Tokyo")).toMatchObject({ localStart: "2026-04-07T22:00:00", dayShift: 0 });
  });

  it("reports a day shift when the viewer's date differs from the organizer's", () => {
    const late = occurrencesOf(buildCadence({ dtstart: "2026-01-13T18:30" }), "2026-01-13T00:00:00Z", "2026-01-14T00:00:00Z")[0];
    if (!late) throw new Error("missing occurrence");
    expect(viewOccurrenceIn(late, "Asia/Tokyo")).toMatchObject({ localStart: "2026-01-14T02:30:00", dayShift: 1, label: "Wed 14 Jan 2026, 02:30–03:30 (Asia/Tokyo)" });
    const early = occurrencesOf(buildCadence({ dtstart: "2026-01-13T02:00", timeZone: "Asia/Tokyo" }), "2026-01-12T00:00:00Z", "2026-01-14T00:00:00Z")[0];
    if (!early) throw new Error("missing occurrence");
    expect(viewOccurrenceIn(early, "America/New_York")).toMatchObject({ localStart: "2026-01-12T12:00:00", dayShift: -1 });
  });

  it("rejects an unknown viewer zone", () => {
    if (!january) throw new Error("missing occurrence");
    expect(() => viewOccurrenceIn(january, "Nowhere/Land")).toThrowError(expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "viewerTimeZone" }) }));
  });
});
