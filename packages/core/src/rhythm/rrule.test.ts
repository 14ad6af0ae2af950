import { describe, expect, it } from "vitest";
import { formatRrule, parseRrule } from "./rrule";

const failure = (part: string, reason: string) =>
  expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "rrule", part, reason }) });

describe("parseRrule", () => {
  it("parses the parts Trellis supports", () => {
    expect(parseRrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")).toEqual({
      freq: "WEEKLY",
      interval: 2,
      byDay: [{ weekday: "TU" }],
      byMonthDay: [],
      byMonth: [],
      bySetPos: [],
      wkst: "MO",
    });
    const rule = parseRrule("RRULE:freq=monthly;byday=1MO,-1FR;bymonth=1,4;count=10;wkst=SU");
    expect(rule.byDay).toEqual([
      { weekday: "MO", ordinal: 1 },
      { weekday: "FR", ordinal: -1 },
    ]);
    expect(rule.byMonth).toEqual([1, 4]);
    expect(rule.count).toBe(10);
    expect(rule.wkst).toBe("SU");
    expect(parseRrule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1").bySetPos).toEqual([-1]);
    expect(parseRrule("FREQ=MONTHLY;BYMONTHDAY=-1,15").byMonthDay).toEqual([-1, 15]);
  });

  it("reads UNTIL as a UTC instant, a floating local time or a date", () => {
    expect(parseRrule("FREQ=DAILY;UNTIL=20261231T230000Z").until).toEqual({ kind: "utc", epochMs: Date.UTC(2026, 11, 31, 23) });
    expect(parseRrule("FREQ=DAILY;UNTIL=20261231T150000").until).toEqual({
      kind: "local",
      local: { year: 2026, month: 12, day: 31, hour: 15, minute: 0, second: 0 },
    });
    expect(parseRrule("FREQ=DAILY;UNTIL=20261231").until).toEqual({ kind: "date", date: { year: 2026, month: 12, day: 31 } });
  });

  it("names the bad part in validation errors", () => {
    expect(() => parseRrule("")).toThrowError(failure("RRULE", "empty"));
    expect(() => parseRrule("INTERVAL=2")).toThrowError(failure("FREQ", "missing_part"));
    expect(() => parseRrule("FREQ=HOURLY")).toThrowError(failure("FREQ", "unsupported_value"));
    expect(() => parseRrule("FREQ=FORTNIGHTLY")).toThrowError(failure("FREQ", "invalid_value"));
    expect(() => parseRrule("FREQ=WEEKLY;INTERVAL=0")).toThrowError(failure("INTERVAL", "out_of_range"));
    expect(() => parseRrule("FREQ=WEEKLY;INTERVAL=1.5")).toThrowError(failure("INTERVAL", "out_of_range"));
    expect(() => parseRrule("FREQ=WEEKLY;BYDAY=XX")).toThrowError(failure("BYDAY", "invalid_weekday"));
    expect(() => parseRrule("FREQ=WEEKLY;BYDAY=1MO")).toThrowError(failure("BYDAY", "ordinal_not_allowed"));
    expect(() => parseRrule("FREQ=MONTHLY;BYDAY=6MO")).toThrowError(failure("BYDAY", "out_of_range"));
    expect(() => parseRrule("FREQ=MONTHLY;BYMONTHDAY=0")).toThrowError(failure("BYMONTHDAY", "out_of_range"));
    expect(() => parseRrule("FREQ=MONTHLY;BYMONTHDAY=32")).toThrowError(failure("BYMONTHDAY", "out_of_range"));
    expect(() => parseRrule("FREQ=WEEKLY;BYMONTHDAY=1")).toThrowError(failure("BYMONTHDAY", "not_allowed_with_freq"));
    expect(() => parseRrule("FREQ=YEARLY;BYMONTH=13")).toThrowError(failure("BYMONTH", "out_of_range"));
    expect(() => parseRrule("FREQ=MONTHLY;BYSETPOS=1")).toThrowError(failure("BYSETPOS", "needs_by_part"));
    expect(() => parseRrule("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0")).toThrowError(failure("BYSETPOS", "out_of_range"));
    expect(() => parseRrule("FREQ=WEEKLY;WKST=XX")).toThrowError(failure("WKST", "invalid_weekday"));
    expect(() => parseRrule("FREQ=DAILY;COUNT=3;UNTIL=20261231")).toThrowError(failure("COUNT", "count_and_until"));
    expect(() => parseRrule("FREQ=DAILY;UNTIL=20260230")).toThrowError(failure("UNTIL", "invalid_until"));
    expect(() => parseRrule("FREQ=DAILY;BYHOUR=9")).toThrowError(failure("BYHOUR", "unsupported_part"));
    expect(() => parseRrule("FREQ=DAILY;X-FOO=1")).toThrowError(failure("X-FOO", "unknown_part"));
    expect(() => parseRrule("FREQ=DAILY;FREQ=WEEKLY")).toThrowError(failure("FREQ", "duplicate_part"));
    expect(() => parseRrule("FREQ=DAILY;COUNT=")).toThrowError(failure("COUNT", "empty_value"));
  });
});

describe("formatRrule", () => {
  it("writes a canonical rule that parses back to the same rule", () => {
    for (const text of [
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
      "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      "FREQ=YEARLY;UNTIL=20301231T225959Z;BYMONTH=3,9;BYDAY=-1SU",
      "FREQ=DAILY;COUNT=5;BYMONTHDAY=1,-1;WKST=SU",
      "FREQ=DAILY;UNTIL=20261231",
      "FREQ=DAILY;UNTIL=20261231T150000",
    ]) {
      expect(formatRrule(parseRrule(text))).toBe(text);
    }
  });
});
