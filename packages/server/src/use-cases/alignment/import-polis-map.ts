import { AppError } from "@trellis/core";
import type { PolisComment, VoteEvent, VoteMatrix } from "@trellis/core/alignment/index";
import { sql } from "kysely";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** A parsed Pol.is export, as the CLI reads it (packages/cli/src/commands/alignment.ts). */
export interface PolisImportInput {
  question: string;
  description?: string | undefined;
  /** The latest-vote matrix (buildPolisVoteMatrix): statements and participants in Pol.is's order. */
  matrix: VoteMatrix;
  comments: readonly PolisComment[] | null;
  /** Vote events, when votes.csv was read: they date each latest vote. */
  votes: readonly VoteEvent[] | null;
}

/** What an import wrote. */
export interface PolisImportSummary {
  mapId: string;
  statements: number;
  participants: number;
  votes: number;
}

const chunk = 5000;

/**
 * Imports a Pol.is conversation into a new map of the alliance, in one transaction: statements
 * with their moderation (-1 rejected, meta flagged, 0 pending, 1 accepted), participants as
 * pseudonyms (their Pol.is ids, no accounts), and each participant's latest vote. Participants
 * and statements keep Pol.is's order, so the map's analysis equals `alignment analyze` of the
 * same folder. The results are computed afterwards (recomputeAlignmentMap).
 */
export async function importPolisMap(ctx: ServerContext, allianceId: string, input: PolisImportInput): Promise<PolisImportSummary> {
  const now = ctx.clock();
  const { matrix } = input;
  const comments = new Map((input.comments ?? []).map((c) => [c.id, c]));
  const latest = new Map<string, number>();
  for (const v of input.votes ?? []) {
    const key = `${v.participantId}\u0000${v.statementId}`;
    if ((latest.get(key) ?? -Infinity) <= v.timestamp) latest.set(key, v.timestamp);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const alliance = await trx.selectFrom("alliances").select("id").where("id", "=", allianceId).executeTakeFirst();
    if (!alliance) throw new AppError("not_found", "No such alliance.");
    const map = await trx
      .insertInto("alignment_maps")
      .values({ alliance_id: allianceId, question: input.question.trim(), description: input.description?.trim() ?? "", source: "polis", created_by: null, created_at: now, updated_at: now, revision: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();

    const statementNumbers = matrix.statementIds.map((_, j) => j + 1);
    const bodies = matrix.statementIds.map((id) => comments.get(id)?.body.trim() || `Statement ${id} of the Pol.is export (its text is not in comments.csv)`);
    const moderations = matrix.statementIds.map((id, j) => {
      const comment = comments.get(id);
      if (comment?.moderated === -1) return "rejected";
      if (comment?.isMeta || matrix.excluded[j] === 1) return "meta";
      if (comment?.moderated === 0) return "pending";
      return "accepted";
    });
    const statementIds: string[] = [];
    for (let start = 0; start < matrix.statementIds.length; start += chunk) {
      const end = Math.min(start + chunk, matrix.statementIds.length);
      const rows = await sql<{ id: string; number: number }>`
        insert into alignment_statements (map_id, number, body, moderation, external_id, created_at)
        select ${map.id}::uuid, n, b, m, e, ${now}::timestamptz
        from unnest(${statementNumbers.slice(start, end)}::int[], ${bodies.slice(start, end)}::text[], ${moderations.slice(start, end)}::text[], ${matrix.statementIds.slice(start, end)}::text[]) as t(n, b, m, e)
        returning id, number`.execute(trx);
      for (const row of rows.rows) statementIds[row.number - 1] = row.id;
    }

    const participantIds: string[] = [];
    for (let start = 0; start < matrix.participantIds.length; start += chunk) {
      const end = Math.min(start + chunk, matrix.participantIds.length);
      const positions = Array.from({ length: end - start }, (_, i) => start + i + 1);
      const rows = await sql<{ id: string; position: number }>`
        insert into alignment_participants (map_id, pseudonym, position, created_at)
        select ${map.id}::uuid, p, n, ${now}::timestamptz from unnest(${matrix.participantIds.slice(start, end)}::text[], ${positions}::int[]) as t(p, n)
        returning id, position`.execute(trx);
      for (const row of rows.rows) participantIds[row.position - 1] = row.id;
    }

    const batch = { participants: [] as string[], statements: [] as string[], votes: [] as number[], at: [] as string[] };
    const flush = async () => {
      if (batch.votes.length === 0) return;
      await sql`
        insert into alignment_votes (map_id, participant_id, statement_id, vote, voted_at)
        select ${map.id}::uuid, p, s, v, a from unnest(${batch.participants}::uuid[], ${batch.statements}::uuid[], ${batch.votes}::smallint[], ${batch.at}::timestamptz[]) as t(p, s, v, a)`.execute(trx);
      batch.participants = [];
      batch.statements = [];
      batch.votes = [];
      batch.at = [];
    };
    const nowIso = now.toISOString();
    for (let i = 0; i < matrix.participantIds.length; i += 1) {
      for (let e = matrix.rowStart[i] as number; e < (matrix.rowStart[i + 1] as number); e += 1) {
        const c = matrix.columns[e] as number;
        const timestamp = latest.get(`${matrix.participantIds[i] as string}\u0000${matrix.statementIds[c] as string}`);
        batch.participants.push(participantIds[i] as string);
        batch.statements.push(statementIds[c] as string);
        batch.votes.push(matrix.votes[e] as number);
        batch.at.push(timestamp !== undefined && Number.isFinite(timestamp) && Math.abs(timestamp) < 8.64e15 ? new Date(timestamp).toISOString() : nowIso);
        if (batch.votes.length >= chunk) await flush();
      }
    }
    await flush();

    const summary = { mapId: map.id, statements: matrix.statementIds.length, participants: matrix.participantIds.length, votes: matrix.votes.length };
    await recordEvent(trx, now, {
      allianceId,
      type: "alignment.imported",
      actorId: null,
      payload: { ...summary, question: input.question.trim(), source: "polis" },
    });
    return summary;
  });
}
