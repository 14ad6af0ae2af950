import type { AllianceViewer } from "@trellis/core";
import type { Db, Trx } from "../open-database";
import type { MeetingRow } from "../rhythm-tables";
import { visibleTo } from "../visibility-filter";

type Reader = Db | Trx;

/** A meeting with what its pages need from its cadence and alliance. */
export type MeetingWithCadence = MeetingRow & {
  cadence_kind: string;
  cadence_title: string;
  time_zone: string;
  location: string;
  has_competitors: boolean;
  alliance_name: string;
};

/** One meeting of the alliance the viewer may see (null otherwise); the meeting row locked when forUpdate. */
export async function loadMeeting(db: Reader, allianceId: string, meetingId: string, viewer: AllianceViewer | null, options: { forUpdate?: boolean } = {}): Promise<MeetingWithCadence | null> {
  let query = db
    .selectFrom("meetings as m")
    .innerJoin("cadences as c", "c.id", "m.cadence_id")
    .innerJoin("alliances as a", "a.id", "m.alliance_id")
    .selectAll("m")
    .select(["c.kind as cadence_kind", "c.title as cadence_title", "c.time_zone", "c.location", "a.has_competitors", "a.name as alliance_name"])
    .where("m.id", "=", meetingId)
    .where("m.alliance_id", "=", allianceId);
  if (viewer) query = query.where(visibleTo(viewer, "m"));
  if (options.forUpdate) query = query.forUpdate("m");
  return (await query.executeTakeFirst()) ?? null;
}

/** A page of the alliance's meetings the viewer may see, newest scheduled start first. */
export async function listMeetings(
  db: Reader,
  allianceId: string,
  viewer: AllianceViewer,
  page: { status?: string | undefined; cadenceId?: string | undefined; q?: string | undefined; from?: Date | undefined; to?: Date | undefined; before?: [string, string] | undefined; limit: number },
) {
  let query = db
    .selectFrom("meetings as m")
    .innerJoin("cadences as c", "c.id", "m.cadence_id")
    .selectAll("m")
    .select((eb) => [
      "c.kind as cadence_kind",
      "c.time_zone",
      eb.selectFrom("agenda_items as i").select(eb.fn.countAll<number>().as("n")).whereRef("i.meeting_id", "=", "m.id").as("item_count"),
      eb.selectFrom("meeting_minutes as v").select((inner) => inner.fn.max("v.version").as("n")).whereRef("v.meeting_id", "=", "m.id").as("minutes_version"),
    ])
    .where("m.alliance_id", "=", allianceId)
    .where(visibleTo(viewer, "m"))
    .orderBy("m.scheduled_start", "desc")
    .orderBy("m.id", "desc")
    .limit(page.limit + 1);
  if (page.status) query = query.where("m.status", "=", page.status);
  if (page.cadenceId) query = query.where("m.cadence_id", "=", page.cadenceId);
  if (page.q) query = query.where("m.title", "ilike", `%${page.q.replace(/[%_\\]/g, "\\$&")}%`);
  if (page.from) query = query.where("m.scheduled_start", ">=", page.from);
  if (page.to) query = query.where("m.scheduled_start", "<", page.to);
  if (page.before) {
    const [start, id] = page.before;
    const at = new Date(start);
    query = query.where((eb) => eb.or([eb("m.scheduled_start", "<", at), eb.and([eb("m.scheduled_start", "=", at), eb("m.id", "<", id)])]));
  }
  return query.execute();
}

/** Everything recorded for one meeting: agenda, attendance, acknowledgements, objections, outcomes, ratings, minutes versions. */
export async function loadMeetingRecords(db: Reader, meetingId: string) {
  const items = await db
    .selectFrom("agenda_items as i")
    .innerJoin("people as p", "p.id", "i.author_id")
    .leftJoin("seats as s", "s.id", "i.seat_id")
    .leftJoin("organizations as o", "o.id", "s.organization_id")
    .selectAll("i")
    .select(["p.display_name as author_name", "o.name as seat_name"])
    .where("i.meeting_id", "=", meetingId)
    .orderBy("i.position")
    .orderBy("i.created_at")
    .orderBy("i.id")
    .execute();
  const attendance = await db
    .selectFrom("meeting_attendance as t")
    .innerJoin("people as p", "p.id", "t.person_id")
    .leftJoin("seats as s", "s.id", "t.seat_id")
    .leftJoin("organizations as o", "o.id", "s.organization_id")
    .selectAll("t")
    .select(["p.display_name as person_name", "o.name as seat_name"])
    .where("t.meeting_id", "=", meetingId)
    .orderBy("p.display_name")
    .orderBy("t.person_id")
    .execute();
  const acknowledgements = await db
    .selectFrom("meeting_acknowledgements as k")
    .innerJoin("people as p", "p.id", "k.person_id")
    .leftJoin("seats as s", "s.id", "k.seat_id")
    .leftJoin("organizations as o", "o.id", "s.organization_id")
    .selectAll("k")
    .select(["p.display_name as person_name", "o.name as seat_name"])
    .where("k.meeting_id", "=", meetingId)
    .orderBy("k.acknowledged_at")
    .orderBy("k.person_id")
    .execute();
  const objections = await db
    .selectFrom("meeting_objections as j")
    .innerJoin("people as p", "p.id", "j.person_id")
    .leftJoin("seats as s", "s.id", "j.seat_id")
    .leftJoin("organizations as o", "o.id", "s.organization_id")
    .leftJoin("agenda_items as i", "i.id", "j.agenda_item_id")
    .selectAll("j")
    .select(["p.display_name as person_name", "o.name as seat_name", "i.title as item_title"])
    .where("j.meeting_id", "=", meetingId)
    .orderBy("j.created_at")
    .orderBy("j.id")
    .execute();
  const outcomes = await db
    .selectFrom("meeting_outcomes as u")
    .leftJoin("people as p", "p.id", "u.recorded_by")
    .selectAll("u")
    .select(["p.display_name as recorded_by_name"])
    .where("u.meeting_id", "=", meetingId)
    .orderBy("u.created_at")
    .orderBy("u.id")
    .execute();
  const ratings = await db.selectFrom("meeting_ratings").select(["person_id", "rating"]).where("meeting_id", "=", meetingId).execute();
  const minutes = await db
    .selectFrom("meeting_minutes as v")
    .leftJoin("people as p", "p.id", "v.edited_by")
    .select(["v.version", "v.reason", "v.edited_at", "v.edited_by", "p.display_name as edited_by_name"])
    .where("v.meeting_id", "=", meetingId)
    .orderBy("v.version")
    .execute();
  return { items, attendance, acknowledgements, objections, outcomes, ratings, minutes };
}

export type MeetingRecords = Awaited<ReturnType<typeof loadMeetingRecords>>;

/** One version of a meeting's minutes (the latest when version is omitted). */
export async function loadMinutesVersion(db: Reader, meetingId: string, version?: number) {
  let query = db
    .selectFrom("meeting_minutes as v")
    .leftJoin("people as p", "p.id", "v.edited_by")
    .selectAll("v")
    .select(["p.display_name as edited_by_name"])
    .where("v.meeting_id", "=", meetingId);
  query = version === undefined ? query.orderBy("v.version", "desc").limit(1) : query.where("v.version", "=", version);
  return (await query.executeTakeFirst()) ?? null;
}
