import { AppError, can, type AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { lockAlignmentMap, mapVisibility } from "./alignment-map-access";

/** Changes a map's question or description, or closes or reopens it (facilitators; versioned). */
export async function updateAlignmentMap(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  mapId: string,
  input: { version: number; question?: string | undefined; description?: string | undefined; status?: "open" | "closed" | undefined },
): Promise<void> {
  if (!can(viewer, "alignment.moderate")) throw new AppError("forbidden", "Only a facilitator changes or closes an alignment map.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const map = await lockAlignmentMap(trx, allianceId, mapId, viewer, { mustBeOpen: false });
    if (map.version !== input.version) throw new AppError("stale_version", "The map was changed by someone else; reload and try again.", { version: map.version });
    const changes = {
      ...(input.question !== undefined && input.question.trim() !== map.question ? { question: input.question.trim() } : {}),
      ...(input.description !== undefined && input.description.trim() !== map.description ? { description: input.description.trim() } : {}),
    };
    const statusChanged = input.status !== undefined && input.status !== map.status;
    await trx
      .updateTable("alignment_maps")
      .set({ ...changes, ...(statusChanged ? { status: input.status } : {}), version: map.version + 1, updated_at: now })
      .where("id", "=", map.id)
      .execute();
    const visibility = mapVisibility(map);
    if (Object.keys(changes).length > 0) {
      await recordEvent(trx, now, { allianceId, type: "alignment.map_updated", actorId: viewer.personId, visibility, payload: { mapId: map.id, question: changes.question ?? map.question, changes, from: { question: map.question } } });
    }
    if (statusChanged) {
      await recordEvent(trx, now, {
        allianceId,
        type: input.status === "closed" ? "alignment.map_closed" : "alignment.map_reopened",
        actorId: viewer.personId,
        visibility,
        payload: { mapId: map.id, question: changes.question ?? map.question },
      });
    }
  });
}
