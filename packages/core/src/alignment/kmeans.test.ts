import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstDistinctPoints, kmeans2d } from "./kmeans";

const pointsArb = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), { minLength: 1, maxLength: 60 });

describe("kmeans2d", () => {
  it("converges to a fixed point: centres are the weighted means, every point sits at its nearest centre", () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 60, maxLength: 60 }), (points, k, w) => {
        const xs = Float64Array.from(points, (p) => p[0] / 4);
        const ys = Float64Array.from(points, (p) => p[1] / 4);
        const weights = Float64Array.from(points, (_, i) => w[i] as number);
        const init = firstDistinctPoints(xs, ys, k);
        const r = kmeans2d(xs, ys, Float64Array.from(init, (i) => xs[i] as number), Float64Array.from(init, (i) => ys[i] as number), { weights, maxIterations: 1000 });
        expect(r.iterations).toBeLessThan(1000);
        for (let c = 0; c < init.length; c += 1) {
          let sx = 0;
          let sy = 0;
          let sw = 0;
          r.labels.forEach((l, i) => {
            if (l !== c) return;
            sx += (weights[i] as number) * (xs[i] as number);
            sy += (weights[i] as number) * (ys[i] as number);
            sw += weights[i] as number;
          });
          expect(r.sizes[c]).toBe(sw);
          if (sw > 0) {
            expect(r.centresX[c]).toBeCloseTo(sx / sw, 9);
            expect(r.centresY[c]).toBeCloseTo(sy / sw, 9);
          }
        }
        r.labels.forEach((l, i) => {
          const d = (c: number) => ((xs[i] as number) - (r.centresX[c] as number)) ** 2 + ((ys[i] as number) - (r.centresY[c] as number)) ** 2;
          for (let c = 0; c < init.length; c += 1) expect(d(l)).toBeLessThanOrEqual(d(c) + 1e-9);
        });
      }),
    );
  });

  it("with integer weights equals k-means on duplicated points", () => {
    const xs = Float64Array.of(0, 1, 5, 6, 2.5);
    const ys = Float64Array.of(0, 0, 0, 0, 0);
    const weights = Float64Array.of(1, 3, 1, 1, 2);
    const dup = [0, 1, 1, 1, 2, 3, 4, 4];
    const init = [Float64Array.of(0, 6), Float64Array.of(0, 0)] as const;
    const a = kmeans2d(xs, ys, init[0], init[1], { weights, maxIterations: 50 });
    const b = kmeans2d(Float64Array.from(dup, (i) => xs[i] as number), Float64Array.from(dup, (i) => ys[i] as number), init[0], init[1], { maxIterations: 50 });
    expect(Array.from(a.centresX)).toEqual(Array.from(b.centresX));
    expect(Array.from(a.sizes)).toEqual(Array.from(b.sizes));
  });

  it("stops on the minimum move and breaks distance ties towards the lower centre", () => {
    const r = kmeans2d(Float64Array.of(1), Float64Array.of(0), Float64Array.of(0, 2), Float64Array.of(0, 0), { maxIterations: 100, minMove: 0.01 });
    expect(r.labels[0]).toBe(0);
    expect(r.iterations).toBe(2);
  });
});

describe("firstDistinctPoints", () => {
  it("picks the first k distinct points in order", () => {
    expect(firstDistinctPoints(Float64Array.of(0, 0, 1, 0, 2), Float64Array.of(0, 0, 1, 0, 2), 2)).toEqual([0, 2]);
    expect(firstDistinctPoints(Float64Array.of(-0, 0), Float64Array.of(0, 0), 5)).toEqual([0]);
  });
});
