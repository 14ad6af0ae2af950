import { AppError, type AllianceViewer } from "@trellis/core";
import { closeBreakdown as closeCoreBreakdown, openBreakdownDiscussion as openCoreDiscussion, type Breakdown, type BreakdownClosure } from "@trellis/core/registers";
import { breakdownColumns, breakdownFromRow, findBreakdownRow, registerVisibility, type BreakdownRow, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMayRecord, assertVersion, canStewardRecord, checkLinkTarget, insertRegisterLinks } from "./register-support";

async function loadForMove(trx: Trx, viewer: AllianceViewer, allianceId: string, breakdownId: string): Promise<BreakdownRow> {
  const row = await findBreakdownRow(trx, allianceId, breakdownId, viewer, { forUpdate: true });
  if (!row) throw new AppError("not_found", "No such breakdown.");
  return row;
}

/** Moves an open breakdown into discussion inside the caller's transaction (also used by the first comment). */
export async function openDiscussionInTransaction(trx: Trx, now: Date, viewer: AllianceViewer, row: BreakdownRow): Promise<Breakdown> {
  const moved = openCoreDiscussion(breakdownFromRow(row), now);
  await trx.updateTable("breakdowns").set({ ...breakdownColumns(moved), version: row.version + 1 }).where("id", "=", row.id).execute();
  await recordEvent(trx, now, {
    allianceId: row.alliance_id,
    type: "breakdown.discussion_opened",
    actorId: viewer.personId,
    visibility: registerVisibility(row),
    payload: { breakdownId: row.id, title: row.what_happened.slice(0, 200), whatHappened: row.what_happened, seatIds: row.seat_ids },
  });
  return moved;
}

/** Opens the discussion of an open breakdown (anyone who may record and sees it). */
export async function openBreakdownDiscussion(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, breakdownId: string, input: { version: number }): Promise<void> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForMove(trx, viewer, allianceId, breakdownId);
    assertVersion(row.version, input.version, "breakdown");
    await openDiscussionInTransaction(trx, now, viewer, row);
  });
}

export type CloseBreakdownInput =
  | { version: number; kind: "reinterpretation"; reinterpretation: string }
  | { version: number; kind: "action"; action: { type: "commitment" | "proposal"; id: string }; note?: string | null | undefined };

/**
 * Closes a breakdown with a reinterpretation or an action (a commitment or proposal of the alliance,
 * linked). Stewards only: a facilitator, whoever named it, or a delegate of an involved seat. An open
 * breakdown is taken through discussion first (two moves, two events).
 */
export async function closeBreakdown(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, breakdownId: string, input: CloseBreakdownInput): Promise<void> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForMove(trx, viewer, allianceId, breakdownId);
    if (!canStewardRecord(viewer, { seatIds: row.seat_ids, authorPersonId: row.named_by })) {
      throw new AppError("forbidden", "Only a facilitator, whoever named the breakdown or a delegate of a seat involved can close it.");
    }
    assertVersion(row.version, input.version, "breakdown");
    let closure: BreakdownClosure;
    let actionTitle: string | null = null;
    if (input.kind === "action") {
      actionTitle = (await checkLinkTarget(trx, allianceId, viewer, input.action)).publicTitle;
      closure = { kind: "action", action: { type: input.action.type, id: input.action.id }, note: input.note ?? null };
    } else {
      closure = { kind: "reinterpretation", reinterpretation: input.reinterpretation };
    }
    let version = row.version;
    let current = breakdownFromRow(row);
    if (current.status === "open") {
      current = await openDiscussionInTransaction(trx, now, viewer, row);
      version += 1;
    }
    const closed = closeCoreBreakdown(current, closure, now);
    await trx.updateTable("breakdowns").set({ ...breakdownColumns(closed), version: version + 1 }).where("id", "=", row.id).execute();
    if (closed.closure?.kind === "action") {
      await insertRegisterLinks(trx, allianceId, { type: "breakdown", id: row.id }, [{ toType: closed.closure.action.type, toId: closed.closure.action.id, relation: "closed_by" }]);
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "breakdown.closed",
      actorId: viewer.personId,
      visibility: registerVisibility(row),
      payload: {
        breakdownId: row.id,
        title: row.what_happened.slice(0, 200),
        whatHappened: row.what_happened,
        seatIds: row.seat_ids,
        closure: closed.closure?.kind ?? null,
        ...(closed.closure?.kind === "reinterpretation" ? { reinterpretation: closed.closure.reinterpretation } : {}),
        ...(closed.closure?.kind === "action"
          ? { actionType: closed.closure.action.type, actionId: closed.closure.action.id, ...(actionTitle ? { actionTitle } : {}), note: closed.closure.note }
          : {}),
      },
    });
  });
}
