import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DayHistogram } from "./day-histogram";

describe("DayHistogram", () => {
  it("property: k-th smallest day equals the sorted multiset's, through inserts and removals in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -2000, max: 5000 }), fc.boolean()), { maxLength: 200 }), (ops) => {
        const histogram = new DayHistogram();
        const days: number[] = [];
        for (const [day, remove] of ops) {
          const at = days.indexOf(day);
          if (remove && at >= 0) {
            days.splice(at, 1);
            histogram.add(day, -1);
          } else {
            days.push(day);
            histogram.add(day, 1);
          }
          const sorted = [...days].sort((a, b) => a - b);
          expect(histogram.count).toBe(sorted.length);
          for (const k of [0, sorted.length >> 1, sorted.length - 1]) expect(histogram.kth(k)).toBe(sorted[k]);
          expect(histogram.kth(sorted.length)).toBeUndefined();
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
