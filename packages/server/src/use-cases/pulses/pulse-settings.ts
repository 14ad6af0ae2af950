import { AppError, can, type AllianceViewer } from "@trellis/core";
import { resolveMinGroupSize } from "@trellis/core/pulses";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/**
 * Sets the alliance's minimum group size k (facilitators; versioned: send 0 before the first
 * setting). Any k of at least 3 is safe to move to: views under two values of k combine only into
 * groups of the smaller (core anonymity guard, tested there).
 */
export async function updatePulseSettings(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { version: number; minGroupSize: number }): Promise<void> {
  if (!can(viewer, "pulse.schedule")) throw new AppError("forbidden", "Only a facilitator sets the pulse's minimum group size.");
  const k = resolveMinGroupSize(input.minGroupSize);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("pulse_settings").selectAll().where("alliance_id", "=", allianceId).forUpdate().executeTakeFirst();
    const version = current?.version ?? 0;
    if (version !== input.version) throw new AppError("stale_version", "The pulse settings were changed by someone else; reload and try again.", { version });
    if (current) await trx.updateTable("pulse_settings").set({ min_group_size: k, version: version + 1 }).where("alliance_id", "=", allianceId).execute();
    else await trx.insertInto("pulse_settings").values({ alliance_id: allianceId, min_group_size: k, version: 1 }).execute();
    await recordEvent(trx, now, { allianceId, type: "pulse.settings_updated", actorId: viewer.personId, payload: { minGroupSize: k, from: { minGroupSize: current?.min_group_size ?? resolveMinGroupSize(null) } } });
  });
}

export interface PulseCadenceInput {
  version: number;
  firstOpensAt: Date;
  everyWeeks: number;
  openDays: number;
  active: boolean;
}

/** Sets the rhythm of the alliance's pulses (facilitators; versioned: send 0 before the first one). */
export async function setPulseCadence(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: PulseCadenceInput): Promise<void> {
  if (!can(viewer, "pulse.schedule")) throw new AppError("forbidden", "Only a facilitator sets the pulse cadence.");
  if (input.openDays > input.everyWeeks * 7) {
    throw new AppError("validation_failed", "A pulse closes before the next one opens.", { issues: [{ path: "openDays", message: "longer than the cadence" }] });
  }
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("pulse_cadences").selectAll().where("alliance_id", "=", allianceId).forUpdate().executeTakeFirst();
    const version = current?.version ?? 0;
    if (version !== input.version) throw new AppError("stale_version", "The pulse cadence was changed by someone else; reload and try again.", { version });
    const values = { first_opens_at: input.firstOpensAt, every_weeks: input.everyWeeks, open_days: input.openDays, active: input.active, set_by: viewer.personId };
    if (current) {
      if (current.first_opens_at.getTime() !== input.firstOpensAt.getTime() || current.every_weeks !== input.everyWeeks) {
        // A new rhythm numbers its occurrences afresh: forget which old occurrences pulses realised.
        await trx.updateTable("pulses").set({ occurrence: null }).where("alliance_id", "=", allianceId).execute();
      }
      await trx.updateTable("pulse_cadences").set({ ...values, version: version + 1 }).where("alliance_id", "=", allianceId).execute();
    } else {
      await trx.insertInto("pulse_cadences").values({ alliance_id: allianceId, ...values, version: 1 }).execute();
    }
    await recordEvent(trx, now, {
      allianceId,
      type: "pulse.cadence_set",
      actorId: viewer.personId,
      payload: { firstOpensAt: input.firstOpensAt.toISOString(), everyWeeks: input.everyWeeks, openDays: input.openDays, active: input.active },
    });
  });
}
