import type { PulseResponse } from "@trellis/core/pulses";
import type { Selectable } from "kysely";
import type { Db } from "../open-database";
import type { Schema } from "../schema";

export type PulseRow = Selectable<Schema["pulses"]>;
export type PulseCadenceRow = Selectable<Schema["pulse_cadences"]>;

/** The alliance's minimum group size k and the settings row's version (1 when never set). */
export async function loadPulseSettings(db: Db, allianceId: string): Promise<{ minGroupSize: number | null; version: number }> {
  const row = await db.selectFrom("pulse_settings").select(["min_group_size", "version"]).where("alliance_id", "=", allianceId).executeTakeFirst();
  return row ? { minGroupSize: row.min_group_size, version: row.version } : { minGroupSize: null, version: 0 };
}

/** The alliance's pulses, newest first (an alliance runs a handful a year). */
export async function listPulseRows(db: Db, allianceId: string): Promise<PulseRow[]> {
  return db.selectFrom("pulses").selectAll().where("alliance_id", "=", allianceId).orderBy("sequence", "desc").limit(1000).execute();
}

/** One pulse of the alliance. */
export async function findPulseRow(db: Db, allianceId: string, pulseId: string, options: { forUpdate?: boolean } = {}): Promise<PulseRow | undefined> {
  let query = db.selectFrom("pulses").selectAll().where("alliance_id", "=", allianceId).where("id", "=", pulseId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** How many people have responded to each pulse (a count: it says nothing about any answer). */
export async function countPulseRespondents(db: Db, pulseIds: readonly string[]): Promise<Map<string, number>> {
  if (pulseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("pulse_respondents")
    .select(["pulse_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("pulse_id", "in", [...pulseIds])
    .groupBy("pulse_id")
    .execute();
  return new Map(rows.map((row) => [row.pulse_id, Number(row.n)]));
}

/** The pulses (of those given) this person has responded to. */
export async function listPulsesRespondedBy(db: Db, pulseIds: readonly string[], personId: string): Promise<Set<string>> {
  if (pulseIds.length === 0) return new Set();
  const rows = await db.selectFrom("pulse_respondents").select("pulse_id").where("pulse_id", "in", [...pulseIds]).where("person_id", "=", personId).execute();
  return new Set(rows.map((row) => row.pulse_id));
}

/** People asked to answer the alliance's pulses: everyone acting for a seat (delegates and members) at the given time. */
export async function countPulseInvitees(db: Db, allianceId: string, at: Date): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.count<number>("person_id").distinct().as("n"))
    .where("alliance_id", "=", allianceId)
    .where("role", "in", ["delegate", "member"])
    .where("seat_id", "is not", null)
    .where("created_at", "<=", at)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The stored answers of the alliance's closed pulses, as the anonymity guard takes them. Only the
 * guard may turn these into anything that leaves the server.
 */
export async function loadClosedPulseResponses(db: Db, allianceId: string): Promise<{ responses: PulseResponse[]; closedPulseIds: string[] }> {
  const pulses = await db.selectFrom("pulses").select("id").where("alliance_id", "=", allianceId).where("closed_at", "is not", null).execute();
  const closedPulseIds = pulses.map((pulse) => pulse.id);
  if (closedPulseIds.length === 0) return { responses: [], closedPulseIds };
  const rows = await db
    .selectFrom("pulse_answers")
    .select(["pulse_id", "respondent_key", "respondent_seat_id", "item_id", "target_seat_id", "value"])
    .where("pulse_id", "in", closedPulseIds)
    .orderBy("pulse_id")
    .orderBy("respondent_key")
    .orderBy("item_id")
    .execute();
  return {
    closedPulseIds,
    responses: rows.map((row) => ({
      pulseId: row.pulse_id,
      itemId: row.item_id,
      respondentKey: row.respondent_key,
      respondentSeatId: row.respondent_seat_id,
      targetSeatId: row.target_seat_id,
      value: row.value,
    })),
  };
}

/** Active cadences, for the pulse job. */
export async function listActivePulseCadences(db: Db): Promise<PulseCadenceRow[]> {
  return db.selectFrom("pulse_cadences").selectAll().where("active", "=", true).orderBy("alliance_id").execute();
}

/** Open pulses whose closing time has come, for the pulse job. */
export async function listPulsesDueToClose(db: Db, now: Date): Promise<PulseRow[]> {
  return db.selectFrom("pulses").selectAll().where("closed_at", "is", null).where("closes_at", "<=", now).orderBy("closes_at").orderBy("id").limit(500).execute();
}
