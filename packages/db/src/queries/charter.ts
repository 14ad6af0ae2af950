import type { AllianceViewer } from "@trellis/core";
import type { Amendment, AmendmentKind, AmendmentState, Charter, CharterSetting, ClausePlacement, RatificationAnswer, RenewalAnswer, RenewalRound } from "@trellis/core/charter";
import { sql } from "kysely";
import type { Db, Trx } from "../open-database";
import type { Schema } from "../schema";
import { visibleTo } from "../visibility-filter";
import type { Selectable } from "kysely";

type Reader = Db | Trx;

/** A seat as the charter and decisions see it: id, weight and its organization's name. */
export interface SeatRefRow {
  id: string;
  weight: number;
  name: string;
}

/** The alliance's seats with their organizations' names, in name order. */
export async function listSeatRefs(db: Reader, allianceId: string): Promise<SeatRefRow[]> {
  const rows = await db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "s.weight", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .orderBy("o.name")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({ id: r.id, weight: Number(r.weight), name: r.name }));
}

/** The seats a person acts for as a delegate (the role that answers for a seat). */
export async function listDelegateSeatIds(db: Reader, allianceId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("memberships")
    .select("seat_id")
    .where("alliance_id", "=", allianceId)
    .where("person_id", "=", personId)
    .where("role", "=", "delegate")
    .where("seat_id", "is not", null)
    .execute();
  return [...new Set(rows.flatMap((r) => (r.seat_id ? [r.seat_id] : [])))];
}

/** Display names of people, by id (unknown ids are left out). */
export async function loadPeopleNames(db: Reader, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("people").select(["id", "display_name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The charter head of an alliance (null when it has no charter yet); locked when forUpdate. */
export async function loadCharterHead(db: Reader, allianceId: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("charters").selectAll().where("alliance_id", "=", allianceId);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** One stored charter version as the core value, or null. */
export async function loadCharterVersion(db: Reader, allianceId: string, version: number): Promise<Charter | null> {
  const row = await db.selectFrom("charter_versions").select("body").where("alliance_id", "=", allianceId).where("charter_version", "=", version).executeTakeFirst();
  return row ? (row.body as Charter) : null;
}

/** The versions of the charter the viewer may see, newest first, with the amendment each came from. */
export async function listCharterVersions(db: Reader, allianceId: string, viewer: AllianceViewer) {
  return db
    .selectFrom("charter_versions as v")
    .leftJoin("charter_amendments as a", "a.id", "v.amendment_id")
    .select(["v.charter_version", "v.adopted_at", "v.amendment_id", "a.title as amendment_title", "a.proposer_seat_id", "a.kind as amendment_kind"])
    .where("v.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "v"))
    .orderBy("v.charter_version", "desc")
    .execute();
}

/** An amendment as stored: the core value and what the database adds around it. */
export interface StoredAmendment {
  amendment: Amendment;
  allianceId: string;
  title: string;
  basedOnVersion: number;
  version: number;
}

type AmendmentRow = Selectable<Schema["charter_amendments"]>;

/** Maps a stored amendment row to the core Amendment. */
export function amendmentFromRow(row: AmendmentRow): StoredAmendment {
  return {
    allianceId: row.alliance_id,
    title: row.title,
    basedOnVersion: row.based_on_version,
    version: row.version,
    amendment: {
      id: row.id,
      kind: row.kind as AmendmentKind,
      clauseId: row.clause_id,
      placement: (row.placement ?? null) as ClausePlacement | null,
      baseClauseRevision: row.base_clause_revision,
      baseText: row.base_text,
      proposedText: row.proposed_text,
      proposedSetting: (row.proposed_setting ?? null) as CharterSetting | null,
      rationale: row.rationale,
      proposer: { personId: row.proposer_id, seatId: row.proposer_seat_id },
      state: row.state as AmendmentState,
      draft: row.draft,
      proposedAt: row.proposed_at.toISOString(),
      settledAt: row.settled_at ? row.settled_at.toISOString() : null,
      ratifiedAsVersion: row.ratified_as_version,
    },
  };
}

/** One amendment of the alliance the viewer may see (any viewer when null), locked when forUpdate. */
export async function loadAmendment(db: Reader, allianceId: string, amendmentId: string, options: { viewer?: AllianceViewer; forUpdate?: boolean } = {}) {
  let query = db.selectFrom("charter_amendments as a").selectAll("a").where("a.alliance_id", "=", allianceId).where("a.id", "=", amendmentId);
  if (options.viewer) query = query.where(visibleTo(options.viewer, "a"));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? amendmentFromRow(row) : null;
}

/** Amendments in the given states (all when none given), oldest first, for the use cases. */
export async function listAmendmentsInStates(db: Reader, allianceId: string, states: readonly AmendmentState[], options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("charter_amendments").selectAll().where("alliance_id", "=", allianceId).orderBy("proposed_at").orderBy("id");
  if (states.length > 0) query = query.where("state", "in", [...states]);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.execute()).map(amendmentFromRow);
}

/** A page of amendments the viewer may see, newest first; filters by state, clause and text. */
export async function listAmendments(
  db: Reader,
  allianceId: string,
  viewer: AllianceViewer,
  page: { states?: readonly AmendmentState[] | undefined; clauseId?: string | undefined; q?: string | undefined; after?: [string, string] | undefined; limit: number },
) {
  let query = db
    .selectFrom("charter_amendments as a")
    .selectAll("a")
    .where("a.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "a"))
    .orderBy("a.proposed_at", "desc")
    .orderBy("a.id", "desc")
    .limit(page.limit + 1);
  if (page.states && page.states.length > 0) query = query.where("a.state", "in", [...page.states]);
  if (page.clauseId) query = query.where("a.clause_id", "=", page.clauseId);
  if (page.q) {
    const pattern = `%${page.q.replace(/[%_\\]/g, "\\$&")}%`;
    query = query.where(sql<boolean>`(a.title ilike ${pattern} or a.rationale ilike ${pattern} or coalesce(a.proposed_text, '') ilike ${pattern})`);
  }
  if (page.after) {
    const [at, id] = page.after;
    query = query.where(sql<boolean>`(a.proposed_at, a.id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  return (await query.execute()).map(amendmentFromRow);
}

/** The ratification answers to an amendment (every draft unless one is given), as core values with their times. */
export async function listRatificationAnswers(db: Reader, amendmentIds: readonly string[], draft?: number) {
  if (amendmentIds.length === 0) return [];
  let query = db.selectFrom("charter_ratifications").selectAll().where("amendment_id", "in", [...amendmentIds]).orderBy("answered_at").orderBy("person_id");
  if (draft !== undefined) query = query.where("draft", "=", draft);
  const rows = await query.execute();
  return rows.map((r) => ({
    answer: { amendmentId: r.amendment_id, draft: r.draft, personId: r.person_id, seatId: r.seat_id, answer: r.answer as RatificationAnswer["answer"], reason: r.reason } satisfies RatificationAnswer,
    answeredAt: r.answered_at,
  }));
}

/** Open amendments per clause (id -> count), for the charter page's markers. */
export async function countOpenAmendmentsByClause(db: Reader, allianceId: string, viewer: AllianceViewer): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("charter_amendments as a")
    .select((eb) => ["a.clause_id", eb.fn.countAll<number>().as("n")])
    .where("a.alliance_id", "=", allianceId)
    .where("a.state", "in", ["open", "stale"])
    .where(visibleTo(viewer, "a"))
    .groupBy("a.clause_id")
    .execute();
  return new Map(rows.map((r) => [r.clause_id, Number(r.n)]));
}

/** A page of an amendment's discussion thread, oldest first, with the authors' names. */
export async function listAmendmentComments(db: Reader, amendmentId: string, viewer: AllianceViewer, page: { after?: [string, string] | undefined; limit: number }) {
  let query = db
    .selectFrom("charter_comments as c")
    .innerJoin("people as p", "p.id", "c.author_id")
    .select(["c.id", "c.author_id", "c.author_seat_id", "c.body", "c.created_at", "p.display_name as author_name"])
    .where("c.amendment_id", "=", amendmentId)
    .where(visibleTo(viewer, "c"))
    .orderBy("c.created_at")
    .orderBy("c.id")
    .limit(page.limit + 1);
  if (page.after) {
    const [at, id] = page.after;
    query = query.where(sql<boolean>`(c.created_at, c.id) > (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  return query.execute();
}

/** The renewal round of the alliance that is still open, or null; locked when forUpdate. */
export async function loadOpenRenewalRound(db: Reader, allianceId: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("charter_renewal_rounds").selectAll().where("alliance_id", "=", allianceId).where("closed_at", "is", null);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** The most recent renewal rounds, newest first. */
export async function listRenewalRounds(db: Reader, allianceId: string, viewer: AllianceViewer, limit: number) {
  return db
    .selectFrom("charter_renewal_rounds as r")
    .selectAll("r")
    .where("r.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "r"))
    .orderBy("r.opened_at", "desc")
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
}

/** A stored round as the core RenewalRound. */
export function renewalRoundFromRow(row: { id: string; opened_on: string; seat_ids: string[] }): RenewalRound {
  return { id: row.id, openedOn: row.opened_on, seatIds: row.seat_ids };
}

/** The answers given in a renewal round, as core values with their times. */
export async function listRenewalAnswers(db: Reader, roundId: string) {
  const rows = await db.selectFrom("charter_renewal_answers").selectAll().where("round_id", "=", roundId).orderBy("answered_at").orderBy("person_id").execute();
  return rows.map((r) => ({
    answer: { roundId: r.round_id, personId: r.person_id, seatId: r.seat_id, answer: r.answer as RenewalAnswer["answer"], reason: r.reason } satisfies RenewalAnswer,
    answeredAt: r.answered_at,
  }));
}

/** Alliances whose charter has a version in force and no open renewal round (for the renewal job). */
export async function listChartersWithoutOpenRound(db: Reader) {
  return db
    .selectFrom("charters as c")
    .select(["c.alliance_id", "c.renewed_on", "c.current_version"])
    .where("c.current_version", ">=", 1)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("charter_renewal_rounds as r").select("r.id").whereRef("r.alliance_id", "=", "c.alliance_id").where("r.closed_at", "is", null))))
    .orderBy("c.alliance_id")
    .execute();
}

/** The day the first charter version took effect ("YYYY-MM-DD", UTC), or null when none has. */
export async function loadCharterAdoptedOn(db: Reader, allianceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("charter_versions")
    .select("adopted_at")
    .where("alliance_id", "=", allianceId)
    .where("charter_version", ">=", 1)
    .orderBy("charter_version")
    .limit(1)
    .executeTakeFirst();
  return row?.adopted_at ? row.adopted_at.toISOString().slice(0, 10) : null;
}
