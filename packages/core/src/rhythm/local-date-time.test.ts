import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dateOfDayNumber,
  dayNumberOf,
  daysInMonth,
  formatCompactLocalDateTime,
  formatLocalDateTime,
  localOfWallClockMs,
  parseLocalDateTime,
  parseTimeOfDay,
  tryParseLocalDate,
  tryParseLocalDateTime,
  wallClockMs,
  weekdayOfDate,
} from "./local-date-time";

describe("civil calendar arithmetic", () => {
  it("numbers days from 1970-01-01 like Date.UTC does", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const date = dateOfDayNumber(n);
        expect(dayNumberOf(date)).toBe(n);
        const viaDate = new Date(n * 86_400_000);
        expect([date.year, date.month, date.day]).toEqual([viaDate.getUTCFullYear(), viaDate.getUTCMonth() + 1, viaDate.getUTCDate()]);
      }),
    );
  });

  it("knows weekdays and month lengths", () => {
    expect(weekdayOfDate({ year: 2026, month: 3, day: 10 })).toBe("TU");
    expect(weekdayOfDate({ year: 1970, month: 1, day: 1 })).toBe("TH");
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it("round-trips wall-clock milliseconds", () => {
    const local = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 15 };
    expect(localOfWallClockMs(wallClockMs(local))).toEqual(local);
    expect(wallClockMs(local)).toBe(Date.UTC(2026, 9, 25, 2, 30, 15));
  });
});

describe("parsing and formatting local date-times", () => {
  it("accepts extended and basic forms, with or without seconds", () => {
    const expected = { year: 2026, month: 3, day: 10, hour: 15, minute: 0, second: 0 };
    expect(tryParseLocalDateTime("2026-03-10T15:00")).toEqual(expected);
    expect(tryParseLocalDateTime("2026-03-10T15:00:00")).toEqual(expected);
    expect(tryParseLocalDateTime("20260310T150000")).toEqual(expected);
    expect(formatLocalDateTime(expected)).toBe("2026-03-10T15:00:00");
    expect(formatCompactLocalDateTime(expected)).toBe("20260310T150000");
    expect(tryParseLocalDate("2026-03-10")).toEqual({ year: 2026, month: 3, day: 10 });
  });

  it("rejects impossible or zoned values with a validation error naming the field", () => {
    for (const bad of ["2026-02-30T10:00", "2026-03-10T24:00", "2026-03-10T15:00Z", "2026-03-10", "tomorrow"]) {
      expect(tryParseLocalDateTime(bad)).toBeUndefined();
    }
    expect(() => parseLocalDateTime("2026-02-30T10:00", "dtstart")).toThrowError(
      expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "dtstart" }) }),
    );
    expect(parseTimeOfDay("9:05")).toEqual({ hour: 9, minute: 5 });
    expect(() => parseTimeOfDay("25:00")).toThrowError(expect.objectContaining({ code: "validation_failed" }));
  });
});
