import type { AllianceViewer } from "@trellis/core";
import type { Db } from "../open-database";
import { visibleTo } from "../visibility-filter";

/** A page of an alliance's events, newest first, that the viewer may see. */
export async function listEvents(db: Db, allianceId: string, viewer: AllianceViewer, page: { beforeSeq?: number | undefined; limit: number; typePrefix?: string | undefined; excludeTypes?: readonly string[] | undefined; seatId?: string | undefined }) {
  let query = db
    .selectFrom("events as e")
    .leftJoin("people as p", "p.id", "e.actor_id")
    .select(["e.seq", "e.type", "e.actor_id", "e.seat_id", "e.visibility", "e.visible_seat_ids", "e.clean_team_id", "e.payload", "e.occurred_at", "e.hash", "p.display_name as actor_name"])
    .where("e.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "e"))
    .orderBy("e.seq", "desc")
    .limit(page.limit + 1);
  if (page.beforeSeq !== undefined) query = query.where("e.seq", "<", page.beforeSeq);
  if (page.typePrefix) query = query.where("e.type", "like", `${page.typePrefix.replace(/[%_\\]/g, "\\$&")}%`);
  if (page.excludeTypes?.length) query = query.where("e.type", "not in", [...page.excludeTypes]);
  if (page.seatId) query = query.where("e.seat_id", "=", page.seatId);
  return query.execute();
}

/** One event by sequence number, with its actor's name (for the realtime fan-out). */
export async function loadEvent(db: Db, allianceId: string, seq: number) {
  return db
    .selectFrom("events as e")
    .leftJoin("people as p", "p.id", "e.actor_id")
    .select(["e.seq", "e.type", "e.actor_id", "e.seat_id", "e.visibility", "e.visible_seat_ids", "e.clean_team_id", "e.payload", "e.occurred_at", "e.hash", "p.display_name as actor_name"])
    .where("e.alliance_id", "=", allianceId)
    .where("e.seq", "=", seq)
    .executeTakeFirst();
}

export type EventListRow = NonNullable<Awaited<ReturnType<typeof loadEvent>>>;
