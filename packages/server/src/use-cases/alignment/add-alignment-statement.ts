import { AppError, can, isFacilitator, type AllianceViewer } from "@trellis/core";
import type { AlignmentMapRow, AlignmentModeration, Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { bumpAlignmentRevision, ensureAlignmentParticipant, lockAlignmentMap, mapVisibility, statementKey } from "./alignment-map-access";

/** A statement as a use case returns it. */
export interface AddedStatement {
  id: string;
  number: number;
  moderation: AlignmentModeration;
}

/**
 * Writes one statement into a locked map. A facilitator's statement is accepted at once (they
 * moderate); anyone else's waits for moderation. Statements are anonymous: the author is kept
 * for "my statements" only, and the event names nobody. A pending statement's text reaches
 * facilitators only, until it is accepted.
 */
export async function insertAlignmentStatement(trx: Trx, viewer: AllianceViewer, map: AlignmentMapRow, body: string, now: Date): Promise<AddedStatement> {
  const text = body.trim();
  const existing = await trx.selectFrom("alignment_statements").select(["number", "body"]).where("map_id", "=", map.id).execute();
  const key = statementKey(text);
  const duplicate = existing.find((s) => statementKey(s.body) === key);
  if (duplicate) throw new AppError("already_exists", `This statement is already on the map (#${duplicate.number}).`, { number: duplicate.number });
  const author = await ensureAlignmentParticipant(trx, map.id, viewer.personId, now);
  const number = existing.reduce((max, s) => Math.max(max, s.number), 0) + 1;
  const moderation: AlignmentModeration = isFacilitator(viewer) ? "accepted" : "pending";
  const row = await trx
    .insertInto("alignment_statements")
    .values({
      map_id: map.id,
      number,
      body: text,
      author_participant_id: author,
      moderation,
      moderated_by: moderation === "accepted" ? viewer.personId : null,
      moderated_at: moderation === "accepted" ? now : null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (moderation === "accepted") await bumpAlignmentRevision(trx, map.id, now);
  await recordEvent(trx, now, {
    allianceId: map.alliance_id,
    type: "alignment.statement_added",
    actorId: null,
    visibility: moderation === "accepted" ? mapVisibility(map) : { level: "facilitators" },
    payload: { mapId: map.id, question: map.question, statementId: row.id, number, body: text, moderation },
  });
  return { id: row.id, number, moderation };
}

/** Adds a participant's statement to an open map (facilitators, delegates, members). */
export async function addAlignmentStatement(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, mapId: string, input: { body: string }): Promise<AddedStatement> {
  if (!can(viewer, "alignment.contribute")) throw new AppError("forbidden", "Your role cannot add statements to an alignment map.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const map = await lockAlignmentMap(trx, allianceId, mapId, viewer, { mustBeOpen: true });
    return insertAlignmentStatement(trx, viewer, map, input.body, now);
  });
}
