import type { AllianceViewer } from "@trellis/core";
import type { Db } from "../open-database";
import { visibleTo } from "../visibility-filter";

/** An event as the story reads it: what happened, when, who acted (by name) and its payload. */
export interface StoryEventRow {
  seq: number;
  type: string;
  actor_id: string | null;
  actor_name: string | null;
  seat_id: string | null;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Every event of the alliance the viewer may see, oldest first (read in pages of 5,000 by sequence).
 * Types in `skipTypes` (exact) or ending with one of `skipSuffixes` are left out in SQL.
 */
export async function listStoryEventRows(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer,
  options: { from?: Date | undefined; to?: Date | undefined; skipTypes?: readonly string[]; skipSuffixes?: readonly string[] } = {},
): Promise<StoryEventRow[]> {
  const rows: StoryEventRow[] = [];
  let after = 0;
  for (;;) {
    let query = db
      .selectFrom("events as e")
      .leftJoin("people as p", "p.id", "e.actor_id")
      .select(["e.seq", "e.type", "e.actor_id", "p.display_name as actor_name", "e.seat_id", "e.payload", "e.occurred_at"])
      .where("e.alliance_id", "=", allianceId)
      .where("e.seq", ">", after)
      .where(visibleTo(viewer, "e"))
      .orderBy("e.seq")
      .limit(5000);
    // The period is applied again to the story's own dates; here it only trims what is read
    // (a day of slack either side for events whose story date comes from their payload).
    if (options.from) query = query.where("e.occurred_at", ">=", new Date(options.from.getTime() - 86_400_000));
    if (options.to) query = query.where("e.occurred_at", "<", new Date(options.to.getTime() + 2 * 86_400_000));
    if (options.skipTypes?.length) query = query.where("e.type", "not in", [...options.skipTypes]);
    for (const suffix of options.skipSuffixes ?? []) query = query.where("e.type", "not like", `%${suffix.replace(/[%_\\]/g, "\\$&")}`);
    const page = await query.execute();
    rows.push(...page);
    if (page.length < 5000) break;
    after = page[page.length - 1]!.seq;
  }
  return rows;
}

/** The alliance's seats with their organizations' names, and the names of its people. */
export async function loadAllianceNames(db: Db, allianceId: string): Promise<{ seats: Map<string, string>; people: Map<string, string> }> {
  const seats = await db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .execute();
  const people = await db
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["p.id", "p.display_name"])
    .where("m.alliance_id", "=", allianceId)
    .execute();
  return { seats: new Map(seats.map((seat) => [seat.id, seat.name])), people: new Map(people.map((person) => [person.id, person.display_name])) };
}
