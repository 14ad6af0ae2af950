/**
 * Exact row-space arithmetic over the integers (fraction-free), for the anonymity audits: which
 * combinations of shown aggregates are determined by the shown ones. Used by the pulse guard's
 * property tests in core and over the HTTP API; bigint, so no rounding can hide a leak.
 */

/** A basis row and the column of its pivot (zero in every other basis row). */
export interface BasisRow {
  row: bigint[];
  pivot: number;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Divides a row by the greatest common divisor of its entries. */
function normalize(row: bigint[]): bigint[] {
  const g = row.reduce((acc, value) => gcd(acc, value), 0n);
  return g > 1n ? row.map((value) => value / g) : row;
}

/** What is left of `vector` after eliminating every basis pivot: all zero exactly when it lies in the row space. */
export function reduceAgainst(basis: readonly BasisRow[], vector: readonly bigint[]): bigint[] {
  let v = [...vector];
  for (const { row, pivot } of basis) {
    const factor = v[pivot] as bigint;
    if (factor === 0n) continue;
    v = normalize(v.map((value, j) => value * (row[pivot] as bigint) - (row[j] as bigint) * factor));
  }
  return v;
}

/** Reduced row echelon form (integer, fraction-free) of the rows: each basis row has a pivot that is zero in all other rows. */
export function reducedBasis(rows: readonly (readonly bigint[])[]): BasisRow[] {
  const basis: BasisRow[] = [];
  for (const original of rows) {
    let row = reduceAgainst(basis, original);
    const pivot = row.findIndex((value) => value !== 0n);
    if (pivot < 0) continue;
    row = normalize(row);
    for (const entry of basis) {
      const factor = entry.row[pivot] as bigint;
      if (factor !== 0n) entry.row = normalize(entry.row.map((value, j) => value * (row[pivot] as bigint) - (row[j] as bigint) * factor));
    }
    basis.push({ row, pivot });
  }
  return basis;
}

/** True when `vector` is an integer-rational combination of the basis rows. */
export function inRowSpace(basis: readonly BasisRow[], vector: readonly bigint[]): boolean {
  return reduceAgainst(basis, vector).every((value) => value === 0n);
}
