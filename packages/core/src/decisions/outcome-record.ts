import { dayNumberAt, parseCalendarDate } from "../charter/calendar-date";
import { AppError } from "../errors";
import { validatePositions } from "./position";
import { requiredQuorumSeats } from "./proposal";
import type { AdviceDecision, ObjectionResponse, Position, Proposal, SeatRef } from "./types";

/** The statement the alliance records for an outcome, and when it will look at it again. */
export interface OutcomeStatement {
  statement: string;
  /** Calendar date "YYYY-MM-DD". */
  reviewOn: string;
}

/** Throws validation_failed unless the statement is written and the review date is on or after the decision day. */
export function validateOutcomeStatement(input: OutcomeStatement, decidedAt: Date): void {
  if (input.statement.trim() === "") {
    throw new AppError("validation_failed", "An outcome needs a statement.", { field: "statement", reason: "required" });
  }
  const review = parseCalendarDate(input.reviewOn, "reviewOn");
  if (review < dayNumberAt(decidedAt)) {
    throw new AppError("validation_failed", "The review date cannot be before the decision.", { field: "reviewOn", reason: "before_decision" });
  }
}

/** True when the outcome's review date has come (on the day itself and after, UTC). */
export function isReviewDue(statement: Pick<OutcomeStatement, "reviewOn">, now: Date): boolean {
  return dayNumberAt(now) >= parseCalendarDate(statement.reviewOn, "reviewOn");
}

/**
 * Throws unless the proposer answers a current consent objection with a note: forbidden for
 * anyone but the proposer, validation_failed for a position that is not an objection.
 */
export function validateObjectionResponse(proposal: Proposal, response: ObjectionResponse, positions: readonly Position[]): void {
  if (proposal.method.kind !== "consent") {
    throw new AppError("validation_failed", "Only consent proposals have objections to answer.", { field: "method", reason: "not_consent" });
  }
  if (response.respondedBy !== proposal.proposerId) {
    throw new AppError("forbidden", "Only the proposer addresses or integrates an objection.", { reason: "not_proposer" });
  }
  const position = positions.find((p) => p.id === response.positionId);
  if (!position || position.value.kind !== "stance" || position.value.stance !== "object") {
    throw new AppError("validation_failed", "The response must answer a current objection.", { field: "positionId", reason: "not_an_objection" });
  }
  if (response.kind !== "addressed" && response.kind !== "integrated") {
    throw new AppError("validation_failed", "An objection is addressed or integrated.", { field: "kind", reason: "unknown" });
  }
  if (response.note.trim() === "") {
    throw new AppError("validation_failed", "Say how the objection was addressed or integrated.", { field: "note", reason: "required" });
  }
}

/**
 * Throws unless the named decider records an advice decision with a note, after advice from a
 * quorum of seats (threshold_not_met), naming only advice that was given.
 */
export function validateAdviceDecision(
  proposal: Proposal,
  decision: AdviceDecision,
  positions: readonly Position[],
  seats: readonly SeatRef[],
): void {
  if (proposal.method.kind !== "advice") {
    throw new AppError("validation_failed", "Only advice proposals take a decider's decision.", { field: "method", reason: "not_advice" });
  }
  if (decision.deciderId !== proposal.method.deciderId) {
    throw new AppError("forbidden", "Only the named decider decides.", { reason: "not_decider" });
  }
  if (decision.decision !== "adopt" && decision.decision !== "reject") {
    throw new AppError("validation_failed", "The decision is adopt or reject.", { field: "decision", reason: "unknown" });
  }
  if (decision.note.trim() === "") {
    throw new AppError("validation_failed", "The decider records a note on the advice taken.", { field: "note", reason: "required" });
  }
  validatePositions(proposal, positions, seats);
  const ids = new Set(positions.map((p) => p.id));
  const unknown = decision.adviceTaken.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", "Advice taken must be advice that was given.", { field: "adviceTaken", unknown, reason: "unknown_advice" });
  }
  const seatsAdvising = new Set(positions.map((p) => p.seatId)).size;
  const required = requiredQuorumSeats(proposal.quorum, seats.length);
  if (seatsAdvising < required) {
    throw new AppError("threshold_not_met", "Seek advice from a quorum of seats before deciding.", { required, participating: seatsAdvising });
  }
}
