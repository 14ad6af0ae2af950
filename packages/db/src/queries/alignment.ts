import type { AllianceViewer } from "@trellis/core";
import { sql } from "kysely";
import type { Db, Trx } from "../open-database";
import { visibleTo } from "../visibility-filter";

/** Statement moderation states (migrations/20261124-0700-alignment.sql). */
export const alignmentModerations = ["pending", "accepted", "rejected", "meta"] as const;
export type AlignmentModeration = (typeof alignmentModerations)[number];

/** Moderation states shown for voting: accepted statements and meta ones. */
export const votableModerations: readonly AlignmentModeration[] = ["accepted", "meta"];

function selectMapsWithCounts(db: Db) {
  return db
    .selectFrom("alignment_maps as m")
    .leftJoin("alignment_results as r", "r.map_id", "m.id")
    .selectAll("m")
    .select((eb) => [
      "r.k as result_k",
      "r.revision as result_revision",
      "r.computed_at as result_computed_at",
      eb.selectFrom("alignment_statements as s").select(eb.fn.countAll<number>().as("n")).whereRef("s.map_id", "=", "m.id").where("s.moderation", "in", [...votableModerations]).as("statement_count"),
      eb.selectFrom("alignment_statements as s").select(eb.fn.countAll<number>().as("n")).whereRef("s.map_id", "=", "m.id").where("s.moderation", "=", "pending").as("pending_count"),
      eb.selectFrom("alignment_votes as v").select(sql<number>`count(distinct v.participant_id)`.as("n")).whereRef("v.map_id", "=", "m.id").as("voter_count"),
      eb.selectFrom("alignment_votes as v").select(eb.fn.countAll<number>().as("n")).whereRef("v.map_id", "=", "m.id").as("vote_count"),
    ]);
}

/** A page of the alliance's alignment maps the viewer may see, newest first, with their counts. */
export async function listAlignmentMaps(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer,
  page: { after?: [string, string] | undefined; limit: number; status?: string | undefined; q?: string | undefined },
) {
  let query = selectMapsWithCounts(db)
    .where("m.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "m"))
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(page.limit + 1);
  if (page.after) {
    const [createdAt, id] = page.after;
    query = query.where((eb) => eb.or([eb("m.created_at", "<", new Date(createdAt)), eb.and([eb("m.created_at", "=", new Date(createdAt)), eb("m.id", "<", id)])]));
  }
  if (page.status) query = query.where("m.status", "=", page.status);
  if (page.q) query = query.where("m.question", "ilike", `%${page.q.replace(/[%_\\]/g, "\\$&")}%`);
  return query.execute();
}

/** One map the viewer may see, with the counts the list shows. */
export async function loadAlignmentMapWithCounts(db: Db, allianceId: string, mapId: string, viewer: AllianceViewer) {
  return selectMapsWithCounts(db).where("m.id", "=", mapId).where("m.alliance_id", "=", allianceId).where(visibleTo(viewer, "m")).executeTakeFirst();
}

/** Number of people (or pseudonyms) who voted on a map. */
export async function countAlignmentVoters(db: Db, mapId: string): Promise<number> {
  const row = await db.selectFrom("alignment_votes").select(sql<number>`count(distinct participant_id)`.as("n")).where("map_id", "=", mapId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type AlignmentMapListRow = Awaited<ReturnType<typeof listAlignmentMaps>>[number];

/** One map of the alliance, if the viewer may see it. */
export async function loadAlignmentMap(db: Db | Trx, allianceId: string, mapId: string, viewer: AllianceViewer) {
  return db.selectFrom("alignment_maps as m").selectAll("m").where("m.id", "=", mapId).where("m.alliance_id", "=", allianceId).where(visibleTo(viewer, "m")).executeTakeFirst();
}

export type AlignmentMapRow = NonNullable<Awaited<ReturnType<typeof loadAlignmentMap>>>;

/** The person's participant row in a map, if they joined it (voted or wrote a statement). */
export async function findAlignmentParticipant(db: Db | Trx, mapId: string, personId: string) {
  return db.selectFrom("alignment_participants").select(["id", "position"]).where("map_id", "=", mapId).where("person_id", "=", personId).executeTakeFirst();
}

/**
 * A page of a map's statements by number, with the viewer's own vote. `moderations` are the
 * states the viewer may see; `orAuthoredBy` adds that participant's own statements whatever
 * their state.
 */
export async function listAlignmentStatements(
  db: Db,
  mapId: string,
  options: {
    moderations: readonly AlignmentModeration[];
    orAuthoredBy: string | null;
    participantId: string | null;
    /** Only statements in this state (still within what the viewer may see). */
    only?: AlignmentModeration | undefined;
    afterNumber?: number | undefined;
    limit: number;
    q?: string | undefined;
  },
) {
  let query = db
    .selectFrom("alignment_statements as s")
    .leftJoin("alignment_votes as v", (join) => join.onRef("v.statement_id", "=", "s.id").on("v.participant_id", "=", options.participantId ?? "00000000-0000-0000-0000-000000000000"))
    .select(["s.id", "s.number", "s.body", "s.moderation", "s.author_participant_id", "s.created_at", "s.moderated_at", "s.version", "v.vote as my_vote"])
    .where("s.map_id", "=", mapId)
    .where((eb) => {
      const states = options.moderations.length > 0 ? eb("s.moderation", "in", [...options.moderations]) : sql<boolean>`false`;
      return options.orAuthoredBy ? eb.or([states, eb("s.author_participant_id", "=", options.orAuthoredBy)]) : states;
    })
    .orderBy("s.number")
    .limit(options.limit + 1);
  if (options.only) query = query.where("s.moderation", "=", options.only);
  if (options.afterNumber !== undefined) query = query.where("s.number", ">", options.afterNumber);
  if (options.q) query = query.where("s.body", "ilike", `%${options.q.replace(/[%_\\]/g, "\\$&")}%`);
  return query.execute();
}

/** How far a participant is: votes on statements open for voting, of how many. */
export async function loadAlignmentProgress(db: Db | Trx, mapId: string, participantId: string | null): Promise<{ voted: number; total: number }> {
  const row = await db
    .selectFrom("alignment_statements as s")
    .leftJoin("alignment_votes as v", (join) => join.onRef("v.statement_id", "=", "s.id").on("v.participant_id", "=", participantId ?? "00000000-0000-0000-0000-000000000000"))
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("v.vote").as("voted")])
    .where("s.map_id", "=", mapId)
    .where("s.moderation", "in", [...votableModerations])
    .executeTakeFirstOrThrow();
  return { voted: Number(row.voted), total: Number(row.total) };
}

/**
 * The next statement a person has not voted on, among those open for voting. Each person gets
 * their own stable order (a hash of person and statement), so no statement is always seen first
 * by everyone and a reload shows the same next statement.
 */
export async function findNextAlignmentStatement(db: Db | Trx, mapId: string, personId: string, participantId: string | null) {
  return db
    .selectFrom("alignment_statements as s")
    .select(["s.id", "s.number", "s.body", "s.moderation"])
    .where("s.map_id", "=", mapId)
    .where("s.moderation", "in", [...votableModerations])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("alignment_votes as v")
            .select("v.statement_id")
            .whereRef("v.statement_id", "=", "s.id")
            .where("v.participant_id", "=", participantId ?? "00000000-0000-0000-0000-000000000000"),
        ),
      ),
    )
    .orderBy(sql`md5(${personId}::text || s.id::text)`)
    .orderBy("s.number")
    .limit(1)
    .executeTakeFirst();
}

/** Everything the analysis of a map reads, in the order that seeds it. */
export interface AlignmentAnalysisInput {
  map: { id: string; allianceId: string; revision: number; visibility: string; visibleSeatIds: string[]; cleanTeamId: string | null };
  /** By number. */
  statements: { id: string; moderation: AlignmentModeration }[];
  /** By position (the order participants joined the map). */
  participants: { id: string; personId: string | null }[];
  votes: { participantId: string; statementId: string; vote: -1 | 0 | 1 }[];
  /** person id -> the seat they speak for (their first delegate seat, else their first member seat). */
  seatOfPerson: Map<string, string>;
}

/** Reads a map's statements, participants, latest votes and the people's seats (call in one snapshot). */
export async function loadAlignmentAnalysisInput(db: Db | Trx, mapId: string): Promise<AlignmentAnalysisInput | null> {
  const map = await db.selectFrom("alignment_maps").select(["id", "alliance_id", "revision", "visibility", "visible_seat_ids", "clean_team_id"]).where("id", "=", mapId).executeTakeFirst();
  if (!map) return null;
  const statements = await db.selectFrom("alignment_statements").select(["id", "moderation"]).where("map_id", "=", mapId).orderBy("number").execute();
  const participants = await db.selectFrom("alignment_participants").select(["id", "person_id"]).where("map_id", "=", mapId).orderBy("position").execute();
  const votes = await db.selectFrom("alignment_votes").select(["participant_id", "statement_id", "vote"]).where("map_id", "=", mapId).execute();
  const seats = await sql<{ person_id: string; seat_id: string }>`
    select distinct on (person_id) person_id, seat_id from memberships
    where alliance_id = ${map.alliance_id} and seat_id is not null and role in ('delegate', 'member')
    order by person_id, (role = 'delegate') desc, created_at, seat_id`.execute(db);
  return {
    map: { id: map.id, allianceId: map.alliance_id, revision: map.revision, visibility: map.visibility, visibleSeatIds: map.visible_seat_ids, cleanTeamId: map.clean_team_id },
    statements: statements.map((s) => ({ id: s.id, moderation: s.moderation as AlignmentModeration })),
    participants: participants.map((p) => ({ id: p.id, personId: p.person_id })),
    votes: votes.map((v) => ({ participantId: v.participant_id, statementId: v.statement_id, vote: v.vote as -1 | 0 | 1 })),
    seatOfPerson: new Map(seats.rows.map((r) => [r.person_id, r.seat_id])),
  };
}

/** The stored result of a map, if one was computed. */
export async function loadAlignmentResult(db: Db | Trx, mapId: string) {
  return db.selectFrom("alignment_results").selectAll().where("map_id", "=", mapId).executeTakeFirst();
}

/** Statement texts of a map by id (for presenting results). */
export async function loadAlignmentStatementTexts(db: Db, mapId: string) {
  return db.selectFrom("alignment_statements").select(["id", "number", "body", "moderation"]).where("map_id", "=", mapId).execute();
}

/** Names of the alliance's seats (their organizations), by seat id. */
export async function loadSeatNames(db: Db, allianceId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select(["s.id", "o.name"]).where("s.alliance_id", "=", allianceId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
