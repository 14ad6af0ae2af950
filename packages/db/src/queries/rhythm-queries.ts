import type { AllianceViewer } from "@trellis/core";
import { sql } from "kysely";
import type { Db, Trx } from "../open-database";
import { visibleTo } from "../visibility-filter";

type Reader = Db | Trx;

/** A meeting that took place (started), with the seats expected and the seats that attended. */
export interface HeldMeetingRow {
  id: string;
  cadenceId: string;
  cadenceKind: string;
  occurrenceKey: string;
  title: string;
  status: string;
  scheduledStart: Date;
  startedAt: Date;
  expectedSeatIds: string[];
  attendedSeatIds: string[];
}

/**
 * Meetings of the alliance that started in [from, to) (in progress or closed), oldest first. A seat
 * attended when any of its people was present (or present and then left after an objection).
 * With a viewer, only meetings they may see; without one (jobs, health), all.
 */
export async function listHeldMeetings(db: Reader, allianceId: string, window: { from: Date; to: Date }, viewer: AllianceViewer | null): Promise<HeldMeetingRow[]> {
  let query = db
    .selectFrom("meetings as m")
    .innerJoin("cadences as c", "c.id", "m.cadence_id")
    .select(["m.id", "m.cadence_id", "c.kind", "m.occurrence_key", "m.title", "m.status", "m.scheduled_start", "m.started_at", "m.expected_seat_ids"])
    .where("m.alliance_id", "=", allianceId)
    .where("m.status", "in", ["in_progress", "closed"])
    .where("m.started_at", ">=", window.from)
    .where("m.started_at", "<", window.to)
    .orderBy("m.started_at")
    .orderBy("m.id");
  if (viewer) query = query.where(visibleTo(viewer, "m"));
  const meetings = await query.execute();
  if (meetings.length === 0) return [];
  const attended = await db
    .selectFrom("meeting_attendance")
    .select(["meeting_id", "seat_id"])
    .where("meeting_id", "in", meetings.map((m) => m.id))
    .where("status", "in", ["present", "left"])
    .where("seat_id", "is not", null)
    .execute();
  const seatsOf = new Map<string, Set<string>>();
  for (const row of attended) {
    if (!row.seat_id) continue;
    const set = seatsOf.get(row.meeting_id) ?? new Set<string>();
    set.add(row.seat_id);
    seatsOf.set(row.meeting_id, set);
  }
  return meetings.map((m) => ({
    id: m.id,
    cadenceId: m.cadence_id,
    cadenceKind: m.kind,
    occurrenceKey: m.occurrence_key,
    title: m.title,
    status: m.status,
    scheduledStart: m.scheduled_start,
    startedAt: m.started_at ?? m.scheduled_start,
    expectedSeatIds: m.expected_seat_ids,
    attendedSeatIds: [...(seatsOf.get(m.id) ?? [])].sort(),
  }));
}

/** The last alignment-renewal meeting held (started) before `before`, or null. */
export async function loadLastRenewalMeeting(db: Reader, allianceId: string, before: Date): Promise<{ id: string; title: string; startedAt: Date } | null> {
  const row = await db
    .selectFrom("meetings as m")
    .innerJoin("cadences as c", "c.id", "m.cadence_id")
    .select(["m.id", "m.title", "m.started_at"])
    .where("m.alliance_id", "=", allianceId)
    .where("c.kind", "=", "alignment_renewal")
    .where("m.status", "in", ["in_progress", "closed"])
    .where("m.started_at", "<=", before)
    .orderBy("m.started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ? { id: row.id, title: row.title, startedAt: row.started_at } : null;
}

/**
 * The charter's record of renewal, when the charter capability's tables exist (checked at run
 * time, so rhythm works with or without it): the last renewal day, the first adoption, and the
 * body of the current version (its governance clauses set the renewal period).
 */
export async function loadCharterRenewalFacts(db: Reader, allianceId: string): Promise<{ renewedOn: string | null; adoptedAt: Date | null; body: unknown } | null> {
  const exists = await sql<{ present: boolean }>`select to_regclass('public.charters') is not null and to_regclass('public.charter_versions') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return null;
  try {
    return await readCharterRenewalFacts(db, allianceId);
  } catch {
    // The charter's tables have another shape than this reader knows: fall back to meetings.
    return null;
  }
}

async function readCharterRenewalFacts(db: Reader, allianceId: string): Promise<{ renewedOn: string | null; adoptedAt: Date | null; body: unknown } | null> {
  const head = await sql<{ renewed_on: string | null; current_version: number }>`select renewed_on, current_version from charters where alliance_id = ${allianceId}`.execute(db);
  const charter = head.rows[0];
  if (!charter) return null;
  const adopted = await sql<{ adopted_at: Date | null }>`select min(adopted_at) as adopted_at from charter_versions where alliance_id = ${allianceId} and adopted_at is not null`.execute(db);
  const current = await sql<{ body: unknown }>`select body from charter_versions where alliance_id = ${allianceId} and charter_version = ${charter.current_version}`.execute(db);
  const adoptedAt = adopted.rows[0]?.adopted_at ?? null;
  return { renewedOn: charter.renewed_on, adoptedAt: adoptedAt ? new Date(adoptedAt) : null, body: current.rows[0]?.body ?? null };
}
