import { AppError, assertStageMove, can, type AllianceStage, type AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** Changes an alliance's name, purpose or lifecycle stage (facilitators only; versioned). */
export async function updateAlliance(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  input: { version: number; name?: string | undefined; purpose?: string | undefined; stage?: AllianceStage | undefined; hasCompetitors?: boolean | undefined },
): Promise<void> {
  if (!can(viewer, "alliance.update")) throw new AppError("forbidden", "Only a facilitator can change the alliance.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("alliances").selectAll().where("id", "=", allianceId).forUpdate().executeTakeFirstOrThrow();
    if (current.version !== input.version) {
      throw new AppError("stale_version", "The alliance was changed by someone else; reload and try again.", { version: current.version });
    }
    if (input.stage !== undefined && input.stage !== current.stage) assertStageMove(current.stage as AllianceStage, input.stage);
    const changes = {
      ...(input.name !== undefined && input.name.trim() !== current.name ? { name: input.name.trim() } : {}),
      ...(input.purpose !== undefined && input.purpose.trim() !== current.purpose ? { purpose: input.purpose.trim() } : {}),
      ...(input.stage !== undefined && input.stage !== current.stage ? { stage: input.stage } : {}),
      ...(input.hasCompetitors !== undefined && input.hasCompetitors !== current.has_competitors ? { has_competitors: input.hasCompetitors } : {}),
    };
    await trx
      .updateTable("alliances")
      .set({ ...changes, version: current.version + 1, updated_at: now })
      .where("id", "=", allianceId)
      .execute();
    if (Object.keys(changes).length > 0) {
      await recordEvent(trx, now, { allianceId, type: "alliance.updated", actorId: viewer.personId, payload: { changes, from: { stage: current.stage } } });
    }
  });
}
