import { describe, expect, it } from "vitest";
import { buildCadenceRule } from "./build-rrule";
import type { CadenceRuleForm, RepeatPattern } from "./build-rrule";
import { readCadenceRule } from "./read-cadence-rule";

describe("readCadenceRule", () => {
  it("reads every 2 weeks on Tuesday and Thursday back into the form's fields", () => {
    expect(readCadenceRule({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", dtstart: "2026-01-13T15:00:00", timeZone: "Europe/Berlin" })).toEqual({
      ok: true,
      form: { repeat: { pattern: "weekly", everyWeeks: 2, weekdays: ["TU", "TH"] }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-01-13" },
    });
  });

  it("gives back, for every pattern and end the form builds, a form that builds the same rule and first start", () => {
    const repeats: RepeatPattern[] = [
      { pattern: "weekly", everyWeeks: 1, weekdays: ["MO"] },
      { pattern: "weekly", everyWeeks: 3, weekdays: ["WE", "SU", "FR"] },
      { pattern: "monthly_weekday", everyMonths: 1, nth: -1, weekday: "FR" },
      { pattern: "monthly_weekday", everyMonths: 2, nth: 4, weekday: "TH" },
      { pattern: "quarterly_weekday", nth: 1, weekday: "MO" },
      { pattern: "monthly_day", everyMonths: 1, day: 15 },
      { pattern: "monthly_day", everyMonths: 2, day: -1 },
      { pattern: "monthly_last_weekday", everyMonths: 1 },
      { pattern: "yearly", everyYears: 2 },
    ];
    const ends: (CadenceRuleForm["end"] | undefined)[] = [undefined, { count: 12 }, { until: "2027-06-30" }];
    for (const repeat of repeats) {
      for (const end of ends) {
        for (const timeZone of ["UTC", "America/New_York", "Asia/Tokyo"]) {
          const built = buildCadenceRule({ repeat, time: "09:30", timeZone, startOn: "2026-05-20", ...(end ? { end } : {}) });
          const read = readCadenceRule({ rrule: built.rrule, dtstart: built.dtstart, timeZone });
          if (!read.ok) throw new Error(`${built.rrule} in ${timeZone}: ${read.reason}`);
          expect(read.form.end).toEqual(end);
          const again = buildCadenceRule(read.form);
          expect([again.rrule, again.dtstart], `${built.rrule} in ${timeZone}`).toEqual([built.rrule, built.dtstart]);
        }
      }
    }
  });

  it("reads a rule written by hand when the form builds the same meaning: any order, implicit days, an RRULE: prefix", () => {
    const read = (rrule: string, dtstart: string) => readCadenceRule({ rrule, dtstart, timeZone: "UTC" });
    expect(read("RRULE:BYDAY=TH,TU;INTERVAL=2;FREQ=WEEKLY", "2026-01-13T15:00:00")).toMatchObject({ ok: true, form: { repeat: { pattern: "weekly", everyWeeks: 2, weekdays: ["TU", "TH"] } } });
    // Without BYDAY a weekly rule recurs on its first start's weekday, a monthly one on its day.
    expect(read("FREQ=WEEKLY", "2026-01-15T09:00:00")).toMatchObject({ ok: true, form: { repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TH"] } } });
    expect(read("FREQ=MONTHLY", "2026-01-15T09:00:00")).toMatchObject({ ok: true, form: { repeat: { pattern: "monthly_day", everyMonths: 1, day: 15 } } });
    expect(read("FREQ=MONTHLY;BYDAY=FR,TH,WE,TU,MO;BYSETPOS=-1", "2026-01-30T16:00:00")).toMatchObject({ ok: true, form: { repeat: { pattern: "monthly_last_weekday", everyMonths: 1 } } });
    expect(read("FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", "2026-02-02T10:00:00")).toMatchObject({ ok: true, form: { repeat: { pattern: "quarterly_weekday", nth: 1, weekday: "MO" } } });
  });

  it("says what the form cannot show, for rules it cannot build the same", () => {
    const reason = (rrule: string, dtstart = "2026-01-13T15:00:00", timeZone = "Europe/Berlin") => {
      const read = readCadenceRule({ rrule, dtstart, timeZone });
      return read.ok ? "read" : read.reason;
    };
    expect(reason("FREQ=DAILY")).toBe("It repeats daily.");
    expect(reason("FREQ=YEARLY;BYMONTH=1,7")).toBe("It is limited to certain months.");
    expect(reason("FREQ=MONTHLY;BYMONTHDAY=1,15")).toBe("It falls on several days of the month.");
    expect(reason("FREQ=MONTHLY;BYDAY=1TU,3TU")).toBe("It falls on several weekdays of the month.");
    expect(reason("FREQ=MONTHLY;BYDAY=TU;BYMONTHDAY=13")).toBe("It combines weekdays with days of the month.");
    expect(reason("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1")).toBe("It keeps only some of its days (BYSETPOS).");
    expect(reason("FREQ=YEARLY;BYDAY=20TU")).toBe("It picks days within the year.");
    expect(reason("FREQ=WEEKLY;INTERVAL=60;BYDAY=TU")).toBe("It repeats at a longer interval than the form offers.");
    expect(reason("FREQ=WEEKLY;COUNT=5000;BYDAY=TU")).toBe("It ends after more meetings than the form offers.");
    expect(reason("FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=TU")).toBe("The form's fields would build a different rule.");
    // An end the form would write otherwise: a bare date, or a moment that is not the end of a local day.
    expect(reason("FREQ=WEEKLY;UNTIL=20261231;BYDAY=TU")).toBe("Its end is not written as a moment in UTC.");
    expect(reason("FREQ=WEEKLY;UNTIL=20261231T120000Z;BYDAY=TU")).toBe("The form's fields would build a different rule.");
    // A first start that is not one of the rule's days, or not on a whole minute.
    expect(reason("FREQ=WEEKLY;BYDAY=WE")).toBe("Its first start is not one of its own dates.");
    expect(reason("FREQ=WEEKLY;BYDAY=TU", "2026-01-13T15:00:30")).toBe("Its time is not on a whole minute.");
    expect(reason("FREQ=HOURLY")).toBe("Its rule cannot be read.");
    expect(reason("FREQ=WEEKLY", "soon")).toBe("Its first start cannot be read.");
    expect(reason("FREQ=WEEKLY", "2026-01-13T15:00:00", "Mars/Olympus")).toBe("Its time zone is unknown.");
  });
});
