import { randomUUID } from "node:crypto";
import { AppError, type AllianceViewer } from "@trellis/core";
import { recordLearning as recordCoreLearning, reviseLearning as reviseCoreLearning, type Learning } from "@trellis/core/registers";
import { findLearningRow, learningColumns, learningFromRow, registerVisibility, visibilityColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import {
  assertMayRecord,
  assertVersion,
  canStewardRecord,
  checkLinkTarget,
  insertRegisterLinks,
  requireAllianceSeats,
  resolveRecordVisibility,
  seatNamesPayload,
  type LinkableRecordType,
  type RecordVisibilityInput,
} from "./register-support";

export interface RecordLearningInput {
  source: { kind: "experiment" | "event"; title: string; link?: { type: LinkableRecordType; id: string } | null | undefined };
  whatHappened: string;
  whatWasLearned: string;
  whatChanges: string;
  seatIds?: string[] | undefined;
  visibility?: RecordVisibilityInput | undefined;
}

/** Records a learning from an experiment or an event: what happened, what was learned, what changes. */
export async function recordLearning(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: RecordLearningInput): Promise<{ id: string }> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const seatNames = await requireAllianceSeats(trx, allianceId, input.seatIds ?? []);
    const visibility = await resolveRecordVisibility(trx, viewer, allianceId, input.visibility);
    const link = input.source.link ?? null;
    if (link) await checkLinkTarget(trx, allianceId, viewer, link);
    const learning = recordCoreLearning(
      {
        id: randomUUID(),
        allianceId,
        source: { kind: input.source.kind, title: input.source.title, link },
        whatHappened: input.whatHappened,
        whatWasLearned: input.whatWasLearned,
        whatChanges: input.whatChanges,
        seatIds: input.seatIds ?? [],
        recordedByPersonId: viewer.personId,
      },
      now,
    );
    await trx.insertInto("learnings").values({ id: learning.id, alliance_id: allianceId, ...learningColumns(learning), ...visibilityColumns(visibility) }).execute();
    if (learning.source.link) {
      await insertRegisterLinks(trx, allianceId, { type: "learning", id: learning.id }, [{ toType: learning.source.link.type, toId: learning.source.link.id, relation: "learned_from" }]);
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "learning.recorded",
      actorId: viewer.personId,
      visibility,
      payload: {
        learningId: learning.id,
        title: learning.source.title.slice(0, 200),
        sourceKind: learning.source.kind,
        sourceLink: learning.source.link,
        whatHappened: learning.whatHappened,
        whatWasLearned: learning.whatWasLearned,
        whatChanges: learning.whatChanges,
        seatIds: [...learning.seatIds],
        seatNames: seatNamesPayload(seatNames),
      },
    });
    return { id: learning.id };
  });
}

/** Revises a learning's words (whoever recorded it, a facilitator, or a delegate of a seat it concerns). */
export async function reviseLearning(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  learningId: string,
  input: { version: number; whatHappened?: string | undefined; whatWasLearned?: string | undefined; whatChanges?: string | undefined },
): Promise<Learning> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findLearningRow(trx, allianceId, learningId, viewer, { forUpdate: true });
    if (!row) throw new AppError("not_found", "No such learning.");
    if (!canStewardRecord(viewer, { seatIds: row.seat_ids, authorPersonId: row.recorded_by })) {
      throw new AppError("forbidden", "Only whoever recorded the learning, a facilitator or a delegate of a seat it concerns can revise it.");
    }
    assertVersion(row.version, input.version, "learning");
    const patch = {
      ...(input.whatHappened !== undefined ? { whatHappened: input.whatHappened } : {}),
      ...(input.whatWasLearned !== undefined ? { whatWasLearned: input.whatWasLearned } : {}),
      ...(input.whatChanges !== undefined ? { whatChanges: input.whatChanges } : {}),
    };
    const revised = reviseCoreLearning(learningFromRow(row), patch, now);
    await trx.updateTable("learnings").set({ ...learningColumns(revised), version: row.version + 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "learning.revised",
      actorId: viewer.personId,
      visibility: registerVisibility(row),
      payload: { learningId: row.id, title: row.source_title.slice(0, 200), changes: patch },
    });
    return revised;
  });
}
