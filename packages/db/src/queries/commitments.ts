import type { AllianceViewer } from "@trellis/core";
import type { Commitment, CommitmentState } from "@trellis/core/commitments";
import { sql, type SqlBool } from "kysely";
import { commitmentFromRows, openCommitmentStatesSql } from "../commitment-store";
import type { Db, Trx } from "../open-database";
import type { CommitmentMoveRow, CommitmentRow } from "../schema";
import { visibleTo } from "../visibility-filter";

/** Escapes a search term for LIKE/ILIKE. */
export function commitmentSearchPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, "\\$&")}%`;
}

/** Filters of an alliance's commitment list; all optional, combined with AND. */
export interface CommitmentListFilters {
  states?: readonly CommitmentState[] | undefined;
  /** open: requested, countered, promised, reported; closed: any terminal state. */
  status?: "open" | "closed" | undefined;
  /** A party (customer or performer), or with `role` the given side only. */
  personId?: string | undefined;
  role?: "customer" | "performer" | undefined;
  /** A seat on either side; or one side with customerSeatId / performerSeatId. */
  seatId?: string | undefined;
  customerSeatId?: string | undefined;
  performerSeatId?: string | undefined;
  /** Only open commitments whose date has passed at this instant. */
  overdueAt?: Date | undefined;
  /** Words in the title or the conditions of satisfaction. */
  q?: string | undefined;
  dueFrom?: Date | undefined;
  dueTo?: Date | undefined;
  meetingId?: string | undefined;
  proposalId?: string | undefined;
  charterClauseId?: string | undefined;
  goalId?: string | undefined;
}

/** due: soonest due date first; updated: most recently changed first. */
export type CommitmentSort = "due" | "updated";

/** A page of an alliance's commitments the viewer may see (limit + 1 rows, to tell whether more follow). */
export async function listCommitmentRows(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer,
  filters: CommitmentListFilters,
  page: { sort: CommitmentSort; after?: [string, string] | undefined; limit: number },
): Promise<CommitmentRow[]> {
  let query = db.selectFrom("commitments as c").selectAll("c").where("c.alliance_id", "=", allianceId).where(visibleTo(viewer, "c"));
  if (filters.states?.length) query = query.where("c.state", "in", [...filters.states]);
  if (filters.status === "open") query = query.where(sql<SqlBool>`c.state in ${openCommitmentStatesSql}`);
  if (filters.status === "closed") query = query.where(sql<SqlBool>`c.state not in ${openCommitmentStatesSql}`);
  if (filters.personId) {
    const personId = filters.personId;
    if (filters.role === "customer") query = query.where("c.customer_person_id", "=", personId);
    else if (filters.role === "performer") query = query.where("c.performer_person_id", "=", personId);
    else query = query.where((eb) => eb.or([eb("c.customer_person_id", "=", personId), eb("c.performer_person_id", "=", personId)]));
  }
  if (filters.seatId) {
    const seatId = filters.seatId;
    query = query.where((eb) => eb.or([eb("c.customer_seat_id", "=", seatId), eb("c.performer_seat_id", "=", seatId)]));
  }
  if (filters.customerSeatId) query = query.where("c.customer_seat_id", "=", filters.customerSeatId);
  if (filters.performerSeatId) query = query.where("c.performer_seat_id", "=", filters.performerSeatId);
  if (filters.overdueAt) query = query.where(sql<SqlBool>`c.state in ${openCommitmentStatesSql}`).where("c.deadline_at", "<", filters.overdueAt);
  if (filters.q) {
    const pattern = commitmentSearchPattern(filters.q);
    query = query.where(sql<SqlBool>`(c.title ilike ${pattern} or c.conditions ilike ${pattern})`);
  }
  if (filters.dueFrom) query = query.where("c.due_at", ">=", filters.dueFrom);
  if (filters.dueTo) query = query.where("c.due_at", "<", filters.dueTo);
  if (filters.meetingId) query = query.where("c.meeting_id", "=", filters.meetingId);
  if (filters.proposalId) query = query.where("c.proposal_id", "=", filters.proposalId);
  if (filters.charterClauseId) query = query.where("c.charter_clause_id", "=", filters.charterClauseId);
  if (filters.goalId) query = query.where("c.goal_id", "=", filters.goalId);
  if (page.sort === "due") {
    if (page.after) {
      const [dueAt, id] = page.after;
      query = query.where(sql<SqlBool>`(c.due_at, c.id) > (${dueAt}::timestamptz, ${id}::uuid)`);
    }
    query = query.orderBy("c.due_at").orderBy("c.id");
  } else {
    if (page.after) {
      const [updatedAt, id] = page.after;
      query = query.where(sql<SqlBool>`(c.updated_at, c.id) < (${updatedAt}::timestamptz, ${id}::uuid)`);
    }
    query = query.orderBy("c.updated_at", "desc").orderBy("c.id", "desc");
  }
  return query.limit(page.limit + 1).execute();
}

/** One commitment row, if it exists in the alliance and the viewer (null: the system) may see it; locked in a transaction when asked. */
export async function loadCommitmentRow(
  db: Db | Trx,
  allianceId: string,
  commitmentId: string,
  viewer: AllianceViewer | null,
  options: { forUpdate?: boolean } = {},
): Promise<CommitmentRow | undefined> {
  let query = db.selectFrom("commitments as c").selectAll("c").where("c.id", "=", commitmentId).where("c.alliance_id", "=", allianceId);
  if (viewer) query = query.where(visibleTo(viewer, "c"));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The moves of the given commitments, each list in thread order. */
export async function loadCommitmentMoves(db: Db | Trx, commitmentIds: readonly string[]): Promise<Map<string, CommitmentMoveRow[]>> {
  const byCommitment = new Map<string, CommitmentMoveRow[]>(commitmentIds.map((id) => [id, []]));
  if (commitmentIds.length === 0) return byCommitment;
  const rows = await db.selectFrom("commitment_moves").selectAll().where("commitment_id", "in", [...commitmentIds]).orderBy("commitment_id").orderBy("seq").execute();
  for (const row of rows) byCommitment.get(row.commitment_id)?.push(row);
  return byCommitment;
}

/** Rows with their moves, as core commitments (same order as the rows). */
export async function hydrateCommitments(db: Db | Trx, rows: readonly CommitmentRow[]): Promise<Commitment[]> {
  const moves = await loadCommitmentMoves(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => commitmentFromRows(row, moves.get(row.id) ?? []));
}

/** One commitment as core sees it (null when absent or hidden from the viewer). */
export async function loadCommitment(
  db: Db | Trx,
  allianceId: string,
  commitmentId: string,
  viewer: AllianceViewer | null,
  options: { forUpdate?: boolean } = {},
): Promise<{ row: CommitmentRow; commitment: Commitment } | null> {
  const row = await loadCommitmentRow(db, allianceId, commitmentId, viewer, options);
  if (!row) return null;
  const [commitment] = await hydrateCommitments(db, [row]);
  return commitment ? { row, commitment } : null;
}

/**
 * Every commitment of the alliance the viewer may see (null: the system, everything), with its
 * history, for the ledger. Commitments closed before `closedSince` and those opened after
 * `openedBy` cannot count in a period starting then / a ledger as of then, so they are skipped.
 */
export async function loadLedgerCommitments(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer | null,
  options: { closedSince?: Date | undefined; openedBy?: Date | undefined } = {},
): Promise<Commitment[]> {
  let query = db.selectFrom("commitments as c").selectAll("c").where("c.alliance_id", "=", allianceId).where("c.opened_at", "is not", null);
  if (viewer) query = query.where(visibleTo(viewer, "c"));
  if (options.closedSince) {
    const since = options.closedSince;
    query = query.where((eb) => eb.or([eb("c.closed_at", "is", null), eb("c.closed_at", ">=", since)]));
  }
  if (options.openedBy) query = query.where("c.opened_at", "<=", options.openedBy);
  const rows = await query.orderBy("c.id").execute();
  if (rows.length === 0) return [];
  const ids = new Set(rows.map((r) => r.id));
  // One pass over the alliance's moves rather than a huge IN list.
  const moves = await db.selectFrom("commitment_moves").selectAll().where("alliance_id", "=", allianceId).orderBy("commitment_id").orderBy("seq").execute();
  const byCommitment = new Map<string, CommitmentMoveRow[]>();
  for (const move of moves) {
    if (!ids.has(move.commitment_id)) continue;
    const list = byCommitment.get(move.commitment_id);
    if (list) list.push(move);
    else byCommitment.set(move.commitment_id, [move]);
  }
  return rows.map((row) => commitmentFromRows(row, byCommitment.get(row.id) ?? []));
}

/** Names for presenting commitments: people by id and the alliance's seats with their organizations. */
export interface PartyDirectory {
  people: Map<string, { displayName: string; email: string }>;
  seats: Map<string, { name: string; organizationId: string; kind: string }>;
}

/** Loads the names of the given people and of every seat of the alliance. */
export async function loadPartyDirectory(db: Db | Trx, allianceId: string, personIds: readonly string[]): Promise<PartyDirectory> {
  const seats = await db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.id as organization_id", "o.name", "o.kind"])
    .where("s.alliance_id", "=", allianceId)
    .execute();
  const ids = [...new Set(personIds)];
  const people = ids.length ? await db.selectFrom("people").select(["id", "display_name", "email"]).where("id", "in", ids).execute() : [];
  return {
    people: new Map(people.map((p) => [p.id, { displayName: p.display_name, email: p.email }])),
    seats: new Map(seats.map((s) => [s.id, { name: s.name, organizationId: s.organization_id, kind: s.kind }])),
  };
}

/** Open commitments past their date within [since, before), across alliances, oldest date first (for reminders). */
export async function listOverdueCommitmentRows(db: Db, window: { since: Date; before: Date }, page: { after?: [string, string] | undefined; limit: number }): Promise<CommitmentRow[]> {
  let query = db
    .selectFrom("commitments as c")
    .selectAll("c")
    .where(sql<SqlBool>`c.state in ${openCommitmentStatesSql}`)
    .where("c.deadline_at", "<", window.before)
    .where("c.deadline_at", ">=", window.since);
  if (page.after) {
    const [deadline, id] = page.after;
    query = query.where(sql<SqlBool>`(c.deadline_at, c.id) > (${deadline}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy("c.deadline_at").orderBy("c.id").limit(page.limit).execute();
}

/** People who are a party to at least one open commitment (for the daily digest). */
export async function listPeopleWithOpenLoops(db: Db): Promise<{ id: string; email: string; display_name: string; time_zone: string }[]> {
  const result = await sql<{ id: string; email: string; display_name: string; time_zone: string }>`
    select p.id, p.email, p.display_name, p.time_zone from people p
    where exists (select 1 from commitments c where c.customer_person_id = p.id and c.state in ${openCommitmentStatesSql})
       or exists (select 1 from commitments c where c.performer_person_id = p.id and c.state in ${openCommitmentStatesSql})
    order by p.id`.execute(db);
  return result.rows;
}
