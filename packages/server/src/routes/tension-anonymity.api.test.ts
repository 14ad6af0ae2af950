import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";
import { publishAnonymousTensions } from "../use-cases/registers/publish-anonymous-tensions";
import { buildLanguageAlliance, openStream, streamEvents, type LanguageAlliance, type OpenStream, type TestMember } from "./language.test-support";

const kinds = await testDatabaseKinds();

interface Tension {
  id: string;
  anonymous: boolean;
  raisedAt: string;
  raisedOn: string;
  ageDays: number;
  status: string;
  version: number;
  raisedBy?: unknown;
  disclosedAuthor?: { person: { id: string; displayName: string }; seat: { id: string } };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ActivityItem {
  seq: number;
  type: string;
  occurredAt: string;
  actor: { id: string } | null;
  seatId: string | null;
  payload: Record<string, unknown>;
}

/*
 * An anonymous tension must leave no trace of its author anywhere partners can look: the tension
 * row, its events, the live stream, the story, exports, and the timing of any of them. The test
 * raises one as a member of seat A and then looks, as every other role, through every door.
 */
describe.each(kinds)("an anonymous tension on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-07-01T09:00:00Z");
  let a: LanguageAlliance;
  let url: string;
  let author: TestMember;
  let tensionId: string;
  let toldId: string;
  const streams = new Map<string, OpenStream>();

  /** Everything that names the author: id, display name (and its parts), email, seat. */
  const authorMarks = () => [author.id, author.name, ...author.name.split(" ").filter((part) => part.length > 3), author.email, a.seats.a];

  function expectNoAuthor(label: string, value: unknown) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    for (const mark of authorMarks()) expect(text, `${label} carries ${mark}`).not.toContain(mark);
  }

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    a = await buildLanguageAlliance(server, "anx");
    url = `/api/v1/alliances/${a.allianceId}`;
    author = a.benMemberA;
  });
  afterAll(async () => {
    for (const stream of streams.values()) stream.close();
    await server?.close();
  });

  it("is stored with no author, dated to the day, and kept from everyone until its day has ended", async () => {
    // Someone else is active just before: a precise time and place in the chain to match against.
    now = new Date("2026-07-01T14:36:00Z");
    await a.dovDelegateB.client.post(`${url}/breakdowns`, { whatHappened: "Minutes came late.", whatWasExpected: "Within a week.", impact: "Decisions were unclear.", seatIds: [] });

    for (const [name, member] of Object.entries({ facilitator: a.facilitator, dov: a.dovDelegateB, cai: a.caiMemberA, observer: a.observer, counsel: a.counsel, ana: a.anaDelegateA })) {
      streams.set(name, await openStream(`${server.url}${url}/stream`, member.client.cookieHeader()));
    }

    now = new Date("2026-07-01T14:37:12Z");
    const raised = await author.client.post<{ tension: Tension; published: boolean; publishesAt: string }>(`${url}/tensions`, {
      summary: "Blue Bottles' proposals always come with the budget already decided.",
      detail: "It leaves the rest of us to approve rather than shape.",
      target: { kind: "seat", seatId: a.seats.b },
      anonymous: true,
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ published: false, publishesAt: "2026-07-02T00:00:00.000Z", tension: { anonymous: true, raisedAt: "2026-07-01T00:00:00.000Z", raisedOn: "2026-07-01" } });
    expect(Object.keys(raised.body.tension)).not.toContain("raisedBy");
    expectNoAuthor("the author's own answer", raised.body.tension);
    tensionId = raised.body.tension.id;

    // The stored row: no author columns, the day only, no disclosure.
    const row = await server.ctx.db.selectFrom("tensions").selectAll().where("id", "=", tensionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ anonymous: true, raised_by: null, from_seat_id: null, published_at: null });
    expect(row.raised_at.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(await server.ctx.db.selectFrom("tension_disclosures").selectAll().where("tension_id", "=", tensionId).execute()).toEqual([]);
    // Nothing else stored about it carries a precise time or the author either.
    const rows = await sql<{ t: string; row: unknown }>`select 'links' as t, to_jsonb(l) as row from register_links l where from_id = ${tensionId}`.execute(server.ctx.db);
    expect(rows.rows).toEqual([]);

    // Until its day ends, nobody sees it, facilitators included: its appearance cannot time it.
    for (const member of [a.facilitator, a.dovDelegateB, a.caiMemberA, a.observer, a.counsel, author]) {
      expect((await member.client.get<Page<Tension>>(`${url}/tensions`)).body.items.map((t) => t.id)).not.toContain(tensionId);
      expect((await member.client.get(`${url}/tensions/${tensionId}`)).status).toBe(404);
    }
    const events = await a.facilitator.client.get<Page<ActivityItem>>(`${url}/events?type=tension.`);
    expect(events.body.items).toEqual([]);
  });

  it("is published after the day ends with an event that has no actor, no seat and no author", async () => {
    // Later that day, more activity; then the day ends and the batch publishes.
    now = new Date("2026-07-01T23:10:00Z");
    await a.fayDelegateC.client.post(`${url}/breakdowns`, { whatHappened: "Late night", whatWasExpected: "Sleep", impact: "Tired", seatIds: [] });
    now = new Date("2026-07-01T23:59:59Z");
    expect(await publishAnonymousTensions(server.ctx)).toBe(0);
    now = new Date("2026-07-02T00:07:00Z");
    expect(await publishAnonymousTensions(server.ctx)).toBe(1);
    expect(await publishAnonymousTensions(server.ctx)).toBe(0);

    const events = await a.facilitator.client.get<Page<ActivityItem>>(`${url}/events`);
    const raisedEvent = events.body.items.find((e) => e.type === "tension.raised")!;
    expect(raisedEvent).toMatchObject({ actor: null, seatId: null, occurredAt: "2026-07-02T00:07:00.000Z", payload: { tensionId, anonymous: true, raisedOn: "2026-07-01", targetSeatId: a.seats.b } });
    expect(Object.keys(raisedEvent.payload).sort()).toEqual(["anonymous", "detail", "raisedOn", "summary", "targetSeatId", "targetSeatName", "tensionId", "title"]);
    // Its place in the chain comes after everything else of its day.
    const sameDay = events.body.items.filter((e) => e.occurredAt.startsWith("2026-07-01"));
    expect(Math.min(...events.body.items.filter((e) => e.type === "tension.raised").map((e) => e.seq))).toBeGreaterThan(Math.max(...sameDay.map((e) => e.seq)));

    // The live stream delivers it to everyone who may see it, without its author.
    for (const [name, stream] of streams) {
      const text = await stream.waitFor((read) => read.includes(tensionId));
      const delivered = streamEvents(text).filter((e) => JSON.stringify(e).includes(tensionId));
      expect(delivered.map((e) => e.type), name).toEqual(["tension.raised"]);
      expect(delivered[0]).toMatchObject({ actor: null, seatId: null });
      expectNoAuthor(`the stream of ${name}`, delivered);
    }
  });

  it("shows no author to any other role, through the API, the events, the story and exports", async () => {
    now = new Date("2026-07-05T09:00:00Z");
    const viewers: [string, TestMember][] = [
      ["a facilitator it was not disclosed to", a.facilitator],
      ["a delegate of another seat", a.dovDelegateB],
      ["a member of the author's own seat", a.caiMemberA],
      ["the delegate of the author's own seat", a.anaDelegateA],
      ["an observer", a.observer],
      ["counsel", a.counsel],
    ];
    for (const [label, member] of viewers) {
      const list = await member.client.get<Page<Tension>>(`${url}/tensions`);
      const listed = list.body.items.find((t) => t.id === tensionId)!;
      expect(listed, label).toMatchObject({ anonymous: true, raisedOn: "2026-07-01", ageDays: 4 });
      expect(Object.keys(listed), label).not.toContain("raisedBy");
      expect(Object.keys(listed), label).not.toContain("disclosedAuthor");
      expectNoAuthor(`${label}: the list`, listed);
      const detail = await member.client.get<Tension>(`${url}/tensions/${tensionId}`);
      expect(detail.status).toBe(200);
      expectNoAuthor(`${label}: the page`, detail.body);
      // Filtering by the author's seat does not find it (the target does).
      expect((await member.client.get<Page<Tension>>(`${url}/tensions?targetSeatId=${a.seats.a}`)).body.items.map((t) => t.id)).not.toContain(tensionId);

      const events = await member.client.get<Page<ActivityItem>>(`${url}/events?limit=200`);
      const aboutIt = events.body.items.filter((e) => JSON.stringify(e).includes(tensionId));
      expect(aboutIt.length, label).toBeGreaterThan(0);
      expectNoAuthor(`${label}: the events`, aboutIt);
      expect((await member.client.get<Page<ActivityItem>>(`${url}/events?seatId=${a.seats.a}&limit=200`)).body.items.some((e) => JSON.stringify(e).includes(tensionId))).toBe(false);

      const story = await member.client.get<{ entries: { headline: string; seats: { id: string }[]; record: { id: string } | null }[] }>(`${url}/story`);
      const told = story.body.entries.filter((entry) => entry.record?.id === tensionId);
      expect(told.map((entry) => entry.headline), label).toEqual([`A tension was raised toward ${a.seatNames.b} (anonymous): 'Blue Bottles' proposals always come with the budget already decided.'`]);
      expectNoAuthor(`${label}: the story`, told);
      expect((await member.client.get<{ entries: { record: { id: string } | null }[] }>(`${url}/story?seatIds=${a.seats.a}`)).body.entries.some((entry) => entry.record?.id === tensionId)).toBe(false);
      const markdown = await member.client.get<string>(`${url}/story/markdown`);
      const line = markdown.body.split("\n").find((text) => text.includes("A tension was raised"));
      expect(line).toBeDefined();
      expectNoAuthor(`${label}: the Markdown story`, line);

      const archive = await member.client.get<string>(`${url}/export`);
      if (archive.status === 200) {
        const lines = archive.body.split("\n").filter((text) => text.includes(tensionId));
        expect(lines.length, label).toBeGreaterThan(0);
        expectNoAuthor(`${label}: the export`, lines);
        expect(archive.body).not.toContain("tension_disclosures");
      } else {
        expect(archive.status, label).toBe(403);
      }
    }
  });

  it("tells only the facilitators, when the author asks, through a record nobody else can read", async () => {
    now = new Date("2026-07-06T16:21:00Z");
    const told = await author.client.post<{ tension: Tension }>(`${url}/tensions`, {
      summary: "Meetings run over and the smaller partners leave before decisions.",
      target: { kind: "alliance" },
      anonymous: true,
      tellFacilitator: true,
    });
    expect(told.status).toBe(201);
    toldId = told.body.tension.id;
    expectNoAuthor("the author's own answer", told.body);
    now = new Date("2026-07-07T00:02:00Z");
    await publishAnonymousTensions(server.ctx);

    const forFacilitator = await a.facilitator.client.get<Tension>(`${url}/tensions/${toldId}`);
    expect(forFacilitator.body.disclosedAuthor).toMatchObject({ person: { id: author.id, displayName: author.name }, seat: { id: a.seats.a } });
    for (const member of [a.dovDelegateB, a.caiMemberA, a.anaDelegateA, a.observer, a.counsel]) {
      const seen = await member.client.get<Tension>(`${url}/tensions/${toldId}`);
      expect(Object.keys(seen.body)).not.toContain("disclosedAuthor");
      expectNoAuthor("a partner's view of a disclosed tension", seen.body);
      expectNoAuthor("a partner's list", (await member.client.get<Page<Tension>>(`${url}/tensions`)).body.items.find((t) => t.id === toldId));
    }
    // Exports for a viewer carry no rows at all: the disclosure never leaves, even in the facilitator's.
    for (const member of [a.facilitator, a.dovDelegateB, a.counsel]) {
      const archive = await member.client.get<string>(`${url}/export`);
      expect(archive.status).toBe(200);
      expectNoAuthor("an export's lines about the disclosed tension", archive.body.split("\n").filter((text) => text.includes(toldId)));
      expect(archive.body).not.toContain('"kind":"row"');
    }
    // The facilitator-only row really is facilitators-only in SQL, whatever the query.
    const stored = await server.ctx.db.selectFrom("tension_disclosures").selectAll().where("tension_id", "=", toldId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ person_id: author.id, seat_id: a.seats.a, visibility: "facilitators" });
    expect(stored.disclosed_at.toISOString()).toBe("2026-07-06T00:00:00.000Z");
  });

  it("moves through dialogue to a reframing, with its age, moved by stewards only", async () => {
    const before = await a.dovDelegateB.client.get<Tension>(`${url}/tensions/${tensionId}`);
    // A member of the target seat is not a steward; the author's seat is unknown to the record.
    expect((await a.eliMemberB.client.post(`${url}/tensions/${tensionId}/moves`, { version: before.body.version, move: "start_dialogue" })).status).toBe(403);
    expect((await a.anaDelegateA.client.post(`${url}/tensions/${tensionId}/moves`, { version: before.body.version, move: "start_dialogue" })).status).toBe(403);
    now = new Date("2026-07-08T09:00:00Z");
    const dialogue = await a.dovDelegateB.client.post<Tension>(`${url}/tensions/${tensionId}/moves`, { version: before.body.version, move: "start_dialogue" });
    expect(dialogue.body).toMatchObject({ status: "in_dialogue" });
    expect((await a.dovDelegateB.client.post(`${url}/tensions/${tensionId}/moves`, { version: before.body.version, move: "resolve", note: "x" })).body).toMatchObject({ error: "stale_version" });
    now = new Date("2026-07-15T09:00:00Z");
    const reframed = await a.facilitator.client.post<Tension>(`${url}/tensions/${tensionId}/moves`, { version: dialogue.body.version, move: "reframe", reframing: "It is about when budgets are drafted, not about Blue Bottles." });
    expect(reframed.body).toMatchObject({ status: "reframed", ageDays: 14, outcome: { kind: "reframed" } });
    now = new Date("2026-07-25T09:00:00Z");
    expect((await a.observer.client.get<Tension>(`${url}/tensions/${tensionId}`)).body.ageDays).toBe(14);
    const events = await a.observer.client.get<Page<ActivityItem>>(`${url}/events?type=tension.`);
    expectNoAuthor("the tension's events", events.body.items.filter((e) => e.payload.tensionId === tensionId));
  });

  it("refuses anonymity when too few people could have raised it, and seat-limited visibility", async () => {
    expect(
      (await author.client.post(`${url}/tensions`, { summary: "x", target: { kind: "alliance" }, anonymous: true, visibility: { level: "seats", seatIds: [a.seats.a, a.seats.b] } })).body,
    ).toMatchObject({ error: "validation_failed" });
    expect((await author.client.post(`${url}/tensions`, { summary: "x", target: { kind: "seat", seatId: a.seats.a }, anonymous: true })).body).toMatchObject({ error: "validation_failed" });
    expect((await a.observer.client.post(`${url}/tensions`, { summary: "x", target: { kind: "alliance" }, anonymous: true })).status).toBe(403);

    // A two-seat alliance of one person each: "anonymous" would name the other seat's only person.
    const facilitator = new ApiClient(server.url);
    await facilitator.signUp("small-mara@example.org", "Small Mara");
    const small = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Small Pair" })).body.id;
    const seatIds: string[] = [];
    const clients: ApiClient[] = [];
    for (const name of ["Pair One", "Pair Two"]) {
      const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
      const seatId = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${small}/seats`, { organizationId: org.body.id })).body.id;
      const client = new ApiClient(server.url);
      const person = await client.signUp(`${name.replace(" ", "").toLowerCase()}@example.org`, name);
      await facilitator.post(`/api/v1/alliances/${small}/members`, { personId: person.id, role: "delegate", seatId });
      seatIds.push(seatId);
      clients.push(client);
    }
    const refused = await clients[0]!.post(`/api/v1/alliances/${small}/tensions`, { summary: "You never answer.", target: { kind: "seat", seatId: seatIds[1] }, anonymous: true });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: "threshold_not_met" });
    expect(await server.ctx.db.selectFrom("tensions").select("id").where("alliance_id", "=", small).execute()).toEqual([]);
    const named = await clients[0]!.post<{ tension: Tension; published: boolean }>(`/api/v1/alliances/${small}/tensions`, { summary: "You never answer.", target: { kind: "seat", seatId: seatIds[1] }, anonymous: false });
    expect(named.body).toMatchObject({ published: true, tension: { anonymous: false, raisedBy: { seat: { id: seatIds[0] } } } });
  });
});
