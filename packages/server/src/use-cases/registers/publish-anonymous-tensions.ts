import { listUnpublishedTensionRows, registerVisibility } from "@trellis/db";
import type { ServerContext } from "../../context";
import type { ScheduledJob } from "../../jobs/job-runner";
import { recordEvent } from "../record-event";

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Publishes the anonymous tensions of every day that has ended: each gets its tension.raised
 * event now, with no actor, no seat and no author in the payload, dated in the payload to its day
 * only. A day's tensions go out together in an order unrelated to when they were raised (by id,
 * which is random), so the chain tells no more than the day.
 */
export async function publishAnonymousTensions(ctx: ServerContext, now: Date = ctx.clock()): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listUnpublishedTensionRows(trx, startOfUtcDay(now));
    for (const row of rows) {
      await trx.updateTable("tensions").set({ published_at: now }).where("id", "=", row.id).execute();
      const targetName = row.target_seat_id
        ? ((await trx.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select("o.name").where("s.id", "=", row.target_seat_id).executeTakeFirst())?.name ?? null)
        : null;
      await recordEvent(trx, now, {
        allianceId: row.alliance_id,
        type: "tension.raised",
        actorId: null,
        seatId: null,
        visibility: registerVisibility(row),
        payload: {
          tensionId: row.id,
          title: row.summary.slice(0, 200),
          summary: row.summary,
          detail: row.detail,
          anonymous: true,
          targetSeatId: row.target_seat_id,
          targetSeatName: targetName,
          raisedOn: row.raised_at.toISOString().slice(0, 10),
        },
      });
    }
    return rows.length;
  });
}

/** The scheduled job: looks every ten minutes for days that have ended. */
export const publishAnonymousTensionsJob: ScheduledJob = {
  name: "registers.publish-anonymous-tensions",
  intervalMs: 10 * 60_000,
  run: async (ctx, now) => {
    await publishAnonymousTensions(ctx, now);
  },
};
