import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../random";
import { applyFact, computeHealth, createHealthState, evaluate, simulateAlliance } from "./index";
import type { HealthFact } from "./index";

const DAY = 86_400_000;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("incremental = full", () => {
  it("gives the same report when facts arrive in order with an evaluation after each month", () => {
    const sim = simulateAlliance({ scenario: "silent-partner", seed: 501, months: 12 });
    const state = createHealthState();
    let next = sim.start + 30 * DAY;
    for (const fact of sim.facts) {
      while (fact.at >= next) {
        // Month by month, the incremental alerts equal a full computation over the facts so far.
        const incremental = evaluate(state, next);
        const full = computeHealth(sim.facts.filter((f) => f.at < next), next);
        expect(incremental.alerts).toEqual(full.alerts);
        next += 30 * DAY;
      }
      applyFact(state, fact);
    }
    const final = evaluate(state, sim.end);
    expect(final).toEqual(computeHealth(sim.facts, sim.end));
    expect(final.alerts.some((a) => a.pathology === "silent-partner")).toBe(true);
  });

  it("gives the full computation's report when evaluated after every fact, as a live system does, late facts included", () => {
    const sim = simulateAlliance({ scenario: "conflict-avoidance", seed: 77, months: 9 });
    // Every 40th fact arrives 25 facts late, every 150th four months late: a fact dated in the past must drop the
    // cached history it touches (running totals, open-tension snapshots, the earlier window's scores).
    const late = new Map<number, HealthFact[]>();
    const arrival: HealthFact[] = [];
    sim.facts.forEach((fact, i) => {
      const delay = i % 150 === 0 ? sim.facts.findIndex((f) => f.at >= fact.at + 120 * DAY) : i % 40 === 0 ? i + 25 : i;
      if (delay === i || delay < 0) arrival.push(fact);
      else late.set(delay, [...(late.get(delay) ?? []), fact]);
      arrival.push(...(late.get(i) ?? []));
    });
    for (const [at, facts] of late) if (at >= sim.facts.length) arrival.push(...facts);
    const delayed = new Set([...late.values()].flat());
    const state = createHealthState();
    const applied: HealthFact[] = [];
    let clock = sim.start;
    arrival.forEach((fact, i) => {
      applyFact(state, fact);
      applied.push(fact);
      // The live system evaluates at its clock (the latest time seen), not at a late fact's time.
      clock = Math.max(clock, fact.at);
      const report = evaluate(state, clock);
      if (i % 97 === 0 || delayed.has(fact)) expect(report).toEqual(computeHealth(applied, clock));
    });
    expect(evaluate(state, sim.end)).toEqual(computeHealth(sim.facts, sim.end));
  }, 60_000);

  it("property: any arrival order with evaluations interleaved gives the full computation's report", () => {
    const scenarios = ["healthy", "one-sided", "conflict-avoidance", "perception-gap"] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(...scenarios),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 6 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (seed, scenario, order, probes, keep) => {
          const sim = simulateAlliance({ scenario, seed, months: 8 });
          // A random subset of the history, arriving in a random order.
          const subset = sim.facts.filter((_, i) => createRandom(seed + i)() < keep);
          const arrival = shuffled(subset, order);
          const probeAt = new Set(probes.map((p) => Math.floor(p * arrival.length)));
          const state = createHealthState();
          arrival.forEach((fact: HealthFact, i) => {
            if (probeAt.has(i)) evaluate(state, sim.start + Math.floor(((i % 7) + 1) * 37 * DAY));
            applyFact(state, fact);
          });
          const now = sim.end + 3 * DAY;
          expect(evaluate(state, now)).toEqual(computeHealth(subset, now));
          // A query into the past after the fact equals a full computation then.
          const past = sim.start + 150 * DAY;
          expect(evaluate(state, past).alerts).toEqual(computeHealth(subset, past).alerts);
        },
      ),
      { numRuns: 25, seed: 4242 },
    );
  }, 120_000);
});
