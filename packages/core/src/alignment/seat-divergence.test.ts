import { describe, expect, it } from "vitest";
import { computeSeatDivergence } from "./seat-divergence";
import { buildVoteMatrix, type Vote } from "./vote-matrix";

describe("computeSeatDivergence", () => {
  const table: Record<string, Vote[]> = {
    a1: [1, 1, -1],
    a2: [1, 0, -1],
    b1: [-1, 1, -1],
    b2: [-1, 1, 1],
    c1: [1, 1, 1],
  };
  const matrix = buildVoteMatrix({
    statements: [{ id: "s0" }, { id: "s1" }, { id: "s2" }, { id: "s3", excluded: true }],
    votes: [
      ...Object.entries(table).flatMap(([p, votes]) => votes.map((vote, j) => ({ participantId: p, statementId: `s${j}`, vote, timestamp: 0 }))),
      { participantId: "a1", statementId: "s3", vote: 1, timestamp: 0 },
      { participantId: "b1", statementId: "s3", vote: -1, timestamp: 0 },
    ],
  });
  const grouped = {
    k: 2,
    participants: [
      { id: "a1", group: 0 },
      { id: "a2", group: 0 },
      { id: "b1", group: 1 },
      { id: "b2", group: 0 },
      { id: "c1", group: null },
    ],
  };
  const seatOf = new Map([
    ["a1", "seat-a"],
    ["a2", "seat-a"],
    ["b1", "seat-b"],
    ["b2", "seat-b"],
    ["c1", "seat-c"],
  ]);
  const result = computeSeatDivergence(matrix, grouped, seatOf, { limit: 2 });

  it("tells which seats are split and how their delegates spread over groups", () => {
    expect(result.seats.map((s) => [s.seatId, s.groupCounts, s.unclustered, s.isSplit])).toEqual([
      ["seat-a", [2, 0], 0, false],
      ["seat-b", [1, 1], 0, true],
      ["seat-c", [0, 0], 1, false],
    ]);
    expect(result.splitSeats).toEqual(["seat-b"]);
  });

  it("lists per pair the statements with the largest difference in mean vote, with counts", () => {
    const ab = result.pairs.find((p) => p.seats[0] === "seat-a" && p.seats[1] === "seat-b");
    expect(ab?.inDifferentGroups).toBe(false);
    expect(ab?.sharedStatements).toBe(3); // s3 is excluded
    expect(ab?.statements.map((s) => [s.id, s.difference])).toEqual([
      ["s0", 2],
      ["s2", -1],
    ]);
    expect(ab?.statements[0]?.first).toEqual({ votes: 2, agrees: 2, disagrees: 0, passes: 0, mean: 1 });
    expect(ab?.meanAbsoluteDifference).toBeCloseTo((2 + 0.5 + 1) / 3, 14);
    // Pairs come most divergent first.
    const scores = result.pairs.map((p) => p.meanAbsoluteDifference);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it("ignores participants without a seat", () => {
    const partial = computeSeatDivergence(matrix, grouped, new Map([["a1", "seat-a"]]));
    expect(partial.seats.map((s) => s.seatId)).toEqual(["seat-a"]);
    expect(partial.pairs).toEqual([]);
  });
});
