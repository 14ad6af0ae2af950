import { describe, expect, it } from "vitest";
import { compareFacts, parseHealthFacts, pathologies, simulateAlliance, simulationScenarios } from "./index";

const DAY = 86_400_000;

describe("simulateAlliance", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = simulateAlliance({ scenario: "drift", seed: 7 });
    const b = simulateAlliance({ scenario: "drift", seed: 7 });
    const c = simulateAlliance({ scenario: "drift", seed: 8 });
    expect(a).toEqual(b);
    expect(a.facts).not.toEqual(c.facts);
  });

  it("names a healthy scenario and one per pathology", () => {
    expect(simulationScenarios).toEqual(["healthy", ...pathologies]);
    expect(() => simulateAlliance({ scenario: "bogus" as "healthy", seed: 1 })).toThrowError(expect.objectContaining({ code: "bad_request" }));
  });

  it.each(simulationScenarios)("produces a plausible %s history with valid, ordered facts and its ground truth", (scenario) => {
    const sim = simulateAlliance({ scenario, seed: 11 });
    expect(sim.months).toBeGreaterThanOrEqual(12);
    expect(sim.months).toBeLessThanOrEqual(18);
    expect(sim.seats.length).toBeGreaterThanOrEqual(4);
    expect(sim.seats.length).toBeLessThanOrEqual(8);
    for (const p of sim.people) expect(Object.values(p.behaviour).every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(sim.meetings.length).toBeGreaterThan(20);
    expect(sim.commitments.every((c) => c.moves[0]?.move === "request")).toBe(true);
    expect(sim.pulses.every((p) => p.items.length <= 8)).toBe(true);
    // The facts pass the edge schema, are ordered, unique, inside the history, and carry record ids.
    expect(parseHealthFacts(JSON.parse(JSON.stringify(sim.facts)))).toHaveLength(sim.facts.length);
    expect([...sim.facts].sort(compareFacts)).toEqual(sim.facts);
    expect(new Set(sim.facts.map((f) => f.id)).size).toBe(sim.facts.length);
    expect(sim.facts.every((f) => f.at >= sim.start && f.at < sim.end && f.recordId.length > 0)).toBe(true);
    if (scenario === "healthy") {
      expect(sim.truth).toBeNull();
    } else {
      expect(sim.truth?.pathology).toBe(scenario);
      const onsetDays = ((sim.truth?.onset ?? 0) - sim.start) / DAY;
      expect(onsetDays).toBeGreaterThanOrEqual(120);
      expect(onsetDays).toBeLessThanOrEqual(240);
      const isSeatSpecific = scenario === "one-sided" || scenario === "silent-partner";
      expect(sim.truth?.seatId !== null).toBe(isSeatSpecific);
    }
  });

  it("scales activity with intensity for load tests", () => {
    const base = simulateAlliance({ seed: 3, months: 6, seats: 6 });
    const busy = simulateAlliance({ seed: 3, months: 6, seats: 6, intensity: 4 });
    expect(busy.facts.length).toBeGreaterThan(2 * base.facts.length);
  });
});
