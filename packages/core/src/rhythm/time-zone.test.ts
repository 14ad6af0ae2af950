import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatLocalDateTime, wallClockMs } from "./local-date-time";
import type { LocalDateTime } from "./local-date-time";
import { formatUtcOffset, instantOfLocal, isValidTimeZone, localDateTimeAt, offsetMsAt } from "./time-zone";

const at = (text: string): LocalDateTime => {
  const [date = "", time = ""] = text.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second: 0 };
};
const utc = (local: string, zone: string): string => new Date(instantOfLocal(at(local), zone)).toISOString();

describe("wall clock to instant (RFC 5545 §3.3.5)", () => {
  it("follows DST in Berlin: 15:00 is 14:00Z in winter and 13:00Z in summer", () => {
    expect(utc("2026-01-13T15:00", "Europe/Berlin")).toBe("2026-01-13T14:00:00.000Z");
    expect(utc("2026-07-14T15:00", "Europe/Berlin")).toBe("2026-07-14T13:00:00.000Z");
  });

  it("moves a time in the spring-forward gap forward by the gap", () => {
    // Berlin skips 02:00-03:00 on 2026-03-29: 02:30 is read with the offset before (+01:00).
    expect(utc("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(formatLocalDateTime(localDateTimeAt(Date.parse("2026-03-29T01:30:00Z"), "Europe/Berlin"))).toBe("2026-03-29T03:30:00");
    // New York skips 02:00-03:00 on 2026-03-08.
    expect(utc("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    // Lord Howe springs forward by only 30 minutes (02:00 -> 02:30) on 2026-10-04.
    expect(utc("2026-10-04T02:15", "Australia/Lord_Howe")).toBe("2026-10-03T15:45:00.000Z");
  });

  it("takes the first of two occurrences of a time in the fall-back overlap", () => {
    expect(utc("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
    expect(utc("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("handles zones without DST and with odd offsets", () => {
    expect(utc("2026-03-29T02:30", "Asia/Tokyo")).toBe("2026-03-28T17:30:00.000Z");
    expect(utc("2026-06-01T12:00", "Asia/Kathmandu")).toBe("2026-06-01T06:15:00.000Z");
    expect(formatUtcOffset(offsetMsAt(Date.parse("2026-06-01T06:15:00Z"), "Asia/Kathmandu"))).toBe("+05:45");
    expect(formatUtcOffset(offsetMsAt(Date.parse("2026-07-01T00:00:00Z"), "America/New_York"))).toBe("-04:00");
  });

  it("validates zone names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  const zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Africa/Casablanca", "Pacific/Apia", "Asia/Kathmandu", "Europe/London"];

  it("maps an instant's wall time back to the earliest instant with that wall time", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2036, 0, 1) / 60_000 }), (zone, minutes) => {
        const instant = minutes * 60_000;
        const wall = localDateTimeAt(instant, zone);
        const back = instantOfLocal(wall, zone);
        expect(back).toBeLessThanOrEqual(instant);
        expect(wallClockMs(localDateTimeAt(back, zone))).toBe(wallClockMs(wall));
        // Nothing earlier (by up to 3 hours, in 15-minute steps) shows the same wall time.
        for (let t = back - 15 * 60_000; t >= back - 3 * 3_600_000; t -= 15 * 60_000) {
          expect(wallClockMs(localDateTimeAt(t, zone))).not.toBe(wallClockMs(wall));
        }
      }),
      { numRuns: 300 },
    );
  });
});
