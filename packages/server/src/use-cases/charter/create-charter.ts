import { randomUUID } from "node:crypto";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { createCharter as createCoreCharter, type CharterSetting, type DraftClause, type ScopeSide, type SectionKind } from "@trellis/core/charter";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { insertCharterVersion, loadSeats } from "./charter-support";

export interface DraftClauseInput {
  section: SectionKind;
  seatId?: string | null | undefined;
  scopeSide?: ScopeSide | null | undefined;
  text: string;
  setting?: CharterSetting | null | undefined;
  /** Who wrote the clause (a person acting for the seat); the facilitator drafting it when absent. */
  writtenBy?: { personId: string; seatId: string } | null | undefined;
}

/**
 * Starts the alliance's charter (facilitators): empty (version 0, every clause then arrives by
 * amendment) or with a first draft the partners wrote together (version 1, each clause records
 * which seat wrote it).
 */
export async function createCharter(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { clauses: readonly DraftClauseInput[] }): Promise<{ version: number }> {
  if (!can(viewer, "charter.create")) throw new AppError("forbidden", "Only a facilitator starts the charter; partners then amend it.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("charters").select("alliance_id").where("alliance_id", "=", allianceId).forUpdate().executeTakeFirst();
    if (exists) throw new AppError("already_exists", "This alliance has a charter already: change it by amendment.");
    const { seatIds } = await loadSeats(trx, allianceId);
    const writers = input.clauses.flatMap((c) => (c.writtenBy ? [c.writtenBy] : []));
    if (writers.length > 0) {
      const rows = await trx
        .selectFrom("memberships")
        .select(["person_id", "seat_id"])
        .where("alliance_id", "=", allianceId)
        .where("person_id", "in", [...new Set(writers.map((w) => w.personId))])
        .execute();
      for (const writer of writers) {
        if (!rows.some((r) => r.person_id === writer.personId && r.seat_id === writer.seatId)) {
          throw new AppError("validation_failed", "A clause's writer must act for the seat named with them.", { field: "clauses.writtenBy", reason: "not_of_seat", seatId: writer.seatId });
        }
      }
    }
    const drafts: DraftClause[] = input.clauses.map((c) => ({
      id: randomUUID(),
      section: c.section,
      seatId: c.seatId ?? null,
      scopeSide: c.scopeSide ?? null,
      text: c.text.trim(),
      setting: c.setting ?? null,
      author: c.writtenBy ? { personId: c.writtenBy.personId, seatId: c.writtenBy.seatId } : { personId: viewer.personId, seatId: null },
    }));
    const charter = createCoreCharter({ allianceId, at: now.toISOString(), seatIds, clauses: drafts });
    await trx.insertInto("charters").values({ alliance_id: allianceId, current_version: charter.version, created_by: viewer.personId, created_at: now }).execute();
    await insertCharterVersion(trx, charter, now);
    const sections: Record<string, number> = {};
    for (const clause of charter.clauses) sections[clause.section] = (sections[clause.section] ?? 0) + 1;
    await recordEvent(trx, now, {
      allianceId,
      type: "charter.created",
      actorId: viewer.personId,
      payload: { version: charter.version, clauseCount: charter.clauses.length, sections, title: charter.version > 0 ? "the first charter" : "an empty charter" },
    });
    return { version: charter.version };
  });
}
