import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom, pick, randomInt, type AllianceViewer } from "@trellis/core";
import {
  applyMove,
  availableMoves,
  classifyMyLoops,
  createCommitment,
  movePayloads,
  type Commitment,
  type CommitmentParty,
  type MoveInput,
} from "@trellis/core/commitments";
import { insertCommitmentMove, insertCommitmentRow } from "../commitment-store";
import type { Database } from "../open-database";
import { openTestDatabase, testDatabaseKinds } from "../testing";
import { countLoopRows, listLoopRows, type LoopSide } from "./commitment-loops";
import { hydrateCommitments, listCommitmentRows } from "./commitments";

const kinds = await testDatabaseKinds();
const now = new Date("2026-11-24T12:00:00.000Z");
const hour = 3600_000;
const day = 24 * hour;

/** A seeded conversation: random legal moves by random parties, from a random opening in the last two months. */
function playRandomConversation(random: () => number, base: Commitment): Commitment {
  const opening = random() < 0.8 ? "request" : "offer";
  let at = new Date(Date.parse(base.createdAt) + hour);
  let c = applyMove(base, opening, opening === "request" ? base.customer : base.performer, at);
  const steps = randomInt(random, 0, 6);
  for (let i = 0; i < steps; i++) {
    at = new Date(at.getTime() + randomInt(random, 1, 72) * hour);
    if (at.getTime() > now.getTime()) break;
    const speaker = random() < 0.5 ? c.customer : c.performer;
    const moves = availableMoves(c, speaker, at);
    if (moves.length === 0) continue;
    const move = pick(random, moves);
    const input: MoveInput = { name: move, message: `step ${i}` };
    if (movePayloads[move].terms === "required") input.dueAt = new Date(Math.max(Date.parse(c.dueAt), at.getTime()) + randomInt(random, 1, 20) * day).toISOString();
    if (movePayloads[move].answerBy) input.answerBy = new Date(at.getTime() + randomInt(random, 1, 10) * day).toISOString();
    c = applyMove(c, input, speaker, at);
  }
  return c;
}

describe.each(kinds)("my loops in SQL agree with core's classifyMyLoops on %s", (kind) => {
  let database: Database;
  const allianceId = randomUUID();
  const people: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const seats: string[] = [randomUUID(), randomUUID(), randomUUID()];
  const commitments: Commitment[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    await db.insertInto("alliances").values({ id: allianceId, slug: `loops-${allianceId.slice(0, 8)}`, name: "Loops" }).execute();
    for (const [i, seatId] of seats.entries()) {
      const org = await db.insertInto("organizations").values({ name: `Org ${i} ${allianceId}`, kind: "company" }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("seats").values({ id: seatId, alliance_id: allianceId, organization_id: org.id }).execute();
    }
    for (const [i, personId] of people.entries()) {
      await db.insertInto("people").values({ id: personId, email: `p${i}-${allianceId}@example.org`, display_name: `Person ${i}` }).execute();
      await db.insertInto("memberships").values({ alliance_id: allianceId, person_id: personId, role: "delegate", seat_id: seats[i % seats.length]! }).execute();
    }
    const random = createRandom(20261124);
    for (let i = 0; i < 240; i++) {
      const a = randomInt(random, 0, people.length - 1);
      let b = randomInt(random, 0, people.length - 2);
      if (b >= a) b++;
      const party = (index: number): CommitmentParty => ({ personId: people[index]!, seatId: seats[index % seats.length]! });
      const createdAt = new Date(now.getTime() - randomInt(random, 1, 60) * day);
      const draft = createCommitment(
        {
          id: randomUUID(),
          allianceId,
          customer: party(a),
          performer: party(b),
          title: `Commitment ${i} ${random() < 0.2 ? "needle" : "hay"}`,
          conditions: "Done when done",
          dueAt: new Date(createdAt.getTime() + randomInt(random, 2, 50) * day).toISOString(),
          timeZone: "Europe/Berlin",
          visibility: { level: "alliance" },
        },
        createdAt,
      );
      const played = playRandomConversation(random, draft);
      commitments.push(played);
      await db.transaction().execute(async (trx) => {
        await insertCommitmentRow(trx, played, { createdBy: played.history[0]!.by, at: now });
        for (const [index, record] of played.history.entries()) await insertCommitmentMove(trx, played, index + 1, record, i * 10 + index);
      });
    }
  });
  afterAll(async () => database?.close());

  const viewerOf = (personId: string): AllianceViewer => ({ personId, roles: ["delegate"], seatIds: [seats[people.indexOf(personId) % seats.length]!], cleanTeamIds: [] });

  it("covers every open state, both pending-renegotiation directions, offers and counters", () => {
    const states = new Set(commitments.map((c) => c.state));
    for (const state of ["requested", "countered", "promised", "reported", "accepted", "declined"]) expect(states).toContain(state);
    expect(commitments.some((c) => c.pendingRenegotiation?.by === "customer")).toBe(true);
    expect(commitments.some((c) => c.pendingRenegotiation?.by === "performer")).toBe(true);
    expect(commitments.some((c) => c.state === "countered" && c.history.at(-1)?.move === "offer")).toBe(true);
  });

  it("stores and loads every commitment unchanged", async () => {
    const rows = await listCommitmentRows(database.db, allianceId, viewerOf(people[0]!), {}, { sort: "due", limit: 1000 });
    const loaded = await hydrateCommitments(database.db, rows);
    const byId = new Map(commitments.map((c) => [c.id, c]));
    expect(loaded).toHaveLength(commitments.length);
    for (const c of loaded) expect(c).toEqual(byId.get(c.id));
  });

  it("lists each person's loops on both sides in core's order with core's reasons, page by page, and counts them alike", async () => {
    for (const personId of people) {
      const expected = classifyMyLoops(commitments, personId, now);
      for (const [side, items] of [
        ["waits_on_me", expected.waitsOnMe],
        ["i_wait_on", expected.iWaitOn],
      ] as [LoopSide, typeof expected.waitsOnMe][]) {
        const all = await listLoopRows(database.db, allianceId, personId, viewerOf(personId), side, {}, { limit: 1000 });
        expect(all.map((r) => [r.id, r.loop_reason])).toEqual(items.map((i) => [i.commitment.id, i.reason]));
        const paged: string[] = [];
        let after: [string, string] | undefined;
        for (;;) {
          const page = await listLoopRows(database.db, allianceId, personId, viewerOf(personId), side, {}, { after, limit: 4 });
          paged.push(...page.slice(0, 4).map((r) => r.id));
          if (page.length <= 4) break;
          const last = page[3]!;
          after = [last.deadline_at!.toISOString(), last.id];
        }
        expect(paged).toEqual(items.map((i) => i.commitment.id));
        const overdue = await listLoopRows(database.db, allianceId, personId, viewerOf(personId), side, { overdueAt: now }, { limit: 1000 });
        expect(overdue.map((r) => r.id)).toEqual(items.filter((i) => i.deadline.isOverdue).map((i) => i.commitment.id));
        const perform = await listLoopRows(database.db, allianceId, personId, viewerOf(personId), side, { reason: "perform", q: "needle" }, { limit: 1000 });
        expect(perform.map((r) => r.id)).toEqual(items.filter((i) => i.reason === "perform" && i.commitment.title.includes("needle")).map((i) => i.commitment.id));
      }
      const counts = await countLoopRows(database.db, allianceId, personId, viewerOf(personId), now);
      const sum = (side: LoopSide, overdueOnly: boolean) => counts.filter((c) => c.side === side && (!overdueOnly || c.overdue)).reduce((s, c) => s + Number(c.n), 0);
      expect(sum("waits_on_me", false)).toBe(expected.counts.waitsOnMe);
      expect(sum("i_wait_on", false)).toBe(expected.counts.iWaitOn);
      expect(sum("waits_on_me", true)).toBe(expected.counts.overdueWaitsOnMe);
      expect(sum("i_wait_on", true)).toBe(expected.counts.overdueIWaitOn);
      for (const [reason, n] of Object.entries(expected.counts.waitsOnMeByReason)) {
        expect(counts.filter((c) => c.side === "waits_on_me" && c.reason === reason).reduce((s, c) => s + Number(c.n), 0), reason).toBe(n);
      }
    }
  });

  it("hides loops a person may not see", async () => {
    const hidden = commitments.find((c) => c.state === "promised")!;
    await database.db.updateTable("commitments").set({ visibility: "facilitators" }).where("id", "=", hidden.id).execute();
    const personId = hidden.performer.personId;
    const rows = await listLoopRows(database.db, allianceId, personId, viewerOf(personId), "waits_on_me", {}, { limit: 1000 });
    expect(rows.map((r) => r.id)).not.toContain(hidden.id);
    await database.db.updateTable("commitments").set({ visibility: "alliance" }).where("id", "=", hidden.id).execute();
  });
});
