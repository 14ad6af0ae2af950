import { AppError } from "../errors";
import {
  assertTimeZone,
  isTerminalState,
  normalizeInstant,
  otherRole,
  standingOf,
  stateLabels,
  type Commitment,
  type CommitmentActor,
  type CommitmentRole,
  type CommitmentTerms,
  type MoveRecord,
  type PendingRenegotiation,
} from "./commitment";
import { commitmentTransitions, moveLabels, movePayloads, negotiationMoves, type MoveName, type Transition } from "./moves";

/** A move with what it carries. Terms only on moves that carry them (see `movePayloads`). */
export interface MoveInput {
  name: MoveName;
  message?: string;
  conditions?: string;
  /** ISO 8601 instant with an offset; normalised to UTC. */
  dueAt?: string;
  /** IANA time zone of the due date. */
  timeZone?: string;
  /** commit_to_commit: when the performer will answer (ISO 8601 instant). */
  answerBy?: string;
}

function roleWord(roles: readonly CommitmentRole[]): string {
  return roles.join(" or ");
}

function illegal(commitment: Commitment, move: MoveName, speaker: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("illegal_move", message, { state: commitment.state, move, speaker, ...extra });
}

function guardHolds(transition: Transition, commitment: Commitment, role: CommitmentRole, at: Date): boolean {
  const pending = commitment.pendingRenegotiation;
  switch (transition.guard) {
    case undefined:
      return true;
    case "before_due":
      return at.getTime() < Date.parse(commitment.dueAt);
    case "came_due":
      return at.getTime() >= Date.parse(commitment.dueAt);
    case "no_pending_renegotiation":
      return pending === null;
    case "pending_from_other":
      return pending !== null && pending.by !== role;
    case "pending_from_self":
      return pending !== null && pending.by === role;
  }
}

function guardReason(transition: Transition, commitment: Commitment): { reason: string; allowed?: CommitmentRole[] } {
  const pending = commitment.pendingRenegotiation;
  switch (transition.guard) {
    case "before_due":
      return { reason: "the promise has come due; if it was not delivered, mark it as not delivered instead" };
    case "came_due":
      return { reason: "the promise is not due yet; to release it before then, release it with notice" };
    case "no_pending_renegotiation":
      return { reason: "a proposal for new terms is already waiting for an answer" };
    case "pending_from_other":
      return pending === null
        ? { reason: "no proposal for new terms is waiting" }
        : { reason: `only the ${otherRole(pending.by)} can answer the ${pending.by}'s proposal`, allowed: [otherRole(pending.by)] };
    case "pending_from_self":
      return pending === null
        ? { reason: "no proposal for new terms is waiting" }
        : { reason: `only the ${pending.by} who proposed the new terms can withdraw them`, allowed: [pending.by] };
    case undefined:
      return { reason: "" };
  }
}

/**
 * Finds the arc for this move by this speaker now, or throws: `forbidden` for anyone who is not
 * a party (a facilitator may nudge but never move on someone's behalf), `illegal_move` for a
 * move the state does not have, a party who may not make it, or a guard that does not hold.
 */
export function resolveTransition(commitment: Commitment, move: MoveName, speaker: CommitmentActor, at: Date): Transition {
  const standing = standingOf(commitment, speaker);
  const label = moveLabels[move];
  const stateLabel = stateLabels[commitment.state];
  if (standing === "facilitator" || standing === "other") {
    const why = standing === "facilitator" ? " A facilitator may nudge, but never moves on someone's behalf." : "";
    throw new AppError("forbidden", `Only the customer and the performer can make moves in this commitment ("${label}").${why}`, {
      state: commitment.state,
      move,
      speaker: standing,
    });
  }
  const arcs = commitmentTransitions.filter((t) => t.from === commitment.state && t.move === move);
  if (arcs.length === 0) {
    const reason = isTerminalState(commitment.state) ? " The conversation is closed." : "";
    throw illegal(commitment, move, standing, `"${label}" is not a possible move while the commitment is ${stateLabel}.${reason}`);
  }
  const mine = arcs.filter((t) => t.speakers.includes(standing));
  if (mine.length === 0) {
    const allowed = [...new Set(arcs.flatMap((t) => t.speakers))];
    throw illegal(commitment, move, standing, `Only the ${roleWord(allowed)} can "${label}" while the commitment is ${stateLabel}.`, { allowed });
  }
  const arc = mine.find((t) => guardHolds(t, commitment, standing, at));
  if (arc === undefined) {
    const first = mine[0] as Transition;
    const { reason, allowed } = guardReason(first, commitment);
    throw illegal(commitment, move, standing, `"${label}" is not possible while the commitment is ${stateLabel}: ${reason}.`, {
      reason: first.guard,
      ...(allowed ? { allowed } : {}),
      ...(first.guard === "before_due" || first.guard === "came_due" ? { dueAt: commitment.dueAt } : {}),
    });
  }
  return arc;
}

/** The moves this person may make now, in the order of the transition table. */
export function availableMoves(commitment: Commitment, speaker: CommitmentActor, at: Date): MoveName[] {
  const standing = standingOf(commitment, speaker);
  if (standing === "facilitator" || standing === "other") return [];
  const moves: MoveName[] = [];
  for (const t of commitmentTransitions) {
    if (t.from !== commitment.state || !t.speakers.includes(standing) || moves.includes(t.move)) continue;
    if (guardHolds(t, commitment, standing, at)) moves.push(t.move);
  }
  return moves;
}

/** True when the person may make this move now (same rule as `applyMove`, without payload checks). */
export function canMakeMove(commitment: Commitment, move: MoveName, speaker: CommitmentActor, at: Date): boolean {
  return availableMoves(commitment, speaker, at).includes(move);
}

function fail(field: string, message: string, move: MoveName): never {
  throw new AppError("validation_failed", message, { field, move });
}

interface ParsedPayload {
  message?: string;
  terms?: Partial<CommitmentTerms>;
  answerBy?: string;
}

function parsePayload(commitment: Commitment, input: MoveInput, at: Date): ParsedPayload {
  const rule = movePayloads[input.name];
  const label = moveLabels[input.name];
  const parsed: ParsedPayload = {};
  if (input.message !== undefined && input.message.trim() !== "") parsed.message = input.message;

  const hasTerms = input.conditions !== undefined || input.dueAt !== undefined || input.timeZone !== undefined;
  if (rule.terms === "none" && hasTerms) fail("conditions", `"${label}" does not carry new terms.`, input.name);
  if (!rule.answerBy && input.answerBy !== undefined) fail("answerBy", `"${label}" does not carry an answer-by date.`, input.name);

  if (rule.terms !== "none") {
    const terms: Partial<CommitmentTerms> = {};
    if (input.conditions !== undefined) {
      if (input.conditions.trim() === "") fail("conditions", "The conditions of satisfaction cannot be empty.", input.name);
      terms.conditions = input.conditions;
    }
    if (input.dueAt !== undefined) {
      const dueAt = normalizeInstant(input.dueAt, "dueAt");
      if (Date.parse(dueAt) <= at.getTime()) fail("dueAt", "A new due date must be in the future.", input.name);
      terms.dueAt = dueAt;
    }
    if (input.timeZone !== undefined) {
      assertTimeZone(input.timeZone);
      terms.timeZone = input.timeZone;
    }
    if (rule.terms === "required") {
      const changes =
        (terms.conditions !== undefined && terms.conditions !== commitment.conditions) ||
        (terms.dueAt !== undefined && terms.dueAt !== commitment.dueAt) ||
        (terms.timeZone !== undefined && terms.timeZone !== commitment.timeZone);
      if (!changes) fail("conditions", `"${label}" needs other conditions or another due date than the current ones.`, input.name);
    }
    parsed.terms = terms;
  }

  if (rule.answerBy) {
    if (input.answerBy === undefined) fail("answerBy", `"${label}" needs the date by which you will answer.`, input.name);
    const answerBy = normalizeInstant(input.answerBy, "answerBy");
    if (Date.parse(answerBy) <= at.getTime()) fail("answerBy", "The answer-by date must be in the future.", input.name);
    parsed.answerBy = answerBy;
  }
  return parsed;
}

function effectiveTerms(commitment: Commitment, change: Partial<CommitmentTerms> | undefined): CommitmentTerms {
  return {
    conditions: change?.conditions ?? commitment.conditions,
    dueAt: change?.dueAt ?? commitment.dueAt,
    timeZone: change?.timeZone ?? commitment.timeZone,
  };
}

/**
 * Applies a move and returns the new commitment (the input is not changed). Throws `forbidden`
 * for a non-party, `illegal_move` for a move this speaker cannot make in this state now, and
 * `validation_failed` for a bad payload or a time before the previous move.
 */
export function applyMove(commitment: Commitment, move: MoveName | MoveInput, speaker: CommitmentActor, at: Date): Commitment {
  const input: MoveInput = typeof move === "string" ? { name: move } : move;
  if (Number.isNaN(at.getTime())) fail("at", "The time of a move must be a valid date.", input.name);
  const transition = resolveTransition(commitment, input.name, speaker, at);
  const role = standingOf(commitment, speaker) as CommitmentRole;
  const last = commitment.history[commitment.history.length - 1];
  if (last !== undefined && at.getTime() < Date.parse(last.at)) {
    fail("at", "A move cannot be dated before the previous move.", input.name);
  }
  const payload = parsePayload(commitment, input, at);
  const atIso = at.toISOString();
  const record: MoveRecord = { move: input.name, by: speaker.personId, role, at: atIso };
  if (payload.message !== undefined) record.message = payload.message;

  const next: Commitment = {
    ...commitment,
    state: transition.to,
    version: commitment.version + 1,
  };

  switch (input.name) {
    case "request":
    case "offer": {
      const terms = effectiveTerms(commitment, payload.terms);
      if (terms.conditions.trim() === "") fail("conditions", "Write the conditions of satisfaction: what “done” means.", input.name);
      if (Date.parse(terms.dueAt) <= at.getTime()) fail("dueAt", "The due date must be in the future.", input.name);
      Object.assign(next, terms);
      Object.assign(record, terms);
      next.openedAt = atIso;
      break;
    }
    case "counter":
    case "counter_again":
      // The record keeps what the move put on the table, so a replay checks it as it was made.
      Object.assign(next, effectiveTerms(commitment, payload.terms));
      Object.assign(record, payload.terms);
      break;
    case "commit_to_commit":
      if (payload.answerBy !== undefined) record.answerBy = payload.answerBy;
      next.commitToCommitBy = payload.answerBy ?? null;
      break;
    case "propose_renegotiation": {
      const proposal: PendingRenegotiation = { by: role, personId: speaker.personId, at: atIso, ...payload.terms };
      next.pendingRenegotiation = proposal;
      Object.assign(record, payload.terms);
      break;
    }
    case "accept_renegotiation": {
      const pending = commitment.pendingRenegotiation;
      const terms = effectiveTerms(commitment, pending ?? undefined);
      Object.assign(next, terms);
      Object.assign(record, terms);
      next.pendingRenegotiation = null;
      break;
    }
    case "reject_renegotiation":
    case "withdraw_renegotiation":
      next.pendingRenegotiation = null;
      break;
    case "report":
      next.reportedAt = atIso;
      break;
    default:
      break;
  }

  // The request is no longer waiting for an answer once the performer answers it.
  if (commitment.state === "requested" && transition.to !== "requested") next.commitToCommitBy = null;
  if (
    role === "performer" &&
    commitment.state === "requested" &&
    next.firstResponseAt === null &&
    commitment.history[0]?.move === "request"
  ) {
    next.firstResponseAt = atIso;
  }
  if (transition.to === "promised" && next.promisedAt === null) next.promisedAt = atIso;
  if (transition.to !== "promised") next.pendingRenegotiation = null;
  if (negotiationMoves.includes(input.name)) next.negotiationRounds = commitment.negotiationRounds + 1;
  if (isTerminalState(transition.to)) next.closedAt = atIso;
  next.history = [...commitment.history, record];
  return next;
}
