import type { Commitment, CommitmentRole } from "./commitment";
import { owesDeadline } from "./whose-turn";

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/**
 * Escalation of a deadline ("deadlines escalate", reference/conversation-for-action.md):
 * `none` (draft or closed), `on_track`, `due` (within the due-soon window, up to the date),
 * `overdue` (past the date: surfaces to the people involved), `escalated` (overdue longer than
 * the escalation window: surfaces to the facilitator as well).
 */
export const escalationLevels = ["none", "on_track", "due", "overdue", "escalated"] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** Windows of escalation, in milliseconds. */
export interface EscalationPolicy {
  /** How long before the date a loop counts as `due`. */
  dueSoonMs: number;
  /** How long past the date a loop stays `overdue` before it is `escalated`. */
  escalateAfterMs: number;
}

/** Due within 24 hours; escalated to the facilitator when overdue by more than 7 days. */
export const defaultEscalationPolicy: EscalationPolicy = { dueSoonMs: dayMs, escalateAfterMs: 7 * dayMs };

/** `answer_by`: a commit-to-commit date for answering a request; `due`: the due date of the terms. */
export type DeadlineKind = "answer_by" | "due";

/** Whether and by how much an open loop is past its date, and what escalation applies. */
export interface DeadlineAssessment {
  isOpen: boolean;
  deadline: string | null;
  deadlineKind: DeadlineKind | null;
  /** Who owes what the date is for. */
  waitsOn: CommitmentRole | null;
  isOverdue: boolean;
  /** Milliseconds past the date; 0 when not overdue. */
  overdueMs: number;
  /** Whole days past the date (floor); 0 when not overdue. */
  overdueDays: number;
  level: EscalationLevel;
  surfaceToFacilitator: boolean;
}

/**
 * The date an open state is held to: a request with a commit-to-commit date is held to that
 * date (the promised answer), any other open state to the due date of the current terms (a
 * pending renegotiation does not move it: the old promise stands). Null for a draft or a
 * closed commitment.
 */
export function deadlineOf(commitment: Commitment): { at: string; kind: DeadlineKind } | null {
  if (owesDeadline(commitment) === null) return null;
  if (commitment.state === "requested" && commitment.commitToCommitBy !== null) return { at: commitment.commitToCommitBy, kind: "answer_by" };
  return { at: commitment.dueAt, kind: "due" };
}

/** Assesses the commitment's deadline at a given time: any open state past its date is overdue. */
export function assessDeadline(commitment: Commitment, at: Date, policy: EscalationPolicy = defaultEscalationPolicy): DeadlineAssessment {
  const deadline = deadlineOf(commitment);
  if (deadline === null) {
    return {
      isOpen: false,
      deadline: null,
      deadlineKind: null,
      waitsOn: null,
      isOverdue: false,
      overdueMs: 0,
      overdueDays: 0,
      level: "none",
      surfaceToFacilitator: false,
    };
  }
  const delta = at.getTime() - Date.parse(deadline.at);
  const isOverdue = delta > 0;
  const level: EscalationLevel = isOverdue
    ? delta > policy.escalateAfterMs
      ? "escalated"
      : "overdue"
    : -delta <= policy.dueSoonMs
      ? "due"
      : "on_track";
  return {
    isOpen: true,
    deadline: deadline.at,
    deadlineKind: deadline.kind,
    waitsOn: owesDeadline(commitment),
    isOverdue,
    overdueMs: isOverdue ? delta : 0,
    overdueDays: isOverdue ? Math.floor(delta / dayMs) : 0,
    level,
    surfaceToFacilitator: level === "escalated",
  };
}

/** True when the commitment is open and past its date at the given time. */
export function isOverdue(commitment: Commitment, at: Date): boolean {
  return assessDeadline(commitment, at).isOverdue;
}
