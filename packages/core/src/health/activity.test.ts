import { describe, expect, it } from "vitest";
import { computeHealth, MIN_HEALTH_RECORDS, simulateAlliance } from "./index";
import type { HealthFact } from "./index";

// Silence is not health: a score says how many records it rests on, and whether that is enough.

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (day: number) => T0 + day * DAY + 10 * 3_600_000;

function seats(...ids: string[]): HealthFact[] {
  return ids.map((s) => ({ id: `join-${s}`, type: "seat.joined", at: T0, recordId: s, seatId: s }) as HealthFact);
}

/** `count` assumptions tested, one a day: evidence for the alliance-wide signal "Assumptions tested" only. */
function assumptionsTested(count: number): HealthFact[] {
  return Array.from({ length: count }, (_, i) => ({ id: `as${i}`, type: "assumption.tested", at: at(1 + i), recordId: `assumption-${i}` }) as HealthFact);
}

describe("the activity behind a score", () => {
  it("is not enough for an alliance with no facts, though its index reads high", () => {
    const report = computeHealth([], at(30));
    expect(report.alliance.activity).toEqual({ records: 0, enough: false });
    expect(report.alliance.index).not.toBeNull();
    expect(report.seats).toEqual([]);
  });

  it("is not enough for an alliance whose only facts are memberships", () => {
    const report = computeHealth(seats("a", "b", "c"), at(45));
    expect(report.alliance.activity).toEqual({ records: 0, enough: false });
    // The readings that need no records (no open tension, intent within its period) still give it an index.
    expect(report.alliance.index).not.toBeNull();
    for (const seat of report.seats) expect(seat.activity).toEqual({ records: 0, enough: false });
  });

  it("is enough for a busy alliance and each of its seats", () => {
    const sim = simulateAlliance({ scenario: "healthy", seed: 3, months: 6 });
    const report = computeHealth(sim.facts, sim.end);
    expect(report.alliance.activity.enough).toBe(true);
    expect(report.alliance.activity.records).toBeGreaterThan(100 * MIN_HEALTH_RECORDS);
    expect(report.seats.length).toBeGreaterThan(0);
    for (const seat of report.seats) expect(seat.activity.enough).toBe(true);
  });

  it("becomes enough at exactly MIN_HEALTH_RECORDS records", () => {
    expect(MIN_HEALTH_RECORDS).toBe(20);
    const below = computeHealth([...seats("a", "b"), ...assumptionsTested(MIN_HEALTH_RECORDS - 1)], at(40));
    expect(below.alliance.activity).toEqual({ records: MIN_HEALTH_RECORDS - 1, enough: false });
    const atBar = computeHealth([...seats("a", "b"), ...assumptionsTested(MIN_HEALTH_RECORDS)], at(40));
    expect(atBar.alliance.activity).toEqual({ records: MIN_HEALTH_RECORDS, enough: true });
    // The seats borrow the alliance-wide signal in their sub-indices, but it is not their evidence.
    expect(atBar.seats.map((s) => s.activity)).toEqual([
      { records: 0, enough: false },
      { records: 0, enough: false },
    ]);
  });

  it("counts a record once per signal it feeds, and only records inside the window", () => {
    const expected = ["a", "b", "c", "d"];
    const facts: HealthFact[] = [
      ...seats(...expected),
      { id: "s1", type: "meeting.scheduled", at: at(10), recordId: "m1", expectedSeatIds: expected },
      { id: "h1", type: "meeting.held", at: at(10), recordId: "m1", expectedSeatIds: expected, attendingSeatIds: ["a", "b", "c"] },
    ];
    // Held and scheduled (cadence) 2, four seats expected (attendance) 4, three seats present (active seats) 3.
    const report = computeHealth(facts, at(20));
    expect(report.alliance.activity).toEqual({ records: 9, enough: false });
    // Seat a: expected once (attendance) and active (active seats); seat d: expected once, not active.
    expect(report.seats.find((s) => s.seatId === "a")?.activity.records).toBe(2);
    expect(report.seats.find((s) => s.seatId === "d")?.activity.records).toBe(1);
    // 120 days later the meeting has left the 90-day window.
    expect(computeHealth(facts, at(130)).alliance.activity.records).toBe(0);
  });

  it("gives the index and sub-indices a trend only between windows that both rest on enough activity", () => {
    // Busy from day 100 on: at day 140 the window before (days -39..50) was silent, at day 280 it was busy.
    const busy = Array.from({ length: 180 }, (_, i) => ({ id: `as${i}`, type: "assumption.tested", at: at(100 + i), recordId: `assumption-${i}` }) as HealthFact);
    const facts = [...seats("a", "b"), ...busy];
    const early = computeHealth(facts, at(140));
    expect(early.alliance.activity.enough).toBe(true);
    expect(early.alliance.trend).toEqual({ previous: null, delta: null, direction: "unknown" });
    for (const sub of Object.values(early.alliance.dynamics)) expect(sub.trend.direction).toBe("unknown");
    const later = computeHealth(facts, at(280));
    expect(later.alliance.trend.previous).not.toBeNull();
    expect(later.alliance.trend.direction).not.toBe("unknown");
    // A quiet score has no trend either, whatever came before.
    const quiet = computeHealth(seats("a", "b"), at(300));
    expect(quiet.alliance.trend.direction).toBe("unknown");
  });
});
