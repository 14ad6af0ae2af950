import type { Outcome, Position, Proposal, Stance } from "@trellis/core/decisions";
import { decisionMethodKinds, outcomeResults } from "@trellis/core/decisions";
import { z } from "zod";

/** Names the presenters resolve ids to. */
export interface DecisionNames {
  seats: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

const personRefSchema = z.object({ id: z.string(), displayName: z.string() });
const fractionSchema = z.object({ numerator: z.number().int(), denominator: z.number().int() });

export const methodSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("consent") }),
  z.object({ kind: z.literal("consensus") }),
  z.object({ kind: z.literal("majority") }),
  z.object({ kind: z.literal("weighted") }),
  z.object({ kind: z.literal("advice"), deciderId: z.string() }),
  z.object({ kind: z.literal("score"), min: z.number().int(), max: z.number().int() }),
  z.object({ kind: z.literal("ranked_choice"), count: z.enum(["instant_runoff", "borda"]) }),
  z.object({ kind: z.literal("dot_vote"), dotsPerPerson: z.number().int(), maxPerOption: z.number().int().nullable() }),
  z.object({ kind: z.literal("meeting_time") }),
]);
export const quorumSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("seats"), count: z.number().int() }),
  z.object({ kind: z.literal("fraction"), fraction: fractionSchema }),
]);
export const positionValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stance"), stance: z.enum(["agree", "abstain", "disagree", "block", "object"]) }),
  z.object({ kind: z.literal("scores"), scores: z.record(z.string(), z.number()) }),
  z.object({ kind: z.literal("ranking"), ranking: z.array(z.string()) }),
  z.object({ kind: z.literal("dots"), dots: z.record(z.string(), z.number()) }),
  z.object({ kind: z.literal("availability"), slotIds: z.array(z.string()) }),
]);
const optionSchema = z.object({ id: z.string(), label: z.string(), startsAt: z.string().nullable() });

export const positionSchema = z.object({
  id: z.string(),
  seatId: z.string(),
  seatName: z.string(),
  /** Null on an anonymous proposal: nobody sees who took it. */
  person: personRefSchema.nullable(),
  value: positionValueSchema,
  reason: z.string().nullable(),
  takenAt: z.string(),
});
export type PositionView = z.infer<typeof positionSchema>;

/** The core Outcome with names beside the ids (see @trellis/core/decisions types.ts for every field). */
export const outcomeSchema = z.object({
  proposalId: z.string(),
  method: z.enum(decisionMethodKinds),
  result: z.enum(outcomeResults),
  passed: z.boolean().nullable(),
  winners: z.array(z.object({ optionId: z.string(), label: z.string() })),
  ranking: z.array(z.object({ optionId: z.string(), label: z.string(), score: z.number().nullable(), rank: z.number().int() })),
  failedBecause: z.array(z.string()),
  final: z.boolean(),
  quorum: z.object({ required: z.number().int(), participating: z.number().int(), met: z.boolean() }),
  /** Per stance or option: by person and by seat (units per method). */
  tally: z.array(z.object({ key: z.string(), label: z.string(), byPerson: z.number(), bySeat: z.number() })),
  seats: z.array(
    z.object({
      seatId: z.string(),
      name: z.string(),
      weight: z.number(),
      participated: z.boolean(),
      delegates: z.number().int(),
      split: z.boolean(),
      stance: z.string().nullable(),
      delegateCounts: z.record(z.string(), z.number()),
      contribution: z.record(z.string(), z.number()),
    }),
  ),
  seatsSplit: z.array(z.object({ seatId: z.string(), name: z.string() })),
  seatsNotParticipating: z.array(z.object({ seatId: z.string(), name: z.string() })),
  /** Method-specific: consent objections, consensus blocks and reservations, advice by seat, runoff rounds, slots... */
  details: z.record(z.string(), z.unknown()),
});
export type OutcomeView = z.infer<typeof outcomeSchema>;

export const statementSchema = z.object({ statement: z.string(), reviewOn: z.string(), reviewDue: z.boolean(), recordedBy: personRefSchema, recordedAt: z.string(), version: z.number().int() });

export const proposalSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  method: methodSchema,
  state: z.enum(["open", "closed"]),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  hiddenUntilClose: z.boolean(),
  anonymous: z.boolean(),
  proposer: z.object({ id: z.string(), displayName: z.string(), seatId: z.string().nullable(), seatName: z.string().nullable() }),
  positionCount: z.number().int(),
  seatsTakingPart: z.number().int(),
  result: z.enum(outcomeResults).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const proposalSchema = proposalSummarySchema.extend({
  body: z.string(),
  options: z.array(optionSchema),
  quorum: quorumSchema,
  seatRule: z.enum(["majority", "unanimous", "proportional"]),
  /** Stances this method takes (stance methods), in display order. */
  allowedStances: z.array(z.string()),
  seats: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
  /** Who has taken part is not a result: shown even while results are hidden. */
  participation: z.object({ seatsTakingPart: z.array(z.string()), seatsNotTakingPart: z.array(z.string()), positionCount: z.number().int() }),
  resultsVisible: z.boolean(),
  outcome: outcomeSchema.nullable(),
  positions: z.array(positionSchema).nullable(),
  myPosition: positionSchema.nullable(),
  adviceDecision: z.object({ decider: personRefSchema, decision: z.enum(["adopt", "reject"]), note: z.string(), adviceTaken: z.array(z.string()) }).nullable(),
  statement: statementSchema.nullable(),
  can: z.object({ takePosition: z.boolean(), edit: z.boolean(), close: z.boolean(), respondToObjections: z.boolean(), decide: z.boolean(), recordOutcome: z.boolean() }),
});
export type ProposalView = z.infer<typeof proposalSchema>;

const seatName = (names: DecisionNames, seatId: string) => names.seats.get(seatId) ?? "A former partner";

/** A label for a tally key: the option's label, or the stance itself. */
function labelOf(proposal: Proposal, key: string): string {
  return proposal.options.find((o) => o.id === key)?.label ?? key;
}

/** The outcome with seat names and option labels; persons appear only where core left them (never on anonymous proposals). */
export function presentOutcome(proposal: Proposal, outcome: Outcome, names: DecisionNames): OutcomeView {
  return {
    proposalId: outcome.proposalId,
    method: outcome.method,
    result: outcome.result,
    passed: outcome.passed,
    winners: outcome.winners.map((id) => ({ optionId: id, label: labelOf(proposal, id) })),
    ranking: outcome.ranking.map((r) => ({ optionId: r.optionId, label: labelOf(proposal, r.optionId), score: r.score, rank: r.rank })),
    failedBecause: [...outcome.failedBecause],
    final: outcome.final,
    quorum: outcome.quorum,
    tally: outcome.tally.map((t) => ({ key: t.key, label: labelOf(proposal, t.key), byPerson: t.byPerson, bySeat: t.bySeat })),
    seats: outcome.seats.map((s) => ({ ...s, name: seatName(names, s.seatId), stance: s.stance, delegateCounts: { ...s.delegateCounts }, contribution: { ...s.contribution } })),
    seatsSplit: outcome.seatsSplit.map((id) => ({ seatId: id, name: seatName(names, id) })),
    seatsNotParticipating: outcome.seatsNotParticipating.map((id) => ({ seatId: id, name: seatName(names, id) })),
    details: outcome.details as unknown as Record<string, unknown>,
  };
}

/** A position with its seat, and its person unless the proposal is anonymous. */
export function presentPosition(proposal: Proposal, position: Position, stored: { personId: string | null; takenAt: Date }, names: DecisionNames): PositionView {
  return {
    id: position.id,
    seatId: position.seatId,
    seatName: seatName(names, position.seatId),
    person: proposal.anonymous || stored.personId === null ? null : { id: stored.personId, displayName: names.people.get(stored.personId) ?? "Someone" },
    value: position.value as PositionView["value"],
    reason: position.reason,
    takenAt: stored.takenAt.toISOString(),
  };
}

/** A short, plain-text description of a seat's part in an outcome, for logs and exports. */
export function describeSeat(outcome: Outcome, seatId: string, proposal: Proposal): string {
  const seat = outcome.seats.find((s) => s.seatId === seatId);
  if (!seat || !seat.participated) return "did not take part";
  if (seat.stance !== null) return seat.stance === "split" ? "split" : (seat.stance as Stance);
  const top = Object.entries(seat.delegateCounts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key]) => labelOf(proposal, key));
  return `${seat.split ? "split: " : ""}${top.slice(0, 3).join(", ") || "took part"}`;
}
