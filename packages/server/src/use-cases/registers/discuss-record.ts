import { AppError, type AllianceViewer, type Visibility } from "@trellis/core";
import { findAssumptionRow, findBreakdownRow, findLearningRow, findRegisterRecordType, findTensionRow, registerVisibility, type Db, type RegisterRecordType } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { openDiscussionInTransaction } from "./move-breakdown";
import { assertMayRecord, checkLinkTarget, insertRegisterLinks, type LinkableRecordType } from "./register-support";

/** A register record the viewer may see: its type, title and visibility; not_found otherwise. */
export async function loadVisibleRecord(
  db: Db,
  viewer: AllianceViewer,
  allianceId: string,
  recordId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ type: RegisterRecordType; title: string; visibility: Visibility; row: { version: number } }> {
  const type = await findRegisterRecordType(db, allianceId, recordId);
  const notFound = () => new AppError("not_found", "No such record in the alliance's registers.");
  switch (type) {
    case "breakdown": {
      const row = await findBreakdownRow(db, allianceId, recordId, viewer, options);
      if (!row) throw notFound();
      return { type, title: row.what_happened, visibility: registerVisibility(row), row };
    }
    case "tension": {
      const row = await findTensionRow(db, allianceId, recordId, viewer, options);
      if (!row) throw notFound();
      return { type, title: row.summary, visibility: registerVisibility(row), row };
    }
    case "assumption": {
      const row = await findAssumptionRow(db, allianceId, recordId, viewer, options);
      if (!row) throw notFound();
      return { type, title: row.statement, visibility: registerVisibility(row), row };
    }
    case "learning": {
      const row = await findLearningRow(db, allianceId, recordId, viewer, options);
      if (!row) throw notFound();
      return { type, title: row.source_title, visibility: registerVisibility(row), row };
    }
    default:
      throw notFound();
  }
}

function idKey(type: RegisterRecordType): string {
  return `${type}Id`;
}

/**
 * Adds a comment to a register record (signed: comments are named, also on anonymous tensions).
 * The first comment on an open breakdown opens its discussion.
 */
export async function commentOnRecord(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, recordId: string, input: { body: string }): Promise<{ id: string }> {
  assertMayRecord(viewer);
  const body = input.body.trim();
  if (body.length === 0) throw new AppError("validation_failed", "Write something.", { issues: [{ path: "body", message: "empty" }] });
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await loadVisibleRecord(trx, viewer, allianceId, recordId, { forUpdate: true });
    if (record.type === "breakdown") {
      const row = await findBreakdownRow(trx, allianceId, recordId, viewer);
      if (row?.status === "open") await openDiscussionInTransaction(trx, now, viewer, row);
    }
    const comment = await trx
      .insertInto("register_comments")
      .values({ alliance_id: allianceId, record_type: record.type, record_id: recordId, author_id: viewer.personId, body, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: `${record.type}.commented`,
      actorId: viewer.personId,
      visibility: record.visibility,
      payload: { [idKey(record.type)]: recordId, commentId: comment.id, title: record.title.slice(0, 200), body },
    });
    return comment;
  });
}

/** Links a register record to another record it touches ("related"); idempotent. */
export async function linkRecord(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, recordId: string, input: { type: LinkableRecordType; id: string }): Promise<void> {
  assertMayRecord(viewer);
  if (input.id === recordId) throw new AppError("validation_failed", "A record does not link to itself.", { issues: [{ path: "id", message: "same record" }] });
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const record = await loadVisibleRecord(trx, viewer, allianceId, recordId, { forUpdate: true });
    await checkLinkTarget(trx, allianceId, viewer, input);
    const existing = await trx.selectFrom("register_links").select("id").where("from_id", "=", recordId).where("to_id", "=", input.id).where("to_type", "=", input.type).where("relation", "=", "related").executeTakeFirst();
    if (existing) return;
    await insertRegisterLinks(trx, allianceId, { type: record.type, id: recordId }, [{ toType: input.type, toId: input.id, relation: "related" }]);
    await recordEvent(trx, now, {
      allianceId,
      type: `${record.type}.linked`,
      actorId: viewer.personId,
      visibility: record.visibility,
      payload: { [idKey(record.type)]: recordId, title: record.title.slice(0, 200), toType: input.type, toId: input.id },
    });
  });
}

/** Removes a "related" link (links that record a closure, a decision or a source change with their record). */
export async function unlinkRecord(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, recordId: string, linkId: string): Promise<void> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const record = await loadVisibleRecord(trx, viewer, allianceId, recordId, { forUpdate: true });
    const link = await trx.selectFrom("register_links").selectAll().where("id", "=", linkId).where("from_id", "=", recordId).executeTakeFirst();
    if (!link) throw new AppError("not_found", "No such link on this record.");
    if (link.relation !== "related") throw new AppError("illegal_move", "This link records how the record was closed, tested or learned from; it changes with the record.", { relation: link.relation });
    await trx.deleteFrom("register_links").where("id", "=", linkId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: `${record.type}.unlinked`,
      actorId: viewer.personId,
      visibility: record.visibility,
      payload: { [idKey(record.type)]: recordId, title: record.title.slice(0, 200), toType: link.to_type, toId: link.to_id },
    });
  });
}
