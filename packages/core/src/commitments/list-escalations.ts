import type { Commitment } from "./commitment";
import { assessDeadline, defaultEscalationPolicy, type DeadlineAssessment, type EscalationPolicy } from "./assess-deadline";
import { compareLoops } from "./classify-my-loops";
import { whoseTurn, type Turn } from "./whose-turn";

/** An open loop overdue beyond the escalation window, for the facilitator's cockpit. */
export interface Escalation {
  commitment: Commitment;
  deadline: DeadlineAssessment;
  turn: Turn;
}

/** The loops to surface to the facilitator at a given time (level `escalated`), most overdue first. */
export function listEscalations(
  commitments: readonly Commitment[],
  at: Date,
  policy: EscalationPolicy = defaultEscalationPolicy,
): Escalation[] {
  const found: Escalation[] = [];
  for (const commitment of commitments) {
    const turn = whoseTurn(commitment);
    if (turn === null) continue;
    const deadline = assessDeadline(commitment, at, policy);
    if (deadline.surfaceToFacilitator) found.push({ commitment, deadline, turn });
  }
  return found.sort(compareLoops);
}
