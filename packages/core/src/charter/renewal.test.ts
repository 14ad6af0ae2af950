import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsToDate, parseCalendarDate } from "./calendar-date";
import { charterRenewalStatus, renewalDateOf, tallyRenewalRound } from "./renewal";
import type { RenewalAnswer, RenewalRound } from "./renewal";

describe("charterRenewalStatus", () => {
  it("counts from the last renewal: due on the day, overdue from the next", () => {
    const status = (now: string) => charterRenewalStatus({ adoptedOn: "2025-01-10", renewedOn: "2025-03-15", periodMonths: 12, now: new Date(now) });
    expect(status("2026-03-01T12:00:00Z")).toMatchObject({ since: "2025-03-15", nextDueOn: "2026-03-15", isDue: false, isOverdue: false, dueInDays: 14, overdueByDays: 0 });
    expect(status("2026-03-15T23:59:59Z")).toMatchObject({ isDue: true, isOverdue: false, dueInDays: 0, overdueByDays: 0 });
    expect(status("2026-04-04T00:00:00Z")).toMatchObject({ isOverdue: true, overdueByDays: 20 });
  });

  it("counts from adoption when never renewed", () => {
    const status = charterRenewalStatus({ adoptedOn: "2025-06-01", renewedOn: null, periodMonths: 6, now: new Date("2025-12-03T00:00:00Z") });
    expect(status).toMatchObject({ renewedOn: null, since: "2025-06-01", nextDueOn: "2025-12-01", overdueByDays: 2 });
  });

  it("keeps month ends at month end", () => {
    expect(addMonthsToDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDate("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsToDate("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonthsToDate("2026-03-15", 12)).toBe("2027-03-15");
  });

  it("never moves the due date before the start, and a longer period is never due earlier", () => {
    const date = fc.integer({ min: 0, max: 40_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (start, months) => {
        const due = parseCalendarDate(addMonthsToDate(start, months), "due");
        expect(due).toBeGreaterThan(parseCalendarDate(start, "start"));
        expect(parseCalendarDate(addMonthsToDate(start, months + 1), "due")).toBeGreaterThan(due);
      }),
      { numRuns: 300, seed: 31 },
    );
  });

  it("refuses a bad period or date", () => {
    expect(() => charterRenewalStatus({ adoptedOn: "2025-06-01", renewedOn: null, periodMonths: 0, now: new Date(0) })).toThrow(/renewal period/);
    expect(() => charterRenewalStatus({ adoptedOn: "2025-02-30", renewedOn: null, periodMonths: 12, now: new Date(0) })).toThrow(/calendar date/);
  });

  it("dates a renewal by its UTC day", () => {
    expect(renewalDateOf(new Date("2026-03-15T23:30:00Z"))).toBe("2026-03-15");
  });
});

describe("tallyRenewalRound", () => {
  const round: RenewalRound = { id: "r1", openedOn: "2026-03-15", seatIds: ["s1", "s2", "s3"] };
  const reply = (personId: string, seatId: string, value: "reaffirm" | "concern", reason: string | null = null): RenewalAnswer => ({
    roundId: "r1",
    personId,
    seatId,
    answer: value,
    reason: value === "concern" ? (reason ?? "We drifted from the purpose.") : reason,
  });

  it("is complete when every seat answered, and renewed when every seat reaffirms", () => {
    const partial = tallyRenewalRound(round, [reply("a", "s1", "reaffirm"), reply("b", "s2", "reaffirm")]);
    expect(partial).toMatchObject({ complete: false, renewed: false, pendingSeats: ["s3"] });
    const done = tallyRenewalRound(round, [reply("a", "s1", "reaffirm"), reply("b", "s2", "reaffirm"), reply("c", "s3", "reaffirm")]);
    expect(done).toMatchObject({ complete: true, renewed: true, concernedSeats: [] });
  });

  it("a concern from any delegate is the seat's concern, and holds the renewal", () => {
    const status = tallyRenewalRound(round, [reply("a", "s1", "reaffirm"), reply("b1", "s2", "reaffirm"), reply("b2", "s2", "concern"), reply("c", "s3", "reaffirm")]);
    expect(status).toMatchObject({ complete: true, renewed: false, concernedSeats: ["s2"] });
    expect(status.seats[1]).toEqual({ seatId: "s2", answer: "concern", split: true, concerns: [{ personId: "b2", reason: "We drifted from the purpose." }] });
  });

  it("requires a reason with a concern and an answer from a seat asked", () => {
    expect(() => tallyRenewalRound(round, [{ ...reply("a", "s1", "concern"), reason: " " }])).toThrow(/concern/);
    expect(() => tallyRenewalRound(round, [reply("z", "s9", "reaffirm")])).toThrow(/not asked/);
    expect(() => tallyRenewalRound(round, [reply("a", "s1", "reaffirm"), reply("a", "s2", "reaffirm")])).toThrow(/once/);
  });
});
