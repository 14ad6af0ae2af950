import { AppError, can, type AllianceViewer } from "@trellis/core";
import { votableModerations } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { bumpAlignmentRevision, ensureAlignmentParticipant, lockAlignmentMap, mapVisibility } from "./alignment-map-access";

/** A vote as the API names it. */
export const alignmentVoteNames = ["agree", "disagree", "pass"] as const;
export type AlignmentVoteName = (typeof alignmentVoteNames)[number];

/** agree 1, disagree -1, pass 0 (reference/alignment-map.md). */
export function voteValue(vote: AlignmentVoteName): -1 | 0 | 1 {
  return vote === "agree" ? 1 : vote === "disagree" ? -1 : 0;
}

/** The API name of a stored vote. */
export function voteName(value: number): AlignmentVoteName {
  return value === 1 ? "agree" : value === -1 ? "disagree" : "pass";
}

/**
 * Casts (or changes) the viewer's vote on a statement open for voting (delegates and members).
 * The latest vote counts. The event says that a vote was cast on the statement, never by whom
 * nor which way: individual votes are not shown to anyone but the voter. Casting the same vote
 * again changes nothing.
 */
export async function castAlignmentVote(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  mapId: string,
  input: { statementId: string; vote: AlignmentVoteName },
): Promise<{ changed: boolean; revision: number }> {
  if (!can(viewer, "alignment.vote")) throw new AppError("forbidden", "Only people who act for a seat vote on an alignment map.");
  const now = ctx.clock();
  const value = voteValue(input.vote);
  return ctx.db.transaction().execute(async (trx) => {
    const map = await lockAlignmentMap(trx, allianceId, mapId, viewer, { mustBeOpen: true });
    const statement = await trx
      .selectFrom("alignment_statements")
      .select(["id", "number"])
      .where("id", "=", input.statementId)
      .where("map_id", "=", map.id)
      .where("moderation", "in", [...votableModerations])
      .executeTakeFirst();
    if (!statement) throw new AppError("not_found", "No such statement open for voting on this map.");
    const participantId = await ensureAlignmentParticipant(trx, map.id, viewer.personId, now);
    const previous = await trx.selectFrom("alignment_votes").select("vote").where("participant_id", "=", participantId).where("statement_id", "=", statement.id).executeTakeFirst();
    if (previous && previous.vote === value) return { changed: false, revision: map.revision };
    await trx
      .insertInto("alignment_votes")
      .values({ map_id: map.id, participant_id: participantId, statement_id: statement.id, vote: value, voted_at: now })
      .onConflict((oc) => oc.columns(["participant_id", "statement_id"]).doUpdateSet({ vote: value, voted_at: now }))
      .execute();
    const revision = await bumpAlignmentRevision(trx, map.id, now);
    await recordEvent(trx, now, {
      allianceId,
      type: "alignment.vote_cast",
      actorId: null,
      visibility: mapVisibility(map),
      payload: { mapId: map.id, statementId: statement.id, number: statement.number, revision },
    });
    return { changed: true, revision };
  });
}
