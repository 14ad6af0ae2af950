import { AppError } from "../errors";

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * Adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985):
 * (sum_ij C(n_ij,2) - E) / (max - E), E = sum_i C(a_i,2) sum_j C(b_j,2) / C(n,2),
 * max = (sum_i C(a_i,2) + sum_j C(b_j,2)) / 2. 1 for identical partitions (also in the
 * degenerate cases where the denominator is 0), about 0 for chance agreement.
 */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new AppError("bad_request", "adjustedRandIndex: the labellings must have the same length");
  const n = a.length;
  const contingency = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < n; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    const key = JSON.stringify([x, y]);
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const v of contingency.values()) index += pairs(v);
  let sumA = 0;
  for (const v of rows.values()) sumA += pairs(v);
  let sumB = 0;
  for (const v of cols.values()) sumB += pairs(v);
  const total = pairs(n);
  const expected = total > 0 ? (sumA * sumB) / total : 0;
  const maximum = (sumA + sumB) / 2;
  const denominator = maximum - expected;
  if (denominator === 0) return 1;
  return (index - expected) / denominator;
}
