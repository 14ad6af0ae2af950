import { randomUUID } from "node:crypto";
import { AppError, type AllianceViewer } from "@trellis/core";
import { recordAssumption as recordCoreAssumption, type AssumptionConfidence, type AssumptionHolder } from "@trellis/core/registers";
import { assumptionColumns, visibilityColumns, type Db } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMayRecord, checkLinkTarget, insertRegisterLinks, requireAllianceSeats, resolveRecordVisibility, type RecordVisibilityInput } from "./register-support";

export interface RecordAssumptionInput {
  statement: string;
  holder: AssumptionHolder;
  confidence: AssumptionConfidence;
  testPlan: string;
  /** YYYY-MM-DD. */
  reviewOn: string;
  /** Decisions (proposals) that rest on it. */
  decisionIds?: string[] | undefined;
  visibility?: RecordVisibilityInput | undefined;
}

/** The holder's name: a seat's organization or a person of the alliance; not_found otherwise. */
export async function holderName(trx: Db, allianceId: string, holder: AssumptionHolder): Promise<string> {
  if (holder.kind === "seat") return (await requireAllianceSeats(trx, allianceId, [holder.seatId])).get(holder.seatId) as string;
  const person = await trx
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select("p.display_name")
    .where("m.alliance_id", "=", allianceId)
    .where("m.person_id", "=", holder.personId)
    .executeTakeFirst();
  if (!person) throw new AppError("not_found", "No such person in this alliance.");
  return person.display_name;
}

/** Records an assumption the alliance rests on (untested), linking the decisions that rest on it. */
export async function recordAssumption(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: RecordAssumptionInput): Promise<{ id: string }> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const holder = await holderName(trx, allianceId, input.holder);
    const visibility = await resolveRecordVisibility(trx, viewer, allianceId, input.visibility);
    const decisionIds = [...new Set(input.decisionIds ?? [])];
    for (const id of decisionIds) await checkLinkTarget(trx, allianceId, viewer, { type: "proposal", id });
    const assumption = recordCoreAssumption({ id: randomUUID(), allianceId, statement: input.statement, holder: input.holder, confidence: input.confidence, testPlan: input.testPlan, reviewOn: input.reviewOn, decisionIds }, now);
    await trx
      .insertInto("assumptions")
      .values({ id: assumption.id, alliance_id: allianceId, recorded_by: viewer.personId, ...assumptionColumns(assumption), ...visibilityColumns(visibility) })
      .execute();
    await insertRegisterLinks(trx, allianceId, { type: "assumption", id: assumption.id }, decisionIds.map((id) => ({ toType: "proposal", toId: id, relation: "supports" as const })));
    await recordEvent(trx, now, {
      allianceId,
      type: "assumption.recorded",
      actorId: viewer.personId,
      seatId: assumption.holder.kind === "seat" ? assumption.holder.seatId : null,
      visibility,
      payload: {
        assumptionId: assumption.id,
        title: assumption.statement.slice(0, 200),
        statement: assumption.statement,
        holderSeatId: assumption.holder.kind === "seat" ? assumption.holder.seatId : null,
        holderPersonId: assumption.holder.kind === "person" ? assumption.holder.personId : null,
        holderName: holder,
        confidence: assumption.confidence,
        testPlan: assumption.testPlan,
        reviewOn: assumption.reviewOn,
        decisionIds: [...assumption.decisionIds],
        decisionCount: assumption.decisionIds.length,
      },
    });
    return { id: assumption.id };
  });
}
