import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "./symmetric-eigen";

describe("symmetricEigen", () => {
  it("diagonalises a known matrix", () => {
    const { values } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
  });

  it("returns orthonormal eigenvectors with A v = lambda v, values descending", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 49, maxLength: 49 }), (n, raw) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i += 1) for (let j = 0; j <= i; j += 1) a[i * n + j] = a[j * n + i] = raw[i * 7 + j] as number;
        const { values, vectors } = symmetricEigen(a, n);
        for (let k = 0; k < n; k += 1) {
          if (k > 0) expect(values[k] as number).toBeLessThanOrEqual((values[k - 1] as number) + 1e-12);
          for (let i = 0; i < n; i += 1) {
            let av = 0;
            for (let j = 0; j < n; j += 1) av += (a[i * n + j] as number) * (vectors[j * n + k] as number);
            expect(av).toBeCloseTo((values[k] as number) * (vectors[i * n + k] as number), 8);
          }
          for (let l = 0; l < n; l += 1) {
            let d = 0;
            for (let i = 0; i < n; i += 1) d += (vectors[i * n + k] as number) * (vectors[i * n + l] as number);
            expect(d).toBeCloseTo(k === l ? 1 : 0, 10);
          }
        }
      }),
    );
  });
});
