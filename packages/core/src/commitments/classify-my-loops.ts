import { otherRole, partyOf, type Commitment, type CommitmentParty, type CommitmentRole } from "./commitment";
import { assessDeadline, defaultEscalationPolicy, type DeadlineAssessment, type EscalationPolicy } from "./assess-deadline";
import { loopReasons, whoseTurn, type LoopReason } from "./whose-turn";

/** One open loop as one person sees it. */
export interface LoopItem {
  commitment: Commitment;
  myRole: CommitmentRole;
  /** What is owed: by me when in `waitsOnMe`, by the counterpart when in `iWaitOn`. */
  reason: LoopReason;
  counterpart: CommitmentParty;
  deadline: DeadlineAssessment;
}

/** A person's open loops, overdue first. */
export interface MyLoops {
  waitsOnMe: LoopItem[];
  iWaitOn: LoopItem[];
  counts: {
    waitsOnMe: number;
    iWaitOn: number;
    overdueWaitsOnMe: number;
    overdueIWaitOn: number;
    waitsOnMeByReason: Record<LoopReason, number>;
    iWaitOnByReason: Record<LoopReason, number>;
  };
}

/** Overdue first (most overdue first), then the nearest date, then id: a stable order. */
export function compareLoops(a: { commitment: Commitment; deadline: DeadlineAssessment }, b: { commitment: Commitment; deadline: DeadlineAssessment }): number {
  if (a.deadline.isOverdue !== b.deadline.isOverdue) return a.deadline.isOverdue ? -1 : 1;
  if (a.deadline.overdueMs !== b.deadline.overdueMs) return b.deadline.overdueMs - a.deadline.overdueMs;
  const da = a.deadline.deadline === null ? Number.POSITIVE_INFINITY : Date.parse(a.deadline.deadline);
  const db = b.deadline.deadline === null ? Number.POSITIVE_INFINITY : Date.parse(b.deadline.deadline);
  if (da !== db) return da - db;
  return a.commitment.id < b.commitment.id ? -1 : a.commitment.id > b.commitment.id ? 1 : 0;
}

function zeroByReason(): Record<LoopReason, number> {
  return Object.fromEntries(loopReasons.map((r) => [r, 0])) as Record<LoopReason, number>;
}

/**
 * Splits a person's open commitments into what waits on them (to answer, respond to an offer,
 * counter or renegotiation, perform, declare) and what they wait on. A performer who proposed
 * new terms still owes the work under the old promise, so that loop stays in their
 * `waitsOnMe` as `perform` while the customer sees `respond_to_renegotiation`.
 * Drafts and closed commitments are left out.
 */
export function classifyMyLoops(
  commitments: readonly Commitment[],
  personId: string,
  at: Date,
  policy: EscalationPolicy = defaultEscalationPolicy,
): MyLoops {
  const waitsOnMe: LoopItem[] = [];
  const iWaitOn: LoopItem[] = [];
  for (const commitment of commitments) {
    const myRole: CommitmentRole | null =
      commitment.customer.personId === personId ? "customer" : commitment.performer.personId === personId ? "performer" : null;
    if (myRole === null) continue;
    const turn = whoseTurn(commitment);
    if (turn === null) continue;
    const base = { commitment, myRole, counterpart: partyOf(commitment, otherRole(myRole)), deadline: assessDeadline(commitment, at, policy) };
    if (turn.role === myRole) waitsOnMe.push({ ...base, reason: turn.reason });
    else if (myRole === "performer" && commitment.state === "promised") waitsOnMe.push({ ...base, reason: "perform" });
    else iWaitOn.push({ ...base, reason: turn.reason });
  }
  waitsOnMe.sort(compareLoops);
  iWaitOn.sort(compareLoops);
  const waitsOnMeByReason = zeroByReason();
  const iWaitOnByReason = zeroByReason();
  for (const item of waitsOnMe) waitsOnMeByReason[item.reason] += 1;
  for (const item of iWaitOn) iWaitOnByReason[item.reason] += 1;
  return {
    waitsOnMe,
    iWaitOn,
    counts: {
      waitsOnMe: waitsOnMe.length,
      iWaitOn: iWaitOn.length,
      overdueWaitsOnMe: waitsOnMe.filter((i) => i.deadline.isOverdue).length,
      overdueIWaitOn: iWaitOn.filter((i) => i.deadline.isOverdue).length,
      waitsOnMeByReason,
      iWaitOnByReason,
    },
  };
}
