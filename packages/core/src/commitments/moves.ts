import type { CommitmentRole, CommitmentState } from "./commitment";

/**
 * Stable move names. The first fifteen transitions are the reference's basic conversation for
 * action (reference/conversation-for-action.md); offer, commit_to_commit, the renegotiation
 * moves and revoke are its "extensions used in practice".
 */
export const moveNames = [
  "request",
  "offer",
  "promise",
  "counter",
  "decline",
  "withdraw",
  "commit_to_commit",
  "accept_counter",
  "counter_again",
  "reject_counter",
  "report",
  "renege",
  "cancel",
  "accept",
  "reject_report",
  "propose_renegotiation",
  "accept_renegotiation",
  "reject_renegotiation",
  "withdraw_renegotiation",
  "revoke",
] as const;
export type MoveName = (typeof moveNames)[number];

/** How a UI names each move on its button, in plain words (the reference's design caution). */
export const moveLabels: Record<MoveName, string> = {
  request: "Request",
  offer: "Offer",
  promise: "Promise",
  counter: "Suggest other terms",
  decline: "Decline",
  withdraw: "Withdraw",
  commit_to_commit: "I'll answer by…",
  accept_counter: "Accept terms",
  counter_again: "Counter again",
  reject_counter: "Reject terms",
  report: "Report done",
  renege: "Renege (mark as not delivered)",
  cancel: "Cancel",
  accept: "Accept as done",
  reject_report: "Not done yet",
  propose_renegotiation: "Propose new terms",
  accept_renegotiation: "Accept new terms",
  reject_renegotiation: "Reject new terms",
  withdraw_renegotiation: "Withdraw proposal",
  revoke: "Release my promise",
};

/**
 * Extra conditions some transitions need beyond state and speaker:
 * - `before_due`: the time of the move is before the due date (revoke with notice);
 * - `came_due`: the due date has been reached (renege: a promise is broken only once it is due;
 *   before then the performer releases it with notice instead);
 * - `no_pending_renegotiation`: no proposal for new terms is waiting for an answer;
 * - `pending_from_other`: a proposal is waiting and the other party made it (accept/reject it);
 * - `pending_from_self`: a proposal is waiting and the speaker made it (withdraw it).
 */
export type TransitionGuard = "before_due" | "came_due" | "no_pending_renegotiation" | "pending_from_other" | "pending_from_self";

/** One arc of the state machine: from a state, a move by one of the speakers, to a state. */
export interface Transition {
  from: CommitmentState;
  move: MoveName;
  speakers: readonly CommitmentRole[];
  to: CommitmentState;
  guard?: TransitionGuard;
}

/** Every arc, reference arcs first (numbered as in reference/conversation-for-action.md), then extensions. */
export const commitmentTransitions: readonly Transition[] = [
  // The basic conversation for action: 15 transitions.
  { from: "start", move: "request", speakers: ["customer"], to: "requested" },
  { from: "requested", move: "promise", speakers: ["performer"], to: "promised" },
  { from: "requested", move: "counter", speakers: ["performer"], to: "countered" },
  { from: "requested", move: "decline", speakers: ["performer"], to: "declined" },
  { from: "requested", move: "withdraw", speakers: ["customer"], to: "declined" },
  { from: "countered", move: "accept_counter", speakers: ["customer"], to: "promised" },
  { from: "countered", move: "counter_again", speakers: ["customer"], to: "requested" },
  { from: "countered", move: "reject_counter", speakers: ["customer"], to: "declined" },
  { from: "countered", move: "withdraw", speakers: ["customer", "performer"], to: "declined" },
  { from: "promised", move: "report", speakers: ["performer"], to: "reported" },
  { from: "promised", move: "renege", speakers: ["performer"], to: "reneged", guard: "came_due" },
  { from: "promised", move: "cancel", speakers: ["customer"], to: "cancelled" },
  { from: "reported", move: "accept", speakers: ["customer"], to: "accepted" },
  { from: "reported", move: "reject_report", speakers: ["customer"], to: "promised" },
  { from: "reported", move: "cancel", speakers: ["customer"], to: "cancelled" },
  // Extensions used in practice.
  // Offer: the performer opens with terms; the customer accepting them (accept_counter) is the promise.
  { from: "start", move: "offer", speakers: ["performer"], to: "countered" },
  // Commit to commit: "I will tell you by <date> whether I can"; the request stays open.
  { from: "requested", move: "commit_to_commit", speakers: ["performer"], to: "requested" },
  // Renegotiation during performance: the old promise stands until the other side agrees.
  { from: "promised", move: "propose_renegotiation", speakers: ["customer", "performer"], to: "promised", guard: "no_pending_renegotiation" },
  { from: "promised", move: "accept_renegotiation", speakers: ["customer", "performer"], to: "promised", guard: "pending_from_other" },
  { from: "promised", move: "reject_renegotiation", speakers: ["customer", "performer"], to: "promised", guard: "pending_from_other" },
  { from: "promised", move: "withdraw_renegotiation", speakers: ["customer", "performer"], to: "promised", guard: "pending_from_self" },
  // Revoke with notice: the performer releases the promise openly before it is due.
  { from: "promised", move: "revoke", speakers: ["performer"], to: "revoked", guard: "before_due" },
];

/** What a move may carry besides a message. */
export interface MovePayloadRule {
  /** `required`: new conditions and/or a new due date must be given; `optional`: they may be. */
  terms: "none" | "optional" | "required";
  /** commit_to_commit must say by when the answer comes. */
  answerBy: boolean;
}

/** Which moves carry terms (conditions of satisfaction, due date) or an answer-by date. */
export const movePayloads: Record<MoveName, MovePayloadRule> = {
  request: { terms: "optional", answerBy: false },
  offer: { terms: "optional", answerBy: false },
  promise: { terms: "none", answerBy: false },
  counter: { terms: "required", answerBy: false },
  decline: { terms: "none", answerBy: false },
  withdraw: { terms: "none", answerBy: false },
  commit_to_commit: { terms: "none", answerBy: true },
  accept_counter: { terms: "none", answerBy: false },
  counter_again: { terms: "required", answerBy: false },
  reject_counter: { terms: "none", answerBy: false },
  report: { terms: "none", answerBy: false },
  renege: { terms: "none", answerBy: false },
  cancel: { terms: "none", answerBy: false },
  accept: { terms: "none", answerBy: false },
  reject_report: { terms: "none", answerBy: false },
  propose_renegotiation: { terms: "required", answerBy: false },
  accept_renegotiation: { terms: "none", answerBy: false },
  reject_renegotiation: { terms: "none", answerBy: false },
  withdraw_renegotiation: { terms: "none", answerBy: false },
  revoke: { terms: "none", answerBy: false },
};

/** Moves that put new terms on the table: each one is a round of negotiation. */
export const negotiationMoves: readonly MoveName[] = ["counter", "counter_again", "propose_renegotiation"];

/** The arcs leaving a state. */
export function transitionsFrom(state: CommitmentState): Transition[] {
  return commitmentTransitions.filter((t) => t.from === state);
}

/** True when the string is a stable move name. */
export function isMoveName(value: string): value is MoveName {
  return (moveNames as readonly string[]).includes(value);
}
