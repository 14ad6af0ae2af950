import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DayTable } from "./day-table";

describe("DayTable", () => {
  it("property: window sums over running totals equal the plain sums, whatever the order of adds and sums", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), day: fc.integer({ min: -400, max: 900 }), index: fc.integer({ min: 0, max: 2 }), value: fc.integer({ min: -3, max: 40 }) }),
      fc.record({ kind: fc.constant("sum" as const), from: fc.integer({ min: -500, max: 950 }), length: fc.integer({ min: 0, max: 400 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const table = new DayTable(3);
        const plain = new Map<number, number[]>();
        for (const o of ops) {
          if (o.kind === "add") {
            table.add(o.day, o.index, o.value);
            const row = plain.get(o.day) ?? [0, 0, 0];
            row[o.index] = (row[o.index] as number) + o.value;
            plain.set(o.day, row);
          } else {
            const out = new Float64Array(3);
            table.sumInto(out, o.from, o.from + o.length);
            const expected = [0, 0, 0];
            for (const [day, row] of plain) if (day > o.from && day <= o.from + o.length) row.forEach((v, i) => (expected[i] = (expected[i] as number) + v));
            expect([...out]).toEqual(expected);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
