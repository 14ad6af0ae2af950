import { describe, expect, it } from "vitest";
import { nextOccurrences, occurrencesOf, validateCadence } from "./cadence";
import { buildCadence } from "./testing";

const failure = (field: string, reason: string) =>
  expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field, reason }) });

describe("occurrencesOf", () => {
  it("every second Tuesday 15:00 Europe/Berlin across the March 2026 change: 14:00Z, then 13:00Z", () => {
    const list = occurrencesOf(buildCadence(), "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z");
    expect(list).toEqual([
      { cadenceId: "cad-1", occurrenceKey: "20260310T150000", start: "2026-03-10T14:00:00.000Z", end: "2026-03-10T15:00:00.000Z", localStart: "2026-03-10T15:00:00", timeZone: "Europe/Berlin", cancelled: false },
      { cadenceId: "cad-1", occurrenceKey: "20260324T150000", start: "2026-03-24T14:00:00.000Z", end: "2026-03-24T15:00:00.000Z", localStart: "2026-03-24T15:00:00", timeZone: "Europe/Berlin", cancelled: false },
      { cadenceId: "cad-1", occurrenceKey: "20260407T150000", start: "2026-04-07T13:00:00.000Z", end: "2026-04-07T14:00:00.000Z", localStart: "2026-04-07T15:00:00", timeZone: "Europe/Berlin", cancelled: false },
      { cadenceId: "cad-1", occurrenceKey: "20260421T150000", start: "2026-04-21T13:00:00.000Z", end: "2026-04-21T14:00:00.000Z", localStart: "2026-04-21T15:00:00", timeZone: "Europe/Berlin", cancelled: false },
    ]);
  });

  it("and across the October 2026 change: back to 14:00Z", () => {
    const list = occurrencesOf(buildCadence(), "2026-10-01T00:00:00Z", "2026-11-10T00:00:00Z");
    expect(list.map((o) => [o.localStart, o.start])).toEqual([
      ["2026-10-06T15:00:00", "2026-10-06T13:00:00.000Z"],
      ["2026-10-20T15:00:00", "2026-10-20T13:00:00.000Z"],
      ["2026-11-03T15:00:00", "2026-11-03T14:00:00.000Z"],
    ]);
  });

  it("follows New York's own DST dates (8 March, 1 November 2026)", () => {
    const cadence = buildCadence({ rrule: "FREQ=WEEKLY;BYDAY=MO", dtstart: "2026-03-02T09:00", timeZone: "America/New_York" });
    expect(occurrencesOf(cadence, "2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z").map((o) => o.start)).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
    expect(occurrencesOf(cadence, "2026-10-25T00:00:00Z", "2026-11-10T00:00:00Z").map((o) => o.start)).toEqual([
      "2026-10-26T13:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-09T14:00:00.000Z",
    ]);
  });

  it("marks cancelled occurrences by their original start, in any reference form, and keeps them", () => {
    const cadence = buildCadence({ cancelledStarts: ["2026-03-24T15:00", "20260407T150000", "2026-04-21T13:00:00Z"] });
    expect(occurrencesOf(cadence, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z").map((o) => [o.occurrenceKey, o.cancelled])).toEqual([
      ["20260310T150000", false],
      ["20260324T150000", true],
      ["20260407T150000", true],
      ["20260421T150000", true],
    ]);
  });

  it("drops EXDATEs altogether", () => {
    const cadence = buildCadence({ exdates: ["2026-03-24"] });
    expect(occurrencesOf(cadence, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z").map((o) => o.occurrenceKey)).toEqual(["20260310T150000"]);
  });

  it("keeps the occurrence key of a start moved by the spring-forward gap", () => {
    const cadence = buildCadence({ rrule: "FREQ=DAILY", dtstart: "2026-03-28T02:30", durationMinutes: 30 });
    expect(occurrencesOf(cadence, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z")).toEqual([
      expect.objectContaining({ occurrenceKey: "20260328T023000", start: "2026-03-28T01:30:00.000Z", localStart: "2026-03-28T02:30:00" }),
      expect.objectContaining({ occurrenceKey: "20260329T023000", start: "2026-03-29T01:30:00.000Z", end: "2026-03-29T02:00:00.000Z", localStart: "2026-03-29T03:30:00" }),
      expect.objectContaining({ occurrenceKey: "20260330T023000", start: "2026-03-30T00:30:00.000Z", localStart: "2026-03-30T02:30:00" }),
    ]);
  });

  it("gives a meeting that spans the autumn change its elapsed duration", () => {
    const cadence = buildCadence({ rrule: "FREQ=WEEKLY;BYDAY=SU", dtstart: "2026-10-18T01:30", durationMinutes: 120 });
    const [autumn] = occurrencesOf(cadence, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z");
    expect(autumn).toEqual(expect.objectContaining({ start: "2026-10-24T23:30:00.000Z", end: "2026-10-25T01:30:00.000Z" }));
  });

  it("accepts Date objects as the window", () => {
    expect(occurrencesOf(buildCadence(), new Date("2026-01-01T00:00:00Z"), new Date("2026-01-20T00:00:00Z")).map((o) => o.occurrenceKey)).toEqual(["20260113T150000"]);
  });

  it("lists the next occurrences from an instant", () => {
    expect(nextOccurrences(buildCadence(), "2026-03-11T00:00:00Z", 3).map((o) => o.occurrenceKey)).toEqual(["20260324T150000", "20260407T150000", "20260421T150000"]);
    const yearly = buildCadence({ rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dtstart: "2024-02-29T10:00" });
    expect(nextOccurrences(yearly, "2024-03-01T00:00:00Z", 2).map((o) => o.occurrenceKey)).toEqual(["20280229T100000", "20320229T100000"]);
    expect(nextOccurrences(buildCadence({ rrule: "FREQ=WEEKLY;COUNT=2;BYDAY=TU" }), "2026-01-01T00:00:00Z", 5)).toHaveLength(2);
  });
});

describe("validateCadence", () => {
  it("returns the parsed rule of a valid cadence", () => {
    expect(validateCadence(buildCadence()).interval).toBe(2);
  });

  it("names the bad field", () => {
    expect(() => validateCadence(buildCadence({ timeZone: "Europe/Atlantis" }))).toThrowError(failure("timeZone", "unknown_time_zone"));
    expect(() => validateCadence(buildCadence({ dtstart: "2026-01-13T15:00Z" }))).toThrowError(failure("dtstart", "invalid_local_date_time"));
    expect(() => validateCadence(buildCadence({ durationMinutes: 0 }))).toThrowError(failure("durationMinutes", "out_of_range"));
    expect(() => validateCadence(buildCadence({ title: " " }))).toThrowError(failure("title", "empty"));
    expect(() => validateCadence(buildCadence({ kind: "party" as never }))).toThrowError(failure("kind", "invalid_kind"));
    expect(() => validateCadence(buildCadence({ cancelledStarts: ["soon"] }))).toThrowError(failure("cancelledStarts", "invalid_occurrence_reference"));
    expect(() => validateCadence(buildCadence({ rrule: "FREQ=WEEKLY;BYDAY=TUE" }))).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ field: "rrule", part: "BYDAY" }) }),
    );
  });

  it("requires dtstart to be an occurrence of the rule", () => {
    expect(() => validateCadence(buildCadence({ dtstart: "2026-01-14T15:00" }))).toThrowError(failure("dtstart", "not_synchronized"));
    expect(() => validateCadence(buildCadence({ rrule: "FREQ=MONTHLY;BYDAY=1MO", dtstart: "2026-01-12T10:00" }))).toThrowError(failure("dtstart", "not_synchronized"));
    expect(() => validateCadence(buildCadence({ rrule: "FREQ=MONTHLY;BYDAY=1MO", dtstart: "2026-01-05T10:00" }))).not.toThrow();
  });
});
