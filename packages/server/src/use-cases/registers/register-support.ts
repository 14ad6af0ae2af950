import { AppError, can, isFacilitator, type AllianceViewer, type Visibility } from "@trellis/core";
import { findLinkableRecord, type Db, type RegisterRecordType, type Trx } from "@trellis/db";

/** The visibility a register record is given when it is made (default: the whole alliance). */
export type RecordVisibilityInput =
  | { level: "alliance" }
  | { level: "seats"; seatIds: string[] }
  | { level: "facilitators" }
  | { level: "clean_team"; cleanTeamId: string };

/** Record types a register record may link to (other capabilities' records included). */
export const linkableRecordTypes = ["commitment", "proposal", "breakdown", "tension", "assumption", "learning", "meeting", "amendment", "pulse", "alignment_map"] as const;
export type LinkableRecordType = (typeof linkableRecordTypes)[number];

/** The alliance's seats named in `seatIds` with their organizations' names; not_found if one is not a seat of the alliance. */
export async function requireAllianceSeats(trx: Db, allianceId: string, seatIds: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(seatIds)];
  if (wanted.length === 0) return new Map();
  const rows = await trx
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .where("s.id", "in", wanted)
    .execute();
  if (rows.length !== wanted.length) throw new AppError("not_found", "No such seat in this alliance.", { seatIds: wanted.filter((id) => !rows.some((row) => row.id === id)) });
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return new Map(seatIds.map((id) => [id, names.get(id) as string]));
}

/**
 * Checks the visibility asked for a new record: named seats belong to the alliance, a clean team
 * is one the viewer is in, and a record limited to seats stays visible to the person making it.
 */
export async function resolveRecordVisibility(trx: Db, viewer: AllianceViewer, allianceId: string, input: RecordVisibilityInput | undefined): Promise<Visibility> {
  if (!input || input.level === "alliance") return { level: "alliance" };
  if (input.level === "facilitators") return { level: "facilitators" };
  if (input.level === "clean_team") {
    const team = await trx.selectFrom("clean_teams").select("id").where("id", "=", input.cleanTeamId).where("alliance_id", "=", allianceId).executeTakeFirst();
    if (!team || !viewer.cleanTeamIds.includes(input.cleanTeamId)) throw new AppError("not_found", "No such clean team of yours in this alliance.");
    return { level: "clean_team", cleanTeamId: input.cleanTeamId };
  }
  const seatIds = [...new Set(input.seatIds)];
  if (seatIds.length === 0) throw new AppError("validation_failed", "Name at least one seat that may see the record.", { issues: [{ path: "visibility.seatIds", message: "empty" }] });
  await requireAllianceSeats(trx, allianceId, seatIds);
  if (!isFacilitator(viewer) && !seatIds.some((id) => viewer.seatIds.includes(id))) {
    throw new AppError("validation_failed", "Include a seat you act for, or you could not see the record you make.", { issues: [{ path: "visibility.seatIds", message: "must include your seat" }] });
  }
  return { level: "seats", seatIds: seatIds.sort() };
}

/** The seat the viewer acts for in this action: the one named (theirs), or their only one. */
export function actingSeatOf(viewer: AllianceViewer, seatId: string | null | undefined, what: string): string {
  if (seatId) {
    if (!viewer.seatIds.includes(seatId)) throw new AppError("forbidden", `You do not act for that seat, so you cannot ${what} for it.`);
    return seatId;
  }
  if (viewer.seatIds.length === 1) return viewer.seatIds[0] as string;
  if (viewer.seatIds.length === 0) throw new AppError("forbidden", `Only people acting for a seat can ${what}.`);
  throw new AppError("validation_failed", "You act for several seats: say which one (seatId).", { issues: [{ path: "seatId", message: "required" }] });
}

/**
 * Who may steward a register record (close, move, test, revise): a facilitator; the person who
 * made it (when named); or a delegate of a seat it concerns; for a record concerning the whole
 * alliance (no seats), any delegate.
 */
export function canStewardRecord(viewer: AllianceViewer, record: { seatIds: readonly string[]; authorPersonId: string | null }): boolean {
  if (isFacilitator(viewer)) return true;
  if (record.authorPersonId !== null && record.authorPersonId === viewer.personId && can(viewer, "register.record")) return true;
  if (record.seatIds.length === 0) return viewer.seatIds.some((seatId) => can(viewer, "register.steward", { seatId }));
  return record.seatIds.some((seatId) => can(viewer, "register.steward", { seatId }));
}

/** Throws forbidden unless the viewer may record in the registers. */
export function assertMayRecord(viewer: AllianceViewer): void {
  if (!can(viewer, "register.record")) throw new AppError("forbidden", "Your role cannot write in the alliance's registers.");
}

/** Throws stale_version unless the version sent is the stored one. */
export function assertVersion(stored: number, sent: number, what: string): void {
  if (stored !== sent) throw new AppError("stale_version", `The ${what} was changed by someone else; reload and try again.`, { version: stored });
}

/**
 * Checks a link target: a record of a type whose table this database has must exist in the
 * alliance and be visible to the viewer (not_found otherwise: no probing of hidden records).
 * Returns its title when everyone in the alliance may see it, so events never carry a hidden title.
 */
export async function checkLinkTarget(trx: Db, allianceId: string, viewer: AllianceViewer, target: { type: string; id: string }): Promise<{ publicTitle: string | null }> {
  const found = await findLinkableRecord(trx, allianceId, viewer, target);
  if (found === null) throw new AppError("not_found", `No ${target.type.replace(/_/g, " ")} ${target.id} in this alliance that you can see.`);
  return { publicTitle: found && found.allianceWide ? found.title : null };
}

/** Adds links from a register record (idempotent). */
export async function insertRegisterLinks(
  trx: Trx,
  allianceId: string,
  from: { type: RegisterRecordType; id: string },
  links: readonly { toType: string; toId: string; relation: "closed_by" | "supports" | "learned_from" | "related" }[],
): Promise<void> {
  if (links.length === 0) return;
  await trx
    .insertInto("register_links")
    .values(links.map((link) => ({ alliance_id: allianceId, from_type: from.type, from_id: from.id, to_type: link.toType, to_id: link.toId, relation: link.relation })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The seats' names as the payload carries them ({ id: name }), for sentences that outlive renames. */
export function seatNamesPayload(names: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(names);
}
