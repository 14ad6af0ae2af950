import { AppError, can, type AllianceViewer } from "@trellis/core";
import { buildPulse } from "@trellis/core/pulses";
import { type Trx } from "@trellis/db";
import { sql } from "kysely";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

const dayMs = 86_400_000;
/** The longest a pulse stays open. */
export const maxPulseOpenDays = 28;

/**
 * Creates the alliance's next pulse in the caller's transaction: the next number in its series and
 * the bank items that number rotates to (core buildPulse: at most 8 items, blocks rotated).
 */
export async function createPulseInTransaction(
  trx: Trx,
  now: Date,
  allianceId: string,
  input: { opensAt: Date; closesAt: Date; occurrence: number | null; scheduledBy: string | null },
): Promise<{ id: string; sequence: number }> {
  // Serialize numbering per alliance (two facilitators, or the job and a facilitator).
  await sql`select pg_advisory_xact_lock(hashtext(${`trellis.pulse-sequence:${allianceId}`}))`.execute(trx);
  const last = await trx.selectFrom("pulses").select((eb) => eb.fn.max("sequence").as("n")).where("alliance_id", "=", allianceId).executeTakeFirst();
  const sequence = last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1;
  const blueprint = buildPulse({ sequence });
  const pulse = await trx
    .insertInto("pulses")
    .values({
      alliance_id: allianceId,
      sequence,
      item_ids: blueprint.itemIds,
      blocks: blueprint.blocks,
      occurrence: input.occurrence,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      scheduled_by: input.scheduledBy,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordEvent(trx, now, {
    allianceId,
    type: "pulse.scheduled",
    actorId: input.scheduledBy,
    payload: {
      pulseId: pulse.id,
      title: `Pulse ${sequence + 1}`,
      sequence,
      itemIds: blueprint.itemIds,
      blocks: blueprint.blocks,
      opensAt: input.opensAt.toISOString(),
      closesAt: input.closesAt.toISOString(),
      byCadence: input.occurrence !== null,
    },
  });
  return { id: pulse.id, sequence };
}

/** Checks a pulse's window: it closes after it opens, after now, and within 28 days of opening. */
export function assertPulseWindow(opensAt: Date, closesAt: Date, now: Date): void {
  if (closesAt.getTime() <= opensAt.getTime()) throw new AppError("validation_failed", "A pulse closes after it opens.", { issues: [{ path: "closesAt", message: "before opensAt" }] });
  if (closesAt.getTime() <= now.getTime()) throw new AppError("validation_failed", "A pulse must close in the future.", { issues: [{ path: "closesAt", message: "in the past" }] });
  if (closesAt.getTime() - opensAt.getTime() > maxPulseOpenDays * dayMs) {
    throw new AppError("validation_failed", `A pulse stays open at most ${maxPulseOpenDays} days.`, { issues: [{ path: "closesAt", message: "too long" }] });
  }
}

/** Schedules one pulse by hand (facilitators), beside or instead of the cadence. */
export async function schedulePulse(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { opensAt: Date; closesAt: Date }): Promise<{ id: string; sequence: number }> {
  if (!can(viewer, "pulse.schedule")) throw new AppError("forbidden", "Only a facilitator schedules pulses.");
  const now = ctx.clock();
  assertPulseWindow(input.opensAt, input.closesAt, now);
  return ctx.db.transaction().execute((trx) => createPulseInTransaction(trx, now, allianceId, { ...input, occurrence: null, scheduledBy: viewer.personId }));
}
