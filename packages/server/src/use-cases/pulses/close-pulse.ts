import { AppError, can, type AllianceViewer } from "@trellis/core";
import { countPulseInvitees, findPulseRow, listActivePulseCadences, listPulsesDueToClose } from "@trellis/db";
import type { ServerContext } from "../../context";
import type { ScheduledJob } from "../../jobs/job-runner";
import { recordEvent } from "../record-event";
import { createPulseInTransaction } from "./schedule-pulse";

/**
 * Closes a pulse: from now its answers are aggregated (through the guard) and never change. The
 * number of people asked and of people who answered is frozen with it. A facilitator may close a
 * pulse early; the pulse job closes pulses whose time is up (viewer null).
 */
export async function closePulse(ctx: ServerContext, viewer: AllianceViewer | null, allianceId: string, pulseId: string, now: Date = ctx.clock()): Promise<void> {
  if (viewer && !can(viewer, "pulse.schedule")) throw new AppError("forbidden", "Only a facilitator closes a pulse early.");
  await ctx.db.transaction().execute(async (trx) => {
    const pulse = await findPulseRow(trx, allianceId, pulseId, { forUpdate: true });
    if (!pulse) throw new AppError("not_found", "No such pulse.");
    if (pulse.closed_at) throw new AppError("illegal_move", "This pulse is closed already.");
    if (now.getTime() < pulse.opens_at.getTime()) throw new AppError("illegal_move", "This pulse has not opened yet.");
    const respondents = Number(
      (await trx.selectFrom("pulse_respondents").select((eb) => eb.fn.countAll<number>().as("n")).where("pulse_id", "=", pulse.id).executeTakeFirst())?.n ?? 0,
    );
    const invited = Math.max(respondents, await countPulseInvitees(trx, allianceId, now));
    await trx.updateTable("pulses").set({ closed_at: now, invited, respondents, version: pulse.version + 1 }).where("id", "=", pulse.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "pulse.closed",
      actorId: viewer?.personId ?? null,
      payload: { pulseId: pulse.id, title: `Pulse ${pulse.sequence + 1}`, sequence: pulse.sequence, respondents, invited },
    });
  });
}

const dayMs = 86_400_000;

/**
 * One turn of the pulse rhythm: for each active cadence, the pulse of the occurrence open now is
 * created if it is not there yet (an occurrence missed entirely is not made up later); then every
 * pulse whose time is up is closed.
 */
export async function runPulseCycle(ctx: ServerContext, now: Date = ctx.clock()): Promise<{ created: number; closed: number }> {
  let created = 0;
  for (const cadence of await listActivePulseCadences(ctx.db)) {
    const period = cadence.every_weeks * 7 * dayMs;
    const elapsed = now.getTime() - cadence.first_opens_at.getTime();
    if (elapsed < 0) continue;
    const occurrence = Math.floor(elapsed / period);
    const opensAt = new Date(cadence.first_opens_at.getTime() + occurrence * period);
    const closesAt = new Date(opensAt.getTime() + cadence.open_days * dayMs);
    if (now.getTime() >= closesAt.getTime()) continue;
    const made = await ctx.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom("pulses").select("id").where("alliance_id", "=", cadence.alliance_id).where("occurrence", "=", occurrence).executeTakeFirst();
      if (exists) return false;
      await createPulseInTransaction(trx, now, cadence.alliance_id, { opensAt, closesAt, occurrence, scheduledBy: null });
      return true;
    });
    if (made) created++;
  }
  let closed = 0;
  for (const pulse of await listPulsesDueToClose(ctx.db, now)) {
    await closePulse(ctx, null, pulse.alliance_id, pulse.id, now).then(
      () => closed++,
      (error: Error) => ctx.log(`Could not close pulse ${pulse.id}: ${error.message}`),
    );
  }
  return { created, closed };
}

/** The scheduled job: opens cadence pulses and closes pulses whose time is up. */
export const pulseCycleJob: ScheduledJob = {
  name: "pulses.cycle",
  intervalMs: 5 * 60_000,
  run: async (ctx, now) => {
    await runPulseCycle(ctx, now);
  },
};
