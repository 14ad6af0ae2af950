import { AppError, type AllianceViewer } from "@trellis/core";
import {
  linkAssumptionDecision,
  recordAssumptionTest,
  rescheduleAssumptionReview,
  reviseAssumptionConfidence,
  unlinkAssumptionDecision,
  type Assumption,
  type AssumptionConfidence,
} from "@trellis/core/registers";
import { assumptionColumns, assumptionFromRow, findAssumptionRow, registerVisibility, type AssumptionRow, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMayRecord, assertVersion, canStewardRecord, checkLinkTarget, insertRegisterLinks } from "./register-support";

async function loadForChange(trx: Trx, viewer: AllianceViewer, allianceId: string, assumptionId: string): Promise<AssumptionRow> {
  assertMayRecord(viewer);
  const row = await findAssumptionRow(trx, allianceId, assumptionId, viewer, { forUpdate: true });
  if (!row) throw new AppError("not_found", "No such assumption.");
  const isHolder = row.holder_person_id === viewer.personId;
  if (!isHolder && !canStewardRecord(viewer, { seatIds: row.holder_seat_id ? [row.holder_seat_id] : [], authorPersonId: row.recorded_by })) {
    throw new AppError("forbidden", "Only a facilitator, whoever recorded the assumption, its holder or a delegate of the holding seat can change it.");
  }
  return row;
}

function holderPayload(row: AssumptionRow) {
  return { holderSeatId: row.holder_seat_id, holderPersonId: row.holder_person_id };
}

/** Records a test of an assumption: it holds (with an optional next review date) or it is invalidated. */
export async function testAssumption(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  assumptionId: string,
  input: { version: number; outcome: "holding" | "invalidated"; evidence: string; nextReviewOn?: string | undefined },
): Promise<Assumption> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForChange(trx, viewer, allianceId, assumptionId);
    assertVersion(row.version, input.version, "assumption");
    const tested = recordAssumptionTest(assumptionFromRow(row), { outcome: input.outcome, evidence: input.evidence, ...(input.nextReviewOn ? { nextReviewOn: input.nextReviewOn } : {}) }, now);
    await trx.updateTable("assumptions").set({ ...assumptionColumns(tested), version: row.version + 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: tested.status === "invalidated" ? "assumption.invalidated" : "assumption.tested",
      actorId: viewer.personId,
      seatId: row.holder_seat_id,
      visibility: registerVisibility(row),
      payload: {
        assumptionId: row.id,
        title: row.statement.slice(0, 200),
        statement: row.statement,
        ...holderPayload(row),
        outcome: tested.lastTest?.outcome ?? input.outcome,
        evidence: tested.lastTest?.evidence ?? input.evidence,
        reviewOn: tested.reviewOn,
        decisionIds: [...tested.decisionIds],
        decisionCount: tested.decisionIds.length,
      },
    });
    return tested;
  });
}

/** Revises an assumption: its confidence, its review date, the decisions linked to it. */
export async function reviseAssumption(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  assumptionId: string,
  input: { version: number; confidence?: AssumptionConfidence | undefined; reviewOn?: string | undefined; linkDecisionIds?: string[] | undefined; unlinkDecisionIds?: string[] | undefined },
): Promise<Assumption> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForChange(trx, viewer, allianceId, assumptionId);
    assertVersion(row.version, input.version, "assumption");
    let assumption = assumptionFromRow(row);
    const before = assumption;
    if (input.confidence !== undefined) assumption = reviseAssumptionConfidence(assumption, input.confidence);
    if (input.reviewOn !== undefined) assumption = rescheduleAssumptionReview(assumption, input.reviewOn);
    const linked = [...new Set(input.linkDecisionIds ?? [])].filter((id) => !before.decisionIds.includes(id));
    for (const id of linked) {
      await checkLinkTarget(trx, allianceId, viewer, { type: "proposal", id });
      assumption = linkAssumptionDecision(assumption, id);
    }
    const unlinked = [...new Set(input.unlinkDecisionIds ?? [])].filter((id) => before.decisionIds.includes(id));
    for (const id of unlinked) assumption = unlinkAssumptionDecision(assumption, id);
    const changes: Record<string, unknown> = {};
    if (assumption.confidence !== before.confidence) changes.confidence = assumption.confidence;
    if (assumption.reviewOn !== before.reviewOn) changes.reviewOn = assumption.reviewOn;
    if (linked.length) changes.linkedDecisionIds = linked;
    if (unlinked.length) changes.unlinkedDecisionIds = unlinked;
    if (Object.keys(changes).length === 0) return before;
    await trx.updateTable("assumptions").set({ ...assumptionColumns(assumption), version: row.version + 1 }).where("id", "=", row.id).execute();
    await insertRegisterLinks(trx, allianceId, { type: "assumption", id: row.id }, linked.map((id) => ({ toType: "proposal", toId: id, relation: "supports" as const })));
    if (unlinked.length) {
      await trx.deleteFrom("register_links").where("from_id", "=", row.id).where("relation", "=", "supports").where("to_id", "in", unlinked).execute();
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "assumption.revised",
      actorId: viewer.personId,
      seatId: row.holder_seat_id,
      visibility: registerVisibility(row),
      payload: { assumptionId: row.id, title: row.statement.slice(0, 200), statement: row.statement, ...holderPayload(row), changes, from: { confidence: before.confidence, reviewOn: before.reviewOn } },
    });
    return assumption;
  });
}
