import { describe, expect, it } from "vitest";
import { selectDivisiveStatements } from "./divisive";
import type { GroupVoteCounts } from "./group-votes";
import { computeGroupAwareConsensus } from "./repness";

function countsOf(groups: [number, number, number][][]): GroupVoteCounts {
  const nS = (groups[0] as [number, number, number][]).length;
  const flat = (i: 0 | 1 | 2) => Int32Array.from(groups.flatMap((g) => g.map((cell) => cell[i])));
  const total = (i: 0 | 1 | 2) => Int32Array.from({ length: nS }, (_, c) => groups.reduce((s, g) => s + (g[c] as [number, number, number])[i], 0));
  return { k: groups.length, nStatements: nS, agrees: flat(0), disagrees: flat(1), votes: flat(2), totalAgrees: total(0), totalDisagrees: total(1), totalVotes: total(2) };
}

describe("selectDivisiveStatements", () => {
  const counts = countsOf([
    [
      [9, 1, 10], // split: group 0 agrees...
      [9, 0, 10], // everyone agrees, unevenly
      [2, 0, 2], // too few votes in group 0
      [7, 3, 10],
      [10, 0, 10],
    ],
    [
      [1, 9, 10], // ...group 1 disagrees
      [5, 4, 10],
      [0, 9, 10],
      [3, 7, 10],
      [0, 10, 10],
    ],
  ]);
  const ids = ["split", "uneven", "thin", "split2", "excluded"];
  const gac = computeGroupAwareConsensus(counts);

  it("needs a spread of group agreement >= 0.3 and GAC below 0.5^k, ranked by spread", () => {
    const list = selectDivisiveStatements(counts, gac, ids, Uint8Array.of(0, 0, 0, 0, 1));
    expect(list.map((d) => d.id)).toEqual(["split", "split2"]);
    const top = list[0];
    expect(top?.spread).toBeCloseTo(10 / 12 - 2 / 12, 14);
    expect(top?.mostAgreeingGroup).toBe(0);
    expect(top?.leastAgreeingGroup).toBe(1);
    expect(top?.gac).toBeCloseTo((10 / 12) * (2 / 12), 14);
    // "uneven": spread (10/12 - 6/12) >= 0.3 but GAC 0.4167 >= 0.25: every group leans agree.
    expect(gac[1]).toBeGreaterThan(0.25);
  });

  it("is empty with fewer than two groups", () => {
    const one = countsOf([[[1, 9, 10]]]);
    expect(selectDivisiveStatements(one, computeGroupAwareConsensus(one), ["a"], new Uint8Array(1))).toEqual([]);
  });
});
