import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "./adjusted-rand-index";

describe("adjustedRandIndex", () => {
  it("matches known values", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285714, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex(["a", "a", "a"], [7, 7, 7])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });

  it("is symmetric, invariant under relabelling, and 1 against itself", () => {
    const labels = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(labels, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }), (a, raw) => {
        const b = raw.slice(0, a.length);
        expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 12);
        expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(a.map((x) => `g${3 - x}`), b), 12);
        expect(adjustedRandIndex(a, a)).toBe(1);
        expect(adjustedRandIndex(a, b)).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it("refuses labellings of different lengths", () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(/same length/);
  });
});
