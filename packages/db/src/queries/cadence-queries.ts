import type { AllianceRole, AllianceViewer } from "@trellis/core";
import type { Cadence, CadenceKind } from "@trellis/core/rhythm";
import type { Db, Trx } from "../open-database";
import type { CadenceRow } from "../rhythm-tables";
import { visibleTo } from "../visibility-filter";

type Reader = Db | Trx;

/** A stored cadence as core's Cadence, with the keys of its cancelled occurrences. */
export function cadenceFromRow(row: CadenceRow, cancelledKeys: readonly string[]): Cadence {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    kind: row.kind as CadenceKind,
    title: row.title,
    rrule: row.rrule,
    dtstart: row.dtstart,
    timeZone: row.time_zone,
    durationMinutes: row.duration_minutes,
    expectedSeatIds: row.expected_seat_ids,
    cancelledStarts: cancelledKeys,
  };
}

/** A page of the alliance's cadences the viewer may see, by title. */
export async function listCadences(
  db: Reader,
  allianceId: string,
  viewer: AllianceViewer,
  page: { kind?: string | undefined; q?: string | undefined; includeArchived?: boolean; after?: [string, string] | undefined; limit: number },
): Promise<CadenceRow[]> {
  let query = db
    .selectFrom("cadences as c")
    .selectAll("c")
    .where("c.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "c"))
    .orderBy((eb) => eb.fn("lower", ["c.title"]))
    .orderBy("c.id")
    .limit(page.limit + 1);
  if (!page.includeArchived) query = query.where("c.archived_at", "is", null);
  if (page.kind) query = query.where("c.kind", "=", page.kind);
  if (page.q) query = query.where("c.title", "ilike", `%${page.q.replace(/[%_\\]/g, "\\$&")}%`);
  if (page.after) {
    const [title, id] = page.after;
    query = query.where((eb) =>
      eb.or([eb(eb.fn("lower", ["c.title"]), ">", title.toLowerCase()), eb.and([eb(eb.fn("lower", ["c.title"]), "=", title.toLowerCase()), eb("c.id", ">", id)])]),
    );
  }
  return query.execute();
}

/** One cadence of the alliance the viewer may see (null otherwise); locked when forUpdate. */
export async function loadCadence(db: Reader, allianceId: string, cadenceId: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<CadenceRow | null> {
  let query = db.selectFrom("cadences as c").selectAll("c").where("c.id", "=", cadenceId).where("c.alliance_id", "=", allianceId);
  if (viewer) query = query.where(visibleTo(viewer, "c"));
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** The cancelled occurrence keys of each cadence. */
export async function loadCancelledKeys(db: Reader, cadenceIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(cadenceIds.map((id) => [id, []]));
  if (cadenceIds.length === 0) return result;
  const rows = await db.selectFrom("cadence_cancellations").select(["cadence_id", "occurrence_key"]).where("cadence_id", "in", [...cadenceIds]).orderBy("occurrence_key").execute();
  for (const row of rows) result.get(row.cadence_id)?.push(row.occurrence_key);
  return result;
}

/** Cancellation records (reason, who, when) of one cadence. */
export async function listCancellations(db: Reader, cadenceId: string) {
  return db
    .selectFrom("cadence_cancellations as x")
    .leftJoin("people as p", "p.id", "x.cancelled_by")
    .select(["x.occurrence_key", "x.reason", "x.cancelled_at", "p.display_name as cancelled_by_name"])
    .where("x.cadence_id", "=", cadenceId)
    .execute();
}

/** Active cadences of an alliance the viewer may see, as core values (for occurrences and feeds). */
export async function loadActiveCadences(db: Reader, allianceId: string, viewer: AllianceViewer | null): Promise<{ row: CadenceRow; cadence: Cadence }[]> {
  let query = db.selectFrom("cadences as c").selectAll("c").where("c.alliance_id", "=", allianceId).where("c.archived_at", "is", null).orderBy("c.title").orderBy("c.id");
  if (viewer) query = query.where(visibleTo(viewer, "c"));
  const rows = await query.execute();
  const cancelled = await loadCancelledKeys(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, cadence: cadenceFromRow(row, cancelled.get(row.id) ?? []) }));
}

/** Every alliance a person holds a role in, with what they are there (for a personal calendar feed). */
export async function listViewersOfPerson(db: Reader, personId: string): Promise<{ allianceId: string; allianceName: string; viewer: AllianceViewer }[]> {
  const memberships = await db
    .selectFrom("memberships as m")
    .innerJoin("alliances as a", "a.id", "m.alliance_id")
    .select(["m.alliance_id", "a.name", "m.role", "m.seat_id"])
    .where("m.person_id", "=", personId)
    .orderBy("a.name")
    .execute();
  const teams = await db
    .selectFrom("clean_team_members as t")
    .innerJoin("clean_teams as c", "c.id", "t.clean_team_id")
    .select(["c.alliance_id", "c.id"])
    .where("t.person_id", "=", personId)
    .execute();
  const byAlliance = new Map<string, { allianceId: string; allianceName: string; viewer: AllianceViewer & { roles: AllianceRole[]; seatIds: string[]; cleanTeamIds: string[] } }>();
  for (const m of memberships) {
    const entry = byAlliance.get(m.alliance_id) ?? { allianceId: m.alliance_id, allianceName: m.name, viewer: { personId, roles: [], seatIds: [], cleanTeamIds: [] } };
    if (!entry.viewer.roles.includes(m.role as AllianceRole)) entry.viewer.roles.push(m.role as AllianceRole);
    if (m.seat_id && !entry.viewer.seatIds.includes(m.seat_id)) entry.viewer.seatIds.push(m.seat_id);
    byAlliance.set(m.alliance_id, entry);
  }
  for (const t of teams) byAlliance.get(t.alliance_id)?.viewer.cleanTeamIds.push(t.id);
  return [...byAlliance.values()];
}

/** The meetings made from the given cadences' occurrences (id, status), keyed by cadence and occurrence. */
export async function loadMeetingsOfCadences(db: Reader, cadenceIds: readonly string[]) {
  const map = new Map<string, { id: string; status: string; title: string; agendaItemCount: number }>();
  if (cadenceIds.length === 0) return map;
  const rows = await db
    .selectFrom("meetings as m")
    .select((eb) => [
      "m.id",
      "m.cadence_id",
      "m.occurrence_key",
      "m.status",
      "m.title",
      eb.selectFrom("agenda_items as i").select(eb.fn.countAll<number>().as("n")).whereRef("i.meeting_id", "=", "m.id").as("item_count"),
    ])
    .where("m.cadence_id", "in", [...cadenceIds])
    .execute();
  for (const row of rows) map.set(`${row.cadence_id}/${row.occurrence_key}`, { id: row.id, status: row.status, title: row.title, agendaItemCount: Number(row.item_count ?? 0) });
  return map;
}

/** People of an alliance with their roles and seats, for mail (circulation, reminders) and policies. */
export async function listAlliancePeople(db: Reader, allianceId: string) {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["p.id", "p.email", "p.display_name", "p.time_zone", "m.role", "m.seat_id"])
    .where("m.alliance_id", "=", allianceId)
    .orderBy("p.display_name")
    .orderBy("p.id")
    .execute();
  const teams = await db
    .selectFrom("clean_team_members as t")
    .innerJoin("clean_teams as c", "c.id", "t.clean_team_id")
    .select(["t.person_id", "c.id"])
    .where("c.alliance_id", "=", allianceId)
    .execute();
  const people = new Map<string, { id: string; email: string; displayName: string; timeZone: string; viewer: { personId: string; roles: AllianceRole[]; seatIds: string[]; cleanTeamIds: string[] } }>();
  for (const r of rows) {
    const person = people.get(r.id) ?? { id: r.id, email: r.email, displayName: r.display_name, timeZone: r.time_zone, viewer: { personId: r.id, roles: [], seatIds: [], cleanTeamIds: [] } };
    if (!person.viewer.roles.includes(r.role as AllianceRole)) person.viewer.roles.push(r.role as AllianceRole);
    if (r.seat_id && !person.viewer.seatIds.includes(r.seat_id)) person.viewer.seatIds.push(r.seat_id);
    people.set(r.id, person);
  }
  for (const t of teams) people.get(t.person_id)?.viewer.cleanTeamIds.push(t.id);
  return [...people.values()];
}

/** The alliance's seats with their organizations' names, by name. */
export async function listSeatNames(db: Reader, allianceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .orderBy("o.name")
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
