import { describe, expect, it } from "vitest";
import { createAnonymityGuard, type PulseAudience, type PulseResponse } from "./anonymity-guard";
import { buildPulseResponses } from "./build-pulse-responses";
import { measurePerceptionGap, summarizePulse, trendPulseResults, type PulseResultsContext } from "./pulse-results";

const facilitator: PulseAudience = { kind: "facilitator" };
const candor = "candor.problems-raised";
const silence = "candor.silence-as-agreement";
const keeps = "trust.keeps-commitments";
const seatIds = ["nw", "gl", "acme"];

// Northwind answers 6 everywhere, Greenfield 3, Acme (2 people, below k) 7.
const byseat: Record<string, number> = { nw: 6, gl: 3, acme: 7 };
const responses: PulseResponse[] = buildPulseResponses({
  pulseId: "p1",
  itemIds: [candor, silence, keeps],
  respondentsBySeat: { nw: 6, gl: 5, acme: 2 },
  value: ({ respondentSeatId }) => byseat[respondentSeatId] as number,
});
const guard = createAnonymityGuard({ responses, closedPulseIds: ["p1"] });
const asFacilitator: PulseResultsContext = { guard, audience: facilitator };
const asGreenfield: PulseResultsContext = { guard, audience: { kind: "partner", seatId: "gl" } };

describe("pulse results", () => {
  it("summarise per item and per dynamic, by seat where allowed", () => {
    const summary = summarizePulse(asFacilitator, { pulseId: "p1", itemIds: [candor, silence, keeps], seatIds });
    expect(summary.k).toBe(5);
    const candorResult = summary.items.find((item) => item.itemId === candor)!;
    expect(candorResult.overall).toMatchObject({ status: "shown", respondents: 13 });
    expect(candorResult.distribution).toMatchObject({ status: "shown", scale: "agreement7" });
    // Acme (2) is pooled with Greenfield (the smallest large seat): only Northwind is shown alone.
    expect(candorResult.bySeat.map((row) => [row.seatId, row.answer.status])).toEqual([
      ["nw", "shown"],
      ["gl", "hidden"],
      ["acme", "hidden"],
    ]);
    expect(summary.dynamics.map((row) => row.dynamic)).toEqual(["trust", "candor"]);
    const trust = summary.dynamics.find((row) => row.dynamic === "trust")!;
    expect(trust.aboutSeat.map((row) => row.seatId)).toEqual(seatIds);
  });

  it("give partners directional items only about their own seat, never by respondent seat", () => {
    const summary = summarizePulse(asGreenfield, { pulseId: "p1", itemIds: [candor, keeps], seatIds });
    const trustItem = summary.items.find((item) => item.itemId === keeps)!;
    expect(trustItem.bySeat).toEqual([]);
    expect(trustItem.aboutSeat.map((row) => row.seatId)).toEqual(["gl"]);
    // About Greenfield: Northwind 6 + Acme 2 = 8 respondents, shown as one aggregate.
    expect(trustItem.aboutSeat[0]!.answer).toMatchObject({ status: "shown", respondents: 8 });
    expect(summary.items.find((item) => item.itemId === candor)!.bySeat).toHaveLength(3);
  });

  it("follow an item over successive pulses, marking pulses that did not ask it", () => {
    const later = buildPulseResponses({ pulseId: "p3", itemIds: [candor], respondentsBySeat: { nw: 6 }, value: () => 7 });
    const context: PulseResultsContext = { guard: createAnonymityGuard({ responses: [...responses, ...later], closedPulseIds: ["p1", "p2", "p3"] }), audience: facilitator };
    const trend = trendPulseResults(context, {
      pulses: [
        { id: "p1", itemIds: [candor] },
        { id: "p2", itemIds: [silence] },
        { id: "p3", itemIds: [candor] },
      ],
      itemId: candor,
      respondentSeatId: "nw",
    });
    expect(trend.points.map((point) => [point.pulseId, point.asked, point.answer?.status ?? null])).toEqual([
      ["p1", true, "shown"],
      ["p2", false, null],
      ["p3", true, "shown"],
    ]);
    expect(trend.change).toBeCloseTo(1 - 5 / 6);
    expect(() => trendPulseResults(asGreenfield, { pulses: [{ id: "p1", itemIds: [keeps] }], itemId: keeps, respondentSeatId: "nw" })).toThrow();
    expect(() => trendPulseResults(asFacilitator, { pulses: [], itemId: candor, dynamic: "candor" })).toThrow();
    expect(trendPulseResults(asFacilitator, { pulses: [{ id: "p1", itemIds: [candor] }], dynamic: "candor" }).change).toBeNull();
  });

  it("measure the perception gap over seats that meet k", () => {
    const wide = buildPulseResponses({
      pulseId: "p1",
      itemIds: [candor, keeps],
      respondentsBySeat: { nw: 6, gl: 5, acme: 5, tiny: 1 },
      value: ({ respondentSeatId, targetSeatId }) => {
        if (targetSeatId === "nw" && respondentSeatId === "gl") return 2;
        if (targetSeatId === "gl" && respondentSeatId === "nw") return 6;
        return ({ nw: 7, gl: 4, acme: 1, tiny: 1 } as Record<string, number>)[respondentSeatId] as number;
      },
    });
    const context: PulseResultsContext = { guard: createAnonymityGuard({ responses: wide, closedPulseIds: ["p1"] }), audience: facilitator };
    const gap = measurePerceptionGap(context, { pulseIds: ["p1"], itemIds: [candor, keeps], seatIds: ["nw", "gl", "acme", "tiny"] });
    const candorRow = gap.byItem.find((row) => row.key === candor)!;
    // "tiny" (1) pools with the smallest large seat: acme and gl tie at 5, so acme (by id) is pooled.
    expect(candorRow.seats.map((seat) => seat.seatId)).toEqual(["nw", "gl"]);
    expect(candorRow.spread).toBeCloseTo(0.5);
    expect(candorRow.standardDeviation).toBeCloseTo(0.25);
    const pair = gap.directional.find((row) => row.itemId === keeps && row.seatA === "nw" && row.seatB === "gl");
    expect(pair).toMatchObject({ aTowardB: 5 / 6, bTowardA: 1 / 6 });
    expect(pair!.gap).toBeCloseTo(4 / 6);
    expect(gap.byDynamic.map((row) => row.key)).toEqual(["trust", "candor"]);

    const partnerGap = measurePerceptionGap({ ...context, audience: { kind: "partner", seatId: "gl" } }, { pulseIds: ["p1"], itemIds: [candor, keeps], seatIds: ["nw", "gl", "acme"] });
    expect(partnerGap.byItem.map((row) => row.key)).toEqual([candor]);
    expect(partnerGap.byDynamic.map((row) => row.key)).toEqual(["candor"]);
    expect(partnerGap.directional).toEqual([]);
  });
});
