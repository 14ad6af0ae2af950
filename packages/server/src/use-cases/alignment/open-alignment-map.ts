import { AppError, can, isFacilitator, type AllianceViewer } from "@trellis/core";
import { visibilityColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { lockAlignmentMap } from "./alignment-map-access";
import { insertAlignmentStatement } from "./add-alignment-statement";

/** What the map informs: "check alignment before deciding". */
export const alignmentLinkKinds = ["proposal", "charter_clause"] as const;
export type AlignmentLinkKind = (typeof alignmentLinkKinds)[number];

/** Input of openAlignmentMap. */
export interface OpenAlignmentMapInput {
  question: string;
  description?: string | undefined;
  link?: { kind: AlignmentLinkKind; id: string } | null | undefined;
  /** Seed statements (accepted at once when a facilitator opens the map). */
  statements?: readonly string[] | undefined;
  /** Who sees the map: the alliance (default) or named seats (and facilitators). */
  seatIds?: readonly string[] | undefined;
}

/**
 * Opens an alignment map on a question (facilitators and delegates), optionally linked to the
 * proposal or charter clause it informs, with seed statements. A map shown to named seats only
 * must include one of the opener's own seats unless a facilitator opens it.
 */
export async function openAlignmentMap(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: OpenAlignmentMapInput): Promise<{ id: string }> {
  if (!can(viewer, "alignment.open")) throw new AppError("forbidden", "Only facilitators and delegates open alignment maps.");
  const now = ctx.clock();
  const seatIds = [...new Set(input.seatIds ?? [])];
  return ctx.db.transaction().execute(async (trx) => {
    if (seatIds.length > 0) {
      const found = await trx.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).where("id", "in", seatIds).execute();
      if (found.length !== seatIds.length) throw new AppError("not_found", "No such seat in this alliance.");
      if (!isFacilitator(viewer) && !seatIds.some((id) => viewer.seatIds.includes(id))) {
        throw new AppError("forbidden", "A map for named seats must include a seat you act for.");
      }
    }
    const visibility = seatIds.length > 0 ? ({ level: "seats", seatIds } as const) : ({ level: "alliance" } as const);
    const map = await trx
      .insertInto("alignment_maps")
      .values({
        alliance_id: allianceId,
        question: input.question.trim(),
        description: input.description?.trim() ?? "",
        link_kind: input.link?.kind ?? null,
        link_id: input.link?.id ?? null,
        created_by: viewer.personId,
        created_at: now,
        updated_at: now,
        ...visibilityColumns(visibility),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "alignment.map_opened",
      actorId: viewer.personId,
      visibility,
      payload: { mapId: map.id, question: input.question.trim(), link: input.link ?? null },
    });
    if (input.statements && input.statements.length > 0) {
      const locked = await lockAlignmentMap(trx, allianceId, map.id, viewer, { mustBeOpen: true });
      for (const body of input.statements) await insertAlignmentStatement(trx, viewer, locked, body, now);
    }
    return map;
  });
}
