import type { AuthorshipBalance, Charter, CharterDiff, CharterRenewalStatus, CharterRules, Clause, RatificationEvaluation, SeatRatification } from "@trellis/core/charter";
import { clauseAuthors, sectionKinds } from "@trellis/core/charter";
import type { WordDiffPart } from "@trellis/core/charter";
import { z } from "zod";

/** Names the presenters resolve ids to. */
export interface Names {
  seats: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

const fractionSchema = z.object({ numerator: z.number().int(), denominator: z.number().int() });
export const amendmentRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unanimous") }),
  z.object({ kind: z.literal("qualified_majority"), threshold: fractionSchema }),
  z.object({ kind: z.literal("weighted"), threshold: fractionSchema }),
]);
export const charterSettingSchema = z.discriminatedUnion("key", [
  z.object({ key: z.literal("amendment_rule"), rule: amendmentRuleSchema }),
  z.object({ key: z.literal("renewal_period"), months: z.number().int() }),
  z.object({ key: z.literal("decision_quorum"), fraction: fractionSchema }),
]);
const seatRefSchema = z.object({ id: z.string(), name: z.string(), weight: z.number() });
const personRefSchema = z.object({ id: z.string(), displayName: z.string() });
const seatNameSchema = z.object({ seatId: z.string(), name: z.string() });
export const wordDiffPartSchema = z.object({ op: z.enum(["equal", "delete", "insert"]), text: z.string() });

const authorshipEntrySchema = z.object({
  kind: z.enum(["wrote", "amended"]),
  seatId: z.string().nullable(),
  seatName: z.string().nullable(),
  person: personRefSchema,
  charterVersion: z.number().int(),
  amendmentId: z.string().nullable(),
  at: z.string(),
});

export const clauseSchema = z.object({
  id: z.string(),
  section: z.enum(sectionKinds),
  seatId: z.string().nullable(),
  seatName: z.string().nullable(),
  scopeSide: z.enum(["in", "out"]).nullable(),
  text: z.string(),
  setting: charterSettingSchema.nullable(),
  revision: z.number().int(),
  authors: z.object({ wroteBy: seatNameSchema.nullable(), facilitatorWritten: z.boolean(), amendedBy: z.array(seatNameSchema) }),
  authorship: z.array(authorshipEntrySchema),
  openAmendments: z.number().int(),
});

export const authorshipBalanceSchema = z.object({
  seats: z.array(z.object({ seatId: z.string(), name: z.string(), wrote: z.number().int(), amended: z.number().int(), total: z.number().int(), share: z.number() })),
  withoutSeat: z.number().int(),
  gini: z.number().nullable(),
  equity: z.number().nullable(),
});

export const renewalStatusSchema = z.object({
  renewedOn: z.string().nullable(),
  since: z.string(),
  periodMonths: z.number().int(),
  nextDueOn: z.string(),
  isDue: z.boolean(),
  isOverdue: z.boolean(),
  overdueByDays: z.number().int(),
  dueInDays: z.number().int(),
});

export const charterSchema = z.object({
  allianceId: z.string(),
  version: z.number().int(),
  currentVersion: z.number().int(),
  isCurrent: z.boolean(),
  adoptedAt: z.string().nullable(),
  amendmentId: z.string().nullable(),
  rules: z.object({ amendmentRule: amendmentRuleSchema, renewalPeriodMonths: z.number().int(), decisionQuorum: fractionSchema.nullable() }),
  seats: z.array(seatRefSchema),
  sections: z.array(z.object({ section: z.enum(sectionKinds), clauses: z.array(clauseSchema) })),
  authorship: authorshipBalanceSchema,
  renewal: renewalStatusSchema.nullable(),
  can: z.object({ propose: z.boolean(), openRenewal: z.boolean() }),
});
export type CharterView = z.infer<typeof charterSchema>;

const nameOf = (names: Names, seatId: string | null) => (seatId === null ? null : (names.seats.get(seatId) ?? "A former partner"));
const personOf = (names: Names, personId: string) => ({ id: personId, displayName: names.people.get(personId) ?? "Someone" });

/** One clause with who wrote and amended it. */
export function presentClause(clause: Clause, names: Names, openAmendments: number): z.infer<typeof clauseSchema> {
  const authors = clauseAuthors(clause);
  return {
    id: clause.id,
    section: clause.section,
    seatId: clause.seatId,
    seatName: nameOf(names, clause.seatId),
    scopeSide: clause.scopeSide,
    text: clause.text,
    setting: clause.setting,
    revision: clause.revision,
    authors: {
      wroteBy: authors.wroteBy === null ? null : { seatId: authors.wroteBy, name: nameOf(names, authors.wroteBy) ?? "" },
      facilitatorWritten: authors.facilitatorWritten,
      amendedBy: authors.amendedBy.map((seatId) => ({ seatId, name: nameOf(names, seatId) ?? "" })),
    },
    authorship: clause.authorship.map((entry) => ({
      kind: entry.kind,
      seatId: entry.seatId,
      seatName: nameOf(names, entry.seatId),
      person: personOf(names, entry.personId),
      charterVersion: entry.charterVersion,
      amendmentId: entry.amendmentId,
      at: entry.at,
    })),
    openAmendments,
  };
}

/** Authorship balance with seat names. */
export function presentAuthorship(balance: AuthorshipBalance, names: Names): z.infer<typeof authorshipBalanceSchema> {
  return {
    seats: balance.seats.map((s) => ({ seatId: s.seatId, name: nameOf(names, s.seatId) ?? "", wrote: s.wrote, amended: s.amended, total: s.total, share: s.share })),
    withoutSeat: balance.withoutSeat,
    gini: balance.gini,
    equity: balance.equity,
  };
}

/** The charter page: sections in reading order (empty ones included), clauses with authorship, the balance, the rules and renewal. */
export function presentCharter(input: {
  charter: Charter;
  currentVersion: number;
  rules: CharterRules;
  seats: readonly { id: string; name: string; weight: number }[];
  balance: AuthorshipBalance;
  renewal: CharterRenewalStatus | null;
  openAmendmentsByClause: ReadonlyMap<string, number>;
  names: Names;
  can: CharterView["can"];
}): CharterView {
  const { charter, names } = input;
  return {
    allianceId: charter.allianceId,
    version: charter.version,
    currentVersion: input.currentVersion,
    isCurrent: charter.version === input.currentVersion,
    adoptedAt: charter.adoptedAt,
    amendmentId: charter.amendmentId,
    rules: input.rules,
    seats: input.seats.map((s) => ({ id: s.id, name: s.name, weight: s.weight })),
    sections: sectionKinds.map((section) => ({
      section,
      clauses: charter.clauses.filter((c) => c.section === section).map((c) => presentClause(c, names, input.openAmendmentsByClause.get(c.id) ?? 0)),
    })),
    authorship: presentAuthorship(input.balance, names),
    renewal: input.renewal,
    can: input.can,
  };
}

export const charterVersionListSchema = z.object({
  currentVersion: z.number().int(),
  items: z.array(
    z.object({
      version: z.number().int(),
      adoptedAt: z.string().nullable(),
      amendment: z.object({ id: z.string(), title: z.string(), kind: z.string(), proposerSeatId: z.string().nullable(), proposerSeatName: z.string().nullable() }).nullable(),
    }),
  ),
});

export const charterDiffSchema = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  clauses: z.array(
    z.object({
      clauseId: z.string(),
      section: z.enum(sectionKinds),
      seatId: z.string().nullable(),
      seatName: z.string().nullable(),
      change: z.enum(["added", "removed", "changed", "unchanged"]),
      parts: z.array(wordDiffPartSchema),
      settingChanged: z.boolean(),
    }),
  ),
});

/** A word-level diff between two versions, clause by clause. */
export function presentCharterDiff(diff: CharterDiff, names: Names): z.infer<typeof charterDiffSchema> {
  return {
    fromVersion: diff.fromVersion,
    toVersion: diff.toVersion,
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed,
    clauses: diff.clauses.map((c) => ({ ...c, seatName: nameOf(names, c.seatId), parts: [...c.parts] })),
  };
}

const seatRatificationSchema = z.object({
  seatId: z.string(),
  name: z.string(),
  weight: z.number(),
  answer: z.enum(["consents", "objects"]).nullable(),
  split: z.boolean(),
  consenting: z.number().int(),
  objecting: z.number().int(),
  objections: z.array(z.object({ person: personRefSchema, reason: z.string() })),
  delegates: z.array(z.object({ person: personRefSchema, answer: z.enum(["consent", "object"]), reason: z.string().nullable(), answeredAt: z.string() })),
});

export const ratificationSchema = z.object({
  draft: z.number().int(),
  rule: amendmentRuleSchema,
  verdict: z.enum(["met", "pending", "unreachable"]).nullable(),
  met: z.boolean(),
  seats: z.array(seatRatificationSchema),
  consentingSeats: z.array(z.string()),
  objectingSeats: z.array(z.string()),
  pendingSeats: z.array(z.string()),
  consentingWeight: z.number(),
  totalWeight: z.number(),
});

export const amendmentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(["add", "change", "remove"]),
  clauseId: z.string(),
  section: z.enum(sectionKinds),
  state: z.enum(["open", "ratified", "rejected", "withdrawn", "stale"]),
  draft: z.number().int(),
  version: z.number().int(),
  rationale: z.string(),
  proposer: z.object({ id: z.string(), displayName: z.string(), seatId: z.string(), seatName: z.string() }),
  proposedAt: z.string(),
  settledAt: z.string().nullable(),
  ratifiedAsVersion: z.number().int().nullable(),
  basedOnVersion: z.number().int(),
});
export type AmendmentSummary = z.infer<typeof amendmentSummarySchema>;

export const amendmentSchema = amendmentSummarySchema.extend({
  placement: z.object({ section: z.enum(sectionKinds), seatId: z.string().nullable(), scopeSide: z.enum(["in", "out"]).nullable() }).nullable(),
  proposedText: z.string().nullable(),
  proposedSetting: charterSettingSchema.nullable(),
  baseText: z.string().nullable(),
  baseClauseRevision: z.number().int().nullable(),
  /** The clause as it stands in the charter in force (null for an addition or a removed clause). */
  currentClause: z.object({ text: z.string(), revision: z.number().int(), seatId: z.string().nullable(), scopeSide: z.enum(["in", "out"]).nullable() }).nullable(),
  /** Word diff from the text it was written against to the proposed text. */
  diff: z.array(wordDiffPartSchema),
  stale: z.boolean(),
  /** For a stale change: a three-way merge of the proposal onto the current clause, when the edits do not overlap. */
  suggestedRebase: z.string().nullable(),
  ratification: ratificationSchema,
  myAnswer: z.object({ answer: z.enum(["consent", "object"]), reason: z.string().nullable(), seatId: z.string() }).nullable(),
  commentCount: z.number().int(),
  can: z.object({ answer: z.boolean(), rebase: z.boolean(), withdraw: z.boolean(), reject: z.boolean(), comment: z.boolean() }),
});
export type AmendmentView = z.infer<typeof amendmentSchema>;

/** A seat's ratification with names and each delegate's answer. */
export function presentSeatRatification(
  seat: SeatRatification,
  names: Names,
  delegates: readonly { personId: string; seatId: string; answer: "consent" | "object"; reason: string | null; answeredAt: Date }[],
): z.infer<typeof seatRatificationSchema> {
  return {
    seatId: seat.seatId,
    name: nameOf(names, seat.seatId) ?? "",
    weight: seat.weight,
    answer: seat.answer,
    split: seat.split,
    consenting: seat.consenting,
    objecting: seat.objecting,
    objections: seat.objections.map((o) => ({ person: personOf(names, o.personId), reason: o.reason })),
    delegates: delegates
      .filter((d) => d.seatId === seat.seatId)
      .map((d) => ({ person: personOf(names, d.personId), answer: d.answer, reason: d.reason, answeredAt: d.answeredAt.toISOString() })),
  };
}

/** The ratification of an amendment's current draft, seat by seat. */
export function presentRatification(
  evaluation: RatificationEvaluation,
  names: Names,
  delegates: readonly { personId: string; seatId: string; answer: "consent" | "object"; reason: string | null; answeredAt: Date }[],
  showVerdict: boolean,
): z.infer<typeof ratificationSchema> {
  return {
    draft: evaluation.draft,
    rule: evaluation.rule,
    verdict: showVerdict ? evaluation.verdict : null,
    met: evaluation.met,
    seats: evaluation.seats.map((s) => presentSeatRatification(s, names, delegates)),
    consentingSeats: [...evaluation.consentingSeats],
    objectingSeats: [...evaluation.objectingSeats],
    pendingSeats: [...evaluation.pendingSeats],
    consentingWeight: evaluation.consentingWeight,
    totalWeight: evaluation.totalWeight,
  };
}

export const commentSchema = z.object({ id: z.string(), author: personRefSchema, seatId: z.string().nullable(), seatName: z.string().nullable(), body: z.string(), createdAt: z.string() });

export const renewalSchema = z.object({
  status: renewalStatusSchema.nullable(),
  openRound: z
    .object({
      id: z.string(),
      openedOn: z.string(),
      seats: z.array(
        z.object({
          seatId: z.string(),
          name: z.string(),
          answer: z.enum(["reaffirms", "concern"]).nullable(),
          split: z.boolean(),
          concerns: z.array(z.object({ person: personRefSchema, reason: z.string() })),
          delegates: z.array(z.object({ person: personRefSchema, answer: z.enum(["reaffirm", "concern"]), reason: z.string().nullable(), answeredAt: z.string() })),
        }),
      ),
      pendingSeats: z.array(z.string()),
      concernedSeats: z.array(z.string()),
      complete: z.boolean(),
    })
    .nullable(),
  rounds: z.array(z.object({ id: z.string(), openedOn: z.string(), closedAt: z.string().nullable(), renewedOn: z.string().nullable() })),
  myAnswer: z.object({ answer: z.enum(["reaffirm", "concern"]), reason: z.string().nullable(), seatId: z.string() }).nullable(),
  can: z.object({ open: z.boolean(), answer: z.boolean() }),
});
export type RenewalView = z.infer<typeof renewalSchema>;

/** The parts of a word diff as plain objects (the API returns them as they are). */
export function presentDiffParts(parts: readonly WordDiffPart[]): z.infer<typeof wordDiffPartSchema>[] {
  return parts.map((p) => ({ op: p.op, text: p.text }));
}
