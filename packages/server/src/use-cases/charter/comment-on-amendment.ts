import { AppError, can, type AllianceViewer } from "@trellis/core";
import { loadAmendment } from "@trellis/db";
import type { z } from "zod";
import type { ServerContext } from "../../context";
import type { commentSchema } from "../../presenters/charter.presenter";
import { recordEvent } from "../record-event";

/** Adds a comment to an amendment's discussion thread. */
export async function commentOnAmendment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, amendmentId: string, input: { body: string }): Promise<z.infer<typeof commentSchema>> {
  if (!can(viewer, "amendment.comment")) throw new AppError("forbidden", "Your role can read the discussion but not take part in it.");
  const body = input.body.trim();
  if (body === "") throw new AppError("validation_failed", "A comment needs text.", { field: "body", reason: "required" });
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await loadAmendment(trx, allianceId, amendmentId, { viewer });
    if (!stored) throw new AppError("not_found", "No such amendment.");
    const seatId = viewer.seatIds.length === 1 ? (viewer.seatIds[0] ?? null) : null;
    const row = await trx
      .insertInto("charter_comments")
      .values({ alliance_id: allianceId, amendment_id: amendmentId, author_id: viewer.personId, author_seat_id: seatId, body, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const excerpt = body.length > 140 ? `${body.slice(0, 137).trimEnd()}…` : body;
    await recordEvent(trx, now, { allianceId, type: "amendment.commented", actorId: viewer.personId, seatId, payload: { amendmentId, title: stored.title, commentId: row.id, excerpt } });
    const author = await trx.selectFrom("people").select("display_name").where("id", "=", viewer.personId).executeTakeFirstOrThrow();
    const seat = seatId
      ? await trx.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select("o.name").where("s.id", "=", seatId).executeTakeFirst()
      : undefined;
    return { id: row.id, author: { id: viewer.personId, displayName: author.display_name }, seatId, seatName: seat?.name ?? null, body, createdAt: now.toISOString() };
  });
}
