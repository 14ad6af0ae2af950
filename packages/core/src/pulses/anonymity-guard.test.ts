import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { createAnonymityGuard, hiddenMessage, partitionPulseCells, type PulseAudience, type PulseResponse } from "./anonymity-guard";
import { buildPulseResponses } from "./build-pulse-responses";

const facilitator: PulseAudience = { kind: "facilitator" };
const partner = (seatId: string): PulseAudience => ({ kind: "partner", seatId });
const candor = "candor.problems-raised";
const keepsCommitments = "trust.keeps-commitments";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return undefined;
}

// Northwind 7 respondents, Greenfield 6, Acme 2: Acme is below k = 5.
const uneven = buildPulseResponses({ pulseId: "p1", itemIds: [candor], respondentsBySeat: { nw: 7, gl: 6, acme: 2 }, seed: 7 });

describe("the anonymity guard", () => {
  it("uses k = 5 by default, accepts a higher k and refuses one below 3", () => {
    expect(createAnonymityGuard({ responses: [], closedPulseIds: [] }).k).toBe(5);
    expect(createAnonymityGuard({ responses: [], closedPulseIds: [], k: 8 }).k).toBe(8);
    expect(codeOf(() => createAnonymityGuard({ responses: [], closedPulseIds: [], k: 2 }))).toBe("validation_failed");
  });

  it("shows an aggregate with at least k respondents and hides one below, without a count", () => {
    const guard = createAnonymityGuard({ responses: uneven, closedPulseIds: ["p1"] });
    const all = guard.answer({ pulseIds: ["p1"], measure: "mean" }, facilitator);
    expect(all).toMatchObject({ status: "shown", respondents: 15, responses: 15 });
    const acme = guard.answer({ respondentSeatIds: ["acme"], measure: "count" }, facilitator);
    expect(acme).toEqual({ status: "hidden", k: 5, message: "hidden: fewer than 5 respondents" });
    expect(guard.answer({ respondentSeatIds: ["nw"], measure: "count" }, facilitator)).toMatchObject({ status: "shown", respondents: 7 });
  });

  it("hides 'every seat but Acme' so it cannot be subtracted from 'every seat'", () => {
    const guard = createAnonymityGuard({ responses: uneven, closedPulseIds: ["p1"] });
    expect(guard.answer({ measure: "mean" }, facilitator).status).toBe("shown");
    expect(guard.answer({ respondentSeatIds: ["nw", "gl"], measure: "mean" }, facilitator).status).toBe("hidden");
    // Complementary suppression: Greenfield (the smallest large seat) is pooled with Acme,
    // so "every seat minus Northwind" is a group of 8 and Greenfield alone is hidden.
    expect(guard.answer({ respondentSeatIds: ["gl"], measure: "mean" }, facilitator).status).toBe("hidden");
    expect(guard.answer({ respondentSeatIds: ["acme", "gl"], measure: "mean" }, facilitator)).toMatchObject({ status: "shown", respondents: 8 });
    expect(guard.answer({ respondentSeatIds: ["nw"], measure: "mean" }, facilitator)).toMatchObject({ status: "shown", respondents: 7 });
  });

  it("pools small seats into a remainder cell that is shown when it reaches k", () => {
    const { cells } = partitionPulseCells(buildPulseResponses({ pulseId: "p1", itemIds: [candor], respondentsBySeat: { a: 2, b: 2, c: 3, d: 6 } }), 5);
    expect(cells.map((cell) => [cell.respondentSeatIds, cell.respondents, cell.allowed])).toEqual([
      [["d"], 6, true],
      [["a", "b", "c"], 7, true],
    ]);
    const { cells: tiny } = partitionPulseCells(buildPulseResponses({ pulseId: "p1", itemIds: [candor], respondentsBySeat: { a: 2, b: 2 } }), 5);
    expect(tiny).toEqual([expect.objectContaining({ respondents: 4, allowed: false })]);
  });

  it("hides a whole slot below k, and any query touching it, even across pulses", () => {
    const responses = [
      ...buildPulseResponses({ pulseId: "p1", itemIds: [candor], respondentsBySeat: { a: 6 } }),
      ...buildPulseResponses({ pulseId: "p2", itemIds: [candor], respondentsBySeat: { a: 3 } }),
    ];
    const guard = createAnonymityGuard({ responses, closedPulseIds: ["p1", "p2"] });
    expect(guard.answer({ pulseIds: ["p1"], measure: "mean" }, facilitator).status).toBe("shown");
    expect(guard.answer({ pulseIds: ["p2"], measure: "mean" }, facilitator).status).toBe("hidden");
    expect(guard.answer({ measure: "mean" }, facilitator).status).toBe("hidden");
    expect(guard.listShownCells()).toEqual([{ pulseId: "p1", itemId: candor, targetSeatId: null, respondentSeatIds: ["a"], respondents: 6 }]);
  });

  it("aggregates only closed pulses, so a pulse still filling cannot be differenced over time", () => {
    const open = buildPulseResponses({ pulseId: "p2", itemIds: [candor], respondentsBySeat: { nw: 9 } });
    const guard = createAnonymityGuard({ responses: [...uneven, ...open], closedPulseIds: ["p1"] });
    expect(guard.answer({ measure: "count" }, facilitator)).toMatchObject({ status: "shown", respondents: 15 });
    expect(guard.answer({ pulseIds: ["p2"], measure: "count" }, facilitator).status).toBe("hidden");
    expect(codeOf(() => createAnonymityGuard({ responses: uneven } as unknown as Parameters<typeof createAnonymityGuard>[0]))).toBe("validation_failed");
  });

  it("hides an empty selection the same way, so even zero never leaks", () => {
    const guard = createAnonymityGuard({ responses: uneven, closedPulseIds: ["p1"] });
    expect(guard.answer({ respondentSeatIds: ["nobody"], measure: "count" }, facilitator)).toEqual({ status: "hidden", k: 5, message: hiddenMessage(5) });
  });

  it("computes mean, count and distribution over oriented values", () => {
    const responses = buildPulseResponses({
      pulseId: "p1",
      itemIds: ["candor.silence-as-agreement"],
      respondentsBySeat: { a: 5 },
      value: ({ respondentIndex }) => [1, 2, 2, 7, 7][respondentIndex] as number,
    });
    const guard = createAnonymityGuard({ responses, closedPulseIds: ["p1", "p2"] });
    const mean = guard.answer({ measure: "mean" }, facilitator);
    // Reversed: 1,2,2,7,7 orient to 7,6,6,1,1 (mean 4.2); score (4.2 - 1) / 6.
    expect(mean).toMatchObject({ status: "shown", meanOnScale: 4.2, scale: "agreement7" });
    expect(mean.status === "shown" && mean.score).toBeCloseTo(3.2 / 6);
    const distribution = guard.answer({ itemIds: ["candor.silence-as-agreement"], measure: "distribution" }, facilitator);
    expect(distribution.status === "shown" && distribution.counts.map((bucket) => bucket.count)).toEqual([2, 0, 0, 0, 0, 2, 1]);
    expect(distribution.status === "shown" && distribution.counts[0]).toEqual({ value: 1, label: "Strongly disagree", count: 2 });
  });

  it("refuses a distribution across scales and malformed filters", () => {
    const guard = createAnonymityGuard({ responses: uneven, closedPulseIds: ["p1"] });
    expect(codeOf(() => guard.answer({ measure: "distribution" }, facilitator))).toBe("validation_failed");
    expect(codeOf(() => guard.answer({ dynamics: ["candor"], measure: "distribution" }, facilitator))).toBeUndefined();
    expect(codeOf(() => guard.answer({ respondentSeatIds: [], measure: "mean" }, facilitator))).toBe("validation_failed");
    expect(codeOf(() => guard.answer({ itemIds: ["nope"], measure: "mean" }, facilitator))).toBe("validation_failed");
    expect(codeOf(() => guard.answer({ measure: "median" as "mean" }, facilitator))).toBe("validation_failed");
  });

  it("refuses stored answers that break the model", () => {
    const base: PulseResponse = { pulseId: "p1", itemId: candor, respondentKey: "k1", respondentSeatId: "a", targetSeatId: null, value: 4 };
    expect(codeOf(() => createAnonymityGuard({ responses: [base, { ...base, value: 5 }], closedPulseIds: ["p1"] }))).toBe("validation_failed");
    expect(codeOf(() => createAnonymityGuard({ responses: [base, { ...base, itemId: "rhythm.goals-revisited", respondentSeatId: "b" }], closedPulseIds: ["p1"] }))).toBe("validation_failed");
    expect(codeOf(() => createAnonymityGuard({ responses: [{ ...base, value: 9 }], closedPulseIds: ["p1"] }))).toBe("validation_failed");
    expect(codeOf(() => createAnonymityGuard({ responses: [{ ...base, itemId: keepsCommitments }], closedPulseIds: ["p1"] }))).toBe("validation_failed");
    expect(codeOf(() => createAnonymityGuard({ responses: [{ ...base, respondentKey: "" }], closedPulseIds: ["p1"] }))).toBe("validation_failed");
  });

  describe("directional trust", () => {
    const responses = buildPulseResponses({ pulseId: "p1", itemIds: [keepsCommitments], respondentsBySeat: { a: 5, b: 6, c: 7 } });
    const guard = createAnonymityGuard({ responses, closedPulseIds: ["p1", "p2"] });

    it("is shown to a seat only aggregated over the other seats", () => {
      expect(guard.answer({ targetSeatIds: ["b"], measure: "mean" }, partner("b"))).toMatchObject({ status: "shown", respondents: 12 });
      expect(codeOf(() => guard.answer({ targetSeatIds: ["b"], respondentSeatIds: ["c"], measure: "mean" }, partner("b")))).toBe("forbidden");
      expect(codeOf(() => guard.answer({ targetSeatIds: ["a"], measure: "mean" }, partner("b")))).toBe("forbidden");
      expect(codeOf(() => guard.answer({ respondentSeatIds: ["b"], measure: "mean" }, partner("b")))).toBe("forbidden");
      expect(guard.answer({ itemIds: [keepsCommitments], measure: "mean" }, partner("b"))).toMatchObject({ status: "shown", respondents: 18 });
    });

    it("is shown to facilitators per pair of seats, still under k", () => {
      expect(guard.answer({ respondentSeatIds: ["c"], targetSeatIds: ["b"], measure: "mean" }, facilitator)).toMatchObject({ status: "shown", respondents: 7 });
      const small = createAnonymityGuard({ responses: buildPulseResponses({ pulseId: "p1", itemIds: [keepsCommitments], respondentsBySeat: { a: 2, b: 6, c: 7 } }), closedPulseIds: ["p1"] });
      expect(small.answer({ respondentSeatIds: ["a"], targetSeatIds: ["b"], measure: "mean" }, facilitator).status).toBe("hidden");
      // Trust in C comes from A (2) and B (6): the smallest large seat is pooled, so B's view alone is hidden too.
      expect(small.answer({ respondentSeatIds: ["b"], targetSeatIds: ["c"], measure: "mean" }, facilitator).status).toBe("hidden");
      expect(small.answer({ targetSeatIds: ["c"], measure: "mean" }, partner("c"))).toMatchObject({ status: "shown", respondents: 8 });
    });
  });
});
