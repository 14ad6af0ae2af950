import { describe, expect, it } from "vitest";
import { buildCadenceRule } from "./build-rrule";
import { occurrencesOf } from "./cadence";
import { buildCadence } from "./testing";

describe("buildCadenceRule", () => {
  it("every 2 weeks on Tuesday at 15:00, first on the first Tuesday on or after startOn", () => {
    expect(buildCadenceRule({ repeat: { pattern: "weekly", everyWeeks: 2, weekdays: ["TU"] }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-01-08" })).toEqual({
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      dtstart: "2026-01-13T15:00:00",
      description: "Every 2 weeks on Tuesday at 15:00 (Europe/Berlin)",
    });
  });

  it("monthly on the Nth weekday, quarterly on the first Monday, the last working day", () => {
    expect(buildCadenceRule({ repeat: { pattern: "monthly_weekday", everyMonths: 1, nth: -1, weekday: "FR" }, time: "09:30", timeZone: "UTC", startOn: "2026-01-01" })).toMatchObject({
      rrule: "FREQ=MONTHLY;BYDAY=-1FR",
      dtstart: "2026-01-30T09:30:00",
    });
    expect(buildCadenceRule({ repeat: { pattern: "quarterly_weekday", nth: 1, weekday: "MO" }, time: "10:00", timeZone: "America/New_York", startOn: "2026-01-06" })).toEqual({
      rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
      dtstart: "2026-02-02T10:00:00",
      description: "Every 3 months on the first Monday at 10:00 (America/New_York)",
    });
    expect(buildCadenceRule({ repeat: { pattern: "monthly_last_weekday", everyMonths: 1 }, time: "16:00", timeZone: "Europe/Berlin", startOn: "2026-01-01" })).toMatchObject({
      rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      dtstart: "2026-01-30T16:00:00",
    });
    expect(buildCadenceRule({ repeat: { pattern: "monthly_day", everyMonths: 2, day: 31 }, time: "08:00", timeZone: "UTC", startOn: "2026-02-01" })).toMatchObject({
      rrule: "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31",
      dtstart: "2026-03-31T08:00:00",
    });
    expect(buildCadenceRule({ repeat: { pattern: "yearly", everyYears: 1 }, time: "08:00", timeZone: "UTC", startOn: "2026-06-15" })).toMatchObject({
      rrule: "FREQ=YEARLY",
      dtstart: "2026-06-15T08:00:00",
    });
  });

  it("writes an end date as UTC UNTIL at the end of that local day, and a count as COUNT", () => {
    const built = buildCadenceRule({ repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TH", "MO"] }, time: "09:00", timeZone: "Europe/Berlin", startOn: "2026-06-01", end: { until: "2026-06-30" } });
    expect(built.rrule).toBe("FREQ=WEEKLY;UNTIL=20260630T215959Z;BYDAY=MO,TH");
    const cadence = buildCadence({ rrule: built.rrule, dtstart: built.dtstart });
    expect(occurrencesOf(cadence, "2026-06-01T00:00:00Z", "2026-12-31T00:00:00Z")).toHaveLength(9);
    expect(buildCadenceRule({ repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["MO"] }, time: "09:00", timeZone: "UTC", startOn: "2026-06-01", end: { count: 4 } }).rrule).toBe(
      "FREQ=WEEKLY;COUNT=4;BYDAY=MO",
    );
  });

  it("builds cadences that validate, across patterns", () => {
    for (const repeat of [
      { pattern: "weekly", everyWeeks: 3, weekdays: ["SU", "WE"] },
      { pattern: "monthly_weekday", everyMonths: 2, nth: 4, weekday: "TH" },
      { pattern: "monthly_day", everyMonths: 1, day: -1 },
    ] as const) {
      const built = buildCadenceRule({ repeat, time: "07:45", timeZone: "Asia/Tokyo", startOn: "2026-05-20" });
      expect(() => occurrencesOf(buildCadence({ ...built, timeZone: "Asia/Tokyo" }), "2026-05-01T00:00:00Z", "2027-05-01T00:00:00Z")).not.toThrow();
    }
  });

  it("names the bad input", () => {
    const base = { time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-01-01" };
    const failure = (field: string) => expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field }) });
    expect(() => buildCadenceRule({ ...base, repeat: { pattern: "weekly", everyWeeks: 0, weekdays: ["TU"] } })).toThrowError(failure("repeat.everyWeeks"));
    expect(() => buildCadenceRule({ ...base, repeat: { pattern: "weekly", everyWeeks: 1, weekdays: [] } })).toThrowError(failure("repeat.weekdays"));
    expect(() => buildCadenceRule({ ...base, repeat: { pattern: "monthly_weekday", everyMonths: 1, nth: 0, weekday: "MO" } })).toThrowError(failure("repeat.nth"));
    expect(() => buildCadenceRule({ ...base, repeat: { pattern: "monthly_day", everyMonths: 1, day: 32 } })).toThrowError(failure("repeat.day"));
    expect(() => buildCadenceRule({ ...base, time: "3pm", repeat: { pattern: "yearly", everyYears: 1 } })).toThrowError(failure("time"));
    expect(() => buildCadenceRule({ ...base, startOn: "soon", repeat: { pattern: "yearly", everyYears: 1 } })).toThrowError(failure("startOn"));
    expect(() => buildCadenceRule({ ...base, timeZone: "Berlin", repeat: { pattern: "yearly", everyYears: 1 } })).toThrowError(failure("timeZone"));
  });
});
