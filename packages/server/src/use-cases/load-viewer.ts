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
  return (await queryViewer(db, allianceId, person, false)).viewer;
}

/**
 * The viewer, and in the same round trip a stamp of what the alliance home and its activity show:
 * the chain head (every change to the alliance appends an event) and the versions of the
 * alliance, its seats' organizations and its people (renamed without an alliance event). Equal
 * stamps mean an unchanged home, so a read cached under the stamp can be served again.
 */
export async function loadViewerStamped(db: Db, allianceId: string, person: Person): Promise<{ viewer: AllianceViewer; stamp: string }> {
  const { viewer, stamp } = await queryViewer(db, allianceId, person, true);
  return { viewer, stamp: stamp ?? "" };
}

async function queryViewer(db: Db, allianceId: string, person: Person, stamped: boolean): Promise<{ viewer: AllianceViewer; stamp: string | null }> {
  const stampColumns = stamped
    ? sql`,
      (select h.seq from chain_heads h where h.alliance_id = ${allianceId}) as head_seq,
      (select a.version from alliances a where a.id = ${allianceId}) as alliance_version,
      (select coalesce(sum(o.version), 0) from seats s join organizations o on o.id = s.organization_id where s.alliance_id = ${allianceId}) as organizations_version,
      (select coalesce(sum(p.version), 0) from memberships m join people p on p.id = m.person_id where m.alliance_id = ${allianceId}) as people_version`
    : sql``;
  // One round trip: the alliance's roles, seats and clean teams of this person (hot path of every route).
  const result = await sql<{
    roles: string[] | null;
    seat_ids: string[] | null;
    team_ids: string[] | null;
    head_seq?: number | string | null;
    alliance_version?: number | null;
    organizations_version?: number | string | null;
    people_version?: number | string | null;
  }>`
    select
      (select array_agg(distinct m.role) from memberships m where m.alliance_id = ${allianceId} and m.person_id = ${person.id}) as roles,
      (select array_agg(distinct m.seat_id) from memberships m where m.alliance_id = ${allianceId} and m.person_id = ${person.id} and m.seat_id is not null) as seat_ids,
      (select array_agg(t.id) from clean_team_members ctm join clean_teams t on t.id = ctm.clean_team_id
        where t.alliance_id = ${allianceId} and ctm.person_id = ${person.id}) as team_ids${stampColumns}`.execute(db);
  const row = result.rows[0];
  if (!row?.roles || row.roles.length === 0) throw new AppError("not_found", "No such alliance.");
  const viewer: AllianceViewer = {
    personId: person.id,
    roles: row.roles as AllianceRole[],
    seatIds: row.seat_ids ?? [],
    cleanTeamIds: row.team_ids ?? [],
  };
  const stamp = stamped ? [row.head_seq ?? 0, row.alliance_version ?? 0, row.organizations_version ?? 0, row.people_version ?? 0].map(String).join(".") : null;
  return { viewer, stamp };
}
