/** Result of a 2-D k-means run. */
export interface KMeansResult {
  /** Cluster index of each point. */
  readonly labels: Int32Array;
  /** Centres (weighted means of their points; an empty cluster keeps its last centre). */
  readonly centresX: Float64Array;
  readonly centresY: Float64Array;
  /** Total weight of each cluster (point count when unweighted). */
  readonly sizes: Float64Array;
  readonly iterations: number;
}

/** Options of kmeans2d. */
export interface KMeansOptions {
  /** Point weights (default 1 each). */
  readonly weights?: Float64Array;
  readonly maxIterations: number;
  /** Stop when no centre moves by this distance or more; without it, stop when no label changes. */
  readonly minMove?: number;
}

/**
 * Lloyd's k-means on 2-D points from given initial centres: assign each point to the nearest
 * centre (ties to the lower index), move each centre to the (weighted) mean of its points,
 * repeat. Deterministic: points are visited in order and no randomness is used.
 */
export function kmeans2d(
  xs: Float64Array,
  ys: Float64Array,
  initialX: Float64Array,
  initialY: Float64Array,
  options: KMeansOptions,
): KMeansResult {
  const n = xs.length;
  const k = initialX.length;
  const cx = Float64Array.from(initialX);
  const cy = Float64Array.from(initialY);
  const labels = new Int32Array(n).fill(-1);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  const sizes = new Float64Array(k);
  const weights = options.weights;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations += 1;
    let changed = false;
    for (let i = 0; i < n; i += 1) {
      const px = xs[i] as number;
      const py = ys[i] as number;
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c += 1) {
        const dx = px - (cx[c] as number);
        const dy = py - (cy[c] as number);
        const d = dx * dx + dy * dy;
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed = true;
      }
    }
    sumX.fill(0);
    sumY.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i += 1) {
      const c = labels[i] as number;
      const w = weights ? (weights[i] as number) : 1;
      sumX[c] = (sumX[c] as number) + w * (xs[i] as number);
      sumY[c] = (sumY[c] as number) + w * (ys[i] as number);
      sizes[c] = (sizes[c] as number) + w;
    }
    let maxMove = 0;
    for (let c = 0; c < k; c += 1) {
      const size = sizes[c] as number;
      if (size <= 0) continue;
      const nx = (sumX[c] as number) / size;
      const ny = (sumY[c] as number) / size;
      const move = Math.sqrt((nx - (cx[c] as number)) ** 2 + (ny - (cy[c] as number)) ** 2);
      if (move > maxMove) maxMove = move;
      cx[c] = nx;
      cy[c] = ny;
    }
    if (options.minMove !== undefined ? maxMove < options.minMove : !changed) break;
  }
  return { labels, centresX: cx, centresY: cy, sizes, iterations };
}

/** Indices of the first `k` distinct points in order (exact coordinate equality). */
export function firstDistinctPoints(xs: Float64Array, ys: Float64Array, k: number): number[] {
  const seen = new Set<string>();
  const picked: number[] = [];
  for (let i = 0; i < xs.length && picked.length < k; i += 1) {
    const key = `${xs[i] as number},${ys[i] as number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(i);
  }
  return picked;
}

/** Number of distinct points, counting no further than `limit + 1`. */
export function countDistinctPoints(xs: Float64Array, ys: Float64Array, limit: number): number {
  return firstDistinctPoints(xs, ys, limit + 1).length;
}
