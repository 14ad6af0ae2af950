import { AppError } from "../errors";
import type { ActionLink } from "./record-link";
import { requireId, requireIds, requireInstant, requireNotBefore, requireText, optionalText } from "./register-input";

/**
 * A breakdown: something that happened other than what was expected, named by anyone so it
 * can be worked on instead of silently blamed. Lifecycle: open -> in_discussion -> closed, and a
 * closed breakdown says how: reinterpreted (a new reading of what happened) or acted upon
 * (a linked commitment or proposal).
 */
export const breakdownStatuses = ["open", "in_discussion", "closed"] as const;
export type BreakdownStatus = (typeof breakdownStatuses)[number];

export type BreakdownClosure =
  | { kind: "reinterpretation"; reinterpretation: string }
  | { kind: "action"; action: ActionLink; note: string | null };

export interface Breakdown {
  id: string;
  allianceId: string;
  namedByPersonId: string;
  whatHappened: string;
  whatWasExpected: string;
  impact: string;
  /** The seats involved; empty means the alliance as a whole. */
  seatIds: readonly string[];
  status: BreakdownStatus;
  closure: BreakdownClosure | null;
  namedAt: Date;
  discussionOpenedAt: Date | null;
  closedAt: Date | null;
}

export interface NameBreakdownInput {
  id: string;
  allianceId: string;
  namedByPersonId: string;
  whatHappened: string;
  whatWasExpected: string;
  impact: string;
  seatIds: readonly string[];
}

const breakdownMoves: Record<BreakdownStatus, readonly BreakdownStatus[]> = {
  open: ["in_discussion"],
  in_discussion: ["closed"],
  closed: [],
};

/** True when a breakdown may move from one status to the other. */
export function canMoveBreakdown(from: BreakdownStatus, to: BreakdownStatus): boolean {
  return breakdownMoves[from].includes(to);
}

function assertBreakdownMove(breakdown: Breakdown, to: BreakdownStatus): void {
  if (!canMoveBreakdown(breakdown.status, to)) {
    throw new AppError("illegal_move", `A breakdown cannot move from ${breakdown.status} to ${to}.`, {
      from: breakdown.status,
      to,
      allowed: breakdownMoves[breakdown.status],
    });
  }
}

function lastChange(breakdown: Breakdown): Date {
  return breakdown.closedAt ?? breakdown.discussionOpenedAt ?? breakdown.namedAt;
}

/** Names a new breakdown (status open); validates every field. */
export function nameBreakdown(input: NameBreakdownInput, at: Date): Breakdown {
  return {
    id: requireId("id", input.id),
    allianceId: requireId("allianceId", input.allianceId),
    namedByPersonId: requireId("namedByPersonId", input.namedByPersonId),
    whatHappened: requireText("whatHappened", input.whatHappened),
    whatWasExpected: requireText("whatWasExpected", input.whatWasExpected),
    impact: requireText("impact", input.impact),
    seatIds: requireIds("seatIds", input.seatIds),
    status: "open",
    closure: null,
    namedAt: requireInstant("at", at),
    discussionOpenedAt: null,
    closedAt: null,
  };
}

/** Opens the discussion of an open breakdown. */
export function openBreakdownDiscussion(breakdown: Breakdown, at: Date): Breakdown {
  assertBreakdownMove(breakdown, "in_discussion");
  return { ...breakdown, status: "in_discussion", discussionOpenedAt: requireNotBefore("at", at, lastChange(breakdown)) };
}

/** Closes a breakdown under discussion, with a reinterpretation or a linked action (commitment or proposal). */
export function closeBreakdown(breakdown: Breakdown, closure: BreakdownClosure, at: Date): Breakdown {
  assertBreakdownMove(breakdown, "closed");
  return { ...breakdown, status: "closed", closure: validateClosure(closure), closedAt: requireNotBefore("at", at, lastChange(breakdown)) };
}

function validateClosure(closure: BreakdownClosure): BreakdownClosure {
  switch (closure?.kind) {
    case "reinterpretation":
      return { kind: "reinterpretation", reinterpretation: requireText("reinterpretation", closure.reinterpretation) };
    case "action": {
      const type = closure.action?.type;
      if (type !== "commitment" && type !== "proposal") {
        throw new AppError("validation_failed", "A breakdown is closed by an action that is a commitment or a proposal.", { field: "action.type" });
      }
      return { kind: "action", action: { type, id: requireId("action.id", closure.action.id) }, note: optionalText("note", closure.note) };
    }
    default:
      throw new AppError("validation_failed", "A breakdown closes with a reinterpretation or an action.", { field: "closure.kind" });
  }
}

/** True while a breakdown still needs work (not yet closed). */
export function isBreakdownOpen(breakdown: Breakdown): boolean {
  return breakdown.status !== "closed";
}
