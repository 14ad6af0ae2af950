import { AppError, type AllianceViewer, type Visibility } from "@trellis/core";
import { loadAlignmentMap, visibilityFromColumns, visibleTo, type AlignmentMapRow, type Trx } from "@trellis/db";

/** The map's visibility, which its events carry too. */
export function mapVisibility(map: Pick<AlignmentMapRow, "visibility" | "visible_seat_ids" | "clean_team_id">): Visibility {
  return visibilityFromColumns(map);
}

/**
 * Locks a map the viewer may see (FOR UPDATE): changes to one map queue up, so statement numbers,
 * participant positions and the revision never race. A map the viewer may not see is not_found.
 */
export async function lockAlignmentMap(trx: Trx, allianceId: string, mapId: string, viewer: AllianceViewer, options: { mustBeOpen: boolean }): Promise<AlignmentMapRow> {
  const map = await trx
    .selectFrom("alignment_maps as m")
    .selectAll("m")
    .where("m.id", "=", mapId)
    .where("m.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "m"))
    .forUpdate()
    .executeTakeFirst();
  if (!map) throw new AppError("not_found", "No such alignment map.");
  if (options.mustBeOpen && map.status !== "open") throw new AppError("conflict", "This alignment map is closed.", { status: map.status });
  return map;
}

/** Reads a map the viewer may see, or not_found. */
export async function requireAlignmentMap(trx: Trx | Parameters<typeof loadAlignmentMap>[0], allianceId: string, mapId: string, viewer: AllianceViewer): Promise<AlignmentMapRow> {
  const map = await loadAlignmentMap(trx, allianceId, mapId, viewer);
  if (!map) throw new AppError("not_found", "No such alignment map.");
  return map;
}

/** The person's participant id in the map, joining them (next position) if needed; call with the map locked. */
export async function ensureAlignmentParticipant(trx: Trx, mapId: string, personId: string, now: Date): Promise<string> {
  const existing = await trx.selectFrom("alignment_participants").select("id").where("map_id", "=", mapId).where("person_id", "=", personId).executeTakeFirst();
  if (existing) return existing.id;
  const last = await trx
    .selectFrom("alignment_participants")
    .select((eb) => eb.fn.max<number | null>("position").as("position"))
    .where("map_id", "=", mapId)
    .executeTakeFirst();
  const row = await trx
    .insertInto("alignment_participants")
    .values({ map_id: mapId, person_id: personId, pseudonym: null, position: Number(last?.position ?? 0) + 1, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Bumps the map's revision (the analysis depends on the change just made); returns the new one. */
export async function bumpAlignmentRevision(trx: Trx, mapId: string, now: Date): Promise<number> {
  const row = await trx
    .updateTable("alignment_maps")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: now }))
    .where("id", "=", mapId)
    .returning("revision")
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** Normalizes a statement for duplicate detection: case, spacing and trailing punctuation do not count. */
export function statementKey(body: string): string {
  return body
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s.!?]+$/g, "")
    .trim();
}
