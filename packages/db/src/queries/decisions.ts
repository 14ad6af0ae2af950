import type { AllianceViewer } from "@trellis/core";
import type { AdviceDecision, DecisionMethod, ObjectionResponse, Outcome, Position, PositionValue, Proposal, ProposalOption, Quorum, SeatRef, SeatRule } from "@trellis/core/decisions";
import { sql, type Selectable } from "kysely";
import type { Db, Trx } from "../open-database";
import type { Schema } from "../schema";
import { visibleTo } from "../visibility-filter";

type Reader = Db | Trx;
type ProposalRow = Selectable<Schema["decision_proposals"]>;

/** A proposal as stored: the core value and what the database adds around it. The author salt stays here. */
export interface StoredProposal {
  proposal: Proposal;
  allianceId: string;
  title: string;
  body: string;
  state: "open" | "closed";
  closedBy: string | null;
  authorSalt: string;
  adviceDecision: AdviceDecision | null;
  /** Frozen at close (null while open). */
  outcome: Outcome | null;
  seatsAtClose: SeatRef[] | null;
  result: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Maps a stored proposal row to the core Proposal and its surroundings. */
export function proposalFromRow(row: ProposalRow): StoredProposal {
  return {
    allianceId: row.alliance_id,
    title: row.title,
    body: row.body,
    state: row.state === "closed" ? "closed" : "open",
    closedBy: row.closed_by,
    authorSalt: row.author_salt,
    adviceDecision: (row.advice_decision ?? null) as AdviceDecision | null,
    outcome: (row.outcome ?? null) as Outcome | null,
    seatsAtClose: (row.seats_at_close ?? null) as SeatRef[] | null,
    result: row.result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    proposal: {
      id: row.id,
      proposerId: row.proposer_id,
      proposerSeatId: row.proposer_seat_id,
      method: row.method as DecisionMethod,
      options: (row.options ?? []) as ProposalOption[],
      closesAt: row.closes_at ? row.closes_at.toISOString() : null,
      closedAt: row.closed_at ? row.closed_at.toISOString() : null,
      hiddenUntilClose: row.hidden_until_close,
      anonymous: row.anonymous,
      quorum: row.quorum as Quorum,
      seatRule: row.seat_rule as SeatRule,
    },
  };
}

/** One proposal of the alliance that the viewer may see (any viewer when none is given), locked when forUpdate. */
export async function loadProposal(db: Reader, allianceId: string, proposalId: string, options: { viewer?: AllianceViewer; forUpdate?: boolean } = {}) {
  let query = db.selectFrom("decision_proposals as d").selectAll("d").where("d.alliance_id", "=", allianceId).where("d.id", "=", proposalId);
  if (options.viewer) query = query.where(visibleTo(options.viewer, "d"));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? proposalFromRow(row) : null;
}

function likePattern(q: string): string {
  return `%${q.replace(/[%_\\]/g, "\\$&")}%`;
}

/** A page of proposals the viewer may see, newest first; filters by state, method and text. */
export async function listProposals(
  db: Reader,
  allianceId: string,
  viewer: AllianceViewer,
  page: { state?: "open" | "closed" | undefined; method?: string | undefined; q?: string | undefined; after?: [string, string] | undefined; limit: number },
) {
  let query = db
    .selectFrom("decision_proposals as d")
    .selectAll("d")
    .select((eb) => [
      eb.selectFrom("decision_positions as p").select(eb.fn.countAll<number>().as("n")).whereRef("p.proposal_id", "=", "d.id").as("position_count"),
      eb.selectFrom("decision_positions as p").select(sql<number>`count(distinct p.seat_id)`.as("n")).whereRef("p.proposal_id", "=", "d.id").as("seat_count"),
    ])
    .where("d.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "d"))
    .orderBy("d.created_at", "desc")
    .orderBy("d.id", "desc")
    .limit(page.limit + 1);
  if (page.state) query = query.where("d.state", "=", page.state);
  if (page.method) query = query.where("d.method_kind", "=", page.method);
  if (page.q) {
    const pattern = likePattern(page.q);
    query = query.where(sql<boolean>`(d.title ilike ${pattern} or d.body ilike ${pattern})`);
  }
  if (page.after) {
    const [at, id] = page.after;
    query = query.where(sql<boolean>`(d.created_at, d.id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...proposalFromRow(row), positionCount: Number(row.position_count ?? 0), seatCount: Number(row.seat_count ?? 0) }));
}

/** A stored position: the core value, whose it is (null when anonymous), and when it was taken. */
export interface StoredPosition {
  position: Position;
  authorKey: string;
  /** The author for named proposals; always null for anonymous ones. */
  personId: string | null;
  takenAt: Date;
}

/**
 * The current positions on a proposal. For an anonymous proposal the core Position's personId is
 * the author key (an opaque stand-in that keeps one position per person countable), never a person.
 */
export async function listPositions(db: Reader, proposalId: string): Promise<StoredPosition[]> {
  const rows = await db.selectFrom("decision_positions").selectAll().where("proposal_id", "=", proposalId).orderBy("taken_at").orderBy("id").execute();
  return rows.map((r) => ({
    authorKey: r.author_key,
    personId: r.person_id,
    takenAt: r.taken_at,
    position: { id: r.id, personId: r.person_id ?? r.author_key, seatId: r.seat_id, value: r.value as PositionValue, reason: r.reason },
  }));
}

/** The proposer's answers to consent objections on a proposal, oldest first. */
export async function listObjectionResponses(db: Reader, proposalId: string) {
  const rows = await db.selectFrom("decision_objection_responses").selectAll().where("proposal_id", "=", proposalId).orderBy("responded_at").orderBy("id").execute();
  return rows.map((r) => ({
    response: { positionId: r.position_id, kind: r.kind as ObjectionResponse["kind"], note: r.note, respondedBy: r.responded_by } satisfies ObjectionResponse,
    respondedAt: r.responded_at,
  }));
}

/** The outcome statement of a proposal, with who recorded it, or null. */
export async function loadOutcomeStatement(db: Reader, proposalId: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("decision_outcomes as o")
    .innerJoin("people as p", "p.id", "o.recorded_by")
    .select(["o.proposal_id", "o.statement", "o.review_on", "o.recorded_by", "o.recorded_at", "o.version", "p.display_name as recorded_by_name"])
    .where("o.proposal_id", "=", proposalId);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * The decision log: closed proposals the viewer may see, most recently closed first, with their
 * outcome statements. Searches title, description and statement; filters by method, result and
 * review dates on or before a day.
 */
export async function listDecisionLog(
  db: Reader,
  allianceId: string,
  viewer: AllianceViewer,
  page: { q?: string | undefined; method?: string | undefined; result?: string | undefined; reviewDueOn?: string | undefined; after?: [string, string] | undefined; limit: number },
) {
  let query = db
    .selectFrom("decision_proposals as d")
    .leftJoin("decision_outcomes as o", "o.proposal_id", "d.id")
    .leftJoin("people as r", "r.id", "o.recorded_by")
    .innerJoin("people as pp", "pp.id", "d.proposer_id")
    .selectAll("d")
    .select(["o.statement", "o.review_on", "o.recorded_at", "r.display_name as recorded_by_name", "pp.display_name as proposer_name"])
    .where("d.alliance_id", "=", allianceId)
    .where("d.state", "=", "closed")
    .where(visibleTo(viewer, "d"))
    .orderBy("d.closed_at", "desc")
    .orderBy("d.id", "desc")
    .limit(page.limit + 1);
  if (page.method) query = query.where("d.method_kind", "=", page.method);
  if (page.result) query = query.where("d.result", "=", page.result);
  if (page.reviewDueOn) query = query.where("o.review_on", "<=", page.reviewDueOn);
  if (page.q) {
    const pattern = likePattern(page.q);
    query = query.where(sql<boolean>`(d.title ilike ${pattern} or d.body ilike ${pattern} or coalesce(o.statement, '') ilike ${pattern})`);
  }
  if (page.after) {
    const [at, id] = page.after;
    query = query.where(sql<boolean>`(d.closed_at, d.id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    ...proposalFromRow(row),
    proposerName: row.proposer_name,
    statement: row.statement === null ? null : { statement: row.statement, reviewOn: row.review_on ?? "", recordedAt: row.recorded_at, recordedByName: row.recorded_by_name },
  }));
}

/** Open proposals whose closing time has come, oldest first (for the closing job). */
export async function listDueProposals(db: Reader, now: Date, limit: number) {
  return db
    .selectFrom("decision_proposals")
    .select(["id", "alliance_id"])
    .where("state", "=", "open")
    .where("closes_at", "<=", now)
    .orderBy("closes_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}
