import { AppError } from "../errors";
import { requireId, requireIds, requireInstant, requireIsoDate, requireNotBefore, requireText, toIsoDate } from "./register-input";

/**
 * An assumption the alliance rests on: a statement someone holds with some confidence, a plan
 * to test it, and a review date. Lifecycle: untested -> holding | invalidated; a holding
 * assumption may be retested (stays holding) or invalidated; invalidated is final (state a new
 * assumption instead). Decisions that rest on it are linked, so an invalidation can be traced.
 */
export const assumptionStatuses = ["untested", "holding", "invalidated"] as const;
export type AssumptionStatus = (typeof assumptionStatuses)[number];

export const confidenceLevels = ["low", "medium", "high"] as const;
export type ConfidenceLevel = (typeof confidenceLevels)[number];

/** A probability in [0, 1] or a named level. */
export type AssumptionConfidence = number | ConfidenceLevel;

export type AssumptionHolder = { kind: "seat"; seatId: string } | { kind: "person"; personId: string };

export interface AssumptionTest {
  at: Date;
  outcome: "holding" | "invalidated";
  evidence: string;
}

export interface Assumption {
  id: string;
  allianceId: string;
  statement: string;
  holder: AssumptionHolder;
  confidence: AssumptionConfidence;
  testPlan: string;
  status: AssumptionStatus;
  /** Calendar date (YYYY-MM-DD) when it should next be looked at. */
  reviewOn: string;
  decisionIds: readonly string[];
  recordedAt: Date;
  lastTest: AssumptionTest | null;
}

export interface RecordAssumptionInput {
  id: string;
  allianceId: string;
  statement: string;
  holder: AssumptionHolder;
  confidence: AssumptionConfidence;
  testPlan: string;
  reviewOn: string;
  decisionIds?: readonly string[];
}

const assumptionMoves: Record<AssumptionStatus, readonly AssumptionStatus[]> = {
  untested: ["holding", "invalidated"],
  holding: ["holding", "invalidated"],
  invalidated: [],
};

/** True when an assumption may move from one status to the other (holding -> holding is a retest). */
export function canMoveAssumption(from: AssumptionStatus, to: AssumptionStatus): boolean {
  return assumptionMoves[from].includes(to);
}

/** Numeric reading of a confidence: levels map to 0.25 / 0.5 / 0.75 so they sort with probabilities. */
export function confidenceToNumber(confidence: AssumptionConfidence): number {
  switch (confidence) {
    case "low":
      return 0.25;
    case "medium":
      return 0.5;
    case "high":
      return 0.75;
    default:
      return confidence;
  }
}

function validateConfidence(confidence: AssumptionConfidence): AssumptionConfidence {
  if (typeof confidence === "string" && (confidenceLevels as readonly string[]).includes(confidence)) return confidence;
  if (typeof confidence === "number" && Number.isFinite(confidence) && confidence >= 0 && confidence <= 1) return confidence;
  throw new AppError("validation_failed", "Confidence is a number from 0 to 1 or low, medium or high.", { field: "confidence" });
}

function validateHolder(holder: AssumptionHolder): AssumptionHolder {
  if (holder?.kind === "seat") return { kind: "seat", seatId: requireId("holder.seatId", holder.seatId) };
  if (holder?.kind === "person") return { kind: "person", personId: requireId("holder.personId", holder.personId) };
  throw new AppError("validation_failed", "An assumption is held by a seat or a person.", { field: "holder.kind" });
}

/** Records a new, untested assumption. */
export function recordAssumption(input: RecordAssumptionInput, at: Date): Assumption {
  return {
    id: requireId("id", input.id),
    allianceId: requireId("allianceId", input.allianceId),
    statement: requireText("statement", input.statement),
    holder: validateHolder(input.holder),
    confidence: validateConfidence(input.confidence),
    testPlan: requireText("testPlan", input.testPlan),
    status: "untested",
    reviewOn: requireIsoDate("reviewOn", input.reviewOn),
    decisionIds: requireIds("decisionIds", input.decisionIds ?? []),
    recordedAt: requireInstant("at", at),
    lastTest: null,
  };
}

/** Records the outcome of a test: holding (optionally with the next review date) or invalidated. */
export function recordAssumptionTest(
  assumption: Assumption,
  test: { outcome: "holding" | "invalidated"; evidence: string; nextReviewOn?: string },
  at: Date,
): Assumption {
  if (test?.outcome !== "holding" && test?.outcome !== "invalidated") {
    throw new AppError("validation_failed", "A test finds an assumption holding or invalidated.", { field: "outcome" });
  }
  if (!canMoveAssumption(assumption.status, test.outcome)) {
    throw new AppError("illegal_move", `An assumption cannot move from ${assumption.status} to ${test.outcome}.`, {
      from: assumption.status,
      to: test.outcome,
      allowed: assumptionMoves[assumption.status],
    });
  }
  const earliest = assumption.lastTest?.at ?? assumption.recordedAt;
  const lastTest: AssumptionTest = { at: requireNotBefore("at", at, earliest), outcome: test.outcome, evidence: requireText("evidence", test.evidence) };
  const reviewOn = test.nextReviewOn === undefined ? assumption.reviewOn : requireIsoDate("nextReviewOn", test.nextReviewOn);
  return { ...assumption, status: test.outcome, lastTest, reviewOn };
}

function assertNotInvalidated(assumption: Assumption, what: string): void {
  if (assumption.status === "invalidated") {
    throw new AppError("illegal_move", `An invalidated assumption cannot ${what}; state a new assumption instead.`, { status: assumption.status });
  }
}

/** Revises the holder's confidence (not once invalidated). */
export function reviseAssumptionConfidence(assumption: Assumption, confidence: AssumptionConfidence): Assumption {
  assertNotInvalidated(assumption, "change confidence");
  return { ...assumption, confidence: validateConfidence(confidence) };
}

/** Moves the review date (not once invalidated). */
export function rescheduleAssumptionReview(assumption: Assumption, reviewOn: string): Assumption {
  assertNotInvalidated(assumption, "be rescheduled");
  return { ...assumption, reviewOn: requireIsoDate("reviewOn", reviewOn) };
}

/** Links a decision that rests on the assumption (idempotent). Allowed even when invalidated, to trace what it undermines. */
export function linkAssumptionDecision(assumption: Assumption, decisionId: string): Assumption {
  const id = requireId("decisionId", decisionId);
  if (assumption.decisionIds.includes(id)) return assumption;
  return { ...assumption, decisionIds: [...assumption.decisionIds, id] };
}

/** Unlinks a decision (idempotent). */
export function unlinkAssumptionDecision(assumption: Assumption, decisionId: string): Assumption {
  if (!assumption.decisionIds.includes(decisionId)) return assumption;
  return { ...assumption, decisionIds: assumption.decisionIds.filter((id) => id !== decisionId) };
}

/**
 * True when an assumption still in play has reached its review date. `today` is a calendar
 * date (YYYY-MM-DD, e.g. in the alliance's time zone) or an instant read as a UTC date.
 */
export function isAssumptionReviewDue(assumption: Assumption, today: string | Date): boolean {
  if (assumption.status === "invalidated") return false;
  const day = typeof today === "string" ? requireIsoDate("today", today) : toIsoDate(requireInstant("today", today));
  return assumption.reviewOn <= day;
}
