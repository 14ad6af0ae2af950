import { AppError } from "../errors";
import { partyOf, stateLabels, type Commitment, type CommitmentActor, type CommitmentParty, type CommitmentRole } from "./commitment";
import { assessDeadline, defaultEscalationPolicy, type EscalationLevel, type EscalationPolicy } from "./assess-deadline";
import { whoseTurn, type LoopReason } from "./whose-turn";

/** A facilitator's reminder to the party an open loop waits on. Not a move: the state does not change. */
export interface Nudge {
  commitmentId: string;
  allianceId: string;
  /** personId of the facilitator. */
  by: string;
  at: string;
  to: CommitmentParty;
  toRole: CommitmentRole;
  reason: LoopReason;
  level: EscalationLevel;
  overdueMs: number;
}

/**
 * Plans a nudge: only a facilitator may nudge (`forbidden` otherwise), and only an open loop
 * (`conflict` for a draft or a closed commitment). The nudge goes to whoever the loop waits on.
 */
export function planNudge(commitment: Commitment, actor: CommitmentActor, at: Date, policy: EscalationPolicy = defaultEscalationPolicy): Nudge {
  if (!actor.roles?.includes("facilitator")) {
    throw new AppError("forbidden", "Only a facilitator can nudge a commitment.", { commitmentId: commitment.id });
  }
  const turn = whoseTurn(commitment);
  if (turn === null) {
    throw new AppError("conflict", `There is nothing to nudge: the commitment is ${stateLabels[commitment.state]}.`, {
      commitmentId: commitment.id,
      state: commitment.state,
    });
  }
  const deadline = assessDeadline(commitment, at, policy);
  return {
    commitmentId: commitment.id,
    allianceId: commitment.allianceId,
    by: actor.personId,
    at: at.toISOString(),
    to: { ...partyOf(commitment, turn.role) },
    toRole: turn.role,
    reason: turn.reason,
    level: deadline.level,
    overdueMs: deadline.overdueMs,
  };
}
