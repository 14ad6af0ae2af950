import { AppError, type AllianceRole, type AllianceViewer } from "@trellis/core";
import type { Db } from "@trellis/db";
import { sql } from "kysely";

/** The signed-in person as routes see them. */
export interface Person {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  timeZone: string;
}

/**
 * What the person is in the alliance. Someone with no role gets not_found, the same answer as
 * for an alliance that does not exist, so ids of other alliances reveal nothing.
 */
export async function loadViewer(db: Db, allianceId: string, person: Person): Promise<AllianceViewer> {
  // One round trip: the alliance's roles, seats and clean teams of this person (hot path of every route).
  const result = await sql<{ roles: string[] | null; seat_ids: string[] | null; team_ids: string[] | null }>`
    select
      (select array_agg(distinct m.role) from memberships m where m.alliance_id = ${allianceId} and m.person_id = ${person.id}) as roles,
      (select array_agg(distinct m.seat_id) from memberships m where m.alliance_id = ${allianceId} and m.person_id = ${person.id} and m.seat_id is not null) as seat_ids,
      (select array_agg(t.id) from clean_team_members ctm join clean_teams t on t.id = ctm.clean_team_id
        where t.alliance_id = ${allianceId} and ctm.person_id = ${person.id}) as team_ids`.execute(db);
  const row = result.rows[0];
  if (!row?.roles || row.roles.length === 0) throw new AppError("not_found", "No such alliance.");
  return {
    personId: person.id,
    roles: row.roles as AllianceRole[],
    seatIds: row.seat_ids ?? [],
    cleanTeamIds: row.team_ids ?? [],
  };
}
