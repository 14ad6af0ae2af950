/**
 * Mean silhouette of a labelling of 2-D points (unweighted, Euclidean; reference step 6):
 * s(i) = (b - a) / max(a, b), a = mean distance to the other members of i's cluster,
 * b = lowest mean distance to another non-empty cluster; a point alone in its cluster
 * scores 0. Returns 0 when fewer than two clusters are non-empty.
 */
export function meanSilhouette(xs: Float64Array, ys: Float64Array, labels: Int32Array): number {
  const n = xs.length;
  if (n === 0) return 0;
  let k = 0;
  for (let i = 0; i < n; i += 1) k = Math.max(k, (labels[i] as number) + 1);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i += 1) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
  let nonEmpty = 0;
  for (let c = 0; c < k; c += 1) if ((sizes[c] as number) > 0) nonEmpty += 1;
  if (nonEmpty < 2) return 0;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    sums.fill(0);
    const px = xs[i] as number;
    const py = ys[i] as number;
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const d = Math.sqrt((px - (xs[j] as number)) ** 2 + (py - (ys[j] as number)) ** 2);
      const c = labels[j] as number;
      sums[c] = (sums[c] as number) + d;
    }
    const own = labels[i] as number;
    const ownSize = sizes[own] as number;
    if (ownSize <= 1) continue;
    const a = (sums[own] as number) / (ownSize - 1);
    let b = Infinity;
    for (let c = 0; c < k; c += 1) {
      if (c === own || (sizes[c] as number) === 0) continue;
      b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    const denominator = Math.max(a, b);
    total += denominator > 0 ? (b - a) / denominator : 0;
  }
  return total / n;
}
