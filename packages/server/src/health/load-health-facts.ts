import { createHealthFactDeriver, type HealthFact, type HealthFactDeriver, type HealthFactLookups, type HealthSourceEvent, type PulseItemAggregate } from "@trellis/core/health";
import type { Db } from "@trellis/db";

/** Events read per round trip when folding a long log. */
const chunkSize = 5000;

/**
 * The lookups of one alliance, filled before each batch of events from the rows the batch needs
 * (pulse aggregates, meetings' expected seats) and once per load for the seats people act for.
 */
export class HealthLookupData {
  readonly pulses = new Map<string, PulseItemAggregate[]>();
  readonly meetings = new Map<string, string[]>();
  readonly attendance = new Map<string, string[]>();
  readonly seatOfPerson = new Map<string, string>();
  minGroupSize = 5;

  /** The lookups object the deriver reads (live: it sees what later loads add). */
  lookups(): HealthFactLookups {
    const k = () => this.minGroupSize;
    return {
      pulseAggregates: (pulseId) => this.pulses.get(pulseId) ?? [],
      meetingSeats: (meetingId) => this.meetings.get(meetingId),
      meetingAttendance: (meetingId) => this.attendance.get(meetingId),
      seatOfPerson: (personId) => this.seatOfPerson.get(personId),
      get minGroupSize() {
        return k();
      },
    };
  }
}

/** An alliance's deriver with the data behind its lookups, kept between incremental loads. */
export interface HealthFactSource {
  deriver: HealthFactDeriver;
  data: HealthLookupData;
}

/** A fresh deriver for an alliance. */
export function createHealthFactSource(): HealthFactSource {
  const data = new HealthLookupData();
  return { deriver: createHealthFactDeriver(data.lookups()), data };
}

async function loadAllianceLookups(db: Db, allianceId: string, data: HealthLookupData): Promise<void> {
  const [settings, members] = await Promise.all([
    db.selectFrom("pulse_settings").select("min_group_size").where("alliance_id", "=", allianceId).executeTakeFirst(),
    db.selectFrom("memberships").select(["person_id", "seat_id"]).where("alliance_id", "=", allianceId).where("seat_id", "is not", null).orderBy("created_at").execute(),
  ]);
  data.minGroupSize = settings?.min_group_size ?? 5;
  for (const m of members) if (m.seat_id && !data.seatOfPerson.has(m.person_id)) data.seatOfPerson.set(m.person_id, m.seat_id);
}

async function loadBatchLookups(db: Db, allianceId: string, events: readonly HealthSourceEvent[], data: HealthLookupData): Promise<void> {
  const pulseIds = new Set<string>();
  const meetingIds = new Set<string>();
  for (const e of events) {
    const p = e.payload;
    if (e.type === "pulse.closed" && typeof p.pulseId === "string") pulseIds.add(p.pulseId);
    if ((e.type === "meeting.held" || e.type === "occurrence.cancelled") && typeof p.meetingId === "string") meetingIds.add(p.meetingId);
  }
  const wantedMeetings = [...meetingIds].filter((id) => !data.meetings.has(id));
  if (wantedMeetings.length > 0) {
    const rows = await db.selectFrom("meetings").select(["id", "expected_seat_ids"]).where("alliance_id", "=", allianceId).where("id", "in", wantedMeetings).execute();
    for (const r of rows) data.meetings.set(r.id, r.expected_seat_ids);
    const present = await db
      .selectFrom("meeting_attendance")
      .select(["meeting_id", "seat_id"])
      .where("meeting_id", "in", wantedMeetings)
      .where("status", "in", ["present", "left"])
      .where("seat_id", "is not", null)
      .orderBy("meeting_id")
      .orderBy("seat_id")
      .execute();
    for (const id of wantedMeetings) if (data.meetings.has(id)) data.attendance.set(id, []);
    for (const r of present) if (r.seat_id) data.attendance.get(r.meeting_id)?.push(r.seat_id);
  }
  const wantedPulses = [...pulseIds].filter((id) => !data.pulses.has(id));
  if (wantedPulses.length === 0) return;
  // Aggregates per item, respondent seat and target seat; groups under k never leave this query.
  const rows = await db
    .selectFrom("pulse_answers as a")
    .innerJoin("pulses as p", "p.id", "a.pulse_id")
    .select((eb) => [
      "a.pulse_id",
      "a.item_id",
      "a.respondent_seat_id",
      "a.target_seat_id",
      eb.fn.count<number>("a.respondent_key").distinct().as("respondents"),
      eb.fn.sum<number>("a.value").as("total"),
    ])
    .where("p.alliance_id", "=", allianceId)
    .where("a.pulse_id", "in", wantedPulses)
    .where("p.closed_at", "is not", null)
    .groupBy(["a.pulse_id", "a.item_id", "a.respondent_seat_id", "a.target_seat_id"])
    .having((eb) => eb.fn.count("a.respondent_key").distinct(), ">=", data.minGroupSize)
    .execute();
  const invited = await db
    .selectFrom("pulses as p")
    .innerJoin("memberships as m", (j) => j.onRef("m.alliance_id", "=", "p.alliance_id"))
    .select((eb) => ["p.id", "m.seat_id", eb.fn.count<number>("m.person_id").distinct().as("n")])
    .where("p.id", "in", wantedPulses)
    .where("m.role", "in", ["delegate", "member"])
    .where("m.seat_id", "is not", null)
    .whereRef("m.created_at", "<=", "p.closed_at")
    .groupBy(["p.id", "m.seat_id"])
    .execute();
  const invitedOf = new Map(invited.map((r) => [`${r.id}|${r.seat_id}`, Number(r.n)]));
  for (const id of wantedPulses) data.pulses.set(id, []);
  const sorted = [...rows].sort(
    (a, b) =>
      a.pulse_id.localeCompare(b.pulse_id) ||
      a.item_id.localeCompare(b.item_id) ||
      a.respondent_seat_id.localeCompare(b.respondent_seat_id) ||
      (a.target_seat_id ?? "").localeCompare(b.target_seat_id ?? ""),
  );
  for (const r of sorted) {
    data.pulses.get(r.pulse_id)?.push({
      itemId: r.item_id,
      respondentSeatId: r.respondent_seat_id,
      targetSeatId: r.target_seat_id,
      respondents: Number(r.respondents),
      sum: Number(r.total),
      invited: invitedOf.get(`${r.pulse_id}|${r.respondent_seat_id}`) ?? Number(r.respondents),
    });
  }
}

/**
 * Reads the alliance's events after `afterSeq` in seq order and derives their health facts with
 * the source's deriver (a fresh one by default: the full derivation). Returns the facts and the
 * last seq read. Stable name: docs/briefs/health-api.md.
 */
export async function loadHealthFacts(
  db: Db,
  allianceId: string,
  options: { afterSeq?: number; source?: HealthFactSource; onFacts?: (facts: HealthFact[]) => void } = {},
): Promise<{ facts: HealthFact[]; lastSeq: number }> {
  const source = options.source ?? createHealthFactSource();
  await loadAllianceLookups(db, allianceId, source.data);
  let lastSeq = options.afterSeq ?? 0;
  const facts: HealthFact[] = [];
  for (;;) {
    const rows = await db
      .selectFrom("events")
      .select(["seq", "type", "occurred_at", "seat_id", "actor_id", "payload"])
      .where("alliance_id", "=", allianceId)
      .where("seq", ">", lastSeq)
      .orderBy("seq")
      .limit(chunkSize)
      .execute();
    if (rows.length === 0) break;
    const events: HealthSourceEvent[] = rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      occurredAt: r.occurred_at,
      seatId: r.seat_id,
      actorId: r.actor_id,
      payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    }));
    await loadBatchLookups(db, allianceId, events, source.data);
    const batch: HealthFact[] = [];
    for (const event of events) for (const fact of source.deriver.push(event)) batch.push(fact);
    if (options.onFacts) options.onFacts(batch);
    else facts.push(...batch);
    lastSeq = (rows[rows.length - 1] as { seq: number }).seq;
    if (rows.length < chunkSize) break;
  }
  return { facts, lastSeq };
}
