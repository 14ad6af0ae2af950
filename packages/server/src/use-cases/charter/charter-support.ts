import { AppError, can, type AllianceAction, type AllianceViewer } from "@trellis/core";
import type { Charter, Clause } from "@trellis/core/charter";
import { listDelegateSeatIds, listSeatRefs, loadCharterHead, loadCharterVersion, type SeatRefRow, type Trx } from "@trellis/db";

/**
 * The seat a delegate answers for: the one asked for (it must be one of theirs), or their only
 * delegate seat. A person who is a delegate for two seats says which one.
 */
export async function resolveDelegateSeat(trx: Trx, viewer: AllianceViewer, allianceId: string, requested: string | null | undefined, action: AllianceAction): Promise<string> {
  const seats = await listDelegateSeatIds(trx, allianceId, viewer.personId);
  const seatId = requested ?? (seats.length === 1 ? seats[0] : undefined);
  if (seats.length === 0) throw new AppError("forbidden", "Only a seat's delegate can do this: a seat's answer comes from its delegates.", { reason: "not_a_delegate" });
  if (seatId === undefined) throw new AppError("validation_failed", "You are a delegate for several seats: say which one (seatId).", { field: "seatId", reason: "required" });
  if (!seats.includes(seatId) || !can(viewer, action, { seatId })) {
    throw new AppError("forbidden", "You answer only for a seat you are a delegate of.", { reason: "other_seat", seatId });
  }
  return seatId;
}

/** The charter in force and its head row; not_found when the alliance has no charter yet. */
export async function loadCurrentCharter(trx: Trx, allianceId: string, options: { forUpdate?: boolean } = {}) {
  const head = await loadCharterHead(trx, allianceId, options);
  if (!head) throw new AppError("not_found", "This alliance has no charter yet.", { reason: "no_charter" });
  const charter = await loadCharterVersion(trx, allianceId, head.current_version);
  if (!charter) throw new AppError("not_found", "The charter version in force is missing.", { version: head.current_version });
  return { head, charter };
}

/** The seats of the alliance (weights and names), and their ids. */
export async function loadSeats(trx: Trx, allianceId: string): Promise<{ seats: SeatRefRow[]; seatIds: string[] }> {
  const seats = await listSeatRefs(trx, allianceId);
  return { seats, seatIds: seats.map((s) => s.id) };
}

/** A short, human label for a clause in events and lists: its first words. */
export function clauseLabel(clause: Pick<Clause, "text">): string {
  const text = clause.text.replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text;
}

/** Stores a charter version (the full core value). */
export async function insertCharterVersion(trx: Trx, charter: Charter, now: Date): Promise<void> {
  await trx
    .insertInto("charter_versions")
    .values({
      alliance_id: charter.allianceId,
      charter_version: charter.version,
      adopted_at: charter.adoptedAt,
      amendment_id: charter.amendmentId,
      body: JSON.stringify(charter),
      created_at: now,
    })
    .execute();
}
