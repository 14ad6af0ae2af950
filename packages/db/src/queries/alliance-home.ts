import { sql } from "kysely";
import type { Db } from "../open-database";

/** An alliance with its seats, their organizations and people, and everyone's roles (one round trip). */
export async function loadAllianceHome(db: Db, allianceId: string) {
  const result = await sql<{ alliance: AllianceJson | null; seats: SeatJson[] | null; memberships: MembershipJson[] | null }>`
    select
      (select to_jsonb(a) from alliances a where a.id = ${allianceId}) as alliance,
      (select jsonb_agg(jsonb_build_object('id', s.id, 'weight', s.weight, 'version', s.version, 'created_at', s.created_at,
          'organization_id', o.id, 'name', o.name, 'kind', o.kind, 'sector', o.sector, 'website', o.website) order by o.name, s.id)
        from seats s join organizations o on o.id = s.organization_id where s.alliance_id = ${allianceId}) as seats,
      (select jsonb_agg(jsonb_build_object('person_id', m.person_id, 'role', m.role, 'seat_id', m.seat_id, 'display_name', p.display_name)
          order by p.display_name, m.person_id, m.role)
        from memberships m join people p on p.id = m.person_id where m.alliance_id = ${allianceId}) as memberships`.execute(db);
  const row = result.rows[0];
  if (!row?.alliance) return null;
  const a = row.alliance;
  return {
    alliance: { ...a, created_at: new Date(a.created_at), updated_at: new Date(a.updated_at) },
    seats: row.seats ?? [],
    memberships: row.memberships ?? [],
  };
}

interface AllianceJson {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  stage: string;
  has_competitors: boolean;
  created_at: string;
  updated_at: string;
  version: number;
}
interface SeatJson {
  id: string;
  weight: number;
  version: number;
  created_at: string;
  organization_id: string;
  name: string;
  kind: string;
  sector: string;
  website: string;
}
interface MembershipJson {
  person_id: string;
  role: string;
  seat_id: string | null;
  display_name: string;
}

/** The alliances a person holds a role in (all of them for an instance administrator), by name. */
export async function listAlliancesFor(db: Db, person: { id: string; isAdmin: boolean }, page: { after?: [string, string] | undefined; limit: number }) {
  let query = db
    .selectFrom("alliances as a")
    .select((eb) => [
      "a.id",
      "a.slug",
      "a.name",
      "a.purpose",
      "a.stage",
      "a.updated_at",
      eb.selectFrom("seats").select(eb.fn.countAll<number>().as("n")).whereRef("seats.alliance_id", "=", "a.id").as("seat_count"),
      eb.selectFrom("chain_heads").select("seq").whereRef("chain_heads.alliance_id", "=", "a.id").as("event_count"),
    ])
    .orderBy("a.name")
    .orderBy("a.id")
    .limit(page.limit + 1);
  if (!person.isAdmin) {
    query = query.where((eb) => eb.exists(eb.selectFrom("memberships as m").select("m.id").whereRef("m.alliance_id", "=", "a.id").where("m.person_id", "=", person.id)));
  }
  if (page.after) {
    const [name, id] = page.after;
    query = query.where((eb) => eb.or([eb("a.name", ">", name), eb.and([eb("a.name", "=", name), eb("a.id", ">", id)])]));
  }
  return query.execute();
}
