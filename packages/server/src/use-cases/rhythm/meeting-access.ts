import { AppError, type AllianceViewer } from "@trellis/core";
import { loadMeeting, type MeetingWithCadence, type Trx } from "@trellis/db";

/** The meeting, locked for this transaction (FOR UPDATE), if the viewer may see it; not_found otherwise. */
export async function lockMeeting(trx: Trx, allianceId: string, meetingId: string, viewer: AllianceViewer): Promise<MeetingWithCadence> {
  const meeting = await loadMeeting(trx, allianceId, meetingId, viewer, { forUpdate: true });
  if (!meeting) throw new AppError("not_found", "No such meeting in this alliance.");
  return meeting;
}

/**
 * The seat a person speaks for in the alliance (a delegate's seat before a member's; the first by
 * id when several), or null for people without a seat (facilitators, observers, counsel).
 */
export async function seatOfPerson(trx: Trx, allianceId: string, personId: string): Promise<string | null> {
  const rows = await trx
    .selectFrom("memberships")
    .select(["seat_id", "role"])
    .where("alliance_id", "=", allianceId)
    .where("person_id", "=", personId)
    .where("seat_id", "is not", null)
    .execute();
  const ranked = rows
    .flatMap((r) => (r.seat_id ? [{ seatId: r.seat_id, rank: r.role === "delegate" ? 0 : 1 }] : []))
    .sort((a, b) => a.rank - b.rank || (a.seatId < b.seatId ? -1 : 1));
  return ranked[0]?.seatId ?? null;
}

/** The organization name of a seat (null for none). */
export async function seatName(trx: Trx, seatId: string | null): Promise<string | null> {
  if (!seatId) return null;
  const row = await trx.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select("o.name").where("s.id", "=", seatId).executeTakeFirst();
  return row?.name ?? null;
}

/** A person's display name. */
export async function personName(trx: Trx, personId: string): Promise<string> {
  const row = await trx.selectFrom("people").select("display_name").where("id", "=", personId).executeTakeFirst();
  return row?.display_name ?? "Someone";
}
