import { otherRole, type Commitment, type CommitmentRole } from "./commitment";

/** Why a loop waits on someone. */
export const loopReasons = [
  "answer",
  "respond_to_offer",
  "respond_to_counter",
  "perform",
  "respond_to_renegotiation",
  "declare",
] as const;
export type LoopReason = (typeof loopReasons)[number];

/** How a UI says what is owed, in plain words. */
export const loopReasonLabels: Record<LoopReason, string> = {
  answer: "to answer the request",
  respond_to_offer: "to respond to the offer",
  respond_to_counter: "to respond to the other terms",
  perform: "to do the work",
  respond_to_renegotiation: "to respond to the proposed new terms",
  declare: "to declare whether it is done",
};

/** Whose move the conversation waits for, and why. */
export interface Turn {
  role: CommitmentRole;
  reason: LoopReason;
}

/**
 * The party the open conversation waits on now: the performer answers a request and performs
 * a promise; the customer responds to an offer or counter and declares on a report. A pending
 * renegotiation waits on the side that did not propose it (the old promise still stands).
 * Null for a draft or a closed commitment.
 */
export function whoseTurn(commitment: Commitment): Turn | null {
  switch (commitment.state) {
    case "requested":
      return { role: "performer", reason: "answer" };
    case "countered": {
      const last = commitment.history[commitment.history.length - 1];
      return { role: "customer", reason: last?.move === "offer" ? "respond_to_offer" : "respond_to_counter" };
    }
    case "promised": {
      const pending = commitment.pendingRenegotiation;
      return pending === null ? { role: "performer", reason: "perform" } : { role: otherRole(pending.by), reason: "respond_to_renegotiation" };
    }
    case "reported":
      return { role: "customer", reason: "declare" };
    default:
      return null;
  }
}

/**
 * The party who owes what the commitment's date is for (and so owns it when overdue): the
 * performer owes the answer to a request and the work of a promise (even while new terms are
 * proposed, since the old promise stands); the customer owes the response to an offer or
 * counter and the declaration on a report.
 */
export function owesDeadline(commitment: Commitment): CommitmentRole | null {
  switch (commitment.state) {
    case "requested":
    case "promised":
      return "performer";
    case "countered":
    case "reported":
      return "customer";
    default:
      return null;
  }
}
