import type { Visibility } from "@trellis/core";
import type { Assumption, Breakdown, Learning, Tension, TensionDisclosure } from "@trellis/core/registers";
import { visibilityFromColumns } from "./event-log";
import type { AssumptionRow, BreakdownRow, LearningRow, TensionDisclosureRow, TensionRow } from "./queries/register-records";

/**
 * Stored register rows read back as core records (so core rules apply to them) and core records
 * written as columns. Visibility and version live beside the record, not in it.
 */
export function breakdownFromRow(row: BreakdownRow): Breakdown {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    namedByPersonId: row.named_by,
    whatHappened: row.what_happened,
    whatWasExpected: row.what_was_expected,
    impact: row.impact,
    seatIds: row.seat_ids,
    status: row.status as Breakdown["status"],
    closure:
      row.closure_kind === "reinterpretation"
        ? { kind: "reinterpretation", reinterpretation: row.reinterpretation ?? "" }
        : row.closure_kind === "action"
          ? { kind: "action", action: { type: row.action_type as "commitment" | "proposal", id: row.action_id ?? "" }, note: row.closure_note }
          : null,
    namedAt: row.named_at,
    discussionOpenedAt: row.discussion_opened_at,
    closedAt: row.closed_at,
  };
}

/** A breakdown's columns (everything but identity, visibility and version). */
export function breakdownColumns(breakdown: Breakdown) {
  const closure = breakdown.closure;
  return {
    what_happened: breakdown.whatHappened,
    what_was_expected: breakdown.whatWasExpected,
    impact: breakdown.impact,
    seat_ids: [...breakdown.seatIds],
    status: breakdown.status,
    closure_kind: closure?.kind ?? null,
    reinterpretation: closure?.kind === "reinterpretation" ? closure.reinterpretation : null,
    action_type: closure?.kind === "action" ? closure.action.type : null,
    action_id: closure?.kind === "action" ? closure.action.id : null,
    closure_note: closure?.kind === "action" ? closure.note : null,
    named_at: breakdown.namedAt,
    discussion_opened_at: breakdown.discussionOpenedAt,
    closed_at: breakdown.closedAt,
  };
}

/** A stored tension as core reads it (an anonymous row has no author columns to read). */
export function tensionFromRow(row: TensionRow): Tension {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    summary: row.summary,
    detail: row.detail,
    target: row.target_seat_id ? { kind: "seat", seatId: row.target_seat_id } : { kind: "alliance" },
    anonymous: row.anonymous,
    fromSeatId: row.anonymous ? null : row.from_seat_id,
    raisedByPersonId: row.anonymous ? null : row.raised_by,
    status: row.status as Tension["status"],
    raisedAt: row.raised_at,
    dialogueOpenedAt: row.dialogue_opened_at,
    closedAt: row.closed_at,
    outcome:
      row.outcome_kind === "resolved"
        ? { kind: "resolved", note: row.outcome_text ?? "" }
        : row.outcome_kind === "reframed"
          ? { kind: "reframed", reframing: row.outcome_text ?? "" }
          : null,
  };
}

/** A tension's columns; author columns stay null for an anonymous tension whatever the record says. */
export function tensionColumns(tension: Tension) {
  return {
    summary: tension.summary,
    detail: tension.detail,
    target_seat_id: tension.target.kind === "seat" ? tension.target.seatId : null,
    anonymous: tension.anonymous,
    from_seat_id: tension.anonymous ? null : tension.fromSeatId,
    raised_by: tension.anonymous ? null : tension.raisedByPersonId,
    status: tension.status,
    raised_at: tension.raisedAt,
    dialogue_opened_at: tension.dialogueOpenedAt,
    closed_at: tension.closedAt,
    outcome_kind: tension.outcome?.kind ?? null,
    outcome_text: tension.outcome ? (tension.outcome.kind === "resolved" ? tension.outcome.note : tension.outcome.reframing) : null,
  };
}

/** A stored disclosure as core reads it. */
export function tensionDisclosureFromRow(row: TensionDisclosureRow): TensionDisclosure {
  return { tensionId: row.tension_id, personId: row.person_id, seatId: row.seat_id, disclosedAt: row.disclosed_at, visibility: { level: "facilitators" } };
}

/** A stored assumption as core reads it. */
export function assumptionFromRow(row: AssumptionRow): Assumption {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    statement: row.statement,
    holder: row.holder_seat_id ? { kind: "seat", seatId: row.holder_seat_id } : { kind: "person", personId: row.holder_person_id ?? "" },
    confidence: row.confidence_level ? (row.confidence_level as "low" | "medium" | "high") : (row.confidence_value ?? 0),
    testPlan: row.test_plan,
    status: row.status as Assumption["status"],
    reviewOn: row.review_on,
    decisionIds: row.decision_ids,
    recordedAt: row.recorded_at,
    lastTest:
      row.last_test_at && row.last_test_outcome
        ? { at: row.last_test_at, outcome: row.last_test_outcome as "holding" | "invalidated", evidence: row.last_test_evidence ?? "" }
        : null,
  };
}

/** An assumption's columns. */
export function assumptionColumns(assumption: Assumption) {
  return {
    statement: assumption.statement,
    holder_seat_id: assumption.holder.kind === "seat" ? assumption.holder.seatId : null,
    holder_person_id: assumption.holder.kind === "person" ? assumption.holder.personId : null,
    confidence_level: typeof assumption.confidence === "string" ? assumption.confidence : null,
    confidence_value: typeof assumption.confidence === "number" ? assumption.confidence : null,
    test_plan: assumption.testPlan,
    status: assumption.status,
    review_on: assumption.reviewOn,
    decision_ids: [...assumption.decisionIds],
    last_test_at: assumption.lastTest?.at ?? null,
    last_test_outcome: assumption.lastTest?.outcome ?? null,
    last_test_evidence: assumption.lastTest?.evidence ?? null,
    recorded_at: assumption.recordedAt,
  };
}

/** A stored learning as core reads it. */
export function learningFromRow(row: LearningRow): Learning {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    source: {
      kind: row.source_kind as "experiment" | "event",
      title: row.source_title,
      link: row.source_link_type && row.source_link_id ? { type: row.source_link_type, id: row.source_link_id } : null,
    },
    whatHappened: row.what_happened,
    whatWasLearned: row.what_was_learned,
    whatChanges: row.what_changes,
    seatIds: row.seat_ids,
    recordedByPersonId: row.recorded_by,
    recordedAt: row.recorded_at,
    revisedAt: row.revised_at,
  };
}

/** A learning's columns. */
export function learningColumns(learning: Learning) {
  return {
    source_kind: learning.source.kind,
    source_title: learning.source.title,
    source_link_type: learning.source.link?.type ?? null,
    source_link_id: learning.source.link?.id ?? null,
    what_happened: learning.whatHappened,
    what_was_learned: learning.whatWasLearned,
    what_changes: learning.whatChanges,
    seat_ids: [...learning.seatIds],
    recorded_by: learning.recordedByPersonId,
    recorded_at: learning.recordedAt,
    revised_at: learning.revisedAt,
  };
}

/** The visibility a register row carries. */
export function registerVisibility(row: { visibility: string; visible_seat_ids: string[]; clean_team_id: string | null }): Visibility {
  return visibilityFromColumns(row);
}
