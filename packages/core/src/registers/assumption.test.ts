import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import {
  canMoveAssumption,
  confidenceToNumber,
  isAssumptionReviewDue,
  linkAssumptionDecision,
  recordAssumption,
  recordAssumptionTest,
  rescheduleAssumptionReview,
  reviseAssumptionConfidence,
  unlinkAssumptionDecision,
  type RecordAssumptionInput,
} from "./assumption";

const t0 = new Date("2025-01-10T09:00:00Z");
const t1 = new Date("2025-02-10T09:00:00Z");

function buildInput(overrides: Partial<RecordAssumptionInput> = {}): RecordAssumptionInput {
  return {
    id: "as1",
    allianceId: "a1",
    statement: "Member utilities will share meter data without a new legal agreement.",
    holder: { kind: "seat", seatId: "gridco" },
    confidence: "medium",
    testPlan: "Ask two utilities' counsel before the March meeting.",
    reviewOn: "2025-03-01",
    decisionIds: ["d1"],
    ...overrides,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("assumptions", () => {
  it("start untested, hold when tested, and can later be invalidated", () => {
    const recorded = recordAssumption(buildInput(), t0);
    expect(recorded).toMatchObject({ status: "untested", lastTest: null, decisionIds: ["d1"] });
    const holding = recordAssumptionTest(recorded, { outcome: "holding", evidence: "Counsel agreed.", nextReviewOn: "2025-06-01" }, t1);
    expect(holding).toMatchObject({ status: "holding", reviewOn: "2025-06-01", lastTest: { outcome: "holding", at: t1 } });
    const retested = recordAssumptionTest(holding, { outcome: "holding", evidence: "Still true." }, t1);
    expect(retested.reviewOn).toBe("2025-06-01");
    const invalidated = recordAssumptionTest(retested, { outcome: "invalidated", evidence: "A regulator ruled otherwise." }, new Date("2025-04-01T00:00:00Z"));
    expect(invalidated.status).toBe("invalidated");
    expect(codeOf(() => recordAssumptionTest(invalidated, { outcome: "holding", evidence: "x" }, new Date("2025-05-01T00:00:00Z")))).toBe("illegal_move");
    expect(codeOf(() => reviseAssumptionConfidence(invalidated, "high"))).toBe("illegal_move");
    expect(codeOf(() => rescheduleAssumptionReview(invalidated, "2025-09-01"))).toBe("illegal_move");
    expect(canMoveAssumption("untested", "invalidated")).toBe(true);
    expect(canMoveAssumption("invalidated", "untested")).toBe(false);
  });

  it("accept confidence as a probability or a level", () => {
    expect(recordAssumption(buildInput({ confidence: 0.8 }), t0).confidence).toBe(0.8);
    expect(codeOf(() => recordAssumption(buildInput({ confidence: 1.2 }), t0))).toBe("validation_failed");
    expect(codeOf(() => recordAssumption(buildInput({ confidence: "sure" as "high" }), t0))).toBe("validation_failed");
    expect(confidenceToNumber("low")).toBe(0.25);
    expect(confidenceToNumber(0.9)).toBe(0.9);
    expect(reviseAssumptionConfidence(recordAssumption(buildInput(), t0), 0.1).confidence).toBe(0.1);
  });

  it("validate holder, review date and test outcome", () => {
    expect(codeOf(() => recordAssumption(buildInput({ reviewOn: "2025-02-30" }), t0))).toBe("validation_failed");
    expect(codeOf(() => recordAssumption(buildInput({ reviewOn: "1 March" }), t0))).toBe("validation_failed");
    expect(codeOf(() => recordAssumption(buildInput({ holder: { kind: "person", personId: "" } }), t0))).toBe("validation_failed");
    expect(recordAssumption(buildInput({ holder: { kind: "person", personId: "p7" } }), t0).holder).toEqual({ kind: "person", personId: "p7" });
    const recorded = recordAssumption(buildInput(), t0);
    expect(codeOf(() => recordAssumptionTest(recorded, { outcome: "maybe" as "holding", evidence: "x" }, t1))).toBe("validation_failed");
    expect(codeOf(() => recordAssumptionTest(recorded, { outcome: "holding", evidence: "" }, t1))).toBe("validation_failed");
    expect(codeOf(() => recordAssumptionTest(recorded, { outcome: "holding", evidence: "x" }, new Date("2024-01-01T00:00:00Z")))).toBe("validation_failed");
  });

  it("link the decisions that rest on them", () => {
    const recorded = recordAssumption(buildInput(), t0);
    const linked = linkAssumptionDecision(linkAssumptionDecision(recorded, "d2"), "d2");
    expect(linked.decisionIds).toEqual(["d1", "d2"]);
    expect(unlinkAssumptionDecision(linked, "d1").decisionIds).toEqual(["d2"]);
    expect(unlinkAssumptionDecision(linked, "zz")).toBe(linked);
  });

  it("are due for review on their review date, unless invalidated", () => {
    const recorded = recordAssumption(buildInput(), t0);
    expect(isAssumptionReviewDue(recorded, "2025-02-28")).toBe(false);
    expect(isAssumptionReviewDue(recorded, "2025-03-01")).toBe(true);
    expect(isAssumptionReviewDue(recorded, new Date("2025-03-01T23:59:00Z"))).toBe(true);
    const invalidated = recordAssumptionTest(recorded, { outcome: "invalidated", evidence: "no" }, t1);
    expect(isAssumptionReviewDue(invalidated, "2026-01-01")).toBe(false);
  });
});
