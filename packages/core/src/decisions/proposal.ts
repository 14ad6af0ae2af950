import { AppError } from "../errors";
import type { AllianceViewer } from "../visibility";
import { isInAlliance } from "../visibility";
import { isValidFraction, parseInstant } from "./numbers";
import type { DecisionMethodKind, Proposal, Quorum, SeatRef, StanceMethodKind } from "./types";
import { decisionMethodKinds, rankedCounts, seatRules, stanceMethodKinds } from "./types";

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError("validation_failed", message, details);
}

/** True for the methods decided by a yes/no stance (consent, consensus, majority, weighted, advice). */
export function isStanceMethod(kind: DecisionMethodKind): kind is StanceMethodKind {
  return (stanceMethodKinds as readonly string[]).includes(kind);
}

const minimumOptions: Record<DecisionMethodKind, number> = {
  consent: 0,
  consensus: 0,
  majority: 0,
  weighted: 0,
  advice: 0,
  score: 1,
  ranked_choice: 2,
  dot_vote: 2,
  meeting_time: 1,
};

/** Throws validation_failed unless the seats are distinct, with finite non-negative weights. */
export function validateSeats(seats: readonly SeatRef[]): void {
  if (seats.length === 0) throw invalid("An alliance decision needs at least one seat.", { field: "seats", reason: "empty" });
  const seen = new Set<string>();
  for (const seat of seats) {
    if (seat.id === "" || seen.has(seat.id)) {
      throw invalid("Seat ids must be distinct and non-empty.", { field: "seats", seatId: seat.id, reason: "duplicate_or_empty" });
    }
    seen.add(seat.id);
    if (!Number.isFinite(seat.weight) || seat.weight < 0) {
      throw invalid("A seat weight must be a finite number of zero or more.", { field: "seats", seatId: seat.id, reason: "invalid_weight" });
    }
  }
}

/**
 * Seats that must take part: a count, or a fraction of all seats rounded up. Even with no quorum
 * one seat must take part, so nothing passes on silence alone.
 */
export function requiredQuorumSeats(quorum: Quorum, seatCount: number): number {
  switch (quorum.kind) {
    case "none":
      return 1;
    case "seats":
      return quorum.count;
    case "fraction":
      // Integer arithmetic: ceil(n * a / b) without a rounded decimal.
      return Math.max(1, Math.floor((seatCount * quorum.fraction.numerator + quorum.fraction.denominator - 1) / quorum.fraction.denominator));
  }
}

/** Throws validation_failed (with details naming the field) unless the proposal is well formed for these seats. */
export function validateProposal(proposal: Proposal, seats: readonly SeatRef[]): void {
  validateSeats(seats);
  const method = proposal.method;
  if (!(decisionMethodKinds as readonly string[]).includes(method.kind)) {
    throw invalid(`Unknown decision method ${String(method.kind)}.`, { field: "method.kind", reason: "unknown" });
  }
  if (!(seatRules as readonly string[]).includes(proposal.seatRule)) {
    throw invalid(`Unknown seat rule ${String(proposal.seatRule)}.`, { field: "seatRule", reason: "unknown" });
  }
  switch (method.kind) {
    case "advice":
      if (method.deciderId.trim() === "") throw invalid("The advice method needs a decider.", { field: "method.deciderId", reason: "required" });
      break;
    case "score":
      if (!Number.isInteger(method.min) || !Number.isInteger(method.max) || method.min >= method.max) {
        throw invalid("A score range needs whole numbers with min below max.", { field: "method.min", reason: "invalid_range", min: method.min, max: method.max });
      }
      break;
    case "ranked_choice":
      if (!(rankedCounts as readonly string[]).includes(method.count)) {
        throw invalid(`Unknown ranked-choice count ${String(method.count)}.`, { field: "method.count", reason: "unknown" });
      }
      break;
    case "dot_vote":
      if (!Number.isInteger(method.dotsPerPerson) || method.dotsPerPerson < 1) {
        throw invalid("Each person needs a whole number of dots, at least one.", { field: "method.dotsPerPerson", reason: "invalid" });
      }
      if (method.maxPerOption !== null && (!Number.isInteger(method.maxPerOption) || method.maxPerOption < 1 || method.maxPerOption > method.dotsPerPerson)) {
        throw invalid("The most dots per option must be a whole number between 1 and the dots per person.", { field: "method.maxPerOption", reason: "invalid" });
      }
      break;
    default:
      break;
  }

  const ids = new Set<string>();
  for (const option of proposal.options) {
    if (option.id === "" || ids.has(option.id)) {
      throw invalid("Option ids must be distinct and non-empty.", { field: "options", optionId: option.id, reason: "duplicate_or_empty" });
    }
    ids.add(option.id);
    if (option.label.trim() === "") throw invalid("Every option needs a label.", { field: "options", optionId: option.id, reason: "label_required" });
    if (method.kind === "meeting_time") {
      if (option.startsAt == null) throw invalid("Every meeting slot needs a start.", { field: "options", optionId: option.id, reason: "start_required" });
      parseInstant(option.startsAt, `options.${option.id}.startsAt`);
    }
  }
  if (isStanceMethod(method.kind) && proposal.options.length > 0) {
    throw invalid(`The ${method.kind} method takes no options: positions are stances.`, { field: "options", reason: "not_allowed" });
  }
  if (proposal.options.length < minimumOptions[method.kind]) {
    throw invalid(`The ${method.kind} method needs at least ${minimumOptions[method.kind]} options.`, {
      field: "options",
      reason: "too_few",
      minimum: minimumOptions[method.kind],
    });
  }

  if (proposal.closesAt !== null) parseInstant(proposal.closesAt, "closesAt");
  if (proposal.closedAt !== null) parseInstant(proposal.closedAt, "closedAt");

  const quorum = proposal.quorum;
  if (quorum.kind === "seats" && (!Number.isInteger(quorum.count) || quorum.count < 1 || quorum.count > seats.length)) {
    throw invalid("A quorum count must be a whole number of seats between 1 and the number of seats.", {
      field: "quorum.count",
      reason: "out_of_range",
      seats: seats.length,
    });
  }
  if (quorum.kind === "fraction" && !isValidFraction(quorum.fraction)) {
    throw invalid("A quorum fraction must be a whole-number fraction in (0, 1].", { field: "quorum.fraction", reason: "invalid" });
  }
  if (method.kind === "weighted" && !seats.some((s) => s.weight > 0)) {
    throw invalid("The weighted method needs at least one seat with a weight above zero.", { field: "seats", reason: "no_weight" });
  }
}

/** True while positions may be taken: not closed by hand and the closing time not reached. */
export function isProposalOpen(proposal: Proposal, now: Date): boolean {
  const at = now.getTime();
  if (proposal.closedAt !== null && parseInstant(proposal.closedAt, "closedAt") <= at) return false;
  if (proposal.closesAt !== null && parseInstant(proposal.closesAt, "closesAt") <= at) return false;
  return true;
}

/**
 * True when the viewer may see results (tallies, who leads) now. Results hidden until close are
 * hidden from everyone, facilitators and the proposer included, so nobody can anchor the others;
 * participation (which seats have taken part) and a person's own position are not results.
 */
export function canShowResults(proposal: Proposal, viewer: AllianceViewer, now: Date): boolean {
  if (!isInAlliance(viewer)) return false;
  if (!proposal.hiddenUntilClose) return true;
  return !isProposalOpen(proposal, now);
}
