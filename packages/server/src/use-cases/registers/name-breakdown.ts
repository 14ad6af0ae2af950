import { randomUUID } from "node:crypto";
import type { AllianceViewer } from "@trellis/core";
import { nameBreakdown as nameCoreBreakdown } from "@trellis/core/registers";
import { breakdownColumns, visibilityColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMayRecord, requireAllianceSeats, resolveRecordVisibility, seatNamesPayload, type RecordVisibilityInput } from "./register-support";

export interface NameBreakdownInput {
  whatHappened: string;
  whatWasExpected: string;
  impact: string;
  /** The seats involved; empty for the alliance as a whole. */
  seatIds: string[];
  visibility?: RecordVisibilityInput | undefined;
}

/** Names a breakdown (anyone who may record): what happened, what was expected, the impact, the seats involved. */
export async function nameBreakdown(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: NameBreakdownInput): Promise<{ id: string }> {
  assertMayRecord(viewer);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const seatNames = await requireAllianceSeats(trx, allianceId, input.seatIds);
    const visibility = await resolveRecordVisibility(trx, viewer, allianceId, input.visibility);
    const breakdown = nameCoreBreakdown(
      { id: randomUUID(), allianceId, namedByPersonId: viewer.personId, whatHappened: input.whatHappened, whatWasExpected: input.whatWasExpected, impact: input.impact, seatIds: input.seatIds },
      now,
    );
    await trx
      .insertInto("breakdowns")
      .values({ id: breakdown.id, alliance_id: allianceId, named_by: viewer.personId, ...breakdownColumns(breakdown), ...visibilityColumns(visibility) })
      .execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "breakdown.named",
      actorId: viewer.personId,
      visibility,
      payload: {
        breakdownId: breakdown.id,
        title: breakdown.whatHappened.slice(0, 200),
        whatHappened: breakdown.whatHappened,
        whatWasExpected: breakdown.whatWasExpected,
        impact: breakdown.impact,
        seatIds: [...breakdown.seatIds],
        seatNames: seatNamesPayload(seatNames),
      },
    });
    return { id: breakdown.id };
  });
}
