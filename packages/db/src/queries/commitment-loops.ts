import type { AllianceViewer } from "@trellis/core";
import type { LoopReason } from "@trellis/core/commitments";
import { sql, type RawBuilder } from "kysely";
import { openCommitmentStatesSql } from "../commitment-store";
import type { Db } from "../open-database";
import type { CommitmentRow } from "../schema";
import { visibleTo } from "../visibility-filter";
import { commitmentSearchPattern } from "./commitments";

/** Which list of "my loops": what waits on me, or what I wait on. */
export type LoopSide = "waits_on_me" | "i_wait_on";

/** Filters of a "my loops" list. */
export interface LoopFilters {
  reason?: LoopReason | undefined;
  /** Only loops past their date at this instant. */
  overdueAt?: Date | undefined;
  q?: string | undefined;
  /** Only loops with this seat on the other side. */
  counterpartSeatId?: string | undefined;
}

export type LoopRow = CommitmentRow & { loop_side: LoopSide; loop_reason: LoopReason; my_role: "customer" | "performer" };

type Role = "customer" | "performer";

/*
 * The side and the reason of an open loop for the person in the given role, in SQL. They mirror
 * core's classifyMyLoops and whoseTurn (a test checks both agree on every state): the performer
 * answers requests and performs promises (even while proposing new terms, the old promise
 * stands); the customer answers offers and counters and declares on reports; a proposal of new
 * terms waits on the side that did not make it.
 */
function sideOf(role: Role): RawBuilder<LoopSide> {
  return role === "customer"
    ? sql<LoopSide>`(case when c.state in ('countered', 'reported') or (c.state = 'promised' and c.pending_renegotiation->>'by' = 'performer') then 'waits_on_me' else 'i_wait_on' end)`
    : sql<LoopSide>`(case when c.state in ('requested', 'promised') then 'waits_on_me' else 'i_wait_on' end)`;
}

function reasonOf(role: Role): RawBuilder<LoopReason> {
  const promised =
    role === "customer"
      ? sql`case when c.pending_renegotiation is null then 'perform' else 'respond_to_renegotiation' end`
      : sql`case when c.pending_renegotiation->>'by' = 'customer' then 'respond_to_renegotiation' else 'perform' end`;
  return sql<LoopReason>`(case c.state
    when 'requested' then 'answer'
    when 'countered' then case when c.last_move = 'offer' then 'respond_to_offer' else 'respond_to_counter' end
    when 'reported' then 'declare'
    else ${promised} end)`;
}

function branch(role: Role, allianceId: string, personId: string, viewer: AllianceViewer, conditions: RawBuilder<unknown>[]) {
  const partyColumn = role === "customer" ? sql.ref("c.customer_person_id") : sql.ref("c.performer_person_id");
  const extra = conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`select c.*, ${sideOf(role)} as loop_side, ${reasonOf(role)} as loop_reason, ${sql.lit(role)}::text as my_role
    from commitments c
    where ${partyColumn} = ${personId} and c.alliance_id = ${allianceId} and c.state in ${openCommitmentStatesSql}
      and ${visibleTo(viewer, "c")}${extra}`;
}

/**
 * A page of one person's open loops in one alliance, overdue first: ordered by the date each loop
 * is held to, then id, which is core's compareLoops order (most overdue first, then the nearest
 * date). Two index scans on the partial indexes of open commitments, merged. limit + 1 rows.
 */
export async function listLoopRows(
  db: Db,
  allianceId: string,
  personId: string,
  viewer: AllianceViewer,
  side: LoopSide,
  filters: LoopFilters,
  page: { after?: [string, string] | undefined; limit: number },
): Promise<LoopRow[]> {
  const result = await loopRowsQuery(allianceId, personId, viewer, side, filters, page).execute(db);
  return result.rows;
}

/** The SQL of listLoopRows (also for EXPLAIN in the benchmark). */
export function loopRowsQuery(
  allianceId: string,
  personId: string,
  viewer: AllianceViewer,
  side: LoopSide,
  filters: LoopFilters,
  page: { after?: [string, string] | undefined; limit: number },
): RawBuilder<LoopRow> {
  const parts = (role: Role) => {
    const conditions: RawBuilder<unknown>[] = [sql`${sideOf(role)} = ${side}`];
    if (filters.reason) conditions.push(sql`${reasonOf(role)} = ${filters.reason}`);
    if (filters.overdueAt) conditions.push(sql`c.deadline_at < ${filters.overdueAt}`);
    if (filters.q) {
      const pattern = commitmentSearchPattern(filters.q);
      conditions.push(sql`(c.title ilike ${pattern} or c.conditions ilike ${pattern})`);
    }
    if (filters.counterpartSeatId) conditions.push(sql`${sql.ref(role === "customer" ? "c.performer_seat_id" : "c.customer_seat_id")} = ${filters.counterpartSeatId}`);
    if (page.after) conditions.push(sql`(c.deadline_at, c.id) > (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)`);
    return sql`(${branch(role, allianceId, personId, viewer, conditions)} order by c.deadline_at, c.id limit ${page.limit + 1})`;
  };
  return sql<LoopRow>`select * from (${parts("customer")} union all ${parts("performer")}) loops order by deadline_at, id limit ${page.limit + 1}`;
}

/** Counts of one person's open loops in one alliance, by side, reason and whether overdue at `at`. */
export async function countLoopRows(
  db: Db,
  allianceId: string,
  personId: string,
  viewer: AllianceViewer,
  at: Date,
): Promise<LoopCountRow[]> {
  const result = await loopCountsQuery(allianceId, personId, viewer, at).execute(db);
  return result.rows;
}

export type LoopCountRow = { side: LoopSide; reason: LoopReason; overdue: boolean; n: number };

/** The SQL of countLoopRows (also for EXPLAIN in the benchmark). */
export function loopCountsQuery(allianceId: string, personId: string, viewer: AllianceViewer, at: Date): RawBuilder<LoopCountRow> {
  const counted = (role: Role) =>
    sql`select ${sideOf(role)} as side, ${reasonOf(role)} as reason, c.deadline_at < ${at} as overdue
      from commitments c
      where ${sql.ref(role === "customer" ? "c.customer_person_id" : "c.performer_person_id")} = ${personId} and c.alliance_id = ${allianceId}
        and c.state in ${openCommitmentStatesSql} and ${visibleTo(viewer, "c")}`;
  return sql<LoopCountRow>`
    select side, reason, overdue, count(*)::int as n from (${counted("customer")} union all ${counted("performer")}) loops
    group by side, reason, overdue`;
}
