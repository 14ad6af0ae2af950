import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveLabels, moveNames } from "@trellis/core/commitments";
import { testDatabaseKinds } from "@trellis/db/testing";
import { verifyAllianceChain } from "@trellis/db";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

const kinds = await testDatabaseKinds();

interface Detail {
  id: string;
  state: string;
  version: number;
  title: string;
  conditions: string;
  dueAt: string;
  timeZone: string;
  myRole: string | null;
  availableMoves: { move: string; label: string; terms: string }[];
  thread: { move: string; label: string; message: string | null; by: { displayName: string }; terms: { dueAt: string | null } | null }[];
  deadline: { isOverdue: boolean; level: string };
  turn: { role: string; reason: string } | null;
  pendingRenegotiation: { by: string; dueAt: string | null } | null;
  canNudge: boolean;
}
interface ErrorBody {
  error: string;
  message: string;
  details?: { version?: number; current?: Detail };
}

describe.each(kinds)("commitments over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-10-01T09:00:00.000Z");
  const at = (iso: string) => (now = new Date(iso));
  let allianceId: string;
  let seatA: string;
  let seatB: string;
  let seatC: string;
  const ids: Record<string, string> = {};
  const mara = () => clients.mara!;
  const clients: Record<string, ApiClient> = {};
  const emails: Record<string, string> = {};
  /** Moves the clock a long way: sessions last 30 days, so everyone signs in again. */
  const travel = async (iso: string) => {
    at(iso);
    for (const [key, client] of Object.entries(clients)) await client.signIn(emails[key]!);
  };

  const create = async (who: ApiClient, body: Record<string, unknown>) => {
    const res = await who.post<Detail>(`/api/v1/alliances/${allianceId}/commitments`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const move = (who: ApiClient, id: string, body: Record<string, unknown>) => who.post<Detail & ErrorBody>(`/api/v1/alliances/${allianceId}/commitments/${id}/moves`, body);
  const page = (who: ApiClient, id: string) => who.get<Detail>(`/api/v1/alliances/${allianceId}/commitments/${id}`);
  const moves = (d: Detail) => d.availableMoves.map((m) => m.move);

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    for (const [key, email, name] of [
      ["mara", "mara@example.org", "Mara Okafor"],
      ["ana", "ana@agri.example", "Ana Lima"],
      ["ben", "ben@seedbank.example", "Ben Osei"],
      ["cy", "cy@fieldlab.example", "Cy Park"],
      ["oli", "oli@funder.example", "Oli Berg"],
    ] as const) {
      clients[key] = new ApiClient(server.url);
      emails[key] = email;
      ids[key] = (await clients[key].signUp(email, name)).id;
    }
    allianceId = (await mara().post<{ id: string }>("/api/v1/alliances", { name: "Open Seeds Consortium" })).body.id;
    const seat = async (name: string) => {
      const org = await mara().post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
      return (await mara().post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: org.body.id })).body.id;
    };
    seatA = await seat("Agri One");
    seatB = await seat("Seed Bank Trust");
    seatC = await seat("Field Lab");
    for (const [person, role, seatId] of [
      ["ana", "delegate", seatA],
      ["ben", "delegate", seatB],
      ["cy", "member", seatC],
      ["oli", "observer", null],
    ] as const) {
      expect((await mara().post(`/api/v1/alliances/${allianceId}/members`, { personId: ids[person], role, seatId })).status).toBe(204);
    }
  });
  afterAll(async () => server?.close());

  it("runs a conversation for action: request, other terms, accepted, reported, accepted as done; the page shows the thread, the terms and exactly the moves each party may make, in plain words", async () => {
    const { ana, ben } = clients as Record<string, ApiClient>;
    at("2026-10-01T09:00:00.000Z");
    const opened = await create(ana!, {
      title: "Share the seed trial data",
      conditions: "CSV of the 2026 trials, one row per plot, checked by the data lead",
      dueAt: "2026-10-15T17:00:00+02:00",
      timeZone: "Europe/Berlin",
      counterpart: { personId: ids.ben },
      message: "We need it for the joint report.",
    });
    expect(opened).toMatchObject({ state: "requested", version: 2, myRole: "customer", dueAt: "2026-10-15T15:00:00.000Z", timeZone: "Europe/Berlin" });
    expect(opened.availableMoves).toEqual([{ move: "withdraw", label: "Withdraw", terms: "none", needsAnswerBy: false }]);
    const forBen = (await page(ben!, opened.id)).body;
    expect(forBen.availableMoves.map((m) => [m.move, m.label])).toEqual([
      ["promise", "Promise"],
      ["counter", "Suggest other terms"],
      ["decline", "Decline"],
      ["commit_to_commit", "I'll answer by…"],
    ]);
    const mail = await server.smtp.waitFor((m) => m.to.includes("ben@seedbank.example"));
    expect(mail.subject).toContain("asks you for “Share the seed trial data”");
    expect(mail.text).toContain(`/alliances/${allianceId}/commitments/${opened.id}`);

    at("2026-10-02T09:00:00.000Z");
    const countered = await move(ben!, opened.id, { version: 2, move: "counter", dueAt: "2026-10-22T17:00:00+02:00", message: "The lab needs one more week." });
    expect(countered.status).toBe(200);
    expect(countered.body).toMatchObject({ state: "countered", version: 3, dueAt: "2026-10-22T15:00:00.000Z" });
    const forAna = (await page(ana!, opened.id)).body;
    expect(forAna.availableMoves.map((m) => m.label)).toEqual(["Accept terms", "Counter again", "Reject terms", "Withdraw"]);

    at("2026-10-02T10:00:00.000Z");
    expect((await move(ana!, opened.id, { version: 3, move: "accept_counter" })).body).toMatchObject({ state: "promised", version: 4 });
    const promised = (await page(ben!, opened.id)).body;
    expect(promised.availableMoves.map((m) => m.label)).toEqual(["Report done", "Propose new terms", "Release my promise"]);
    expect((await page(ana!, opened.id)).body.availableMoves.map((m) => m.label)).toEqual(["Cancel", "Propose new terms"]);

    at("2026-10-20T10:00:00.000Z");
    expect((await move(ben!, opened.id, { version: 4, move: "report", message: "In the shared folder." })).body).toMatchObject({ state: "reported" });
    expect((await page(ana!, opened.id)).body.availableMoves.map((m) => m.label)).toEqual(["Accept as done", "Not done yet", "Cancel"]);
    at("2026-10-21T10:00:00.000Z");
    const done = await move(ana!, opened.id, { version: 5, move: "accept", message: "Thank you!" });
    expect(done.body).toMatchObject({ state: "accepted", version: 6, availableMoves: [], turn: null });
    expect(done.body.thread.map((m) => [m.move, m.label, m.by.displayName, m.message])).toEqual([
      ["request", "Request", "Ana Lima", "We need it for the joint report."],
      ["counter", "Suggest other terms", "Ben Osei", "The lab needs one more week."],
      ["accept_counter", "Accept terms", "Ana Lima", null],
      ["report", "Report done", "Ben Osei", "In the shared folder."],
      ["accept", "Accept as done", "Ana Lima", "Thank you!"],
    ]);
    expect(done.body.thread[1]!.terms).toMatchObject({ dueAt: "2026-10-22T15:00:00.000Z" });

    const events = await ana!.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(`/api/v1/alliances/${allianceId}/events?type=commitment.`);
    expect(events.body.items.map((e) => e.type)).toEqual(["commitment.accepted", "commitment.reported", "commitment.counter_accepted", "commitment.countered", "commitment.requested"]);
    expect(events.body.items[0]!.payload).toMatchObject({ commitmentId: opened.id, title: "Share the seed trial data", onTime: true, customer: { name: "Ana Lima", seatName: "Agri One" }, performer: { name: "Ben Osei", seatName: "Seed Bank Trust" } });
    expect(events.body.items[3]!.payload).toMatchObject({ firstResponse: { requestedAt: "2026-10-01T09:00:00.000Z" }, carried: { dueAt: "2026-10-22T15:00:00.000Z" } });
    expect(await verifyAllianceChain(server.ctx.db, allianceId)).toMatchObject({ ok: true });
    ids.first = opened.id;
  });

  it("answers a stale version and an impossible move with 409 and the current state; non-parties, observers and other alliances are refused", async () => {
    const { ana, ben, cy, oli } = clients as Record<string, ApiClient>;
    at("2026-10-22T09:00:00.000Z");
    const c = await create(ana!, { title: "Draft the field protocol", conditions: "Two pages", dueAt: "2026-11-05T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } });
    expect((await move(ben!, c.id, { version: 2, move: "promise" })).status).toBe(200);
    const stale = await move(ben!, c.id, { version: 2, move: "report" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: "stale_version", details: { version: 3, current: { state: "promised", version: 3 } } });
    expect(moves(stale.body.details!.current!)).toEqual(["report", "propose_renegotiation", "revoke"]);
    const illegal = await move(ben!, c.id, { version: 3, move: "accept" });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ error: "illegal_move", details: { current: { state: "promised" } } });
    const renegeEarly = await move(ben!, c.id, { version: 3, move: "renege" });
    expect(renegeEarly.body).toMatchObject({ error: "illegal_move", details: { reason: "came_due" } });
    expect((await move(cy!, c.id, { version: 3, move: "cancel" })).body).toMatchObject({ error: "forbidden" });
    expect((await move(mara(), c.id, { version: 3, move: "cancel" })).status).toBe(403);
    expect((await move(oli!, c.id, { version: 3, move: "cancel" })).status).toBe(403);
    expect((await oli!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "x", conditions: "y", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } })).status).toBe(403);
    expect((await move(ben!, c.id, { version: 3, move: "counter", dueAt: "2026-12-01T10:00:00Z" })).body).toMatchObject({ error: "illegal_move" });
    expect((await move(ben!, c.id, { version: 3, move: "propose_renegotiation" })).body).toMatchObject({ error: "validation_failed" });
    expect((await move(ben!, c.id, { version: 3, move: "fly" })).body).toMatchObject({ error: "validation_failed" });
    expect((await ana!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Past", conditions: "y", dueAt: "2026-01-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } })).body).toMatchObject({ error: "validation_failed" });
    expect((await ana!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Zone", conditions: "y", dueAt: "2026-12-01T10:00:00Z", timeZone: "Mars/Olympus", counterpart: { personId: ids.ben } })).body).toMatchObject({ error: "validation_failed" });
    expect((await ana!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Self", conditions: "y", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ana } })).body).toMatchObject({ error: "validation_failed" });
    expect((await ana!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Observer", conditions: "y", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.oli } })).body).toMatchObject({ error: "validation_failed" });
    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(`/api/v1/alliances/${allianceId}/commitments/${c.id}`)).status).toBe(404);
    expect((await move(stranger, c.id, { version: 3, move: "report" })).status).toBe(404);
    const other = (await stranger.post<{ id: string }>("/api/v1/alliances", { name: "Elsewhere" })).body.id;
    expect((await stranger.get(`/api/v1/alliances/${other}/commitments/${c.id}`)).status).toBe(404);
    ids.protocol = c.id;
  });

  it("lets exactly one of two concurrent moves win, with no lost or duplicated move", async () => {
    const { ana, ben } = clients as Record<string, ApiClient>;
    at("2026-10-23T09:00:00.000Z");
    const race: string[] = [];
    for (let i = 0; i < 6; i++) race.push((await create(ana!, { title: `Race ${i}`, conditions: "Done", dueAt: "2026-11-30T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } })).id);
    const results = await Promise.all(race.map((id) => Promise.all([move(ben!, id, { version: 2, move: "promise" }), move(ana!, id, { version: 2, move: "withdraw" })])));
    for (const [promise, withdraw] of results) {
      expect([promise.status, withdraw.status].sort()).toEqual([200, 409]);
      const loser = promise.status === 409 ? promise : withdraw;
      expect(loser.body).toMatchObject({ error: "stale_version", details: { version: 3, current: { version: 3 } } });
      expect(["promised", "declined"]).toContain(loser.body.details!.current!.state);
    }
    // Five identical moves at once from one person: one is recorded.
    const five = await Promise.all(Array.from({ length: 5 }, () => move(ana!, race[0]!, { version: 3, move: results[0]![0].status === 200 ? "cancel" : "withdraw" })));
    const statuses = five.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((s) => s === 409)).toBe(true);
    for (const id of race) {
      const stored = await server.ctx.db.selectFrom("commitment_moves").select(["seq"]).where("commitment_id", "=", id).orderBy("seq").execute();
      const detail = (await page(ana!, id)).body;
      expect(stored.map((m) => m.seq)).toEqual(detail.thread.map((_, i) => i + 1));
      expect(detail.version).toBe(stored.length + 1);
      const events = await server.ctx.db.selectFrom("events").select("seq").where("alliance_id", "=", allianceId).where("payload", "@>", JSON.stringify({ commitmentId: id })).execute();
      expect(events).toHaveLength(stored.length);
    }
    expect(await verifyAllianceChain(server.ctx.db, allianceId)).toMatchObject({ ok: true });
  });

  it("shows my loops: what waits on me and what I wait on, overdue first, with counts, filters and pages", async () => {
    const { ana, ben, cy } = clients as Record<string, ApiClient>;
    at("2026-10-24T09:00:00.000Z");
    const a1 = await create(cy!, { title: "Soil samples", conditions: "20 samples", dueAt: "2026-10-28T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } });
    const a2 = await create(cy!, { title: "Soil map", conditions: "A map", dueAt: "2026-11-20T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } });
    const a3 = await create(cy!, { title: "Weather log", conditions: "Daily", dueAt: "2026-11-10T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben } });
    const offer = await create(ben!, { opening: "offer", title: "Seed bank tour", conditions: "A guided tour", dueAt: "2026-11-15T12:00:00Z", timeZone: "UTC", counterpart: { personId: ids.cy } });
    await move(ben!, a3.id, { version: 2, move: "promise" });
    await move(ben!, a2.id, { version: 2, move: "promise" });
    await move(cy!, a2.id, { version: 3, move: "propose_renegotiation", dueAt: "2026-11-13T12:00:00Z", message: "Could it be earlier?" });
    await travel("2026-11-01T09:00:00.000Z");

    type Loops = { items: { id: string; title: string; loop: { reason: string; reasonLabel: string; counterpart: { person: { displayName: string } } }; deadline: { isOverdue: boolean } }[]; nextCursor: string | null; counts: Record<string, unknown> };
    const mine = await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?list=waits_on_me`);
    const benOwes = mine.body.items.filter((i) => [a1.id, a2.id, a3.id].includes(i.id));
    expect(benOwes.map((i) => [i.title, i.loop.reason, i.deadline.isOverdue])).toEqual([
      ["Soil samples", "answer", true],
      ["Weather log", "perform", false],
      ["Soil map", "respond_to_renegotiation", false],
    ]);
    expect(mine.body.items[0]!.deadline.isOverdue).toBe(true);
    expect(benOwes[0]!.loop.reasonLabel).toBe("to answer the request");
    const cyWaits = await cy!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?list=i_wait_on`);
    expect(cyWaits.body.items.map((i) => [i.title, i.loop.reason, i.loop.counterpart.person.displayName])).toEqual([
      ["Soil samples", "answer", "Ben Osei"],
      ["Weather log", "perform", "Ben Osei"],
      ["Soil map", "respond_to_renegotiation", "Ben Osei"],
    ]);
    const cyOwes = await cy!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops`);
    expect(cyOwes.body.items.map((i) => [i.id, i.loop.reason])).toEqual([[offer.id, "respond_to_offer"]]);
    expect(cyOwes.body.counts).toMatchObject({ waitsOnMe: 1, iWaitOn: 3, overdueIWaitOn: 1, overdueWaitsOnMe: 0, iWaitOnByReason: { answer: 1, perform: 1, respond_to_renegotiation: 1 } });
    const overdueOnly = await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?overdue=true`);
    expect(overdueOnly.body.items.every((i) => i.deadline.isOverdue)).toBe(true);
    expect((await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?q=weather`)).body.items.map((i) => i.title)).toEqual(["Weather log"]);
    expect((await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?reason=answer&counterpartSeatId=${seatC}`)).body.items.map((i) => i.title)).toEqual(["Soil samples"]);
    const first = await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await ben!.get<Loops>(`/api/v1/alliances/${allianceId}/commitments/loops?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((i) => i.id)).toEqual(mine.body.items.slice(0, 2 + second.body.items.length).map((i) => i.id));
    expect((await ben!.get(`/api/v1/alliances/${allianceId}/commitments/loops?cursor=bm9wZQ`)).body).toMatchObject({ error: "validation_failed" });
    const nav = await cy!.get<{ total: Record<string, number>; alliances: { allianceId: string; waitsOnMe: number }[] }>("/api/v1/commitments/loops/counts");
    expect(nav.body.total).toEqual({ waitsOnMe: 1, iWaitOn: 3, overdueWaitsOnMe: 0, overdueIWaitOn: 1 });
    expect(nav.body.alliances).toEqual([expect.objectContaining({ allianceId, waitsOnMe: 1 })]);
    expect((await ana!.get(`/api/v1/alliances/${allianceId}/commitments/loops/counts`)).status).toBe(200);
    ids.soilSamples = a1.id;
  });

  it("filters, searches and pages the alliance's list, and hides commitments from people outside their visibility", async () => {
    const { ana, ben, cy } = clients as Record<string, ApiClient>;
    at("2026-11-01T10:00:00.000Z");
    const secret = await create(ana!, { title: "Pricing pilot", conditions: "Confidential", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben }, visibility: { level: "seats", seatIds: [seatA, seatB] } });
    expect((await cy!.get(`/api/v1/alliances/${allianceId}/commitments/${secret.id}`)).status).toBe(404);
    expect((await mara().get(`/api/v1/alliances/${allianceId}/commitments/${secret.id}`)).status).toBe(200);
    type List = { items: { id: string; title: string; state: string }[]; nextCursor: string | null };
    expect((await cy!.get<List>(`/api/v1/alliances/${allianceId}/commitments?limit=200`)).body.items.map((i) => i.id)).not.toContain(secret.id);
    const badVisibility = await ana!.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Hidden from Ben", conditions: "x", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", counterpart: { personId: ids.ben }, visibility: { level: "seats", seatIds: [seatA] } });
    expect(badVisibility.body).toMatchObject({ error: "validation_failed" });
    const search = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?q=pricing`);
    expect(search.body.items.map((i) => i.title)).toEqual(["Pricing pilot"]);
    const byState = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?state=accepted,declined,cancelled&limit=200`);
    expect(byState.body.items.map((i) => i.state)).toContain("accepted");
    expect(byState.body.items.every((i) => ["accepted", "declined", "cancelled"].includes(i.state))).toBe(true);
    expect((await ana!.get(`/api/v1/alliances/${allianceId}/commitments?state=flying`)).body).toMatchObject({ error: "validation_failed" });
    const overdue = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?overdue=true`);
    expect(overdue.body.items.map((i) => i.title)).toContain("Soil samples");
    const mine = await cy!.get<List>(`/api/v1/alliances/${allianceId}/commitments?mine=true&role=customer&sort=due`);
    expect(mine.body.items.map((i) => i.title)).toEqual(["Soil samples", "Weather log", "Seed bank tour", "Soil map"]);
    const bySeat = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?customerSeatId=${seatC}&performerSeatId=${seatB}`);
    expect(bySeat.body.items).toHaveLength(4);
    const collected: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: List } = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?limit=3&sort=due${cursor ? `&cursor=${cursor}` : ""}`);
      collected.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await ana!.get<List>(`/api/v1/alliances/${allianceId}/commitments?limit=200&sort=due`);
    expect(collected).toEqual(all.body.items.map((i) => i.id));
    expect(new Set(collected).size).toBe(collected.length);
    void ben;
  });

  it("lets a facilitator nudge the party a loop waits on (in-app and by email), once in 12 hours, never a partner, never a closed loop", async () => {
    const { ana, ben } = clients as Record<string, ApiClient>;
    at("2026-11-02T09:00:00.000Z");
    const detail = (await page(mara(), ids.soilSamples!)).body;
    expect(detail.canNudge).toBe(true);
    const nudge = await mara().post<{ toRole: string; reason: string; level: string }>(`/api/v1/alliances/${allianceId}/commitments/${ids.soilSamples}/nudges`, { message: "Cy is waiting on this." });
    expect(nudge.status).toBe(201);
    expect(nudge.body).toMatchObject({ toRole: "performer", reason: "answer", level: "overdue" });
    const mail = await server.smtp.waitFor((m) => m.to.includes("ben@seedbank.example") && m.subject.includes("reminds you"));
    expect(mail.text).toContain("Cy is waiting on this.");
    expect((await mara().post(`/api/v1/alliances/${allianceId}/commitments/${ids.soilSamples}/nudges`, {})).body).toMatchObject({ error: "conflict" });
    expect((await ana!.post(`/api/v1/alliances/${allianceId}/commitments/${ids.soilSamples}/nudges`, {})).status).toBe(403);
    expect((await mara().post(`/api/v1/alliances/${allianceId}/commitments/${ids.first}/nudges`, {})).body).toMatchObject({ error: "conflict" });
    expect((await page(mara(), ids.soilSamples!)).body.version).toBe(detail.version);
    const inbox = await ben!.get<{ items: { kind: string; title: string; path: string }[] }>("/api/v1/notifications?kind=commitment.nudge");
    expect(inbox.body.items[0]).toMatchObject({ kind: "commitment.nudge", path: `/alliances/${allianceId}/commitments/${ids.soilSamples}` });
  });

  it("keeps each person's notifications: list, unread count, mark one or all read", async () => {
    const { ana, ben } = clients as Record<string, ApiClient>;
    type Inbox = { items: { id: string; kind: string; title: string; readAt: string | null; record: { type: string; id: string } | null }[]; nextCursor: string | null; unreadCount: number };
    const inbox = await ben!.get<Inbox>("/api/v1/notifications?limit=5");
    expect(inbox.body.items).toHaveLength(5);
    expect(inbox.body.unreadCount).toBeGreaterThan(5);
    expect(inbox.body.items.every((n) => n.readAt === null)).toBe(true);
    const next = await ben!.get<Inbox>(`/api/v1/notifications?limit=5&cursor=${inbox.body.nextCursor}`);
    expect(next.body.items.map((n) => n.id)).not.toContain(inbox.body.items[0]!.id);
    const count = await ben!.get<{ total: number; byAlliance: { allianceId: string; count: number }[] }>("/api/v1/notifications/unread-count");
    expect(count.body.total).toBe(inbox.body.unreadCount);
    expect(count.body.byAlliance).toEqual([{ allianceId, count: inbox.body.unreadCount }]);
    const one = inbox.body.items[0]!;
    expect((await ben!.post(`/api/v1/notifications/${one.id}/read`)).status).toBe(204);
    expect((await ana!.post(`/api/v1/notifications/${one.id}/read`)).status).toBe(404);
    expect((await ben!.get<{ total: number }>("/api/v1/notifications/unread-count")).body.total).toBe(inbox.body.unreadCount - 1);
    expect((await ben!.get<Inbox>("/api/v1/notifications?unread=true&limit=200")).body.items.map((n) => n.id)).not.toContain(one.id);
    expect((await ben!.post("/api/v1/notifications/read", {})).body).toMatchObject({ error: "validation_failed" });
    const all = await ben!.post<{ marked: number }>("/api/v1/notifications/read", { all: true, allianceId });
    expect(all.body.marked).toBe(inbox.body.unreadCount - 1);
    expect((await ben!.get<{ total: number }>("/api/v1/notifications/unread-count")).body.total).toBe(0);
    expect((await ben!.get<Inbox>("/api/v1/notifications?q=Soil")).body.items.length).toBeGreaterThan(0);
  });

  it("measures the ledger per seat and for the alliance, trust per seat and pair, and the network, for a period", async () => {
    const { ana, ben, cy } = clients as Record<string, ApiClient>;
    at("2026-11-03T09:00:00.000Z");
    // Ben keeps the protocol late and reneges on the weather log; revokes the soil map with notice.
    await move(ben!, ids.protocol!, { version: 3, move: "propose_renegotiation", dueAt: "2026-11-06T12:00:00Z" });
    await move(ana!, ids.protocol!, { version: 4, move: "reject_renegotiation" });
    const soilMap = (await cy!.get<{ items: { id: string; title: string; version: number }[] }>(`/api/v1/alliances/${allianceId}/commitments?q=Soil%20map`)).body.items[0]!;
    await move(ben!, soilMap.id, { version: soilMap.version, move: "revoke", message: "Our cartographer left; releasing it now." });
    at("2026-11-08T09:00:00.000Z");
    expect((await move(ben!, ids.protocol!, { version: 5, move: "report" })).status).toBe(200);
    await move(ana!, ids.protocol!, { version: 6, move: "accept" });
    const weather = (await cy!.get<{ items: { id: string; version: number }[] }>(`/api/v1/alliances/${allianceId}/commitments?q=Weather`)).body.items[0]!;
    at("2026-11-11T09:00:00.000Z");
    expect((await move(ben!, weather.id, { version: weather.version, move: "renege" })).status).toBe(200);

    type Measures = Record<string, number | null | number[]>;
    type Ledger = { alliance: Measures; seats: { seat: { id: string; name: string }; measures: Measures }[]; pairs: { customerSeat: { id: string }; performerSeat: { id: string }; measures: Measures }[] };
    const ledger = await cy!.get<Ledger>(`/api/v1/alliances/${allianceId}/commitments/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.seats.map((s) => s.seat.name)).toEqual(["Agri One", "Field Lab", "Seed Bank Trust"]);
    const bank = ledger.body.seats.find((s) => s.seat.id === seatB)!.measures;
    expect(bank).toMatchObject({ keptOnTime: 1, keptLate: 1, reneged: 1, revokedWithNotice: 1, declined: 0, renegeShare: 0.5, revokeShare: 0.5 });
    expect(bank.promiseKeepingRate).toBeCloseTo(1 / 3);
    expect(bank.medianResponseMs).not.toBeNull();
    const lab = ledger.body.seats.find((s) => s.seat.id === seatC)!.measures;
    expect(lab).toMatchObject({ requestsMade: 3, promisesMade: 0 });
    expect(ledger.body.alliance.promisesMade).toBe(ledger.body.seats.reduce((sum, s) => sum + (s.measures.promisesMade as number), 0));
    const seatLedger = await cy!.get<{ seat: { name: string }; measures: Measures; pairs: unknown[] }>(`/api/v1/alliances/${allianceId}/commitments/ledger/seats/${seatB}`);
    expect(seatLedger.body.seat.name).toBe("Seed Bank Trust");
    expect(seatLedger.body.measures.reneged).toBe(1);
    expect(seatLedger.body.pairs).toHaveLength(2);
    // The pricing pilot is hidden from Field Lab: counted for Agri One's delegate, not for Cy.
    const anaLedger = await ana!.get<Ledger>(`/api/v1/alliances/${allianceId}/commitments/ledger`);
    expect(anaLedger.body.alliance.commitmentsOpened as number).toBe((ledger.body.alliance.commitmentsOpened as number) + 1);
    const trust = await cy!.get<{ seats: { seat: { id: string }; trust: Measures }[]; pairs: { customerSeat: { id: string }; performerSeat: { id: string }; trust: Measures }[] }>(`/api/v1/alliances/${allianceId}/commitments/trust`);
    expect(trust.body.seats.find((s) => s.seat.id === seatB)!.trust).toMatchObject({ reneged: 1, revokedWithNotice: 1, renegeShare: 0.5 });
    const pair = trust.body.pairs.find((p) => p.customerSeat.id === seatC && p.performerSeat.id === seatB)!;
    expect(pair.trust).toMatchObject({ reneged: 1, revokedWithNotice: 1 });
    type Network = { nodes: { id: string; name: string }[]; edges: { source: string; target: string; count: number; keptOnTimeRate: number | null }[] };
    const network = await cy!.get<Network>(`/api/v1/alliances/${allianceId}/commitments/network`);
    expect(network.body.nodes).toHaveLength(3);
    const edge = network.body.edges.find((e) => e.source === seatA && e.target === seatB)!;
    expect(edge.count).toBeGreaterThanOrEqual(3);
    expect(edge.keptOnTimeRate).toBe(0.5);
    const october = await cy!.get<Network>(`/api/v1/alliances/${allianceId}/commitments/network?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z`);
    expect(october.body.edges.map((e) => [e.source, e.target, e.count])).toEqual([[seatA, seatB, 1]]);
    expect((await cy!.get(`/api/v1/alliances/${allianceId}/commitments/ledger?from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z`)).body).toMatchObject({ error: "validation_failed" });
    expect((await cy!.get(`/api/v1/alliances/${allianceId}/commitments/ledger/seats/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const escalations = await mara().get<{ items: { title: string }[] }>(`/api/v1/alliances/${allianceId}/commitments/escalations`);
    expect(escalations.body.items.map((i) => i.title)).toContain("Soil samples");
  });

  it("documents every move in OpenAPI: the enum of move names and their labels", async () => {
    const doc = await mara().get<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { enum?: string[]; description?: string }>; description?: string } }> } }>> }>("/api/openapi.json");
    const body = doc.body.paths["/api/v1/alliances/{id}/commitments/{commitmentId}/moves"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(body.properties.move!.enum).toEqual([...moveNames]);
    for (const name of moveNames) {
      expect(body.properties.move!.description).toContain(`${name} = "${moveLabels[name]}"`);
      expect(body.description).toContain(`- ${name} — "${moveLabels[name]}"`);
    }
  });
});
