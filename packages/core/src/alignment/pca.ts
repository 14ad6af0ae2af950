import { createRandom } from "../random";
import { symmetricEigen } from "./symmetric-eigen";
import type { VoteMatrix } from "./vote-matrix";

/** The map's two principal components (reference/alignment-map.md, step 2). */
export interface Pca {
  /** Column means over the participants who voted (passes are 0; excluded statements 0). */
  readonly means: Float64Array;
  /** Unit loadings over statements; the largest-|value| loading of each is positive. */
  readonly components: readonly [Float64Array, Float64Array];
  /** Eigenvalues of CᵀC (C = centred imputed matrix), descending. */
  readonly eigenvalues: readonly [number, number];
  /** Lanczos steps (matrix-vector products) used. */
  readonly steps: number;
}

/** Options of computePca; the defaults are what the map uses. */
export interface PcaOptions {
  /** Stop when both Ritz residuals are below tolerance x largest eigenvalue. */
  readonly tolerance?: number;
  /** Cap on Lanczos steps (also capped at the number of statements). */
  readonly maxSteps?: number;
  /** Seed of the deterministic start vector. */
  readonly seed?: number;
}

/** Column means of the imputed matrix: each statement's mean over its voters, excluded statements read as 0 (reference step 1). */
export function computeColumnMeans(matrix: VoteMatrix): Float64Array {
  const nS = matrix.statementIds.length;
  const sums = new Float64Array(nS);
  const counts = new Int32Array(nS);
  const { columns, votes, excluded } = matrix;
  const nnz = columns.length;
  for (let e = 0; e < nnz; e += 1) {
    const c = columns[e] as number;
    counts[c] = (counts[c] as number) + 1;
    if (excluded[c] !== 1) sums[c] = (sums[c] as number) + (votes[e] as number);
  }
  const means = new Float64Array(nS);
  for (let c = 0; c < nS; c += 1) {
    const n = counts[c] as number;
    means[c] = n > 0 ? (sums[c] as number) / n : 0;
  }
  return means;
}

/**
 * Centred values by (statement, vote): table[3c + v + 1] = (v, or 0 when excluded) - mean_c.
 * After mean imputation the centred matrix is zero wherever nobody voted, so the votes alone
 * describe it; this table turns an Int8 vote into its centred value without a per-cell array.
 */
export function buildCentredTable(matrix: VoteMatrix, means: Float64Array): Float64Array {
  const nS = matrix.statementIds.length;
  const table = new Float64Array(3 * nS);
  for (let c = 0; c < nS; c += 1) {
    const mean = means[c] as number;
    const isExcluded = matrix.excluded[c] === 1;
    table[3 * c] = (isExcluded ? 0 : -1) - mean;
    table[3 * c + 1] = 0 - mean;
    table[3 * c + 2] = (isExcluded ? 0 : 1) - mean;
  }
  return table;
}

/** y = Cᵀ(C x) on the sparse centred matrix; cost two passes over the votes. */
function applyGram(matrix: VoteMatrix, table: Float64Array, x: Float64Array, y: Float64Array): void {
  y.fill(0);
  const { rowStart, columns, votes } = matrix;
  const nP = matrix.participantIds.length;
  for (let i = 0; i < nP; i += 1) {
    const start = rowStart[i] as number;
    const end = rowStart[i + 1] as number;
    let s = 0;
    for (let e = start; e < end; e += 1) {
      const c = columns[e] as number;
      s += (table[3 * c + (votes[e] as number) + 1] as number) * (x[c] as number);
    }
    if (s === 0) continue;
    for (let e = start; e < end; e += 1) {
      const c = columns[e] as number;
      y[c] = (y[c] as number) + (table[3 * c + (votes[e] as number) + 1] as number) * s;
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k += 1) s += (a[k] as number) * (b[k] as number);
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < y.length; k += 1) y[k] = (y[k] as number) + alpha * (x[k] as number);
}

function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): void {
  // Classical Gram-Schmidt twice ("twice is enough") keeps the Lanczos basis orthogonal.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const q of basis) axpy(-dot(q, w), q, w);
  }
}

function randomUnitVector(random: () => number, n: number, basis: readonly Float64Array[]): Float64Array | null {
  const v = new Float64Array(n);
  for (let k = 0; k < n; k += 1) v[k] = random() - 0.5;
  orthogonalize(v, basis);
  const norm = Math.sqrt(dot(v, v));
  if (norm < 1e-8) return null;
  for (let k = 0; k < n; k += 1) v[k] = (v[k] as number) / norm;
  return v;
}

/**
 * Makes the largest-|value| loading positive, so the sign is deterministic. Loadings within a
 * relative 1e-9 of the largest count as tied and the first of them decides, so rounding noise
 * cannot flip the sign; -0 becomes 0.
 */
export function fixSign(v: Float64Array): void {
  let largest = 0;
  for (let k = 0; k < v.length; k += 1) largest = Math.max(largest, Math.abs(v[k] as number));
  if (largest === 0) return;
  let k = 0;
  while (Math.abs(v[k] as number) < largest * (1 - 1e-9)) k += 1;
  const sign = (v[k] as number) < 0 ? -1 : 1;
  for (let j = 0; j < v.length; j += 1) v[j] = sign * (v[j] as number) + 0;
}

interface RitzPairs {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

function ritzPairs(alpha: readonly number[], beta: readonly number[]): RitzPairs {
  const m = alpha.length;
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    t[i * m + i] = alpha[i] as number;
    if (i + 1 < m) {
      t[i * m + i + 1] = beta[i] as number;
      t[(i + 1) * m + i] = beta[i] as number;
    }
  }
  return symmetricEigen(t, m);
}

/**
 * Two-component PCA of the column-centred, mean-imputed vote matrix, computed on the votes
 * alone: Lanczos iteration with full reorthogonalisation on CᵀC (C never materialised),
 * stopped when the top two Ritz pairs have converged. Any exact method gives the same
 * components up to sign (reference step 2); the sign is then fixed by fixSign.
 * Deterministic: seeded start vector, fixed loop order.
 */
export function computePca(matrix: VoteMatrix, options: PcaOptions = {}): Pca {
  const nS = matrix.statementIds.length;
  const means = computeColumnMeans(matrix);
  const table = buildCentredTable(matrix, means);
  const tolerance = options.tolerance ?? 1e-12;
  const maxSteps = Math.min(nS, options.maxSteps ?? 300);
  const random = createRandom(options.seed ?? 0x7e11);
  const zero = (): Pca => ({ means, components: [new Float64Array(nS), new Float64Array(nS)], eigenvalues: [0, 0], steps: 0 });
  if (nS === 0) return zero();

  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = randomUnitVector(random, nS, basis);
  let scale = 0;
  let freshStart = true;
  let steps = 0;
  let ritz: RitzPairs | null = null;
  const w = new Float64Array(nS);

  while (q !== null && basis.length < maxSteps) {
    basis.push(q);
    applyGram(matrix, table, q, w);
    steps += 1;
    const j = basis.length - 1;
    const a = dot(q, w);
    alpha.push(a);
    axpy(-a, q, w);
    if (!freshStart) axpy(-(beta[j - 1] as number), basis[j - 1] as Float64Array, w);
    orthogonalize(w, basis);
    const b = Math.sqrt(dot(w, w));
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? (beta[j - 1] as number) : 0));
    const m = basis.length;
    const isInvariant = scale === 0 || b <= 1e-12 * scale;

    if (isInvariant) {
      // The Krylov space is invariant: its Ritz pairs are exact. Restart from a fresh vector
      // orthogonal to the basis; if that vector is (numerically) in the null space, the rest of
      // the spectrum is zero and we are done.
      if (freshStart && Math.abs(a) <= 1e-12 * Math.max(scale, 1e-300) && m > 1) {
        beta.push(0);
        break;
      }
      beta.push(0);
      freshStart = true;
      q = m < maxSteps ? randomUnitVector(random, nS, basis) : null;
      if (q === null) break;
      continue;
    }
    beta.push(b);
    freshStart = false;

    if (m >= 2 && (m <= 12 || m % 4 === 0 || m === maxSteps)) {
      ritz = ritzPairs(alpha, beta);
      const theta1 = Math.abs(ritz.values[0] as number);
      const r0 = Math.abs(b * (ritz.vectors[(m - 1) * m] as number));
      const r1 = Math.abs(b * (ritz.vectors[(m - 1) * m + 1] as number));
      if (r0 <= tolerance * theta1 && r1 <= tolerance * theta1) break;
    }
    const next = new Float64Array(nS);
    for (let k = 0; k < nS; k += 1) next[k] = (w[k] as number) / b;
    q = next;
  }

  const m = basis.length;
  // Rebuild T over the basis actually kept (the last beta couples to a vector never added).
  ritz = ritzPairs(alpha.slice(0, m), beta.slice(0, Math.max(0, m - 1)));
  const components: [Float64Array, Float64Array] = [new Float64Array(nS), new Float64Array(nS)];
  const eigenvalues: [number, number] = [0, 0];
  for (let k = 0; k < 2 && k < m; k += 1) {
    const value = ritz.values[k] as number;
    if (!(value > 1e-12 * Math.max(scale, 1e-300))) continue;
    const v = components[k] as Float64Array;
    for (let i = 0; i < m; i += 1) axpy(ritz.vectors[i * m + k] as number, basis[i] as Float64Array, v);
    const norm = Math.sqrt(dot(v, v));
    for (let c = 0; c < nS; c += 1) v[c] = (v[c] as number) / norm;
    fixSign(v);
    eigenvalues[k] = value;
  }
  return { means, components, eigenvalues, steps };
}

/** 2-D positions of the participants. */
export interface Projection {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Sparsity-aware projection (reference step 3): each participant's centred votes on the
 * statements they voted on, dotted with each component, scaled by sqrt(n_statements / n_voted).
 * Every cell of an excluded statement is 0 (reference, "Input"), so n_voted counts the
 * participant's votes on the other statements plus all excluded statements; measured on
 * Pol.is's exports this is what reproduces their groups (docs/alignment-validation.md).
 */
export function projectParticipants(matrix: VoteMatrix, pca: Pca): Projection {
  const nP = matrix.participantIds.length;
  const nS = matrix.statementIds.length;
  const table = buildCentredTable(matrix, pca.means);
  const [pc1, pc2] = pca.components;
  const x = new Float64Array(nP);
  const y = new Float64Array(nP);
  const { rowStart, columns, votes } = matrix;
  let nExcluded = 0;
  for (const flag of matrix.excluded) nExcluded += flag;
  for (let i = 0; i < nP; i += 1) {
    const start = rowStart[i] as number;
    const end = rowStart[i + 1] as number;
    let sx = 0;
    let sy = 0;
    for (let e = start; e < end; e += 1) {
      const c = columns[e] as number;
      const value = table[3 * c + (votes[e] as number) + 1] as number;
      sx += value * (pc1[c] as number);
      sy += value * (pc2[c] as number);
    }
    // Every cell of an excluded column is 0 (a pass), voted or not, so it counts here.
    let counted = nExcluded;
    for (let e = start; e < end; e += 1) if (matrix.excluded[columns[e] as number] !== 1) counted += 1;
    const scale = Math.sqrt(nS / Math.max(counted, 1));
    x[i] = sx * scale;
    y[i] = sy * scale;
  }
  return { x, y };
}
