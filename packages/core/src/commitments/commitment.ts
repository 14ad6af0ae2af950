import { AppError } from "../errors";
import type { Visibility } from "../visibility";
import type { MoveName } from "./moves";

/**
 * The states of a conversation for action (reference/conversation-for-action.md, states 1-9),
 * plus `revoked`: the performer released the promise openly before it was due. The reference
 * asks trust measures to tell "revoke with notice" apart from "renege", so it gets its own
 * terminal state instead of hiding inside `reneged` or `cancelled`.
 */
export const commitmentStates = [
  "start",
  "requested",
  "promised",
  "reported",
  "accepted",
  "countered",
  "reneged",
  "declined",
  "cancelled",
  "revoked",
] as const;
export type CommitmentState = (typeof commitmentStates)[number];

/** States in which the conversation is under way and someone owes the next move. */
export const openStates = ["requested", "countered", "promised", "reported"] as const satisfies readonly CommitmentState[];
export type OpenState = (typeof openStates)[number];

/** States that end the conversation: no move is possible from them. */
export const terminalStates = ["accepted", "reneged", "declined", "cancelled", "revoked"] as const satisfies readonly CommitmentState[];
export type TerminalState = (typeof terminalStates)[number];

/** How a UI names each state, in plain words. */
export const stateLabels: Record<CommitmentState, string> = {
  start: "not started",
  requested: "requested",
  promised: "promised",
  reported: "reported done",
  accepted: "accepted",
  countered: "countered",
  reneged: "reneged",
  declined: "declined or withdrawn",
  cancelled: "cancelled",
  revoked: "released with notice",
};

/** The two parties of a conversation for action: A, who asks (customer), and B, who performs. */
export const commitmentRoles = ["customer", "performer"] as const;
export type CommitmentRole = (typeof commitmentRoles)[number];

/** A party: a person speaking on behalf of a seat. */
export interface CommitmentParty {
  personId: string;
  seatId: string;
}

/** Optional links from a commitment to where it came from or what it serves. */
export interface CommitmentLinks {
  meetingId?: string;
  proposalId?: string;
  charterClauseId?: string;
  goalId?: string;
}

/** The terms a promise binds: conditions of satisfaction and a due date (instant + IANA zone). */
export interface CommitmentTerms {
  conditions: string;
  /** ISO 8601 instant, normalised to UTC (`2025-03-01T17:00:00.000Z`). */
  dueAt: string;
  /** IANA time zone the due date was meant in (for display and calendars), e.g. `Europe/Berlin`. */
  timeZone: string;
}

/** New terms proposed during performance; the old promise stands until the other side agrees. */
export interface PendingRenegotiation {
  by: CommitmentRole;
  personId: string;
  at: string;
  /** Only the parts that change; absent parts keep their current value. */
  conditions?: string;
  dueAt?: string;
  timeZone?: string;
}

/** One move in a commitment's history, as recorded (also the event payload). */
export interface MoveRecord {
  move: MoveName;
  /** personId of the speaker. */
  by: string;
  role: CommitmentRole;
  at: string;
  message?: string;
  /**
   * Terms: request and offer record the full terms they open with; counter, counter_again and
   * propose_renegotiation only the parts they put on the table; accept_renegotiation the full
   * terms it made effective.
   */
  conditions?: string;
  dueAt?: string;
  timeZone?: string;
  /** commit_to_commit: the date by which the performer will answer. */
  answerBy?: string;
}

/**
 * A commitment: a conversation for action between a customer and a performer, each a person on
 * behalf of a seat. It changes only through moves (`applyMove`); the summary fields
 * (negotiationRounds ... closedAt) are derived from `history` and kept for queries.
 */
export interface Commitment extends CommitmentTerms {
  id: string;
  allianceId: string;
  customer: CommitmentParty;
  performer: CommitmentParty;
  title: string;
  links: CommitmentLinks;
  visibility: Visibility;
  state: CommitmentState;
  /** Optimistic-concurrency version: starts at 1, +1 per move. */
  version: number;
  createdAt: string;
  pendingRenegotiation: PendingRenegotiation | null;
  /** Commit-to-commit: the performer promised to answer the open request by this instant. */
  commitToCommitBy: string | null;
  history: readonly MoveRecord[];
  /** Counter-offers, counters again and renegotiation proposals made so far. */
  negotiationRounds: number;
  /** When the conversation was opened by a request or an offer. */
  openedAt: string | null;
  /** First performer reply to the opening request (promise, counter, decline or commit-to-commit). */
  firstResponseAt: string | null;
  /** First time the commitment became promised. */
  promisedAt: string | null;
  /** Latest report of completion. */
  reportedAt: string | null;
  /** When a terminal state was reached. */
  closedAt: string | null;
}

/** What a caller provides to draft a commitment (state `start`). */
export interface NewCommitment {
  id: string;
  allianceId: string;
  customer: CommitmentParty;
  performer: CommitmentParty;
  title: string;
  conditions: string;
  dueAt: string;
  timeZone: string;
  links?: CommitmentLinks;
  visibility: Visibility;
}

/** Someone acting on a commitment: any object with a personId (an AllianceViewer fits). */
export interface CommitmentActor {
  personId: string;
  roles?: readonly string[];
}

/** Who the actor is in this commitment: a party, a facilitator, or nobody in it. */
export type ActorStanding = CommitmentRole | "facilitator" | "other";

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

function hasValidFields(value: string): boolean {
  const match = isoInstant.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match.slice(1).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59 &&
    (offsetHour ?? 0) <= 23 &&
    (offsetMinute ?? 0) <= 59
  );
}

/** Parses an ISO 8601 instant with an explicit offset and returns it normalised to UTC. */
export function normalizeInstant(value: string, field: string): string {
  const ms = hasValidFields(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError("validation_failed", `${field} must be an ISO 8601 instant with a time zone offset, e.g. 2025-03-01T17:00:00Z.`, {
      field,
      value,
    });
  }
  return new Date(ms).toISOString();
}

/** True when the name is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Throws validation_failed unless the time zone is a known IANA name. */
export function assertTimeZone(timeZone: string, field = "timeZone"): void {
  if (!isValidTimeZone(timeZone)) {
    throw new AppError("validation_failed", `${field} must be an IANA time zone such as Europe/Berlin.`, { field, value: timeZone });
  }
}

function assertText(value: string, field: string, label: string): void {
  if (value.trim() === "") throw new AppError("validation_failed", `${label} cannot be empty.`, { field });
}

/** Drafts a commitment in state `start`; nothing is said until the first move (request or offer). */
export function createCommitment(input: NewCommitment, at: Date): Commitment {
  assertText(input.id, "id", "The id");
  assertText(input.allianceId, "allianceId", "The alliance");
  assertText(input.title, "title", "The title");
  for (const role of commitmentRoles) {
    assertText(input[role].personId, `${role}.personId`, `The ${role}`);
    assertText(input[role].seatId, `${role}.seatId`, `The ${role}'s seat`);
  }
  if (input.customer.personId === input.performer.personId) {
    throw new AppError("validation_failed", "The customer and the performer must be different people.", { field: "performer.personId" });
  }
  const dueAt = normalizeInstant(input.dueAt, "dueAt");
  assertTimeZone(input.timeZone);
  return {
    id: input.id,
    allianceId: input.allianceId,
    customer: { ...input.customer },
    performer: { ...input.performer },
    title: input.title.trim(),
    conditions: input.conditions,
    dueAt,
    timeZone: input.timeZone,
    links: { ...input.links },
    visibility: input.visibility,
    state: "start",
    version: 1,
    createdAt: at.toISOString(),
    pendingRenegotiation: null,
    commitToCommitBy: null,
    history: [],
    negotiationRounds: 0,
    openedAt: null,
    firstResponseAt: null,
    promisedAt: null,
    reportedAt: null,
    closedAt: null,
  };
}

/** True when the state ends the conversation. */
export function isTerminalState(state: CommitmentState): state is TerminalState {
  return (terminalStates as readonly CommitmentState[]).includes(state);
}

/** True when the conversation is under way (requested, countered, promised or reported). */
export function isOpenState(state: CommitmentState): state is OpenState {
  return (openStates as readonly CommitmentState[]).includes(state);
}

/** The actor's standing in this commitment: customer, performer, facilitator (not a party) or other. */
export function standingOf(commitment: Commitment, actor: CommitmentActor): ActorStanding {
  if (actor.personId === commitment.customer.personId) return "customer";
  if (actor.personId === commitment.performer.personId) return "performer";
  if (actor.roles?.includes("facilitator")) return "facilitator";
  return "other";
}

/** The party holding the given role. */
export function partyOf(commitment: Commitment, role: CommitmentRole): CommitmentParty {
  return role === "customer" ? commitment.customer : commitment.performer;
}

/** The other role of a conversation. */
export function otherRole(role: CommitmentRole): CommitmentRole {
  return role === "customer" ? "performer" : "customer";
}
