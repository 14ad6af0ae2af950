import type { Commitment, CommitmentState, MoveName, MoveRecord, PendingRenegotiation, CommitmentRole } from "@trellis/core/commitments";
import { deadlineOf } from "@trellis/core/commitments";
import { sql } from "kysely";
import { visibilityColumns, visibilityFromColumns } from "./event-log";
import type { Trx } from "./open-database";
import type { CommitmentMoveRow, CommitmentRow } from "./schema";

/** Open states as a SQL list literal: partial indexes only match a literal list, never parameters. */
export const openCommitmentStatesSql = sql.raw(`('requested', 'countered', 'promised', 'reported')`);

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A stored move back as core's MoveRecord (only the keys the move carried, as applyMove writes them). */
export function moveRecordFromRow(row: CommitmentMoveRow): MoveRecord {
  const record: MoveRecord = { move: row.move as MoveName, by: row.by_person_id, role: row.role as CommitmentRole, at: row.at.toISOString() };
  if (row.message !== null) record.message = row.message;
  if (row.conditions !== null) record.conditions = row.conditions;
  if (row.due_at !== null) record.dueAt = row.due_at.toISOString();
  if (row.time_zone !== null) record.timeZone = row.time_zone;
  if (row.answer_by !== null) record.answerBy = row.answer_by.toISOString();
  return record;
}

/** Rebuilds core's Commitment from its row and its moves (sorted by seq). */
export function commitmentFromRows(row: CommitmentRow, moves: readonly CommitmentMoveRow[]): Commitment {
  const links: Commitment["links"] = {};
  if (row.meeting_id !== null) links.meetingId = row.meeting_id;
  if (row.proposal_id !== null) links.proposalId = row.proposal_id;
  if (row.charter_clause_id !== null) links.charterClauseId = row.charter_clause_id;
  if (row.goal_id !== null) links.goalId = row.goal_id;
  return {
    id: row.id,
    allianceId: row.alliance_id,
    customer: { personId: row.customer_person_id, seatId: row.customer_seat_id },
    performer: { personId: row.performer_person_id, seatId: row.performer_seat_id },
    title: row.title,
    conditions: row.conditions,
    dueAt: row.due_at.toISOString(),
    timeZone: row.time_zone,
    links,
    visibility: visibilityFromColumns(row),
    state: row.state as CommitmentState,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    pendingRenegotiation: (row.pending_renegotiation ?? null) as PendingRenegotiation | null,
    commitToCommitBy: iso(row.commit_to_commit_by),
    history: [...moves].sort((a, b) => a.seq - b.seq).map(moveRecordFromRow),
    negotiationRounds: row.negotiation_rounds,
    openedAt: iso(row.opened_at),
    firstResponseAt: iso(row.first_response_at),
    promisedAt: iso(row.promised_at),
    reportedAt: iso(row.reported_at),
    closedAt: iso(row.closed_at),
  };
}

/** The columns that follow from a commitment's state (everything a move may change). */
function stateColumns(commitment: Commitment, at: Date) {
  const last = commitment.history[commitment.history.length - 1];
  return {
    title: commitment.title,
    conditions: commitment.conditions,
    due_at: commitment.dueAt,
    time_zone: commitment.timeZone,
    state: commitment.state,
    pending_renegotiation: commitment.pendingRenegotiation === null ? null : JSON.stringify(commitment.pendingRenegotiation),
    commit_to_commit_by: commitment.commitToCommitBy,
    deadline_at: deadlineOf(commitment)?.at ?? null,
    negotiation_rounds: commitment.negotiationRounds,
    opened_at: commitment.openedAt,
    first_response_at: commitment.firstResponseAt,
    promised_at: commitment.promisedAt,
    reported_at: commitment.reportedAt,
    closed_at: commitment.closedAt,
    last_move: last?.move ?? null,
    last_move_at: last?.at ?? null,
    updated_at: at,
    version: commitment.version,
  };
}

/** Inserts a new commitment (already opened by its first move) in the caller's transaction. */
export async function insertCommitmentRow(trx: Trx, commitment: Commitment, meta: { createdBy: string; at: Date }): Promise<void> {
  await trx
    .insertInto("commitments")
    .values({
      id: commitment.id,
      alliance_id: commitment.allianceId,
      customer_person_id: commitment.customer.personId,
      customer_seat_id: commitment.customer.seatId,
      performer_person_id: commitment.performer.personId,
      performer_seat_id: commitment.performer.seatId,
      meeting_id: commitment.links.meetingId ?? null,
      proposal_id: commitment.links.proposalId ?? null,
      charter_clause_id: commitment.links.charterClauseId ?? null,
      goal_id: commitment.links.goalId ?? null,
      created_by: meta.createdBy,
      created_at: commitment.createdAt,
      ...visibilityColumns(commitment.visibility),
      ...stateColumns(commitment, meta.at),
    })
    .execute();
}

/**
 * Writes a commitment's new state after a move, only if the stored version is still the one the
 * move was applied to. False means someone else moved first: the caller must roll back.
 */
export async function updateCommitmentRow(trx: Trx, commitment: Commitment, expectedVersion: number, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable("commitments")
    .set(stateColumns(commitment, at))
    .where("id", "=", commitment.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Appends one move to the thread; (commitment, seq) is the key, so a move is never stored twice. */
export async function insertCommitmentMove(trx: Trx, commitment: Commitment, seq: number, record: MoveRecord, eventSeq: number): Promise<void> {
  await trx
    .insertInto("commitment_moves")
    .values({
      commitment_id: commitment.id,
      seq,
      alliance_id: commitment.allianceId,
      move: record.move,
      by_person_id: record.by,
      role: record.role,
      at: record.at,
      message: record.message ?? null,
      conditions: record.conditions ?? null,
      due_at: record.dueAt ?? null,
      time_zone: record.timeZone ?? null,
      answer_by: record.answerBy ?? null,
      event_seq: eventSeq,
    })
    .execute();
}
