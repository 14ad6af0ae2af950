import { AppError } from "../errors";
import { daysBetween, optionalText, requireId, requireInstant, requireNotBefore, requireText } from "./register-input";

/**
 * A tension: felt friction raised by a seat toward another seat or the whole alliance.
 * Lifecycle: raised -> in_dialogue -> resolved | reframed. Age in days is always visible,
 * so tensions left open far past the norm show up (conflict avoidance, health-signals.md).
 *
 * Anonymity (DESIGN.md, Security): an anonymous tension is stored with no author at all:
 * `fromSeatId` and `raisedByPersonId` are null, the event that records it must carry no actor,
 * and its time is kept only to the day so it cannot be matched against activity logs.
 * If the author chooses, a separate {@link TensionDisclosure} (visibility: facilitators) tells
 * the facilitator who raised it; it is never part of the tension record, its events or partner
 * exports.
 */
export const tensionStatuses = ["raised", "in_dialogue", "resolved", "reframed"] as const;
export type TensionStatus = (typeof tensionStatuses)[number];

export type TensionTarget = { kind: "seat"; seatId: string } | { kind: "alliance" };

export type TensionOutcome = { kind: "resolved"; note: string } | { kind: "reframed"; reframing: string };

export interface Tension {
  id: string;
  allianceId: string;
  summary: string;
  detail: string | null;
  target: TensionTarget;
  anonymous: boolean;
  /** The author's seat; null when anonymous. */
  fromSeatId: string | null;
  /** The author; null when anonymous. */
  raisedByPersonId: string | null;
  status: TensionStatus;
  /** When raised; truncated to the UTC day when anonymous. */
  raisedAt: Date;
  dialogueOpenedAt: Date | null;
  closedAt: Date | null;
  outcome: TensionOutcome | null;
}

/** The only link from an anonymous tension to its author, for facilitators' eyes only. */
export interface TensionDisclosure {
  tensionId: string;
  personId: string;
  seatId: string;
  disclosedAt: Date;
  visibility: { level: "facilitators" };
}

export interface RaiseTensionInput {
  id: string;
  allianceId: string;
  summary: string;
  detail?: string | null;
  target: TensionTarget;
  /** Who raises it; used to validate and, unless anonymous, stored. */
  author: { personId: string; seatId: string };
  anonymous: boolean;
  /** Anonymous only: tell the facilitator (and no one else) who raised it. */
  tellFacilitator?: boolean;
}

export interface RaisedTension {
  tension: Tension;
  /** Present only when an anonymous author chose to tell the facilitator; store it apart, facilitators only. */
  disclosure: TensionDisclosure | null;
  /** The actor to record on the tension.raised event: null for an anonymous tension. */
  eventActorId: string | null;
}

const tensionMoves: Record<TensionStatus, readonly TensionStatus[]> = {
  raised: ["in_dialogue"],
  in_dialogue: ["resolved", "reframed"],
  resolved: [],
  reframed: [],
};

/** True when a tension may move from one status to the other. */
export function canMoveTension(from: TensionStatus, to: TensionStatus): boolean {
  return tensionMoves[from].includes(to);
}

function assertTensionMove(tension: Tension, to: TensionStatus): void {
  if (!canMoveTension(tension.status, to)) {
    throw new AppError("illegal_move", `A tension cannot move from ${tension.status} to ${to}.`, {
      from: tension.status,
      to,
      allowed: tensionMoves[tension.status],
    });
  }
}

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function validateTarget(target: TensionTarget): TensionTarget {
  if (target?.kind === "alliance") return { kind: "alliance" };
  if (target?.kind === "seat") return { kind: "seat", seatId: requireId("target.seatId", target.seatId) };
  throw new AppError("validation_failed", "A tension is raised toward a seat or the whole alliance.", { field: "target.kind" });
}

/** Raises a tension; when anonymous, the record keeps no author and the time only to the day. */
export function raiseTension(input: RaiseTensionInput, at: Date): RaisedTension {
  requireInstant("at", at);
  const personId = requireId("author.personId", input.author?.personId);
  const seatId = requireId("author.seatId", input.author?.seatId);
  const target = validateTarget(input.target);
  if (target.kind === "seat" && target.seatId === seatId) {
    throw new AppError("validation_failed", "A tension is raised toward another seat or the whole alliance, not one's own seat.", { field: "target.seatId" });
  }
  if (typeof input.anonymous !== "boolean") throw new AppError("validation_failed", "Say whether the tension is anonymous.", { field: "anonymous" });
  const tellFacilitator = input.tellFacilitator ?? false;
  if (tellFacilitator && !input.anonymous) {
    throw new AppError("validation_failed", "Telling the facilitator applies only to anonymous tensions.", { field: "tellFacilitator" });
  }
  const raisedAt = input.anonymous ? startOfUtcDay(at) : at;
  const tension: Tension = {
    id: requireId("id", input.id),
    allianceId: requireId("allianceId", input.allianceId),
    summary: requireText("summary", input.summary),
    detail: optionalText("detail", input.detail),
    target,
    anonymous: input.anonymous,
    fromSeatId: input.anonymous ? null : seatId,
    raisedByPersonId: input.anonymous ? null : personId,
    status: "raised",
    raisedAt,
    dialogueOpenedAt: null,
    closedAt: null,
    outcome: null,
  };
  const disclosure: TensionDisclosure | null =
    input.anonymous && tellFacilitator
      ? { tensionId: tension.id, personId, seatId, disclosedAt: raisedAt, visibility: { level: "facilitators" } }
      : null;
  return { tension, disclosure, eventActorId: input.anonymous ? null : personId };
}

function lastChange(tension: Tension): Date {
  return tension.closedAt ?? tension.dialogueOpenedAt ?? tension.raisedAt;
}

/** Moves a raised tension into dialogue. */
export function startTensionDialogue(tension: Tension, at: Date): Tension {
  assertTensionMove(tension, "in_dialogue");
  return { ...tension, status: "in_dialogue", dialogueOpenedAt: requireNotBefore("at", at, lastChange(tension)) };
}

/** Resolves a tension in dialogue, saying how. */
export function resolveTension(tension: Tension, note: string, at: Date): Tension {
  assertTensionMove(tension, "resolved");
  return {
    ...tension,
    status: "resolved",
    outcome: { kind: "resolved", note: requireText("note", note) },
    closedAt: requireNotBefore("at", at, lastChange(tension)),
  };
}

/** Reframes a tension in dialogue: it is closed by a new understanding rather than a fix. */
export function reframeTension(tension: Tension, reframing: string, at: Date): Tension {
  assertTensionMove(tension, "reframed");
  return {
    ...tension,
    status: "reframed",
    outcome: { kind: "reframed", reframing: requireText("reframing", reframing) },
    closedAt: requireNotBefore("at", at, lastChange(tension)),
  };
}

/** True while a tension is raised or in dialogue. */
export function isTensionOpen(tension: Tension): boolean {
  return tension.status === "raised" || tension.status === "in_dialogue";
}

/** Age in whole days: until now while open, until it closed once closed. */
export function tensionAgeDays(tension: Tension, now: Date): number {
  return daysBetween(tension.raisedAt, tension.closedAt ?? requireInstant("now", now));
}

interface TensionViewBase {
  id: string;
  allianceId: string;
  summary: string;
  detail: string | null;
  target: TensionTarget;
  status: TensionStatus;
  raisedAt: Date;
  dialogueOpenedAt: Date | null;
  closedAt: Date | null;
  outcome: TensionOutcome | null;
  ageDays: number;
  isOpen: boolean;
}

/** What partners see: an anonymous view has no author keys at all, not even null. */
export type PartnerTensionView =
  | (TensionViewBase & { anonymous: true })
  | (TensionViewBase & { anonymous: false; fromSeatId: string; raisedByPersonId: string });

/** What a facilitator sees: the partner view plus the author an anonymous raiser chose to disclose. */
export type FacilitatorTensionView = PartnerTensionView & { disclosedAuthor: { personId: string; seatId: string } | null };

function baseView(tension: Tension, now: Date): TensionViewBase {
  // Fields are picked one by one, never spread, so nothing added to the record later leaks.
  return {
    id: tension.id,
    allianceId: tension.allianceId,
    summary: tension.summary,
    detail: tension.detail,
    target: tension.target.kind === "seat" ? { kind: "seat", seatId: tension.target.seatId } : { kind: "alliance" },
    status: tension.status,
    raisedAt: tension.raisedAt,
    dialogueOpenedAt: tension.dialogueOpenedAt,
    closedAt: tension.closedAt,
    outcome: tension.outcome,
    ageDays: tensionAgeDays(tension, now),
    isOpen: isTensionOpen(tension),
  };
}

/** The partner-safe view of a tension (also for exports and the API): no author when anonymous. */
export function presentTensionForPartner(tension: Tension, now: Date): PartnerTensionView {
  const base = baseView(tension, now);
  if (tension.anonymous) return { ...base, anonymous: true };
  if (tension.fromSeatId == null || tension.raisedByPersonId == null) {
    throw new AppError("validation_failed", "A named tension must carry its author.", { tensionId: tension.id });
  }
  return { ...base, anonymous: false, fromSeatId: tension.fromSeatId, raisedByPersonId: tension.raisedByPersonId };
}

/** The facilitator's view: the disclosure, if any, must belong to this tension. */
export function presentTensionForFacilitator(tension: Tension, disclosure: TensionDisclosure | null, now: Date): FacilitatorTensionView {
  if (disclosure && disclosure.tensionId !== tension.id) {
    throw new AppError("validation_failed", "The disclosure belongs to another tension.", { tensionId: tension.id });
  }
  const view = presentTensionForPartner(tension, now);
  return { ...view, disclosedAuthor: tension.anonymous && disclosure ? { personId: disclosure.personId, seatId: disclosure.seatId } : null };
}
