import { visibilityFromColumns, loadAlignmentAnalysisInput, type AlignmentAnalysisInput, type Trx } from "@trellis/db";
import {
  analyzeVoteMatrix,
  buildVoteMatrix,
  countGroupVotes,
  type ConsensusStatement,
  type DivisiveStatement,
  type SeatDivergence,
  type UncertainStatement,
} from "@trellis/core/alignment/index";
import { sql } from "kysely";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** A representative statement as stored (the core's, without the full statistics). */
export interface StoredRepresentative {
  id: string;
  direction: "agree" | "disagree";
  repness: number;
  test: number;
  probability: number;
  probabilityTest: number;
  agrees: number;
  disagrees: number;
  votes: number;
}

/**
 * The computed map as stored in alignment_results.result: internal (participant ids are kept so
 * the presenter can mark the viewer's own point); alignment.presenter shapes what leaves.
 */
export interface StoredAlignmentResult {
  k: number;
  /** Participants who voted, in join order. */
  participants: { id: string; group: number | null; x: number; y: number }[];
  groups: { id: number; size: number; representative: StoredRepresentative[] }[];
  consensus: { agree: ConsensusStatement[]; disagree: ConsensusStatement[] };
  /** Group-aware consensus per statement id. */
  gac: Record<string, number>;
  /** Per statement id: agrees, disagrees and votes (passes included) per group and over everyone. */
  tallies: Record<string, { agrees: number; disagrees: number; votes: number; groups: { agrees: number; disagrees: number; votes: number }[] }>;
  uncertain: UncertainStatement[];
  divisive: DivisiveStatement[];
  silhouettes: { k: number; silhouette: number }[];
  seatDivergence: SeatDivergence | null;
}

/** Votes each seat needs on a statement before its tally is compared with another seat's: a lone vote is never shown as a seat's position. */
export const minSeatVotesPerStatement = 2;

/**
 * The analysis of a map's votes (reference/alignment-map.md, steps 1-11, through the core).
 * A Trellis map leaves out statements still pending that nobody voted on (nobody was shown
 * them); a Pol.is import keeps every statement of the export, as `alignment analyze` does.
 */
export function analyzeAlignmentInput(input: AlignmentAnalysisInput, source: string): { result: StoredAlignmentResult; votes: number } {
  const voted = new Set(input.votes.map((v) => v.statementId));
  const statements = input.statements
    .filter((s) => source === "polis" || s.moderation !== "pending" || voted.has(s.id))
    .map((s) => ({ id: s.id, excluded: s.moderation === "rejected" || s.moderation === "meta" }));
  const voters = new Set(input.votes.map((v) => v.participantId));
  const participants = input.participants.filter((p) => voters.has(p.id));
  const matrix = buildVoteMatrix({
    statements,
    participants: participants.map((p) => p.id),
    votes: input.votes.map((v) => ({ participantId: v.participantId, statementId: v.statementId, vote: v.vote, timestamp: 0 })),
  });
  const seatOf = new Map<string, string>();
  for (const p of participants) {
    const seat = p.personId === null ? undefined : input.seatOfPerson.get(p.personId);
    if (seat !== undefined) seatOf.set(p.id, seat);
  }
  const analysis = analyzeVoteMatrix(matrix, { seatOf, seatDivergence: { minVotes: minSeatVotesPerStatement } });
  const groupOf = Int32Array.from(analysis.participants, (p) => p.group ?? -1);
  const counts = countGroupVotes(matrix, groupOf, analysis.k);
  const nS = matrix.statementIds.length;
  const tallies: StoredAlignmentResult["tallies"] = {};
  matrix.statementIds.forEach((id, c) => {
    tallies[id] = {
      agrees: counts.totalAgrees[c] as number,
      disagrees: counts.totalDisagrees[c] as number,
      votes: counts.totalVotes[c] as number,
      groups: Array.from({ length: analysis.k }, (_, g) => ({
        agrees: counts.agrees[g * nS + c] as number,
        disagrees: counts.disagrees[g * nS + c] as number,
        votes: counts.votes[g * nS + c] as number,
      })),
    };
  });
  const result: StoredAlignmentResult = {
    k: analysis.k,
    participants: analysis.participants.map((p) => ({ id: p.id, group: p.group, x: p.x, y: p.y })),
    groups: analysis.groups.map((g) => ({
      id: g.id,
      size: g.members.length,
      representative: g.representative.map((r) => ({
        id: r.id,
        direction: r.direction,
        repness: r.repness,
        test: r.test,
        probability: r.probability,
        probabilityTest: r.probabilityTest,
        agrees: r.agrees,
        disagrees: r.disagrees,
        votes: r.votes,
      })),
    })),
    consensus: { agree: [...analysis.consensus.agree], disagree: [...analysis.consensus.disagree] },
    gac: { ...analysis.gac },
    tallies,
    uncertain: [...analysis.uncertain],
    divisive: [...analysis.divisive],
    silhouettes: [...analysis.silhouettes],
    seatDivergence: analysis.seatDivergence ?? null,
  };
  return { result, votes: matrix.votes.length };
}

/**
 * Recomputes a map's result from the database and stores it if it is newer than the stored one,
 * appending `alignment.recomputed` so live subscribers refresh. Idempotent and safe to run on
 * several server instances at once: the input is read in one snapshot, and the write only
 * lands when its revision is newer than the stored one. Returns whether it wrote.
 */
export async function recomputeAlignmentMap(ctx: ServerContext, mapId: string): Promise<{ written: boolean; revision: number | null; k: number | null }> {
  const snapshot = await ctx.db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read`.execute(trx);
    const map = await trx.selectFrom("alignment_maps").select(["source"]).where("id", "=", mapId).executeTakeFirst();
    if (!map) return null;
    const stored = await trx.selectFrom("alignment_results").select("revision").where("map_id", "=", mapId).executeTakeFirst();
    const input = await loadAlignmentAnalysisInput(trx, mapId);
    if (!input || (stored && stored.revision >= input.map.revision)) return { input, source: map.source, isCurrent: true };
    return { input, source: map.source, isCurrent: false };
  });
  if (!snapshot?.input) return { written: false, revision: null, k: null };
  const { input } = snapshot;
  if (snapshot.isCurrent) return { written: false, revision: input.map.revision, k: null };
  const { result, votes } = analyzeAlignmentInput(input, snapshot.source);
  const now = ctx.clock();
  const written = await ctx.db.transaction().execute(async (trx) => writeAlignmentResult(trx, now, input, result, votes));
  return { written, revision: input.map.revision, k: result.k };
}

async function writeAlignmentResult(trx: Trx, now: Date, input: AlignmentAnalysisInput, result: StoredAlignmentResult, votes: number): Promise<boolean> {
  const { map } = input;
  const row = await sql<{ map_id: string }>`
    insert into alignment_results (map_id, revision, vote_count, participant_count, k, result, computed_at)
    values (${map.id}, ${map.revision}, ${votes}, ${result.participants.length}, ${result.k}, ${JSON.stringify(result)}::jsonb, ${now})
    on conflict (map_id) do update set revision = excluded.revision, vote_count = excluded.vote_count, participant_count = excluded.participant_count,
      k = excluded.k, result = excluded.result, computed_at = excluded.computed_at
    where alignment_results.revision < excluded.revision
    returning map_id`.execute(trx);
  if (row.rows.length === 0) return false;
  await recordEvent(trx, now, {
    allianceId: map.allianceId,
    type: "alignment.recomputed",
    actorId: null,
    visibility: visibilityFromColumns({ visibility: map.visibility, visible_seat_ids: map.visibleSeatIds, clean_team_id: map.cleanTeamId }),
    payload: { mapId: map.id, k: result.k, votes, voters: result.participants.length, revision: map.revision },
  });
  return true;
}
