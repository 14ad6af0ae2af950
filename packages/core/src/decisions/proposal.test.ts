import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import type { AllianceViewer } from "../visibility";
import { validateAdviceDecision, validateObjectionResponse, validateOutcomeStatement, isReviewDue } from "./outcome-record";
import { validatePosition } from "./position";
import { canShowResults, isProposalOpen, requiredQuorumSeats } from "./proposal";
import { buildProposal, buildSeats, stancePosition } from "./testing";

const delegate: AllianceViewer = { personId: "a", roles: ["delegate"], seatIds: ["s1"], cleanTeamIds: [] };
const facilitator: AllianceViewer = { personId: "f", roles: ["facilitator"], seatIds: [], cleanTeamIds: [] };
const outsider: AllianceViewer = { personId: "x", roles: [], seatIds: [], cleanTeamIds: [] };
const before = new Date("2026-05-31T23:59:59Z");
const atClose = new Date("2026-06-01T12:00:00Z");

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "none";
}

describe("closing time and hidden results", () => {
  it("is open until the closing time, or until closed by hand", () => {
    expect(isProposalOpen(buildProposal(), before)).toBe(true);
    expect(isProposalOpen(buildProposal(), atClose)).toBe(false);
    expect(isProposalOpen(buildProposal({ closesAt: null }), atClose)).toBe(true);
    expect(isProposalOpen(buildProposal({ closedAt: "2026-05-10T00:00:00Z" }), before)).toBe(false);
  });

  it("hides results from everyone, facilitators included, until close", () => {
    const hidden = buildProposal({ hiddenUntilClose: true });
    expect(canShowResults(hidden, delegate, before)).toBe(false);
    expect(canShowResults(hidden, facilitator, before)).toBe(false);
    expect(canShowResults(hidden, delegate, atClose)).toBe(true);
    expect(canShowResults(buildProposal(), delegate, before)).toBe(true);
    expect(canShowResults(buildProposal(), outsider, atClose)).toBe(false);
  });

  it("refuses positions once closed (conflict)", () => {
    const seats = buildSeats(1);
    expect(codeOf(() => validatePosition(buildProposal(), stancePosition("a", "s1", "agree"), { seats, now: atClose }))).toBe("conflict");
    expect(codeOf(() => validatePosition(buildProposal(), stancePosition("a", "s1", "agree"), { seats, now: before }))).toBe("none");
  });
});

describe("requiredQuorumSeats", () => {
  it("rounds a fraction of seats up, and always asks for one seat", () => {
    expect(requiredQuorumSeats({ kind: "fraction", fraction: { numerator: 2, denominator: 3 } }, 3)).toBe(2);
    expect(requiredQuorumSeats({ kind: "fraction", fraction: { numerator: 2, denominator: 3 } }, 4)).toBe(3);
    expect(requiredQuorumSeats({ kind: "fraction", fraction: { numerator: 1, denominator: 2 } }, 1)).toBe(1);
    expect(requiredQuorumSeats({ kind: "seats", count: 4 }, 7)).toBe(4);
    expect(requiredQuorumSeats({ kind: "none" }, 7)).toBe(1);
  });
});

describe("outcome statement and review", () => {
  it("needs a statement and a review date not before the decision", () => {
    expect(codeOf(() => validateOutcomeStatement({ statement: "We pilot in Kenya.", reviewOn: "2026-09-01" }, atClose))).toBe("none");
    expect(codeOf(() => validateOutcomeStatement({ statement: " ", reviewOn: "2026-09-01" }, atClose))).toBe("validation_failed");
    expect(codeOf(() => validateOutcomeStatement({ statement: "x", reviewOn: "2026-05-01" }, atClose))).toBe("validation_failed");
    expect(codeOf(() => validateOutcomeStatement({ statement: "x", reviewOn: "2026-02-30" }, atClose))).toBe("validation_failed");
  });

  it("is due for review from the review day on", () => {
    expect(isReviewDue({ reviewOn: "2026-06-01" }, before)).toBe(false);
    expect(isReviewDue({ reviewOn: "2026-06-01" }, new Date("2026-06-01T00:00:00Z"))).toBe(true);
  });
});

describe("objection responses and advice decisions", () => {
  const objection = stancePosition("b", "s2", "object", "Too soon.");

  it("lets only the proposer answer a current objection, with a note", () => {
    const proposal = buildProposal();
    expect(codeOf(() => validateObjectionResponse(proposal, { positionId: objection.id, kind: "addressed", note: "Moved to Q3.", respondedBy: "proposer" }, [objection]))).toBe("none");
    expect(codeOf(() => validateObjectionResponse(proposal, { positionId: objection.id, kind: "addressed", note: "ok", respondedBy: "b" }, [objection]))).toBe("forbidden");
    expect(codeOf(() => validateObjectionResponse(proposal, { positionId: objection.id, kind: "addressed", note: "", respondedBy: "proposer" }, [objection]))).toBe("validation_failed");
    expect(codeOf(() => validateObjectionResponse(proposal, { positionId: "gone", kind: "addressed", note: "x", respondedBy: "proposer" }, [objection]))).toBe("validation_failed");
  });

  it("lets only the decider decide, after advice from a quorum of seats", () => {
    const seats = buildSeats(3);
    const proposal = buildProposal({ method: { kind: "advice", deciderId: "dana" }, quorum: { kind: "seats", count: 2 } });
    const advice = [stancePosition("a", "s1", "agree", "Yes."), stancePosition("b", "s2", "disagree", "Later.")];
    const decision = { deciderId: "dana", decision: "adopt" as const, note: "Took s1's advice.", adviceTaken: ["a-position"] };
    expect(codeOf(() => validateAdviceDecision(proposal, decision, advice, seats))).toBe("none");
    expect(codeOf(() => validateAdviceDecision(proposal, decision, advice.slice(0, 1), seats))).toBe("threshold_not_met");
    expect(codeOf(() => validateAdviceDecision(proposal, { ...decision, deciderId: "a" }, advice, seats))).toBe("forbidden");
    expect(codeOf(() => validateAdviceDecision(proposal, { ...decision, adviceTaken: ["nope"] }, advice, seats))).toBe("validation_failed");
    expect(codeOf(() => validateAdviceDecision(proposal, { ...decision, note: "" }, advice, seats))).toBe("validation_failed");
  });
});
