import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { appendEvent, createChainVerifier, genesisHash, hashEvent } from "./event-log";
import { exportAlliance, importAlliance, verifyAllianceChain } from "./archive";
import type { Database } from "./open-database";
import { openTestDatabase, testDatabaseKinds } from "./testing";

const kinds = await testDatabaseKinds();
const at = new Date("2026-03-01T10:00:00Z");

describe.each(kinds)("event chain on %s", (kind) => {
  let database: Database;
  let allianceId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const alliance = await database.db.insertInto("alliances").values({ slug: "chain-test", name: "Chain test" }).returning("id").executeTakeFirstOrThrow();
    allianceId = alliance.id;
  });
  afterAll(async () => database?.close());

  it("appends without gaps or forks under concurrent writers", async () => {
    const writers = Array.from({ length: 20 }, (_, i) =>
      database.db.transaction().execute((trx) =>
        appendEvent(trx, { allianceId, type: "test.written", actorId: null, seatId: null, visibility: { level: "alliance" }, payload: { i }, occurredAt: at }),
      ),
    );
    const events = await Promise.all(writers);
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const check = await verifyAllianceChain(database.db, allianceId);
    expect(check).toMatchObject({ ok: true, count: 20 });
  });

  it("reports the first broken link when a stored event is altered", async () => {
    await sql`update events set payload = '{"i": 999}'::jsonb where alliance_id = ${allianceId} and seq = 7`.execute(database.db);
    const check = await verifyAllianceChain(database.db, allianceId);
    expect(check).toMatchObject({ ok: false, brokenAt: 7 });
    await sql`delete from events where alliance_id = ${allianceId}`.execute(database.db);
    await sql`delete from chain_heads where alliance_id = ${allianceId}`.execute(database.db);
  });

  it("verifies events visible to several seats given in any order", async () => {
    const seats = ["00000000-0000-4000-8000-00000000000c", "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];
    await database.db.transaction().execute((trx) =>
      appendEvent(trx, { allianceId, type: "test.seats", actorId: null, seatId: null, visibility: { level: "seats", seatIds: seats }, payload: {}, occurredAt: at }),
    );
    expect(await verifyAllianceChain(database.db, allianceId)).toMatchObject({ ok: true, count: 1 });
    await sql`delete from events where alliance_id = ${allianceId}`.execute(database.db);
    await sql`delete from chain_heads where alliance_id = ${allianceId}`.execute(database.db);
  });

  it("rolls back the event with the transaction that failed", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendEvent(trx, { allianceId, type: "test.doomed", actorId: null, seatId: null, visibility: { level: "alliance" }, payload: {}, occurredAt: at });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const count = await database.db.selectFrom("events").select((eb) => eb.fn.countAll<number>().as("n")).where("alliance_id", "=", allianceId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("round-trips an alliance through an archive and the chain verifies", async () => {
    for (let i = 0; i < 5; i++) {
      await database.db.transaction().execute((trx) =>
        appendEvent(trx, { allianceId, type: "test.written", actorId: null, seatId: null, visibility: { level: "facilitators" }, payload: { i, note: "ünïcode ✓" }, occurredAt: at }),
      );
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await exportAlliance(database.db, allianceId, out);
    out.end();
    const archive = Buffer.concat(chunks).toString("utf8");
    await sql`delete from alliances where id = ${allianceId}`.execute(database.db);
    const restored = await importAlliance(database.db, PassThrough.from([archive]));
    expect(restored.allianceId).toBe(allianceId);
    expect(await verifyAllianceChain(database.db, allianceId)).toMatchObject({ ok: true, count: 5 });
    // A second import of the same alliance is refused and writes nothing.
    await expect(importAlliance(database.db, PassThrough.from([archive]))).rejects.toMatchObject({ code: "already_exists" });
    // A tampered archive is refused whole.
    await sql`delete from alliances where id = ${allianceId}`.execute(database.db);
    const tampered = archive.replace('"i":3', '"i":4');
    await expect(importAlliance(database.db, PassThrough.from([tampered]))).rejects.toMatchObject({ code: "chain_broken" });
    const left = await database.db.selectFrom("alliances").select("id").where("id", "=", allianceId).execute();
    expect(left).toEqual([]);
  });
});

describe("chain verifier", () => {
  it("starts at the genesis hash and detects reordering", () => {
    const base = { allianceId: "a", type: "t", actorId: null, seatId: null, visibility: { level: "alliance" as const }, payload: {}, occurredAt: at };
    const first = { ...base, seq: 1, prevHash: genesisHash, hash: "" };
    first.hash = hashEvent(first);
    const second = { ...base, seq: 2, prevHash: first.hash, hash: "" };
    second.hash = hashEvent(second);
    const good = createChainVerifier();
    expect([good.push(first), good.push(second)]).toEqual([true, true]);
    const bad = createChainVerifier();
    expect(bad.push(second)).toBe(false);
    expect(bad.result()).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
