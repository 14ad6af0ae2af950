import { describe, expect, it } from "vitest";
import { buildPulse, expandPulseQuestions, listRotatingBlocks, maxPulseItems } from "./build-pulse";
import { pulseBank, type PulseItem } from "./pulse-bank";

const seats = [
  { id: "nw", name: "Northwind" },
  { id: "gl", name: "Greenfield Labs" },
  { id: "acme", name: "Acme" },
];

describe("building a pulse", () => {
  it("asks the anchor plus two rotating blocks: at most 8 items", () => {
    const pulse = buildPulse({ sequence: 0 });
    expect(pulse.itemIds).toHaveLength(7);
    expect(pulse.itemIds[0]).toBe("presence.meeting-effectiveness");
    expect(pulse.blocks).toEqual(["trust-organization", "trust-reliability"]);
    for (let sequence = 0; sequence < 12; sequence++) expect(buildPulse({ sequence }).itemIds.length).toBeLessThanOrEqual(maxPulseItems);
  });

  it("rotates blocks deterministically as a sliding window", () => {
    const blocks = listRotatingBlocks();
    const series = [0, 1, 2, 3, 4].map((sequence) => buildPulse({ sequence }));
    expect(series.map((pulse) => pulse.blocks)).toEqual([
      [blocks[0], blocks[1]],
      [blocks[1], blocks[2]],
      [blocks[2], blocks[3]],
      [blocks[3], blocks[0]],
      [blocks[0], blocks[1]],
    ]);
    // Successive pulses share a block, so every item recurs in consecutive pulses.
    for (let i = 1; i < series.length; i++) expect(series[i]!.blocks[0]).toBe(series[i - 1]!.blocks[1]);
    // Four pulses cover the whole bank.
    expect(new Set(series.slice(0, 4).flatMap((pulse) => pulse.itemIds)).size).toBe(pulseBank.length);
    expect(buildPulse({ sequence: 2 })).toEqual(buildPulse({ sequence: 2 }));
  });

  it("takes fewer blocks when maxItems is lower, and refuses impossible sizes", () => {
    expect(buildPulse({ sequence: 1, maxItems: 5 }).itemIds).toHaveLength(4);
    expect(() => buildPulse({ sequence: 0, maxItems: 9 })).toThrow();
    expect(() => buildPulse({ sequence: 0, maxItems: 3 })).toThrow(/No whole block/);
    expect(() => buildPulse({ sequence: -1 })).toThrow();
  });

  it("works with a custom bank", () => {
    const bank: PulseItem[] = pulseBank.filter((item) => item.block === "authorship" || item.block === "rhythm-language");
    expect(buildPulse({ sequence: 1, bank }).blocks).toEqual(["rhythm-language", "authorship"]);
  });
});

describe("expanding a pulse for a respondent", () => {
  it("asks directional items once per other seat, naming it", () => {
    const questions = expandPulseQuestions(["trust.keeps-commitments", "candor.problems-raised"], { seatId: "nw" }, seats);
    expect(questions.map((question) => question.key)).toEqual(["trust.keeps-commitments@gl", "trust.keeps-commitments@acme", "candor.problems-raised"]);
    expect(questions[0]!.text).toBe("Greenfield Labs keeps the commitments it makes to this alliance.");
    expect(questions[2]).toMatchObject({ targetSeatId: null, scale: "agreement7" });
    expect(questions[2]!.labels).toHaveLength(7);
  });

  it("refuses a respondent from an unknown seat", () => {
    expect(() => expandPulseQuestions(["candor.problems-raised"], { seatId: "zz" }, seats)).toThrow();
  });
});
