import { describe, expect, it } from "vitest";
import { findPulseItem } from "./pulse-bank";
import { isValidPulseValue, orientPulseValue, scorePulseValue, toPercentScore, validatePulseAnswer } from "./score-pulse-value";
import { defaultMinGroupSize, resolveMinGroupSize } from "./min-group-size";
import { pulseResponseRate } from "./pulse-response-rate";

const candor = findPulseItem("candor.problems-raised");
const reversed = findPulseItem("candor.silence-as-agreement");
const meeting = findPulseItem("presence.meeting-effectiveness");
const trust = findPulseItem("trust.negotiates-honestly");

describe("scoring pulse answers", () => {
  it("normalises to 0–1 and flips reversed items", () => {
    expect(scorePulseValue(candor, 1)).toBe(0);
    expect(scorePulseValue(candor, 7)).toBe(1);
    expect(scorePulseValue(candor, 4)).toBe(0.5);
    expect(scorePulseValue(reversed, 7)).toBe(0);
    expect(scorePulseValue(reversed, 2)).toBeCloseTo(5 / 6);
    expect(orientPulseValue(reversed, 2)).toBe(6);
    expect(scorePulseValue(meeting, 5)).toBe(1);
    expect(scorePulseValue(meeting, 2)).toBe(0.25);
    expect(toPercentScore(scorePulseValue(meeting, 4))).toBe(75);
  });

  it("accepts only whole points of the scale", () => {
    expect(isValidPulseValue(meeting, 6)).toBe(false);
    expect(isValidPulseValue(candor, 6)).toBe(true);
    expect(isValidPulseValue(candor, 2.5)).toBe(false);
    expect(() => scorePulseValue(candor, 0)).toThrow();
  });

  it("validates targets: directional items about another seat only", () => {
    expect(() => validatePulseAnswer(trust, { value: 5, respondentSeatId: "a", targetSeatId: "b" })).not.toThrow();
    expect(() => validatePulseAnswer(trust, { value: 5, respondentSeatId: "a", targetSeatId: null })).toThrow();
    expect(() => validatePulseAnswer(trust, { value: 5, respondentSeatId: "a", targetSeatId: "a" })).toThrow();
    expect(() => validatePulseAnswer(candor, { value: 5, respondentSeatId: "a", targetSeatId: "b" })).toThrow();
  });
});

describe("the minimum group size k", () => {
  it("defaults to 5, may be raised, never below 3", () => {
    expect(resolveMinGroupSize()).toBe(defaultMinGroupSize);
    expect(resolveMinGroupSize(null)).toBe(5);
    expect(resolveMinGroupSize(3)).toBe(3);
    expect(resolveMinGroupSize(12)).toBe(12);
    expect(() => resolveMinGroupSize(2)).toThrow(/at least 3/);
    expect(() => resolveMinGroupSize(4.5)).toThrow();
  });
});

describe("the pulse response rate", () => {
  it("is respondents over invited, safe at any size", () => {
    expect(pulseResponseRate(2, 8)).toEqual({ respondents: 2, invited: 8, rate: 0.25 });
    expect(pulseResponseRate(0, 0).rate).toBeNull();
    expect(() => pulseResponseRate(9, 8)).toThrow();
  });
});
