import { randomUUID } from "node:crypto";
import { AppError, type AllianceViewer } from "@trellis/core";
import { lowestMinGroupSize } from "@trellis/core/pulses";
import { raiseTension as raiseCoreTension, type Tension, type TensionTarget } from "@trellis/core/registers";
import { tensionColumns, visibilityColumns, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { actingSeatOf, assertMayRecord, requireAllianceSeats, resolveRecordVisibility, type RecordVisibilityInput } from "./register-support";

export interface RaiseTensionInput {
  summary: string;
  detail?: string | null | undefined;
  target: TensionTarget;
  /** The seat the author raises it for (one of theirs; required only when they act for several). */
  fromSeatId?: string | null | undefined;
  anonymous: boolean;
  /** Anonymous only: let the facilitators (and nobody else) know who raised it. */
  tellFacilitator?: boolean | undefined;
  /** Anonymous tensions: the whole alliance or facilitators only (a list of seats would point at the author's). */
  visibility?: RecordVisibilityInput | undefined;
}

/** The start of the next UTC day: when today's anonymous tensions are published. */
export function nextPublicationAt(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * People who could have raised a tension toward the target: everyone acting for a seat other than
 * the target seat. An anonymous tension needs at least 3 of them, or "anonymous" names its author.
 */
async function countPossibleAuthors(trx: Trx, allianceId: string, target: TensionTarget): Promise<number> {
  let query = trx
    .selectFrom("memberships")
    .select((eb) => eb.fn.count<number>("person_id").distinct().as("n"))
    .where("alliance_id", "=", allianceId)
    .where("role", "in", ["delegate", "member"])
    .where("seat_id", "is not", null);
  if (target.kind === "seat") query = query.where("seat_id", "<>", target.seatId);
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

/**
 * Raises a tension from the author's seat toward another seat or the whole alliance. A named one is
 * recorded at once. An anonymous one is stored without any author (core raiseTension), dated to the
 * day, and published only after its day ends, in a batch (publishAnonymousTensions), so neither its
 * appearance nor its place in the event chain can be matched against who was active when.
 */
export async function raiseTension(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: RaiseTensionInput): Promise<{ tension: Tension; publishesAt: Date | null }> {
  assertMayRecord(viewer);
  const fromSeatId = actingSeatOf(viewer, input.fromSeatId, "raise a tension");
  const now = ctx.clock();
  if (input.anonymous && input.visibility && input.visibility.level !== "alliance" && input.visibility.level !== "facilitators") {
    throw new AppError("validation_failed", "An anonymous tension is seen by the whole alliance or by facilitators only: a list of seats would point at yours.", {
      issues: [{ path: "visibility.level", message: "alliance or facilitators" }],
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const seatNames = await requireAllianceSeats(trx, allianceId, [fromSeatId, ...(input.target.kind === "seat" ? [input.target.seatId] : [])]);
    const visibility = await resolveRecordVisibility(trx, viewer, allianceId, input.visibility);
    const raised = raiseCoreTension(
      {
        id: randomUUID(),
        allianceId,
        summary: input.summary,
        detail: input.detail ?? null,
        target: input.target,
        author: { personId: viewer.personId, seatId: fromSeatId },
        anonymous: input.anonymous,
        tellFacilitator: input.tellFacilitator ?? false,
      },
      now,
    );
    const { tension } = raised;
    if (tension.anonymous) {
      const possibleAuthors = await countPossibleAuthors(trx, allianceId, tension.target);
      if (possibleAuthors < lowestMinGroupSize) {
        throw new AppError("threshold_not_met", `Fewer than ${lowestMinGroupSize} people could have raised this tension, so it cannot stay anonymous. Raise it under your name, or talk to a facilitator.`, {
          min: lowestMinGroupSize,
        });
      }
    }
    await trx
      .insertInto("tensions")
      .values({ id: tension.id, alliance_id: allianceId, ...tensionColumns(tension), published_at: tension.anonymous ? null : now, ...visibilityColumns(visibility) })
      .execute();
    if (raised.disclosure) {
      await trx
        .insertInto("tension_disclosures")
        .values({ tension_id: tension.id, alliance_id: allianceId, person_id: raised.disclosure.personId, seat_id: raised.disclosure.seatId, disclosed_at: raised.disclosure.disclosedAt })
        .execute();
    }
    if (tension.anonymous) return { tension, publishesAt: nextPublicationAt(now) };
    const targetSeatId = tension.target.kind === "seat" ? tension.target.seatId : null;
    await recordEvent(trx, now, {
      allianceId,
      type: "tension.raised",
      actorId: raised.eventActorId,
      seatId: fromSeatId,
      visibility,
      payload: {
        tensionId: tension.id,
        title: tension.summary.slice(0, 200),
        summary: tension.summary,
        detail: tension.detail,
        anonymous: false,
        targetSeatId,
        targetSeatName: targetSeatId ? (seatNames.get(targetSeatId) ?? null) : null,
        fromSeatId,
        fromSeatName: seatNames.get(fromSeatId) ?? null,
      },
    });
    return { tension, publishesAt: null };
  });
}
