import { describe, expect, it } from "vitest";
import { inRowSpace, reducedBasis } from "./row-space";

describe("row space over the integers", () => {
  // Two overlapping groups shown, and their union: the union adds nothing new.
  const rows = [
    [1n, 1n, 0n],
    [0n, 1n, 1n],
    [1n, 2n, 1n],
  ];

  it("keeps one basis row per independent row, pivots cleared elsewhere", () => {
    const basis = reducedBasis(rows);
    expect(basis).toHaveLength(2);
    for (const b of basis) for (const other of basis) if (other !== b) expect(other.row[b.pivot]).toBe(0n);
  });

  it("tells what the shown rows determine: differences yes, a single member no", () => {
    const basis = reducedBasis(rows);
    expect(inRowSpace(basis, [1n, 0n, -1n])).toBe(true);
    expect(inRowSpace(basis, [2n, 3n, 1n])).toBe(true);
    expect(inRowSpace(basis, [1n, 0n, 0n])).toBe(false);
    expect(inRowSpace(basis, [0n, 1n, 0n])).toBe(false);
    // With a third independent row, everything is determined.
    expect(inRowSpace(reducedBasis([...rows, [1n, 0n, 0n]]), [0n, 1n, 0n])).toBe(true);
  });

  it("does not change its input rows", () => {
    const copy = rows.map((r) => [...r]);
    reducedBasis(rows);
    expect(rows).toEqual(copy);
  });
});
