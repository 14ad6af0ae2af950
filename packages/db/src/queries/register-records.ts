import type { AllianceViewer } from "@trellis/core";
import { sql, type SqlBool } from "kysely";
import type { Db } from "../open-database";
import type { Schema } from "../schema";
import type { Selectable } from "kysely";
import { visibleTo } from "../visibility-filter";

export type BreakdownRow = Selectable<Schema["breakdowns"]>;
export type TensionRow = Selectable<Schema["tensions"]>;
export type TensionDisclosureRow = Selectable<Schema["tension_disclosures"]>;
export type AssumptionRow = Selectable<Schema["assumptions"]>;
export type LearningRow = Selectable<Schema["learnings"]>;
export type RegisterCommentRow = Selectable<Schema["register_comments"]>;
export type RegisterLinkRow = Selectable<Schema["register_links"]>;

/** The four language registers; each record type has its own table. */
export const registerRecordTypes = ["breakdown", "tension", "assumption", "learning"] as const;
export type RegisterRecordType = (typeof registerRecordTypes)[number];

/** Table of each register record type. */
export const registerTables = { breakdown: "breakdowns", tension: "tensions", assumption: "assumptions", learning: "learnings" } as const;

/** A LIKE pattern that matches the words anywhere (wildcards in the words are taken literally). */
export function registerSearchPattern(text: string): string {
  return `%${text.trim().replace(/[%_\\]/g, "\\$&")}%`;
}

/** Rows of one page: limit + 1 are read, so the caller can tell whether more follow. */
export interface RegisterPage {
  /** The (time, id) of the last row of the previous page. */
  after?: [string, string] | undefined;
  limit: number;
}

function searchAny(columns: string[], q: string) {
  const pattern = registerSearchPattern(q);
  return sql<SqlBool>`(${sql.join(columns.map((column) => sql`${sql.ref(column)} ilike ${pattern}`), sql` or `)})`;
}

function before(timeColumn: string, idColumn: string, after: [string, string]) {
  const [time, id] = after;
  return sql<SqlBool>`(${sql.ref(timeColumn)} < ${time}::timestamptz or (${sql.ref(timeColumn)} = ${time}::timestamptz and ${sql.ref(idColumn)} < ${id}::uuid))`;
}

export interface BreakdownFilters {
  status?: string | undefined;
  seatId?: string | undefined;
  q?: string | undefined;
}

/** An alliance's breakdowns the viewer may see, newest first. */
export async function listBreakdownRows(db: Db, allianceId: string, viewer: AllianceViewer, filters: BreakdownFilters, page: RegisterPage): Promise<BreakdownRow[]> {
  let query = db.selectFrom("breakdowns as b").selectAll("b").where("b.alliance_id", "=", allianceId).where(visibleTo(viewer, "b"));
  if (filters.status) query = query.where("b.status", "=", filters.status);
  if (filters.seatId) query = query.where(sql<SqlBool>`${filters.seatId}::uuid = any(b.seat_ids)`);
  if (filters.q) query = query.where(searchAny(["b.what_happened", "b.what_was_expected", "b.impact", "b.reinterpretation", "b.closure_note"], filters.q));
  if (page.after) query = query.where(before("b.named_at", "b.id", page.after));
  return query.orderBy("b.named_at", "desc").orderBy("b.id", "desc").limit(page.limit + 1).execute();
}

/** One breakdown, if the viewer may see it (no viewer: unfiltered, for use cases that check themselves). */
export async function findBreakdownRow(db: Db, allianceId: string, id: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<BreakdownRow | undefined> {
  let query = db.selectFrom("breakdowns as b").selectAll("b").where("b.alliance_id", "=", allianceId).where("b.id", "=", id);
  if (viewer) query = query.where(visibleTo(viewer, "b"));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface TensionFilters {
  status?: string | undefined;
  open?: boolean | undefined;
  targetSeatId?: string | undefined;
  /** Only tensions toward the whole alliance. */
  allianceWide?: boolean | undefined;
  q?: string | undefined;
}

/**
 * An alliance's published tensions the viewer may see, newest first. Anonymous tensions not yet
 * published (their day has not ended) are nobody's to see, facilitators included.
 */
export async function listTensionRows(db: Db, allianceId: string, viewer: AllianceViewer, filters: TensionFilters, page: RegisterPage): Promise<TensionRow[]> {
  let query = db
    .selectFrom("tensions as t")
    .selectAll("t")
    .where("t.alliance_id", "=", allianceId)
    .where("t.published_at", "is not", null)
    .where(visibleTo(viewer, "t"));
  if (filters.status) query = query.where("t.status", "=", filters.status);
  if (filters.open === true) query = query.where("t.status", "in", ["raised", "in_dialogue"]);
  if (filters.open === false) query = query.where("t.status", "in", ["resolved", "reframed"]);
  if (filters.targetSeatId) query = query.where("t.target_seat_id", "=", filters.targetSeatId);
  if (filters.allianceWide) query = query.where("t.target_seat_id", "is", null);
  if (filters.q) query = query.where(searchAny(["t.summary", "t.detail", "t.outcome_text"], filters.q));
  if (page.after) query = query.where(before("t.raised_at", "t.id", page.after));
  return query.orderBy("t.raised_at", "desc").orderBy("t.id", "desc").limit(page.limit + 1).execute();
}

/** One published tension the viewer may see (no viewer: unfiltered and unpublished too, for use cases). */
export async function findTensionRow(db: Db, allianceId: string, id: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<TensionRow | undefined> {
  let query = db.selectFrom("tensions as t").selectAll("t").where("t.alliance_id", "=", allianceId).where("t.id", "=", id);
  if (viewer) query = query.where(visibleTo(viewer, "t")).where("t.published_at", "is not", null);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Disclosures of the given tensions that the viewer may read: facilitators only, by the rows' own visibility. */
export async function listTensionDisclosureRows(db: Db, allianceId: string, viewer: AllianceViewer, tensionIds: readonly string[]): Promise<TensionDisclosureRow[]> {
  if (tensionIds.length === 0) return [];
  return db
    .selectFrom("tension_disclosures as d")
    .selectAll("d")
    .where("d.alliance_id", "=", allianceId)
    .where("d.tension_id", "in", [...tensionIds])
    .where(visibleTo(viewer, "d"))
    .execute();
}

/** Anonymous tensions raised on days that have ended (raised before `dayStart`) and not yet published, in random order. */
export async function listUnpublishedTensionRows(db: Db, dayStart: Date): Promise<TensionRow[]> {
  return db.selectFrom("tensions").selectAll().where("published_at", "is", null).where("raised_at", "<", dayStart).orderBy("alliance_id").orderBy("id").forUpdate().skipLocked().execute();
}

export interface AssumptionFilters {
  status?: string | undefined;
  holderSeatId?: string | undefined;
  /** Only assumptions still in play whose review date is on or before this day (YYYY-MM-DD). */
  reviewDueOn?: string | undefined;
  decisionId?: string | undefined;
  q?: string | undefined;
}

/** An alliance's assumptions the viewer may see, newest first. */
export async function listAssumptionRows(db: Db, allianceId: string, viewer: AllianceViewer, filters: AssumptionFilters, page: RegisterPage): Promise<AssumptionRow[]> {
  let query = db.selectFrom("assumptions as a").selectAll("a").where("a.alliance_id", "=", allianceId).where(visibleTo(viewer, "a"));
  if (filters.status) query = query.where("a.status", "=", filters.status);
  if (filters.holderSeatId) query = query.where("a.holder_seat_id", "=", filters.holderSeatId);
  if (filters.reviewDueOn) query = query.where("a.status", "<>", "invalidated").where("a.review_on", "<=", filters.reviewDueOn);
  if (filters.decisionId) query = query.where(sql<SqlBool>`${filters.decisionId}::uuid = any(a.decision_ids)`);
  if (filters.q) query = query.where(searchAny(["a.statement", "a.test_plan", "a.last_test_evidence"], filters.q));
  if (page.after) query = query.where(before("a.recorded_at", "a.id", page.after));
  return query.orderBy("a.recorded_at", "desc").orderBy("a.id", "desc").limit(page.limit + 1).execute();
}

/** One assumption, if the viewer may see it (no viewer: unfiltered). */
export async function findAssumptionRow(db: Db, allianceId: string, id: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<AssumptionRow | undefined> {
  let query = db.selectFrom("assumptions as a").selectAll("a").where("a.alliance_id", "=", allianceId).where("a.id", "=", id);
  if (viewer) query = query.where(visibleTo(viewer, "a"));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface LearningFilters {
  seatId?: string | undefined;
  sourceKind?: string | undefined;
  q?: string | undefined;
}

/** An alliance's learnings the viewer may see, newest first. */
export async function listLearningRows(db: Db, allianceId: string, viewer: AllianceViewer, filters: LearningFilters, page: RegisterPage): Promise<LearningRow[]> {
  let query = db.selectFrom("learnings as l").selectAll("l").where("l.alliance_id", "=", allianceId).where(visibleTo(viewer, "l"));
  if (filters.seatId) query = query.where(sql<SqlBool>`${filters.seatId}::uuid = any(l.seat_ids)`);
  if (filters.sourceKind) query = query.where("l.source_kind", "=", filters.sourceKind);
  if (filters.q) query = query.where(searchAny(["l.source_title", "l.what_happened", "l.what_was_learned", "l.what_changes"], filters.q));
  if (page.after) query = query.where(before("l.recorded_at", "l.id", page.after));
  return query.orderBy("l.recorded_at", "desc").orderBy("l.id", "desc").limit(page.limit + 1).execute();
}

/** One learning, if the viewer may see it (no viewer: unfiltered). */
export async function findLearningRow(db: Db, allianceId: string, id: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<LearningRow | undefined> {
  let query = db.selectFrom("learnings as l").selectAll("l").where("l.alliance_id", "=", allianceId).where("l.id", "=", id);
  if (viewer) query = query.where(visibleTo(viewer, "l"));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Which register a record id belongs to, if it is one of the alliance's register records. */
export async function findRegisterRecordType(db: Db, allianceId: string, id: string): Promise<RegisterRecordType | null> {
  const row = await sql<{ type: RegisterRecordType }>`
    select 'breakdown' as type from breakdowns where id = ${id} and alliance_id = ${allianceId}
    union all select 'tension' from tensions where id = ${id} and alliance_id = ${allianceId}
    union all select 'assumption' from assumptions where id = ${id} and alliance_id = ${allianceId}
    union all select 'learning' from learnings where id = ${id} and alliance_id = ${allianceId}
    limit 1`.execute(db);
  return row.rows[0]?.type ?? null;
}

/** A register record's comments with their authors' names, oldest first. */
export async function listRegisterCommentRows(db: Db, recordId: string) {
  return db
    .selectFrom("register_comments as c")
    .innerJoin("people as p", "p.id", "c.author_id")
    .select(["c.id", "c.record_type", "c.record_id", "c.author_id", "c.body", "c.created_at", "p.display_name as author_name"])
    .where("c.record_id", "=", recordId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .limit(500)
    .execute();
}

/** The links a register record makes to other records. */
export async function listRegisterLinksFrom(db: Db, recordIds: readonly string[]): Promise<RegisterLinkRow[]> {
  if (recordIds.length === 0) return [];
  return db.selectFrom("register_links").selectAll().where("from_id", "in", [...recordIds]).orderBy("to_type").orderBy("to_id").execute();
}

/** A register record that links to a given record, as the viewer may see it. */
export interface LinkingRecordRow {
  link_id: string;
  relation: string;
  record_type: RegisterRecordType;
  record_id: string;
  title: string;
  status: string | null;
  at: Date;
}

/**
 * The register records (of any register) that link to the given record id and that the viewer may
 * see, newest first: e.g. the breakdowns closed by a commitment, the assumptions a decision rests on.
 * Unpublished anonymous tensions are left out.
 */
export async function listRecordsLinkingTo(db: Db, allianceId: string, viewer: AllianceViewer, recordId: string): Promise<LinkingRecordRow[]> {
  const rows = await sql<LinkingRecordRow>`
    select l.id as link_id, l.relation, l.from_type as record_type, l.from_id as record_id, x.title, x.status, x.at
    from register_links l
    join (
      select b.id, b.what_happened as title, b.status, b.named_at as at from breakdowns b where b.alliance_id = ${allianceId} and ${visibleTo(viewer, "b")}
      union all
      select t.id, t.summary, t.status, t.raised_at from tensions t where t.alliance_id = ${allianceId} and t.published_at is not null and ${visibleTo(viewer, "t")}
      union all
      select a.id, a.statement, a.status, a.recorded_at from assumptions a where a.alliance_id = ${allianceId} and ${visibleTo(viewer, "a")}
      union all
      select g.id, g.source_title, null, g.recorded_at from learnings g where g.alliance_id = ${allianceId} and ${visibleTo(viewer, "g")}
    ) x on x.id = l.from_id
    where l.alliance_id = ${allianceId} and l.to_id = ${recordId}
    order by x.at desc, l.from_id desc
    limit 500`.execute(db);
  return rows.rows;
}

/**
 * Reads a linked record of another capability, if its table exists in this database, the record
 * belongs to the alliance and the viewer may see it: its title and whether everyone may see it.
 * Undefined when the table is unknown (nothing to check); null when the record is not there for the viewer.
 */
export async function findLinkableRecord(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer,
  target: { type: string; id: string },
): Promise<{ title: string; allianceWide: boolean } | null | undefined> {
  const tables: Record<string, { table: string; title: string; extra?: string }> = {
    commitment: { table: "commitments", title: "title" },
    proposal: { table: "decision_proposals", title: "title" },
    breakdown: { table: "breakdowns", title: "what_happened" },
    tension: { table: "tensions", title: "summary", extra: "published_at is not null" },
    assumption: { table: "assumptions", title: "statement" },
    learning: { table: "learnings", title: "source_title" },
    meeting: { table: "meetings", title: "title" },
  };
  const known = Object.prototype.hasOwnProperty.call(tables, target.type) ? tables[target.type] : undefined;
  if (!known) return undefined;
  const exists = await sql<{ present: boolean }>`select to_regclass(${known.table}) is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return undefined;
  const row = await sql<{ title: string | null; visibility: string }>`
    select r.${sql.ref(known.title)}::text as title, r.visibility from ${sql.table(known.table)} r
    where r.id = ${target.id} and r.alliance_id = ${allianceId} and ${visibleTo(viewer, "r")}
    ${known.extra ? sql`and r.${sql.raw(known.extra)}` : sql``}`.execute(db);
  const found = row.rows[0];
  if (!found) return null;
  return { title: found.title ?? "", allianceWide: found.visibility === "alliance" };
}
