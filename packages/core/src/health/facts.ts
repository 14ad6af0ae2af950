import { z } from "zod";
import { AppError } from "../errors";

/**
 * Health facts: the normalized, timestamped input of the health engine. The product derives
 * them from the alliance's event log; the simulator produces them directly. Every fact keeps
 * the id of the domain record it is about (`recordId`), so evidence can link back to records.
 * Times are epoch milliseconds (UTC). See shared/reference/health-signals.md.
 */

/** The six dynamics of the Collaboration Capacity Index (reference/health-signals.md). */
export const healthDynamics = ["rhythm", "language", "presence", "authorship", "trust", "candor"] as const;
export type HealthDynamic = (typeof healthDynamics)[number];

/** A recorded position on a proposal; disagree, block and objection count as dissent. */
export const positionStances = ["agree", "abstain", "disagree", "block", "objection"] as const;
export type PositionStance = (typeof positionStances)[number];

export const proposalOutcomes = ["adopted", "rejected", "withdrawn"] as const;
export type ProposalOutcome = (typeof proposalOutcomes)[number];

/** The stable `type` strings of health facts. */
export const healthFactTypes = [
  "seat.joined",
  "seat.left",
  "meeting.scheduled",
  "meeting.held",
  "agenda.item_added",
  "proposal.created",
  "position.taken",
  "proposal.closed",
  "clause.authored",
  "clause.amended",
  "charter.renewed",
  "goal.set",
  "commitment.requested",
  "commitment.answered",
  "commitment.promised",
  "commitment.reported",
  "commitment.accepted",
  "commitment.reneged",
  "commitment.revoked",
  "commitment.declined",
  "commitment.cancelled",
  "tension.raised",
  "tension.resolved",
  "breakdown.named",
  "breakdown.closed",
  "assumption.tested",
  "pulse.response_aggregate",
  "alignment.divergence_found",
  "alignment.divergence_acknowledged",
] as const;
export type HealthFactType = (typeof healthFactTypes)[number];

/** Fields every fact carries: its own id (e.g. the event id), when, and the record it is about. */
export interface FactBase {
  /** Unique per fact (the event id in the product). */
  id: string;
  /** Epoch milliseconds, UTC. */
  at: number;
  /** The domain record the fact is about (meeting, proposal, commitment, tension, pulse aggregate...). */
  recordId: string;
}

interface CommitmentParties {
  customerSeatId: string;
  performerSeatId: string;
}

export type SeatJoinedFact = FactBase & { type: "seat.joined"; seatId: string };
export type SeatLeftFact = FactBase & { type: "seat.left"; seatId: string };
/** One planned occurrence of a cadence; `at` is the planned start. */
export type MeetingScheduledFact = FactBase & { type: "meeting.scheduled"; cadenceId?: string; expectedSeatIds: string[] };
/** A meeting that took place; recordId is the same meeting id as its meeting.scheduled fact. */
export type MeetingHeldFact = FactBase & { type: "meeting.held"; expectedSeatIds: string[]; attendingSeatIds: string[] };
export type AgendaItemAddedFact = FactBase & { type: "agenda.item_added"; seatId: string; meetingId?: string };
export type ProposalCreatedFact = FactBase & { type: "proposal.created"; seatId: string };
/** recordId is the proposal id. */
export type PositionTakenFact = FactBase & { type: "position.taken"; seatId: string; stance: PositionStance };
/** The product computes the tallies at closing: which seats recorded a position, whether any dissent was recorded. */
export type ProposalClosedFact = FactBase & {
  type: "proposal.closed";
  outcome: ProposalOutcome;
  dissentPresent: boolean;
  seatsPositioned: number;
  seatsEligible: number;
};
export type ClauseAuthoredFact = FactBase & { type: "clause.authored"; seatId: string };
export type ClauseAmendedFact = FactBase & { type: "clause.amended"; seatId: string };
/** Shared intent renewed (charter ratified or re-affirmed); carries the charter's renewal period. */
export type CharterRenewedFact = FactBase & { type: "charter.renewed"; renewalPeriodDays: number };
export type GoalSetFact = FactBase & { type: "goal.set"; horizonAt: number; seatId?: string };
export type CommitmentRequestedFact = FactBase &
  CommitmentParties & { type: "commitment.requested"; dueAt: number; hasConditions: boolean };
/** The performer's first answer (promise, counter-offer or decline); carries the request time so response time needs no lookup. */
export type CommitmentAnsweredFact = FactBase & CommitmentParties & { type: "commitment.answered"; requestedAt: number };
export type CommitmentPromisedFact = FactBase & CommitmentParties & { type: "commitment.promised"; dueAt: number };
export type CommitmentReportedFact = FactBase & CommitmentParties & { type: "commitment.reported"; dueAt: number };
/** The customer's declaration of satisfaction; onTime when reported by the due date. */
export type CommitmentAcceptedFact = FactBase &
  CommitmentParties & { type: "commitment.accepted"; onTime: boolean; declaredByCustomer: boolean };
export type CommitmentRenegedFact = FactBase & CommitmentParties & { type: "commitment.reneged" };
/** The performer released the promise openly before its due date. */
export type CommitmentRevokedFact = FactBase & CommitmentParties & { type: "commitment.revoked"; noticeDays: number };
export type CommitmentDeclinedFact = FactBase & CommitmentParties & { type: "commitment.declined" };
export type CommitmentCancelledFact = FactBase & CommitmentParties & { type: "commitment.cancelled"; declaredByCustomer: boolean };
/** seatId is the raising seat, absent when anonymous. */
export type TensionRaisedFact = FactBase & { type: "tension.raised"; anonymous: boolean; seatId?: string; towardSeatId?: string };
export type TensionResolvedFact = FactBase & { type: "tension.resolved" };
export type BreakdownNamedFact = FactBase & { type: "breakdown.named"; seatId?: string };
export type BreakdownClosedFact = FactBase & { type: "breakdown.closed" };
export type AssumptionTestedFact = FactBase & { type: "assumption.tested"; seatId?: string };
/**
 * One pulse item's aggregate for the respondents of one seat (never individual answers).
 * `mean` is on 0–1 with 1 the healthy end (reversed items already flipped). `aboutSeatId`
 * marks directional items ("[Partner] keeps its commitments").
 */
export type PulseResponseAggregateFact = FactBase & {
  type: "pulse.response_aggregate";
  pulseId: string;
  itemId: string;
  dynamic: HealthDynamic;
  seatId: string;
  aboutSeatId?: string;
  mean: number;
  respondents: number;
  invited: number;
};
export type AlignmentDivergenceFoundFact = FactBase & { type: "alignment.divergence_found"; seatIds: string[] };
export type AlignmentDivergenceAcknowledgedFact = FactBase & { type: "alignment.divergence_acknowledged" };

/** A normalized, timestamped health fact (discriminated by `type`). */
export type HealthFact =
  | SeatJoinedFact
  | SeatLeftFact
  | MeetingScheduledFact
  | MeetingHeldFact
  | AgendaItemAddedFact
  | ProposalCreatedFact
  | PositionTakenFact
  | ProposalClosedFact
  | ClauseAuthoredFact
  | ClauseAmendedFact
  | CharterRenewedFact
  | GoalSetFact
  | CommitmentRequestedFact
  | CommitmentAnsweredFact
  | CommitmentPromisedFact
  | CommitmentReportedFact
  | CommitmentAcceptedFact
  | CommitmentRenegedFact
  | CommitmentRevokedFact
  | CommitmentDeclinedFact
  | CommitmentCancelledFact
  | TensionRaisedFact
  | TensionResolvedFact
  | BreakdownNamedFact
  | BreakdownClosedFact
  | AssumptionTestedFact
  | PulseResponseAggregateFact
  | AlignmentDivergenceFoundFact
  | AlignmentDivergenceAcknowledgedFact;

/** One UTC day in milliseconds. */
export const DAY_MS = 86_400_000;

/** The UTC day number (days since 1970-01-01) of an epoch-millisecond time. */
export function dayOf(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** Orders facts by time, then id: the canonical order used wherever order could matter. */
export function compareFacts(a: HealthFact, b: HealthFact): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const base = { id: z.string().min(1), at: z.number().finite(), recordId: z.string().min(1) };
const parties = { customerSeatId: z.string().min(1), performerSeatId: z.string().min(1) };
const seat = z.string().min(1);

/** Schema for one health fact, for input that crosses a trust boundary (imports, CLI). */
export const healthFactSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("seat.joined"), seatId: seat }),
  z.object({ ...base, type: z.literal("seat.left"), seatId: seat }),
  z.object({ ...base, type: z.literal("meeting.scheduled"), cadenceId: z.string().optional(), expectedSeatIds: z.array(seat) }),
  z.object({ ...base, type: z.literal("meeting.held"), expectedSeatIds: z.array(seat), attendingSeatIds: z.array(seat) }),
  z.object({ ...base, type: z.literal("agenda.item_added"), seatId: seat, meetingId: z.string().optional() }),
  z.object({ ...base, type: z.literal("proposal.created"), seatId: seat }),
  z.object({ ...base, type: z.literal("position.taken"), seatId: seat, stance: z.enum(positionStances) }),
  z.object({
    ...base,
    type: z.literal("proposal.closed"),
    outcome: z.enum(proposalOutcomes),
    dissentPresent: z.boolean(),
    seatsPositioned: z.number().int().nonnegative(),
    seatsEligible: z.number().int().nonnegative(),
  }),
  z.object({ ...base, type: z.literal("clause.authored"), seatId: seat }),
  z.object({ ...base, type: z.literal("clause.amended"), seatId: seat }),
  z.object({ ...base, type: z.literal("charter.renewed"), renewalPeriodDays: z.number().positive() }),
  z.object({ ...base, type: z.literal("goal.set"), horizonAt: z.number().finite(), seatId: seat.optional() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.requested"), dueAt: z.number().finite(), hasConditions: z.boolean() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.answered"), requestedAt: z.number().finite() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.promised"), dueAt: z.number().finite() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.reported"), dueAt: z.number().finite() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.accepted"), onTime: z.boolean(), declaredByCustomer: z.boolean() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.reneged") }),
  z.object({ ...base, ...parties, type: z.literal("commitment.revoked"), noticeDays: z.number().nonnegative() }),
  z.object({ ...base, ...parties, type: z.literal("commitment.declined") }),
  z.object({ ...base, ...parties, type: z.literal("commitment.cancelled"), declaredByCustomer: z.boolean() }),
  z.object({ ...base, type: z.literal("tension.raised"), anonymous: z.boolean(), seatId: seat.optional(), towardSeatId: seat.optional() }),
  z.object({ ...base, type: z.literal("tension.resolved") }),
  z.object({ ...base, type: z.literal("breakdown.named"), seatId: seat.optional() }),
  z.object({ ...base, type: z.literal("breakdown.closed") }),
  z.object({ ...base, type: z.literal("assumption.tested"), seatId: seat.optional() }),
  z.object({
    ...base,
    type: z.literal("pulse.response_aggregate"),
    pulseId: z.string().min(1),
    itemId: z.string().min(1),
    dynamic: z.enum(healthDynamics),
    seatId: seat,
    aboutSeatId: seat.optional(),
    mean: z.number().min(0).max(1),
    respondents: z.number().int().nonnegative(),
    invited: z.number().int().nonnegative(),
  }),
  z.object({ ...base, type: z.literal("alignment.divergence_found"), seatIds: z.array(seat) }),
  z.object({ ...base, type: z.literal("alignment.divergence_acknowledged") }),
]);

/** Parses unknown input into health facts; throws validation_failed with the first problems. */
export function parseHealthFacts(input: unknown): HealthFact[] {
  const result = z.array(healthFactSchema).safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("validation_failed", "Some health facts are not valid.", { issues });
  }
  return result.data as HealthFact[];
}
