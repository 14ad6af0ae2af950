import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAmendment, proposeAmendment } from "./amendment";
import { authorshipBalance, clauseAuthors, giniCoefficient } from "./authorship";
import { findClause } from "./charter";
import { buildCharter, testSeatIds } from "./testing";

describe("giniCoefficient", () => {
  it("matches hand-computed values", () => {
    expect(giniCoefficient([2, 2, 2])).toBe(0);
    expect(giniCoefficient([0, 0, 3])).toBeCloseTo(2 / 3, 12);
    // |1-3| counted twice over 2 * 2^2 * 2 = 16 -> 4/16.
    expect(giniCoefficient([1, 3])).toBeCloseTo(0.25, 12);
    expect(giniCoefficient([])).toBeNull();
    expect(giniCoefficient([0, 0])).toBeNull();
  });

  it("agrees with the pairwise definition, and is invariant under order and scale, within [0, 1 - 1/n]", () => {
    const values = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }).filter((xs) => xs.some((x) => x > 0));
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 9 }), (xs, k) => {
        const n = xs.length;
        const mean = xs.reduce((a, b) => a + b, 0) / n;
        let pairs = 0;
        for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
        const g = giniCoefficient(xs) ?? NaN;
        expect(g).toBeCloseTo(pairs / (2 * n * n * mean), 10);
        expect(giniCoefficient([...xs].reverse())).toBeCloseTo(g, 12);
        expect(giniCoefficient(xs.map((x) => x * k))).toBeCloseTo(g, 12);
        expect(g).toBeGreaterThanOrEqual(-1e-12);
        expect(g).toBeLessThanOrEqual(1 - 1 / n + 1e-12);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});

describe("authorshipBalance", () => {
  it("counts clauses written and amendments made per seat, and shows facilitator writing apart", () => {
    const v1 = buildCharter();
    const amended = applyAmendment(
      v1,
      proposeAmendment(v1, { id: "a1", kind: "change", clauseId: "in-scope", proposedText: "Shared sensor standards and formats are pre-competitive.", rationale: "r", proposer: { personId: "cy", seatId: "s3" }, at: "2026-02-01T00:00:00Z" }, testSeatIds),
      "2026-02-02T00:00:00Z",
    );
    const balance = authorshipBalance(amended, [...testSeatIds, "s4"]);
    expect(balance.seats.map((s) => [s.seatId, s.wrote, s.amended, s.total])).toEqual([
      ["s1", 1, 0, 1],
      ["s2", 2, 0, 2],
      ["s3", 2, 1, 3],
      ["s4", 0, 0, 0],
    ]);
    expect(balance.withoutSeat).toBe(1);
    expect(balance.seats[2]?.share).toBeCloseTo(0.5, 12);
    // Totals [1, 2, 3, 0]: G = (sorted 0,1,2,3) sum (2i-n-1) x / (n * total) = (−1·1 + 1·2 + 3·3) / (4 · 6) = 10/24.
    expect(balance.gini).toBeCloseTo(10 / 24, 12);
    expect(balance.equity).toBeCloseTo(14 / 24, 12);
    const clause = (id: string) => {
      const found = findClause(amended, id);
      if (!found) throw new Error(`no clause ${id}`);
      return found;
    };
    expect(clauseAuthors(clause("in-scope"))).toEqual({ wroteBy: "s2", amendedBy: ["s3"], facilitatorWritten: false });
    expect(clauseAuthors(clause("rule")).facilitatorWritten).toBe(true);
  });

  it("has no equity figure when no seat wrote anything", () => {
    expect(authorshipBalance({ allianceId: "x", version: 0, adoptedAt: null, amendmentId: null, clauses: [] }, ["s1", "s2"]).equity).toBeNull();
  });
});
