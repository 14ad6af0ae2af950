import { confidenceToNumber, isAssumptionReviewDue } from "@trellis/core/registers";
import { assumptionFromRow, visibilityFromColumns, type AssumptionRow, type BreakdownRow, type LearningRow, type LinkingRecordRow, type RegisterLinkRow } from "@trellis/db";
import { z } from "zod";

/** Names the presenters resolve ids to. */
export interface RegisterNames {
  seats: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

export const seatRefSchema = z.object({ id: z.string(), name: z.string() });
export const personRefSchema = z.object({ id: z.string(), displayName: z.string() });
export const visibilitySchema = z.object({ level: z.enum(["alliance", "seats", "facilitators", "clean_team"]), seatIds: z.array(z.string()).optional(), cleanTeamId: z.string().optional() });
export const linkSchema = z.object({ id: z.string(), type: z.string(), recordId: z.string(), relation: z.enum(["closed_by", "supports", "learned_from", "related"]) });
export const commentSchema = z.object({ id: z.string(), author: personRefSchema, body: z.string(), createdAt: z.string() });
export const linkingRecordSchema = z.object({ linkId: z.string(), relation: z.string(), recordType: z.enum(["breakdown", "tension", "assumption", "learning"]), recordId: z.string(), title: z.string(), status: z.string().nullable(), at: z.string() });

export function seatRef(names: RegisterNames, id: string) {
  return { id, name: names.seats.get(id) ?? "A seat" };
}

export function personRef(names: RegisterNames, id: string) {
  return { id, displayName: names.people.get(id) ?? "Someone" };
}

export function presentVisibility(row: { visibility: string; visible_seat_ids: string[]; clean_team_id: string | null }): z.infer<typeof visibilitySchema> {
  const visibility = visibilityFromColumns(row);
  if (visibility.level === "seats") return { level: "seats", seatIds: [...visibility.seatIds] };
  if (visibility.level === "clean_team") return { level: "clean_team", cleanTeamId: visibility.cleanTeamId };
  return { level: visibility.level };
}

export function presentLink(row: RegisterLinkRow): z.infer<typeof linkSchema> {
  return { id: row.id, type: row.to_type, recordId: row.to_id, relation: row.relation as z.infer<typeof linkSchema>["relation"] };
}

export function presentComment(row: { id: string; author_id: string; author_name: string; body: string; created_at: Date }): z.infer<typeof commentSchema> {
  return { id: row.id, author: { id: row.author_id, displayName: row.author_name }, body: row.body, createdAt: row.created_at.toISOString() };
}

export function presentLinkingRecord(row: LinkingRecordRow): z.infer<typeof linkingRecordSchema> {
  return { linkId: row.link_id, relation: row.relation, recordType: row.record_type, recordId: row.record_id, title: row.title, status: row.status, at: row.at.toISOString() };
}

export const breakdownSchema = z.object({
  id: z.string(),
  whatHappened: z.string(),
  whatWasExpected: z.string(),
  impact: z.string(),
  seats: z.array(seatRefSchema),
  namedBy: personRefSchema,
  status: z.enum(["open", "in_discussion", "closed"]),
  closure: z
    .object({ kind: z.enum(["reinterpretation", "action"]), reinterpretation: z.string().optional(), action: z.object({ type: z.string(), id: z.string() }).optional(), note: z.string().nullable().optional() })
    .nullable(),
  namedAt: z.string(),
  discussionOpenedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  visibility: visibilitySchema,
  version: z.number().int(),
});

/** A breakdown as it leaves the server. */
export function presentBreakdown(row: BreakdownRow, names: RegisterNames): z.infer<typeof breakdownSchema> {
  return {
    id: row.id,
    whatHappened: row.what_happened,
    whatWasExpected: row.what_was_expected,
    impact: row.impact,
    seats: row.seat_ids.map((id) => seatRef(names, id)),
    namedBy: personRef(names, row.named_by),
    status: row.status as "open" | "in_discussion" | "closed",
    closure:
      row.closure_kind === "reinterpretation"
        ? { kind: "reinterpretation", reinterpretation: row.reinterpretation ?? "" }
        : row.closure_kind === "action"
          ? { kind: "action", action: { type: row.action_type ?? "", id: row.action_id ?? "" }, note: row.closure_note }
          : null,
    namedAt: row.named_at.toISOString(),
    discussionOpenedAt: row.discussion_opened_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    visibility: presentVisibility(row),
    version: row.version,
  };
}

export const assumptionSchema = z.object({
  id: z.string(),
  statement: z.string(),
  holder: z.union([z.object({ kind: z.literal("seat"), seat: seatRefSchema }), z.object({ kind: z.literal("person"), person: personRefSchema })]),
  confidence: z.union([z.number(), z.enum(["low", "medium", "high"])]),
  confidenceValue: z.number(),
  testPlan: z.string(),
  status: z.enum(["untested", "holding", "invalidated"]),
  reviewOn: z.string(),
  isReviewDue: z.boolean(),
  decisionIds: z.array(z.string()),
  lastTest: z.object({ at: z.string(), outcome: z.enum(["holding", "invalidated"]), evidence: z.string() }).nullable(),
  recordedBy: personRefSchema,
  recordedAt: z.string(),
  visibility: visibilitySchema,
  version: z.number().int(),
});

/** An assumption as it leaves the server; `today` (YYYY-MM-DD) decides whether its review is due. */
export function presentAssumption(row: AssumptionRow, names: RegisterNames, today: string): z.infer<typeof assumptionSchema> {
  const assumption = assumptionFromRow(row);
  return {
    id: row.id,
    statement: row.statement,
    holder: assumption.holder.kind === "seat" ? { kind: "seat", seat: seatRef(names, assumption.holder.seatId) } : { kind: "person", person: personRef(names, assumption.holder.personId) },
    confidence: assumption.confidence,
    confidenceValue: confidenceToNumber(assumption.confidence),
    testPlan: row.test_plan,
    status: assumption.status,
    reviewOn: row.review_on,
    isReviewDue: isAssumptionReviewDue(assumption, today),
    decisionIds: [...row.decision_ids],
    lastTest: assumption.lastTest ? { at: assumption.lastTest.at.toISOString(), outcome: assumption.lastTest.outcome, evidence: assumption.lastTest.evidence } : null,
    recordedBy: personRef(names, row.recorded_by),
    recordedAt: row.recorded_at.toISOString(),
    visibility: presentVisibility(row),
    version: row.version,
  };
}

export const learningSchema = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(["experiment", "event"]), title: z.string(), link: z.object({ type: z.string(), id: z.string() }).nullable() }),
  whatHappened: z.string(),
  whatWasLearned: z.string(),
  whatChanges: z.string(),
  seats: z.array(seatRefSchema),
  recordedBy: personRefSchema,
  recordedAt: z.string(),
  revisedAt: z.string().nullable(),
  visibility: visibilitySchema,
  version: z.number().int(),
});

/** A learning as it leaves the server. */
export function presentLearning(row: LearningRow, names: RegisterNames): z.infer<typeof learningSchema> {
  return {
    id: row.id,
    source: {
      kind: row.source_kind as "experiment" | "event",
      title: row.source_title,
      link: row.source_link_type && row.source_link_id ? { type: row.source_link_type, id: row.source_link_id } : null,
    },
    whatHappened: row.what_happened,
    whatWasLearned: row.what_was_learned,
    whatChanges: row.what_changes,
    seats: row.seat_ids.map((id) => seatRef(names, id)),
    recordedBy: personRef(names, row.recorded_by),
    recordedAt: row.recorded_at.toISOString(),
    revisedAt: row.revised_at?.toISOString() ?? null,
    visibility: presentVisibility(row),
    version: row.version,
  };
}
