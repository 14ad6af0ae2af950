import { AppError, can, type AllianceViewer } from "@trellis/core";
import type { AlignmentModeration } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { bumpAlignmentRevision, lockAlignmentMap, mapVisibility } from "./alignment-map-access";

/** Moderation outcomes a facilitator can give. */
export const moderationOutcomes = ["accepted", "rejected", "meta"] as const;
export type ModerationOutcome = (typeof moderationOutcomes)[number];

/**
 * Moderates a statement (facilitators; versioned): accept it for voting, reject it, or mark it
 * meta (about the process: voted on, but left out of the map like a rejected statement). Votes
 * already cast are kept either way. A rejected statement's text stays with facilitators.
 */
export async function moderateAlignmentStatement(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  mapId: string,
  statementId: string,
  input: { moderation: ModerationOutcome; version: number },
): Promise<{ version: number; moderation: AlignmentModeration; changed: boolean }> {
  if (!can(viewer, "alignment.moderate")) throw new AppError("forbidden", "Only a facilitator moderates statements.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const map = await lockAlignmentMap(trx, allianceId, mapId, viewer, { mustBeOpen: false });
    const statement = await trx.selectFrom("alignment_statements").selectAll().where("id", "=", statementId).where("map_id", "=", map.id).executeTakeFirst();
    if (!statement) throw new AppError("not_found", "No such statement on this map.");
    if (statement.version !== input.version) throw new AppError("stale_version", "The statement was moderated by someone else; reload and try again.", { version: statement.version });
    if (statement.moderation === input.moderation) return { version: statement.version, moderation: input.moderation, changed: false };
    const updated = await trx
      .updateTable("alignment_statements")
      .set({ moderation: input.moderation, moderated_by: viewer.personId, moderated_at: now, version: statement.version + 1 })
      .where("id", "=", statement.id)
      .returning("version")
      .executeTakeFirstOrThrow();
    const revision = await bumpAlignmentRevision(trx, map.id, now);
    await recordEvent(trx, now, {
      allianceId,
      type: "alignment.statement_moderated",
      actorId: viewer.personId,
      visibility: input.moderation === "rejected" ? { level: "facilitators" } : mapVisibility(map),
      payload: {
        mapId: map.id,
        question: map.question,
        statementId: statement.id,
        number: statement.number,
        ...(input.moderation === "rejected" ? {} : { body: statement.body }),
        moderation: input.moderation,
        from: { moderation: statement.moderation },
        revision,
      },
    });
    return { version: updated.version, moderation: input.moderation, changed: true };
  });
}
