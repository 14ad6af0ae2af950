import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { computeHealth, createHealthState, applyFact, explainDynamic, explainSignal, evaluate, giniEquity, parseHealthFacts, signalDefinitions, healthDynamics } from "./index";
import type { HealthFact } from "./index";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (day: number) => T0 + day * DAY + 10 * 3_600_000;
let n = 0;
const id = () => `f${++n}`;

function seats(...ids: string[]): HealthFact[] {
  return ids.map((s) => ({ id: id(), type: "seat.joined", at: T0, recordId: s, seatId: s }) as HealthFact);
}

describe("giniEquity", () => {
  it("is 1 for equal counts and 1/n when one seat has everything", () => {
    expect(giniEquity([3, 3, 3, 3])).toBe(1);
    expect(giniEquity([8, 0, 0, 0])).toBeCloseTo(0.25, 10);
    expect(giniEquity([0, 0])).toBeNull();
  });
});

describe("signals", () => {
  it("computes authorship equity per category, and each seat's share against an equal share", () => {
    const facts: HealthFact[] = [
      ...seats("a", "b", "c", "d"),
      ...Array.from({ length: 6 }, (_, i) => ({ id: id(), type: "agenda.item_added", at: at(10 + i), recordId: `item-a-${i}`, seatId: "a" }) as HealthFact),
      { id: id(), type: "agenda.item_added", at: at(20), recordId: "item-b", seatId: "b" },
      { id: id(), type: "agenda.item_added", at: at(21), recordId: "item-c", seatId: "c" },
    ];
    const report = computeHealth(facts, at(30));
    const equity = report.alliance.signals.find((s) => s.id === "authorship.agenda_equity");
    expect(equity?.value).toBeCloseTo(giniEquity([6, 1, 1, 0]) as number, 4);
    expect(equity?.raw).toEqual({ total: 8, seats: 4 });
    const seatA = report.seats.find((s) => s.seatId === "a")?.signals.find((s) => s.id === "authorship.agenda_equity");
    const seatD = report.seats.find((s) => s.seatId === "d")?.signals.find((s) => s.id === "authorship.agenda_equity");
    expect(seatA?.value).toBe(1);
    expect(seatD?.value).toBe(0);
  });

  it("computes promise-keeping, attendance and the age of open tensions with their raw numbers", () => {
    const parties = { customerSeatId: "a", performerSeatId: "b" };
    const facts: HealthFact[] = [
      ...seats("a", "b"),
      { id: id(), type: "commitment.accepted", at: at(5), recordId: "c1", ...parties, onTime: true, declaredByCustomer: true },
      { id: id(), type: "commitment.accepted", at: at(6), recordId: "c2", ...parties, onTime: true, declaredByCustomer: true },
      { id: id(), type: "commitment.accepted", at: at(7), recordId: "c3", ...parties, onTime: false, declaredByCustomer: true },
      { id: id(), type: "commitment.reneged", at: at(8), recordId: "c4", ...parties },
      { id: id(), type: "meeting.held", at: at(9), recordId: "m1", expectedSeatIds: ["a", "b"], attendingSeatIds: ["a"] },
      { id: id(), type: "tension.raised", at: at(10), recordId: "t1", anonymous: false, seatId: "a" },
      { id: id(), type: "tension.raised", at: at(40), recordId: "t2", anonymous: true },
      { id: id(), type: "tension.resolved", at: at(45), recordId: "t2" },
    ];
    const report = computeHealth(facts, at(50));
    const get = (sid: string) => report.alliance.signals.find((s) => s.id === sid);
    expect(get("trust.promise_keeping")?.value).toBe(0.5);
    expect(get("trust.promise_keeping")?.raw).toEqual({ kept: 2, late: 1, reneged: 1 });
    expect(get("presence.attendance")?.value).toBe(0.5);
    expect(get("language.open_tension_age")?.raw).toEqual({ openTensions: 1, medianAgeDays: 40 });
    expect(get("language.open_tension_age")?.value).toBeCloseTo(1 - 26 / 76, 4);
    const b = report.seats.find((s) => s.seatId === "b");
    expect(b?.signals.find((s) => s.id === "trust.promise_keeping")?.value).toBe(0.5);
    expect(b?.signals.find((s) => s.id === "presence.attendance")?.value).toBe(0);
  });

  it("gives every signal a dynamic, a formula, a window and a trend, and sub-indices on 0–100", () => {
    const facts: HealthFact[] = [...seats("a", "b", "c"), { id: id(), type: "proposal.created", at: at(100), recordId: "p1", seatId: "a" }];
    const report = computeHealth(facts, at(120));
    expect(report.alliance.signals.map((s) => s.id).sort()).toEqual(signalDefinitions.map((d) => d.id).sort());
    for (const s of report.alliance.signals) {
      expect(healthDynamics).toContain(s.dynamic);
      expect(s.formula.length).toBeGreaterThan(10);
      expect(s.window.days === 90 || s.window.days === 1).toBe(true);
      if (s.value !== null) expect(s.value).toBeGreaterThanOrEqual(0);
      if (s.value !== null) expect(s.value).toBeLessThanOrEqual(1);
    }
    for (const d of healthDynamics) {
      const v = report.alliance.dynamics[d].value;
      if (v !== null) expect(v >= 0 && v <= 100).toBe(true);
    }
    expect(report.seats.map((s) => s.seatId)).toEqual(["a", "b", "c"]);
  });

  it("ignores pulse aggregates below the minimum group size", () => {
    const base = { type: "pulse.response_aggregate", pulseId: "p1", itemId: "i1", dynamic: "candor" } as const;
    const facts: HealthFact[] = [
      ...seats("a", "b"),
      { id: id(), at: at(3), recordId: "r1", ...base, seatId: "a", mean: 0.9, respondents: 4, invited: 6 },
      { id: id(), at: at(3), recordId: "r2", ...base, seatId: "b", mean: 0.3, respondents: 5, invited: 6 },
    ];
    const report = computeHealth(facts, at(10));
    expect(report.alliance.signals.find((s) => s.id === "candor.pulse")?.value).toBe(0.3);
    expect(report.seats.find((s) => s.seatId === "a")?.signals.find((s) => s.id === "candor.pulse")?.value).toBeNull();
  });
});

describe("explanations", () => {
  it("lists the signals behind a sub-index and links the records", () => {
    const facts: HealthFact[] = [
      ...seats("a", "b"),
      { id: "e1", type: "proposal.created", at: at(3), recordId: "proposal-1", seatId: "a" },
      { id: "e2", type: "proposal.created", at: at(4), recordId: "proposal-2", seatId: "a" },
    ];
    const state = createHealthState();
    for (const f of facts) applyFact(state, f);
    const why = explainDynamic(state, at(10), "authorship");
    const proposals = why.signals.find((s) => s.signal.id === "authorship.proposal_equity");
    expect(proposals?.records.map((r) => r.recordId)).toEqual(["proposal-2", "proposal-1"]);
    expect(proposals?.contribution).not.toBeNull();
    expect(why.value).toBe(evaluate(state, at(10)).alliance.dynamics.authorship.value);
    const seatB = explainSignal(state, at(10), "authorship.proposal_equity", "b");
    expect(seatB.records).toEqual([]);
    expect(seatB.signal.value).toBe(0);
  });

  it("rejects unknown signals and seats with stable codes", () => {
    const state = createHealthState();
    expect(() => explainSignal(state, at(1), "nope")).toThrowError(expect.objectContaining({ code: "not_found" }));
    expect(() => explainSignal(state, at(1), "presence.attendance", "ghost")).toThrowError(expect.objectContaining({ code: "not_found" }));
  });
});

describe("parseHealthFacts", () => {
  it("accepts valid facts and reports invalid ones as validation_failed", () => {
    expect(parseHealthFacts([{ id: "x", type: "seat.joined", at: 1, recordId: "s", seatId: "s" }])).toHaveLength(1);
    try {
      parseHealthFacts([{ id: "x", type: "position.taken", at: 1, recordId: "p", seatId: "s", stance: "maybe" }]);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("validation_failed");
    }
  });
});
