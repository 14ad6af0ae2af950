import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanSilhouette } from "./silhouette";

/** Brute-force silhouette written from the definition, one point at a time. */
function bruteForce(points: [number, number][], labels: number[]): number {
  const clusters = [...new Set(labels)];
  if (clusters.length < 2) return 0;
  const dist = (i: number, j: number) => Math.hypot((points[i] as [number, number])[0] - (points[j] as [number, number])[0], (points[i] as [number, number])[1] - (points[j] as [number, number])[1]);
  const meanTo = (i: number, c: number) => {
    const others = labels.map((l, j) => (l === c && j !== i ? j : -1)).filter((j) => j >= 0);
    return others.reduce((s, j) => s + dist(i, j), 0) / others.length;
  };
  const scores = points.map((_, i) => {
    const own = labels[i] as number;
    if (labels.filter((l) => l === own).length === 1) return 0;
    const a = meanTo(i, own);
    const b = Math.min(...clusters.filter((c) => c !== own).map((c) => meanTo(i, c)));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
  return scores.reduce((s, x) => s + x, 0) / scores.length;
}

describe("meanSilhouette", () => {
  it("equals a brute-force reference", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 30 }),
        (rows) => {
          // Relabel densely so no cluster index is empty.
          const ids = [...new Set(rows.map((r) => r[2]))];
          const labels = rows.map((r) => ids.indexOf(r[2]));
          const points = rows.map((r) => [r[0], r[1]] as [number, number]);
          const value = meanSilhouette(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), Int32Array.from(labels));
          expect(value).toBeCloseTo(bruteForce(points, labels), 10);
        },
      ),
    );
  });

  it("scores a singleton 0 and two tight far clusters near 1", () => {
    const xs = Float64Array.of(0, 0.1, 10, 10.1, 50);
    const ys = new Float64Array(5);
    const s = meanSilhouette(xs, ys, Int32Array.of(0, 0, 1, 1, 2));
    expect(s).toBeGreaterThan(0.75);
    expect(s).toBeLessThan(0.8); // four points near 0.99 and the singleton's 0
    expect(meanSilhouette(xs, ys, new Int32Array(5))).toBe(0);
  });
});
