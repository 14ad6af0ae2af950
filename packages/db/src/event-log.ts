import { createHash } from "node:crypto";
import { canonicalJson, type Visibility } from "@trellis/core";
import { sql, type Transaction } from "kysely";
import type { EventRow, Schema } from "./schema";

/** The first link of every chain points at this hash. */
export const genesisHash = "0".repeat(64);

/** What a use case appends: the change it made, who made it, and who may see it. */
export interface NewEvent {
  allianceId: string;
  type: string;
  actorId: string | null;
  seatId: string | null;
  visibility: Visibility;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** An event as stored and as exported: the chain fields included. */
export interface ChainedEvent extends NewEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The hash of an event's content: everything but the chain fields, in canonical JSON.
 * An export can replace a hidden event by this hash alone and its chain still verifies.
 */
export function contentHash(event: NewEvent & { seq: number }): string {
  const body = canonicalJson({
    allianceId: event.allianceId,
    seq: event.seq,
    type: event.type,
    actorId: event.actorId,
    seatId: event.seatId,
    visibility: event.visibility,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  });
  return createHash("sha256").update(body).digest("hex");
}

/** The link hash: SHA-256 over the previous hash, the sequence number and the content hash. */
export function linkHash(prevHash: string, seq: number, content: string): string {
  return createHash("sha256").update(`${prevHash}\n${seq}\n${content}`).digest("hex");
}

/** The hash of an event (see docs/archive-format.md). */
export function hashEvent(event: Omit<ChainedEvent, "hash">): string {
  return linkHash(event.prevHash, event.seq, contentHash(event));
}

/** The stored form of a visibility: seat ids sorted and without duplicates. */
export function normalizeVisibility(visibility: Visibility): Visibility {
  return visibility.level === "seats" ? { level: "seats", seatIds: [...new Set(visibility.seatIds)].sort() } : visibility;
}

/** Turns a Visibility into its columns. */
export function visibilityColumns(visibility: Visibility) {
  return {
    visibility: visibility.level,
    visible_seat_ids: visibility.level === "seats" ? [...new Set(visibility.seatIds)].sort() : [],
    clean_team_id: visibility.level === "clean_team" ? visibility.cleanTeamId : null,
  };
}

/** Reads a Visibility back from its columns. */
export function visibilityFromColumns(row: { visibility: string; visible_seat_ids: string[]; clean_team_id: string | null }): Visibility {
  switch (row.visibility) {
    case "seats":
      return { level: "seats", seatIds: row.visible_seat_ids };
    case "facilitators":
      return { level: "facilitators" };
    case "clean_team":
      return { level: "clean_team", cleanTeamId: row.clean_team_id ?? "" };
    default:
      return { level: "alliance" };
  }
}

/**
 * Appends one event to its alliance's chain inside the caller's transaction. The chain head row
 * is locked (FOR UPDATE), so concurrent writers to one alliance queue up: no gaps, no forks.
 * A NOTIFY goes out on commit for the realtime fan-out across server instances.
 */
export async function appendEvent(trx: Transaction<Schema>, event: NewEvent): Promise<ChainedEvent> {
  // The head row must exist before it can be locked; concurrent first writers meet on its key.
  await sql`insert into chain_heads (alliance_id, seq, hash) values (${event.allianceId}, 0, ${genesisHash}) on conflict (alliance_id) do nothing`.execute(trx);
  const head = await trx
    .selectFrom("chain_heads")
    .select(["seq", "hash"])
    .where("alliance_id", "=", event.allianceId)
    .forUpdate()
    .executeTakeFirst();
  if (!head) throw new Error(`chain head of alliance ${event.allianceId} vanished`);
  const seq = head.seq + 1;
  const prevHash = head.hash;
  // Hash what is stored: seat lists are stored sorted, so they are hashed sorted.
  const chained: ChainedEvent = { ...event, visibility: normalizeVisibility(event.visibility), seq, prevHash, hash: "" };
  chained.hash = hashEvent(chained);
  await insertChainedEvent(trx, chained);
  await trx.updateTable("chain_heads").set({ seq, hash: chained.hash }).where("alliance_id", "=", event.allianceId).execute();
  await sql`select pg_notify('trellis_events', ${JSON.stringify({ allianceId: event.allianceId, seq })})`.execute(trx);
  return chained;
}

/** Writes an already chained event as it is (used by import, which re-verifies the chain). */
export async function insertChainedEvent(trx: Transaction<Schema>, event: ChainedEvent): Promise<void> {
  await trx
    .insertInto("events")
    .values({
      alliance_id: event.allianceId,
      seq: event.seq,
      type: event.type,
      actor_id: event.actorId,
      seat_id: event.seatId,
      ...visibilityColumns(event.visibility),
      payload: JSON.stringify(event.payload),
      occurred_at: event.occurredAt,
      prev_hash: event.prevHash,
      hash: event.hash,
    })
    .execute();
}

/** Maps a stored row to a ChainedEvent. */
export function eventFromRow(row: EventRow): ChainedEvent {
  return {
    allianceId: row.alliance_id,
    seq: row.seq,
    type: row.type,
    actorId: row.actor_id,
    seatId: row.seat_id,
    visibility: visibilityFromColumns(row),
    payload: (row.payload ?? {}) as Record<string, unknown>,
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A link whose content the exporting person may not see: only its hashes travel. */
export interface RedactedLink {
  seq: number;
  contentHash: string;
  prevHash: string;
  hash: string;
}

/** The result of checking a chain: ok, or the first link that does not hold. */
export type ChainCheck = { ok: true; count: number; head: string } | { ok: false; count: number; brokenAt: number; reason: string };

/** Checks links in order; feed it events sorted by seq (a stream works: it keeps only the last hash). */
export function createChainVerifier() {
  let expectedSeq = 1;
  let prev = genesisHash;
  let failure: { brokenAt: number; reason: string } | null = null;
  let count = 0;
  return {
    push(event: ChainedEvent | RedactedLink): boolean {
      if (failure) return false;
      count++;
      const content = "contentHash" in event ? event.contentHash : contentHash(event);
      if (event.seq !== expectedSeq) failure = { brokenAt: event.seq, reason: `expected sequence ${expectedSeq}, found ${event.seq}` };
      else if (event.prevHash !== prev) failure = { brokenAt: event.seq, reason: "prev_hash does not match the previous event's hash" };
      else if (linkHash(event.prevHash, event.seq, content) !== event.hash) failure = { brokenAt: event.seq, reason: "hash does not match the event's content" };
      prev = event.hash;
      expectedSeq++;
      return failure === null;
    },
    result(): ChainCheck {
      return failure ? { ok: false, count, ...failure } : { ok: true, count, head: prev };
    },
  };
}
