import { AppError, type AllianceViewer } from "@trellis/core";
import { reframeTension, resolveTension, startTensionDialogue, type Tension } from "@trellis/core/registers";
import { findTensionRow, registerVisibility, tensionColumns, tensionFromRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMayRecord, assertVersion, canStewardRecord } from "./register-support";

export type MoveTensionInput =
  | { version: number; move: "start_dialogue" }
  | { version: number; move: "resolve"; note: string }
  | { version: number; move: "reframe"; reframing: string };

const eventTypes = { start_dialogue: "tension.dialogue_started", resolve: "tension.resolved", reframe: "tension.reframed" } as const;

/**
 * Moves a tension: raised -> in dialogue -> resolved or reframed. Stewards: a facilitator, a delegate
 * of the seat it is raised toward, and for a named tension its author and their seat's delegates;
 * for one toward the whole alliance, any delegate. An anonymous author is nobody's to recognise, so
 * they move it only as one of those.
 */
export async function moveTension(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, tensionId: string, input: MoveTensionInput): Promise<Tension> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findTensionRow(trx, allianceId, tensionId, viewer, { forUpdate: true });
    if (!row) throw new AppError("not_found", "No such tension.");
    const tension = tensionFromRow(row);
    const seatIds = [...(tension.target.kind === "seat" ? [tension.target.seatId] : []), ...(tension.fromSeatId ? [tension.fromSeatId] : [])];
    if (!canStewardRecord(viewer, { seatIds: tension.target.kind === "alliance" ? [] : seatIds, authorPersonId: tension.raisedByPersonId })) {
      throw new AppError("forbidden", "Only a facilitator or a delegate of a seat the tension concerns can move it.");
    }
    assertVersion(row.version, input.version, "tension");
    const moved =
      input.move === "start_dialogue" ? startTensionDialogue(tension, now) : input.move === "resolve" ? resolveTension(tension, input.note, now) : reframeTension(tension, input.reframing, now);
    await trx.updateTable("tensions").set({ ...tensionColumns(moved), version: row.version + 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: eventTypes[input.move],
      actorId: viewer.personId,
      visibility: registerVisibility(row),
      payload: {
        tensionId: row.id,
        title: row.summary.slice(0, 200),
        summary: row.summary,
        anonymous: row.anonymous,
        targetSeatId: row.target_seat_id,
        ...(input.move === "resolve" ? { note: moved.outcome?.kind === "resolved" ? moved.outcome.note : input.note } : {}),
        ...(input.move === "reframe" ? { reframing: moved.outcome?.kind === "reframed" ? moved.outcome.reframing : input.reframing } : {}),
      },
    });
    return moved;
  });
}
