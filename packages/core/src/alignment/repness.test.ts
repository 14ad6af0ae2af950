import { describe, expect, it } from "vitest";
import type { GroupVoteCounts } from "./group-votes";
import {
  computeGroupAwareConsensus,
  computeRepnessStats,
  propTest,
  selectConsensusStatements,
  selectRepresentativeStatements,
  selectUncertainStatements,
  twoPropTest,
  Z_90,
} from "./repness";

/** Counts from per-group [agrees, disagrees, votes] per statement. */
function countsOf(groups: [number, number, number][][]): GroupVoteCounts {
  const k = groups.length;
  const nS = (groups[0] as [number, number, number][]).length;
  const flat = (i: 0 | 1 | 2) => Int32Array.from(groups.flatMap((g) => g.map((cell) => cell[i])));
  const total = (i: 0 | 1 | 2) => Int32Array.from({ length: nS }, (_, c) => groups.reduce((s, g) => s + (g[c] as [number, number, number])[i], 0));
  return { k, nStatements: nS, agrees: flat(0), disagrees: flat(1), votes: flat(2), totalAgrees: total(0), totalDisagrees: total(1), totalVotes: total(2) };
}

describe("repness formulas (reference step 7)", () => {
  it("computes prop_test and two_prop_test by hand", () => {
    // 2 sqrt(6) (5/6 - 1/2)
    expect(propTest(4, 5)).toBeCloseTo(1.6329931618554521, 12);
    expect(propTest(0, 0)).toBe(1); // 2 sqrt(1) (1/1 - 1/2)
    // s1 = 5/6, s2 = 2/6, p = 7/12: (1/2) / sqrt(7/12 * 5/12 * 1/3)
    expect(twoPropTest(4, 1, 5, 5)).toBeCloseTo(0.5 / Math.sqrt((7 / 12) * (5 / 12) * (1 / 3)), 12);
    expect(twoPropTest(4, 1, 5, 5)).toBeCloseTo(1.7566201313073597, 10);
    // p = 1 (everyone agrees on both sides) -> 0
    expect(twoPropTest(3, 3, 3, 3)).toBe(0);
  });

  it("computes pa, pd, ra, rd and their tests", () => {
    const s = computeRepnessStats(4, 0, 5, 1, 3, 5);
    expect(s.pa).toBeCloseTo(5 / 7, 14);
    expect(s.pd).toBeCloseTo(1 / 7, 14);
    expect(s.ra).toBeCloseTo(5 / 7 / (2 / 7), 14);
    expect(s.rd).toBeCloseTo(1 / 7 / (4 / 7), 14);
    expect(s.rat).toBeCloseTo(twoPropTest(4, 1, 5, 5), 14);
    expect(s.rdt).toBeCloseTo(twoPropTest(0, 3, 5, 5), 14);
  });
});

describe("selectRepresentativeStatements", () => {
  // Statement 0: group 0 agrees, group 1 disagrees. Statement 1: group 0 disagrees strongly.
  // Statement 2: nobody differs. Statement 3: excluded.
  const counts = countsOf([
    [
      [9, 0, 10],
      [0, 9, 10],
      [5, 5, 10],
      [10, 0, 10],
    ],
    [
      [0, 9, 10],
      [9, 0, 10],
      [5, 5, 10],
      [0, 10, 10],
    ],
  ]);
  const ids = ["s0", "s1", "s2", "s3"];
  const excluded = Uint8Array.of(0, 0, 0, 1);

  it("keeps significant statements, agrees first, with direction, repness, test and metric", () => {
    const rep = selectRepresentativeStatements(counts, 0, ids, excluded);
    expect(rep.map((r) => [r.id, r.direction])).toEqual([
      ["s0", "agree"],
      ["s1", "disagree"],
    ]);
    const first = rep[0];
    const stats = computeRepnessStats(9, 0, 10, 0, 9, 10);
    expect(first?.repness).toBe(stats.ra);
    expect(first?.test).toBe(stats.rat);
    expect(first?.metric).toBe(stats.ra * stats.rat * stats.pa * stats.pat);
    expect(first?.test).toBeGreaterThan(Z_90);
  });

  it("keeps only the top `limit` by metric before putting agrees first", () => {
    const many = countsOf([
      Array.from({ length: 8 }, (_, c) => [c % 2 === 0 ? 20 - c : 0, c % 2 === 0 ? 0 : 20 - c, 20] as [number, number, number]),
      Array.from({ length: 8 }, (_, c) => [c % 2 === 0 ? 0 : 20 - c, c % 2 === 0 ? 20 - c : 0, 20] as [number, number, number]),
    ]);
    const rep = selectRepresentativeStatements(many, 0, ["a", "b", "c", "d", "e", "f", "g", "h"], new Uint8Array(8));
    expect(rep.map((r) => r.id)).toEqual(["a", "c", "e", "b", "d"]);
  });
});

describe("consensus, GAC and uncertainty", () => {
  const counts = countsOf([
    [
      [9, 0, 10],
      [0, 8, 10],
      [1, 1, 10],
      [5, 0, 5],
    ],
    [
      [8, 1, 10],
      [1, 8, 10],
      [2, 2, 10],
      [0, 5, 5],
    ],
  ]);
  const ids = ["yes", "no", "unsure", "excluded"];
  const excluded = Uint8Array.of(0, 0, 0, 1);

  it("lists agree and disagree consensus over all voters", () => {
    const c = selectConsensusStatements(counts, ids, excluded);
    expect(c.agree.map((s) => s.id)).toEqual(["yes"]);
    expect(c.agree[0]?.probability).toBeCloseTo(18 / 22, 14);
    expect(c.agree[0]?.test).toBeCloseTo(propTest(17, 20), 14);
    expect(c.disagree.map((s) => s.id)).toEqual(["no"]);
  });

  it("multiplies (A_g + 1) / (S_g + 2) over the groups", () => {
    const gac = computeGroupAwareConsensus(counts);
    expect(gac[0]).toBeCloseTo((10 / 12) * (9 / 12), 14);
    expect(gac[3]).toBeCloseTo((6 / 7) * (1 / 7), 14);
  });

  it("lists statements with passes / votes > 0.3, excluded statements never", () => {
    expect(selectUncertainStatements(counts, ids, excluded)).toEqual([{ id: "unsure", passes: 14, votes: 20, passRatio: 0.7 }]);
  });
});
