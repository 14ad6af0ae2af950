import { compareText, meetsFraction, parseInstant, sum } from "../decisions/numbers";
import type { SeatRef } from "../decisions/types";
import { AppError } from "../errors";
import { applyAmendment, isAmendmentStale } from "./amendment";
import { charterRules } from "./charter";
import type { Amendment, AmendmentRule, Charter, RatificationAnswer } from "./types";

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError("validation_failed", message, details);
}

/** A seat's ratification answer, derived from its delegates'. */
export interface SeatRatification {
  seatId: string;
  weight: number;
  /** "objects" when any answering delegate objects; "consents" when all answering delegates consent; null when none answered. */
  answer: "consents" | "objects" | null;
  /** Its delegates answered differently. */
  split: boolean;
  consenting: number;
  objecting: number;
  /** The objections raised by its delegates (reasons are required). */
  objections: readonly { personId: string; reason: string }[];
}

export type RatificationVerdict = "met" | "pending" | "unreachable";

export interface RatificationEvaluation {
  amendmentId: string;
  draft: number;
  rule: AmendmentRule;
  /** The clause changed since the amendment's base: it cannot be ratified until rebased. */
  stale: boolean;
  seats: readonly SeatRatification[];
  consentingSeats: readonly string[];
  objectingSeats: readonly string[];
  /** Seats with no answer yet. */
  pendingSeats: readonly string[];
  consentingWeight: number;
  totalWeight: number;
  /** The rule is met now. */
  met: boolean;
  /** met: ratifiable; pending: could still be met if pending seats consent; unreachable: cannot be met unless an objecting seat changes its answer. */
  verdict: RatificationVerdict;
}

/** Throws validation_failed unless the answer is for this amendment's current draft, from a seat, with a reason if it objects. */
export function validateRatificationAnswer(amendment: Amendment, answer: RatificationAnswer, seatIds: readonly string[]): void {
  if (answer.amendmentId !== amendment.id) throw invalid("The answer is for another amendment.", { field: "amendmentId", reason: "other_amendment" });
  if (answer.draft !== amendment.draft) {
    throw new AppError("stale_version", "The amendment was revised: answer its current draft.", { draft: amendment.draft, answered: answer.draft });
  }
  if (!seatIds.includes(answer.seatId)) throw invalid("A seat's delegate answers on behalf of that seat.", { field: "seatId", reason: "unknown_seat" });
  if (answer.answer !== "consent" && answer.answer !== "object") throw invalid("Consent or object.", { field: "answer", reason: "unknown" });
  if (answer.answer === "object" && (answer.reason === null || answer.reason.trim() === "")) {
    throw invalid("An objection needs a reason.", { field: "reason", reason: "required" });
  }
}

/**
 * Derives a seat's answer from its delegates': a seat objects when any of its answering delegates
 * objects (an objection from inside a partner is that partner's objection until resolved); it
 * consents when at least one delegate answered and every answering delegate consents; otherwise
 * it has not answered. Delegates who answered differently make the seat split.
 */
export function deriveSeatAnswer(seat: SeatRef, answers: readonly RatificationAnswer[]): SeatRatification {
  const own = answers.filter((a) => a.seatId === seat.id).sort((a, b) => compareText(a.personId, b.personId));
  const consenting = own.filter((a) => a.answer === "consent").length;
  const objecting = own.filter((a) => a.answer === "object").length;
  return {
    seatId: seat.id,
    weight: seat.weight,
    answer: objecting > 0 ? "objects" : consenting > 0 ? "consents" : null,
    split: consenting > 0 && objecting > 0,
    consenting,
    objecting,
    objections: own.filter((a) => a.answer === "object").map((a) => ({ personId: a.personId, reason: a.reason ?? "" })),
  };
}

/** True when the rule is met by these consenting seats out of all seats. */
function isRuleMet(rule: AmendmentRule, consenting: readonly SeatRef[], seats: readonly SeatRef[]): boolean {
  switch (rule.kind) {
    case "unanimous":
      return consenting.length === seats.length;
    case "qualified_majority":
      return meetsFraction(consenting.length, seats.length, rule.threshold);
    case "weighted":
      return meetsFraction(sum(consenting.map((s) => s.weight)), sum(seats.map((s) => s.weight)), rule.threshold);
  }
}

/**
 * Evaluates an amendment under the charter's amendment rule in force. Only answers to the
 * amendment's current draft count; a person answers once. Sums run in seat-id order, so the
 * result does not depend on the order of answers or seats.
 */
export function evaluateRatification(charter: Charter, amendment: Amendment, answers: readonly RatificationAnswer[], seats: readonly SeatRef[]): RatificationEvaluation {
  if (seats.length === 0) throw invalid("Ratification needs the alliance's seats.", { field: "seats", reason: "empty" });
  const seatIds = seats.map((s) => s.id);
  if (new Set(seatIds).size !== seatIds.length) throw invalid("Seat ids must be distinct.", { field: "seats", reason: "duplicate" });
  for (const seat of seats) {
    if (!Number.isFinite(seat.weight) || seat.weight < 0) throw invalid("Seat weights are finite and not negative.", { field: "seats", seatId: seat.id, reason: "invalid_weight" });
  }
  const current = answers.filter((a) => a.amendmentId === amendment.id && a.draft === amendment.draft);
  const persons = new Set<string>();
  for (const answer of current) {
    validateRatificationAnswer(amendment, answer, seatIds);
    if (persons.has(answer.personId)) throw invalid("A person answers once per draft.", { field: "personId", personId: answer.personId, reason: "duplicate_person" });
    persons.add(answer.personId);
  }
  const rule = charterRules(charter).amendmentRule;
  if (rule.kind === "weighted" && !seats.some((s) => s.weight > 0)) {
    throw invalid("A weighted amendment rule needs seats with weight.", { field: "seats", reason: "no_weight" });
  }
  const sorted = [...seats].sort((a, b) => compareText(a.id, b.id));
  const bySeat = sorted.map((seat) => deriveSeatAnswer(seat, current));
  const consenting = sorted.filter((_, i) => bySeat[i]?.answer === "consents");
  const pending = sorted.filter((_, i) => bySeat[i]?.answer === null);
  const met = isRuleMet(rule, consenting, sorted);
  const reachable = isRuleMet(rule, [...consenting, ...pending], sorted);
  const order = new Map(seats.map((s, i) => [s.id, i]));
  const inInputOrder = [...bySeat].sort((a, b) => (order.get(a.seatId) ?? 0) - (order.get(b.seatId) ?? 0));
  return {
    amendmentId: amendment.id,
    draft: amendment.draft,
    rule,
    stale: isAmendmentStale(charter, amendment),
    seats: inInputOrder,
    consentingSeats: inInputOrder.filter((s) => s.answer === "consents").map((s) => s.seatId),
    objectingSeats: inInputOrder.filter((s) => s.answer === "objects").map((s) => s.seatId),
    pendingSeats: inInputOrder.filter((s) => s.answer === null).map((s) => s.seatId),
    consentingWeight: sum(consenting.map((s) => s.weight)),
    totalWeight: sum(sorted.map((s) => s.weight)),
    met,
    verdict: met ? "met" : reachable ? "pending" : "unreachable",
  };
}

/**
 * Ratifies an open amendment whose rule is met and produces the next charter version.
 * Throws illegal_move unless open, stale_version if the clause moved, threshold_not_met otherwise.
 * Other open amendments to the same clause become stale: run findStaleAmendments on the result.
 */
export function ratifyAmendment(
  charter: Charter,
  amendment: Amendment,
  answers: readonly RatificationAnswer[],
  seats: readonly SeatRef[],
  at: string,
): { charter: Charter; amendment: Amendment; evaluation: RatificationEvaluation } {
  parseInstant(at, "at");
  if (amendment.state !== "open") throw new AppError("illegal_move", `A ${amendment.state} amendment cannot be ratified.`, { state: amendment.state });
  const evaluation = evaluateRatification(charter, amendment, answers, seats);
  if (evaluation.stale) {
    throw new AppError("stale_version", "The clause changed since this amendment was written: rebase it first.", { amendmentId: amendment.id, clauseId: amendment.clauseId });
  }
  if (!evaluation.met) {
    throw new AppError("threshold_not_met", "The charter's amendment rule is not met yet.", {
      rule: evaluation.rule,
      consentingSeats: evaluation.consentingSeats,
      objectingSeats: evaluation.objectingSeats,
      pendingSeats: evaluation.pendingSeats,
    });
  }
  const next = applyAmendment(charter, amendment, at);
  return { charter: next, amendment: { ...amendment, state: "ratified", settledAt: at, ratifiedAsVersion: next.version }, evaluation };
}

/** Rejects an open amendment that can no longer be ratified with the answers given (illegal_move otherwise). */
export function rejectAmendment(
  charter: Charter,
  amendment: Amendment,
  answers: readonly RatificationAnswer[],
  seats: readonly SeatRef[],
  at: string,
): Amendment {
  parseInstant(at, "at");
  if (amendment.state !== "open") throw new AppError("illegal_move", `A ${amendment.state} amendment cannot be rejected.`, { state: amendment.state });
  const evaluation = evaluateRatification(charter, amendment, answers, seats);
  if (evaluation.verdict !== "unreachable") {
    throw new AppError("illegal_move", "The amendment can still be ratified: it is not rejected.", { verdict: evaluation.verdict });
  }
  return { ...amendment, state: "rejected", settledAt: at };
}
