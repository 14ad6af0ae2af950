import { AppError, canSee, type AllianceRole, type AllianceViewer, type Visibility } from "@trellis/core";
import type { CommitmentParty } from "@trellis/core/commitments";
import type { Db, Trx } from "@trellis/db";

/** A party's viewer in the alliance: their roles, seats and clean teams (empty roles when not a member). */
export async function loadPartyViewer(db: Db | Trx, allianceId: string, personId: string): Promise<AllianceViewer> {
  const memberships = await db.selectFrom("memberships").select(["role", "seat_id"]).where("alliance_id", "=", allianceId).where("person_id", "=", personId).execute();
  const teams = await db
    .selectFrom("clean_team_members as m")
    .innerJoin("clean_teams as t", "t.id", "m.clean_team_id")
    .select("t.id")
    .where("t.alliance_id", "=", allianceId)
    .where("m.person_id", "=", personId)
    .execute();
  return {
    personId,
    roles: [...new Set(memberships.map((m) => m.role as AllianceRole))],
    seatIds: [...new Set(memberships.flatMap((m) => (m.seat_id ? [m.seat_id] : [])))],
    cleanTeamIds: teams.map((t) => t.id),
  };
}

/** The seat a person acts for in a commitment: the one named, or their only seat. */
export function chooseSeat(viewer: AllianceViewer, seatId: string | undefined, who: "you" | "they"): string {
  if (seatId !== undefined) {
    if (!viewer.seatIds.includes(seatId)) {
      throw who === "you"
        ? new AppError("forbidden", "You do not act for that seat.", { seatId })
        : new AppError("validation_failed", "That person does not act for that seat.", { issues: [{ path: "counterpart.seatId", message: "not one of their seats" }] });
    }
    return seatId;
  }
  if (viewer.seatIds.length === 1) return viewer.seatIds[0] as string;
  if (viewer.seatIds.length === 0) {
    throw who === "you"
      ? new AppError("forbidden", "A commitment is made on behalf of a seat, and you act for none in this alliance.")
      : new AppError("validation_failed", "That person acts for no seat in this alliance, so they cannot be a party to a commitment.", {
          issues: [{ path: "counterpart.personId", message: "acts for no seat" }],
        });
  }
  throw new AppError("validation_failed", `${who === "you" ? "You act" : "That person acts"} for several seats: say which one.`, {
    issues: [{ path: who === "you" ? "seatId" : "counterpart.seatId", message: "required: several seats" }],
  });
}

/**
 * Checks a commitment's visibility: its seats and clean team belong to the alliance, and both
 * parties can see it (a commitment its own parties cannot see would be a broken promise).
 */
export async function assertVisibilityForParties(
  db: Db | Trx,
  allianceId: string,
  visibility: Visibility,
  parties: { party: CommitmentParty; viewer: AllianceViewer }[],
): Promise<void> {
  if (visibility.level === "seats") {
    if (visibility.seatIds.length === 0) throw new AppError("validation_failed", "Name at least one seat that may see the commitment.", { issues: [{ path: "visibility.seatIds", message: "empty" }] });
    const seats = await db.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).where("id", "in", [...visibility.seatIds]).execute();
    if (seats.length !== new Set(visibility.seatIds).size) throw new AppError("validation_failed", "Some of those seats are not in this alliance.", { issues: [{ path: "visibility.seatIds", message: "unknown seat" }] });
  }
  if (visibility.level === "clean_team") {
    const team = await db.selectFrom("clean_teams").select("id").where("alliance_id", "=", allianceId).where("id", "=", visibility.cleanTeamId).executeTakeFirst();
    if (!team) throw new AppError("validation_failed", "No such clean team in this alliance.", { issues: [{ path: "visibility.cleanTeamId", message: "unknown clean team" }] });
  }
  for (const { viewer } of parties) {
    if (!canSee(viewer, visibility)) {
      throw new AppError("validation_failed", "Both the customer and the performer must be able to see the commitment: widen its visibility.", {
        issues: [{ path: "visibility", message: "a party could not see it" }],
      });
    }
  }
}
