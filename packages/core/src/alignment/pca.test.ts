import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeColumnMeans, computePca, fixSign, projectParticipants } from "./pca";
import { symmetricEigen } from "./symmetric-eigen";
import { createVoteMatrix, type VoteMatrix } from "./vote-matrix";

/** A dense table (null = missing) as a vote matrix. */
function fromTable(table: (number | null)[][], nS: number, excluded: boolean[] = []): VoteMatrix {
  const rowStart = [0];
  const columns: number[] = [];
  const votes: number[] = [];
  for (const row of table) {
    row.forEach((v, j) => {
      if (v === null) return;
      columns.push(j);
      votes.push(v);
    });
    rowStart.push(columns.length);
  }
  return createVoteMatrix({
    participantIds: table.map((_, i) => `p${i}`),
    statementIds: Array.from({ length: nS }, (_, j) => `s${j}`),
    excluded: Uint8Array.from({ length: nS }, (_, j) => (excluded[j] ? 1 : 0)),
    rowStart: Int32Array.from(rowStart),
    columns: Int32Array.from(columns),
    votes: Int8Array.from(votes),
  });
}

/** The reference written densely: zero excluded columns, impute means, centre, eigen-decompose CᵀC. */
function densePca(table: (number | null)[][], nS: number, excluded: boolean[]) {
  const filled = table.map((row) => row.map((v, j) => (excluded[j] ? 0 : v)));
  const means = Array.from({ length: nS }, (_, j) => {
    const voted = table.map((row, i) => (row[j] === null ? null : (filled[i] as (number | null)[])[j])).filter((v): v is number => v !== null);
    return voted.length > 0 ? voted.reduce((a, b) => a + b, 0) / voted.length : 0;
  });
  const c = filled.map((row) => row.map((v, j) => (v === null ? 0 : v - (means[j] as number))));
  const gram = new Float64Array(nS * nS);
  for (const row of c) for (let a = 0; a < nS; a += 1) for (let b = 0; b < nS; b += 1) gram[a * nS + b] = (gram[a * nS + b] as number) + (row[a] as number) * (row[b] as number);
  const eigen = symmetricEigen(gram, nS);
  const component = (k: number): Float64Array => {
    const v = Float64Array.from({ length: nS }, (_, j) => eigen.vectors[j * nS + k] ?? 0);
    fixSign(v);
    return v;
  };
  const nonMissing = filled.map((row) => row.filter((v) => v !== null).length);
  return { means, c, gram, values: eigen.values, component, nonMissing };
}

const tableArb = fc.integer({ min: 1, max: 8 }).chain((nS) =>
  fc.record({
    nS: fc.constant(nS),
    table: fc.array(fc.array(fc.constantFrom<number | null>(null, null, -1, 0, 1, 1, -1), { minLength: nS, maxLength: nS }), { minLength: 1, maxLength: 14 }),
    excluded: fc.array(fc.boolean(), { minLength: nS, maxLength: nS }),
  }),
);

describe("computePca", () => {
  it("matches a dense eigen-decomposition of the centred, imputed matrix", () => {
    fc.assert(
      fc.property(tableArb, ({ nS, table, excluded }) => {
        const excludedWithRate = excluded.map((e, j) => e && j % 3 === 0);
        const matrix = fromTable(table, nS, excludedWithRate);
        const pca = computePca(matrix);
        const dense = densePca(table, nS, excludedWithRate);
        Array.from(computeColumnMeans(matrix)).forEach((m, j) => expect(m).toBeCloseTo(dense.means[j] as number, 12));
        const scale = Math.max(1, dense.values[0] as number);
        for (let k = 0; k < Math.min(2, nS); k += 1) {
          const expected = Math.max(0, dense.values[k] as number);
          expect(Math.abs((pca.eigenvalues[k] as number) - (expected > 1e-9 * scale ? expected : 0))).toBeLessThan(1e-8 * scale);
          const v = pca.components[k] as Float64Array;
          if ((pca.eigenvalues[k] as number) === 0) {
            expect(Array.from(v).every((x) => x === 0)).toBe(true);
            continue;
          }
          // v is a unit eigenvector of CᵀC for its eigenvalue.
          let norm = 0;
          for (let a = 0; a < nS; a += 1) {
            let gv = 0;
            for (let b = 0; b < nS; b += 1) gv += (dense.gram[a * nS + b] as number) * (v[b] as number);
            expect(Math.abs(gv - (pca.eigenvalues[k] as number) * (v[a] as number))).toBeLessThan(1e-7 * scale);
            norm += (v[a] as number) ** 2;
          }
          expect(norm).toBeCloseTo(1, 10);
          // With a clear eigengap the component is unique up to sign, and the sign rule fixes it.
          const gapBelow = (dense.values[k] as number) - (dense.values[k + 1] ?? 0);
          const gapAbove = k === 0 ? Infinity : (dense.values[k - 1] as number) - (dense.values[k] as number);
          if (Math.min(gapBelow, gapAbove) > 1e-3 * scale) {
            const w = dense.component(k);
            v.forEach((x, j) => expect(x).toBeCloseTo(w[j] as number, 6));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic to the bit and makes the largest loading positive", () => {
    const table = [
      [1, 1, -1, null, 0],
      [1, null, -1, -1, 1],
      [-1, -1, 1, 1, null],
      [null, -1, 1, 1, -1],
      [0, 1, null, -1, 1],
    ];
    const a = computePca(fromTable(table, 5));
    const b = computePca(fromTable(table, 5));
    expect(Array.from(a.components[0])).toEqual(Array.from(b.components[0]));
    expect(Array.from(a.components[1])).toEqual(Array.from(b.components[1]));
    for (const v of a.components) {
      const largest = Array.from(v).reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("returns zero components when there is no variance", () => {
    const pca = computePca(fromTable([[1, 0], [1, 0], [1, null]], 2));
    expect(pca.eigenvalues).toEqual([0, 0]);
    expect(Array.from(pca.components[0])).toEqual([0, 0]);
    expect(computePca(fromTable([[]], 0)).eigenvalues).toEqual([0, 0]);
  });
});

describe("projectParticipants", () => {
  it("scales each participant's centred votes by sqrt(n_statements / n_voted), excluded cells counting as votes", () => {
    fc.assert(
      fc.property(tableArb, ({ nS, table, excluded }) => {
        const matrix = fromTable(table, nS, excluded);
        const pca = computePca(matrix);
        const { x, y } = projectParticipants(matrix, pca);
        const dense = densePca(table, nS, excluded);
        dense.c.forEach((row, i) => {
          const counted = row.filter((_, j) => (table[i] as (number | null)[])[j] !== null || excluded[j]).length;
          const s = Math.sqrt(nS / Math.max(counted, 1));
          const ex = s * row.reduce((acc, v, j) => acc + v * (pca.components[0][j] as number), 0);
          const ey = s * row.reduce((acc, v, j) => acc + v * (pca.components[1][j] as number), 0);
          expect(x[i] as number).toBeCloseTo(ex, 9);
          expect(y[i] as number).toBeCloseTo(ey, 9);
        });
      }),
    );
  });

  it("projects a hand-computed case", () => {
    // Two statements, three participants; the only variance is on statement 0.
    const matrix = fromTable([[1, null], [-1, 1], [null, 1]], 2);
    const pca = computePca(matrix);
    expect(Array.from(pca.components[0])).toEqual([1, 0]);
    const { x } = projectParticipants(matrix, pca);
    // Participant 0: centred vote 1 - 0 = 1, one vote of two statements: sqrt(2/1) * 1.
    expect(x[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(x[1]).toBeCloseTo(-1, 12);
    expect(x[2]).toBe(0);
  });
});
