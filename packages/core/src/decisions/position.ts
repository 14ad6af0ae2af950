import { AppError } from "../errors";
import { isProposalOpen } from "./proposal";
import type { DecisionMethod, Position, PositionValue, Proposal, SeatRef, Stance, StanceMethodKind } from "./types";

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError("validation_failed", message, details);
}

const stancesByMethod: Record<StanceMethodKind, readonly Stance[]> = {
  // Consent: consent, stand aside, or object (an objection is a reasoned "this harms us").
  consent: ["agree", "abstain", "object"],
  // Consensus with block: a disagreement is a recorded reservation, a block stops the proposal.
  consensus: ["agree", "abstain", "disagree", "block"],
  majority: ["agree", "abstain", "disagree"],
  weighted: ["agree", "abstain", "disagree"],
  // Advice: the stance is how the adviser leans; the advice itself is the reason.
  advice: ["agree", "abstain", "disagree"],
};

/** The stances a stance method accepts, in display order; empty for choice methods. */
export function allowedStances(method: DecisionMethod): readonly Stance[] {
  switch (method.kind) {
    case "consent":
    case "consensus":
    case "majority":
    case "weighted":
    case "advice":
      return stancesByMethod[method.kind];
    default:
      return [];
  }
}

/**
 * True when the method requires a reason with this position: an objection (consent), a block
 * (consensus), and every piece of advice (advice: the reason is the advice).
 */
export function isReasonRequired(method: DecisionMethod, value: PositionValue): boolean {
  if (method.kind === "advice") return true;
  if (value.kind !== "stance") return false;
  return (method.kind === "consent" && value.stance === "object") || (method.kind === "consensus" && value.stance === "block");
}

const valueKindByMethod: Record<DecisionMethod["kind"], PositionValue["kind"]> = {
  consent: "stance",
  consensus: "stance",
  majority: "stance",
  weighted: "stance",
  advice: "stance",
  score: "scores",
  ranked_choice: "ranking",
  dot_vote: "dots",
  meeting_time: "availability",
};

function assertKnownOptions(proposal: Proposal, ids: readonly string[], field: string): void {
  const known = new Set(proposal.options.map((o) => o.id));
  const seen = new Set<string>();
  for (const id of ids) {
    if (!known.has(id)) throw invalid(`Unknown option ${id}.`, { field, optionId: id, reason: "unknown_option" });
    if (seen.has(id)) throw invalid(`Option ${id} appears twice.`, { field, optionId: id, reason: "duplicate_option" });
    seen.add(id);
  }
}

/**
 * Throws validation_failed unless the position fits the proposal's method and comes from one of
 * the seats; does not look at the clock (see validatePosition for taking a position now).
 */
export function validatePositionContent(proposal: Proposal, position: Position, seats: readonly SeatRef[]): void {
  if (position.personId === "") throw invalid("A position needs a person.", { field: "personId", reason: "required" });
  if (!seats.some((s) => s.id === position.seatId)) {
    throw invalid("A position is taken on behalf of one of the alliance's seats.", { field: "seatId", seatId: position.seatId, reason: "unknown_seat" });
  }
  const method = proposal.method;
  const value = position.value;
  const expected = valueKindByMethod[method.kind];
  if (value.kind !== expected) {
    throw invalid(`The ${method.kind} method takes a position of kind ${expected}.`, { field: "value.kind", expected, actual: value.kind, reason: "wrong_kind" });
  }
  if (isReasonRequired(method, value) && (position.reason === null || position.reason.trim() === "")) {
    throw invalid("This position needs a reason.", { field: "reason", reason: "required", method: method.kind });
  }
  switch (value.kind) {
    case "stance": {
      const allowed = allowedStances(method);
      if (!allowed.includes(value.stance)) {
        throw invalid(`The ${method.kind} method does not take the stance ${value.stance}.`, { field: "value.stance", allowed, reason: "not_allowed" });
      }
      return;
    }
    case "scores": {
      if (method.kind !== "score") return;
      const ids = Object.keys(value.scores);
      if (ids.length === 0) throw invalid("Score at least one option.", { field: "value.scores", reason: "empty" });
      assertKnownOptions(proposal, ids, "value.scores");
      for (const [id, score] of Object.entries(value.scores)) {
        if (!Number.isInteger(score) || score < method.min || score > method.max) {
          throw invalid(`A score must be a whole number from ${method.min} to ${method.max}.`, { field: "value.scores", optionId: id, reason: "out_of_range" });
        }
      }
      return;
    }
    case "ranking":
      if (value.ranking.length === 0) throw invalid("Rank at least one option.", { field: "value.ranking", reason: "empty" });
      assertKnownOptions(proposal, value.ranking, "value.ranking");
      return;
    case "dots": {
      if (method.kind !== "dot_vote") return;
      assertKnownOptions(proposal, Object.keys(value.dots), "value.dots");
      let total = 0;
      for (const [id, dots] of Object.entries(value.dots)) {
        if (!Number.isInteger(dots) || dots < 0) throw invalid("Dots are whole numbers of zero or more.", { field: "value.dots", optionId: id, reason: "invalid" });
        if (method.maxPerOption !== null && dots > method.maxPerOption) {
          throw invalid(`At most ${method.maxPerOption} dots on one option.`, { field: "value.dots", optionId: id, reason: "too_many_on_option", max: method.maxPerOption });
        }
        total += dots;
      }
      if (total < 1) throw invalid("Place at least one dot.", { field: "value.dots", reason: "empty" });
      if (total > method.dotsPerPerson) {
        throw invalid(`Each person has ${method.dotsPerPerson} dots.`, { field: "value.dots", reason: "too_many", total, max: method.dotsPerPerson });
      }
      return;
    }
    case "availability":
      // An empty list is a real answer: "none of these slots works for me".
      assertKnownOptions(proposal, value.slotIds, "value.slotIds");
      return;
  }
}

/** Throws unless the position may be taken now: conflict once the proposal is closed, else as validatePositionContent. */
export function validatePosition(proposal: Proposal, position: Position, context: { seats: readonly SeatRef[]; now: Date }): void {
  if (!isProposalOpen(proposal, context.now)) {
    throw new AppError("conflict", "This proposal is closed: positions can no longer be taken.", { proposalId: proposal.id, reason: "closed" });
  }
  validatePositionContent(proposal, position, context.seats);
}

/** Throws validation_failed unless every position is valid and each person holds at most one. */
export function validatePositions(proposal: Proposal, positions: readonly Position[], seats: readonly SeatRef[]): void {
  const persons = new Set<string>();
  const ids = new Set<string>();
  for (const position of positions) {
    validatePositionContent(proposal, position, seats);
    if (persons.has(position.personId)) {
      throw invalid("A person holds one position per proposal.", { field: "personId", personId: position.personId, reason: "duplicate_person" });
    }
    if (ids.has(position.id)) throw invalid("Position ids must be distinct.", { field: "id", positionId: position.id, reason: "duplicate_id" });
    persons.add(position.personId);
    ids.add(position.id);
  }
}
