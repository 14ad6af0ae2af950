import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import type { AlignmentResults } from "../presenters/alignment-results.presenter";
import { alignmentRecomputerFor } from "../realtime/alignment-recompute";
import { openContext } from "../start-server";
import { ApiClient, readServerSentEvents, startTestServer, type TestServer } from "../testing/test-server";
import { recomputeAlignmentMap } from "../use-cases/alignment/recompute-alignment-map";

const kinds = await testDatabaseKinds();

interface MapBody {
  id: string;
  version: number;
  revision: number;
  status: string;
  link: { kind: string; id: string } | null;
  counts: { statements: number; pending: number; voters: number; votes: number };
  results: { k: number; isStale: boolean } | null;
  me: { hasJoined: boolean; progress: { voted: number; total: number } };
  can: Record<string, boolean>;
}
interface Statement {
  id: string;
  number: number;
  body: string;
  moderation: string;
  isMine: boolean;
  myVote: string | null;
  version: number;
}
interface Next {
  statement: { id: string; number: number; body: string } | null;
  progress: { voted: number; total: number };
  changed?: boolean;
}


// Two camps and a swing seat. Statements 0-1 everyone agrees with; 2-4 seat A agrees and seat B
// disagrees; 5-6 the reverse; 7 is the one seat C splits on.
const statements = [
  "Shared recyclability standards help every member",
  "We should publish what we learn from the pilots",
  "Members should keep their own packaging formats",
  "Deposit schemes are too costly for small retailers",
  "Brand data must stay confidential",
  "Every brand should report packaging volumes publicly",
  "A levy on non-recyclable packaging is fair",
  "The coalition should lobby for national rules",
];
type Vote = "agree" | "disagree" | "pass";
const camp: Record<"A" | "B", Vote[]> = {
  A: ["agree", "agree", "agree", "agree", "agree", "disagree", "disagree", "pass"],
  B: ["agree", "agree", "disagree", "disagree", "disagree", "agree", "agree", "agree"],
};

describe.each(kinds)("the alignment map over HTTP on %s", (kind) => {
  let server: TestServer;
  let facilitator: ApiClient;
  let allianceId: string;
  const seats: Record<"A" | "B" | "C", string> = { A: "", B: "", C: "" };
  const voters: { client: ApiClient; id: string; seat: "A" | "B" | "C" }[] = [];
  let observer: ApiClient;
  let mapId: string;
  const statementIds: string[] = [];

  const url = (path = "") => `/api/v1/alliances/${allianceId}/alignment-maps${path}`;
  const results = async (client: ApiClient, id = mapId) => (await client.get<AlignmentResults>(url(`/${id}/results`))).body;

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => new Date("2026-09-10T10:00:00Z") });
    // Recomputations run only when a test flushes them, so every assertion sees a known state.
    alignmentRecomputerFor(server.ctx).debounceMs = 60_000;
    facilitator = new ApiClient(server.url);
    await facilitator.signUp("mara@example.org", "Mara Okafor");
    allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Packaging Alliance", purpose: "Recyclable packaging" })).body.id;
    for (const key of ["A", "B", "C"] as const) {
      const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: `Org ${key}`, kind: "company" });
      seats[key] = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: org.body.id })).body.id;
    }
    const people: ["A" | "B" | "C", string][] = [["A", "a1"], ["A", "a2"], ["A", "a3"], ["B", "b1"], ["B", "b2"], ["B", "b3"], ["C", "c1"], ["C", "c2"]];
    for (const [seat, name] of people) {
      const client = new ApiClient(server.url);
      const person = await client.signUp(`${name}@example.org`, name.toUpperCase());
      await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role: name.endsWith("1") ? "delegate" : "member", seatId: seats[seat] });
      voters.push({ client, id: person.id, seat });
    }
    observer = new ApiClient(server.url);
    const watcher = await observer.signUp("ines@example.org", "Ines");
    await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: watcher.id, role: "observer", seatId: null });
  });
  afterAll(async () => server?.close());

  it("opens a map linked to a proposal, with seed statements accepted because a facilitator wrote them", async () => {
    const opened = await facilitator.post<MapBody>(url(), {
      question: "What should the coalition do about packaging by 2030?",
      description: "Check alignment before deciding on the levy proposal.",
      link: { kind: "proposal", id: "3f1c2d4e-0000-4000-8000-000000000001" },
      statements: statements.slice(0, 6),
    });
    expect(opened.status).toBe(201);
    mapId = opened.body.id;
    expect(opened.body).toMatchObject({ status: "open", link: { kind: "proposal" }, counts: { statements: 6, pending: 0, voters: 0 }, can: { moderate: true, vote: false, addStatement: true } });
    const list = await voters[0]!.client.get<{ items: Statement[] }>(url(`/${mapId}/statements`));
    expect(list.body.items.map((s) => [s.number, s.moderation])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, "accepted"]));
    statementIds.push(...list.body.items.map((s) => s.id));
    // A delegate may open a map too; an observer may not.
    expect((await voters[0]!.client.post(url(), { question: "Is our pilot plan realistic?" })).status).toBe(201);
    expect((await observer.post(url(), { question: "Can I open one?" })).body).toMatchObject({ error: "forbidden" });
  });

  it("takes statements from participants for moderation: pending ones are seen by facilitators and their author only", async () => {
    const [a1, b1] = [voters[0]!.client, voters[3]!.client];
    const added = await a1.post<Statement>(url(`/${mapId}/statements`), { body: statements[6] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ number: 7, moderation: "pending", isMine: true });
    const offensive = await b1.post<Statement>(url(`/${mapId}/statements`), { body: "Org A's CEO is a fool" });
    const meta = await b1.post<Statement>(url(`/${mapId}/statements`), { body: "This map is a useful exercise" });
    expect((await b1.post(url(`/${mapId}/statements`), { body: "  shared recyclability standards help every member! " })).body).toMatchObject({ error: "already_exists" });

    expect((await b1.get<{ items: Statement[] }>(url(`/${mapId}/statements`))).body.items.filter((s) => s.moderation === "pending").map((s) => s.number)).toEqual([8, 9]);
    expect((await a1.get<{ items: Statement[] }>(url(`/${mapId}/statements?moderation=pending`))).body.items.map((s) => s.number)).toEqual([7]);
    expect((await facilitator.get<{ items: Statement[] }>(url(`/${mapId}/statements?moderation=pending`))).body.items.map((s) => s.isMine)).toEqual([false, false, false]);
    expect((await facilitator.get<MapBody>(url(`/${mapId}`))).body.counts).toMatchObject({ statements: 6, pending: 3 });

    // Only a facilitator moderates; a stale version is refused and the first answer stays.
    expect((await a1.patch(url(`/${mapId}/statements/${added.body.id}`), { version: 1, moderation: "accepted" })).status).toBe(403);
    expect((await facilitator.patch<Statement>(url(`/${mapId}/statements/${added.body.id}`), { version: 1, moderation: "accepted" })).body).toMatchObject({ moderation: "accepted", version: 2 });
    expect((await facilitator.patch(url(`/${mapId}/statements/${added.body.id}`), { version: 1, moderation: "rejected" })).body).toMatchObject({ error: "stale_version" });
    expect((await facilitator.patch(url(`/${mapId}/statements/${offensive.body.id}`), { version: 1, moderation: "rejected" })).status).toBe(200);
    expect((await facilitator.patch(url(`/${mapId}/statements/${meta.body.id}`), { version: 1, moderation: "meta" })).status).toBe(200);
    const eight = await facilitator.post<Statement>(url(`/${mapId}/statements`), { body: statements[7] });
    expect(eight.body).toMatchObject({ number: 10, moderation: "accepted" });
    statementIds.push(added.body.id, eight.body.id);

    // Partners never read a rejected statement, in the list or in the activity.
    const seen = (await voters[6]!.client.get<{ items: Statement[] }>(url(`/${mapId}/statements?limit=200`))).body.items;
    expect(seen.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10]);
    const activity = await voters[6]!.client.get<{ items: { type: string; actor: unknown; payload: Record<string, unknown> }[] }>(`/api/v1/alliances/${allianceId}/events?type=alignment.&limit=200`);
    expect(JSON.stringify(activity.body)).not.toContain("fool");
    expect(activity.body.items.filter((e) => e.type === "alignment.statement_added").every((e) => e.actor === null)).toBe(true);
    const facilitatorActivity = await facilitator.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(`/api/v1/alliances/${allianceId}/events?type=alignment.&limit=200`);
    expect(facilitatorActivity.body.items.some((e) => e.type === "alignment.statement_added" && e.payload.body === "Org A's CEO is a fool")).toBe(true);
  });

  it("shows one statement at a time with my progress; the latest vote counts", async () => {
    const a1 = voters[0]!.client;
    const first = await a1.get<Next>(url(`/${mapId}/next`));
    expect(first.body.progress).toEqual({ voted: 0, total: 9 });
    expect(first.body.statement).not.toBeNull();
    const answered = await a1.post<Next>(url(`/${mapId}/votes`), { statementId: first.body.statement!.id, vote: "disagree" });
    expect(answered.body).toMatchObject({ changed: true, progress: { voted: 1, total: 9 } });
    expect(answered.body.statement?.id).not.toBe(first.body.statement!.id);
    // The same next statement on a reload; voting the same way again changes nothing.
    expect((await a1.get<Next>(url(`/${mapId}/next`))).body.statement?.id).toBe(answered.body.statement?.id);
    expect((await a1.post<Next>(url(`/${mapId}/votes`), { statementId: first.body.statement!.id, vote: "disagree" })).body.changed).toBe(false);
    // Pending and rejected statements are not open for voting; observers and facilitators do not vote.
    const pending = await voters[3]!.client.post<Statement>(url(`/${mapId}/statements`), { body: "We need a second pilot city" });
    expect((await a1.post(url(`/${mapId}/votes`), { statementId: pending.body.id, vote: "agree" })).body).toMatchObject({ error: "not_found" });
    expect((await observer.post(url(`/${mapId}/votes`), { statementId: first.body.statement!.id, vote: "agree" })).body).toMatchObject({ error: "forbidden" });
    expect((await facilitator.post(url(`/${mapId}/votes`), { statementId: first.body.statement!.id, vote: "agree" })).body).toMatchObject({ error: "forbidden" });

    // Everyone votes through the queue, one statement at a time, until it is empty.
    const voteOf = (seat: "A" | "B" | "C", index: number, statementId: string): Vote => {
      const s = statementIds.indexOf(statementId);
      if (s < 0) return "pass"; // the meta statement
      if (seat === "C") return index === 6 ? (camp.A[s] as Vote) : s === 7 ? "disagree" : (camp.B[s] as Vote);
      return camp[seat][s] as Vote;
    };
    for (const [index, voter] of voters.entries()) {
      let next = (await voter.client.get<Next>(url(`/${mapId}/next`))).body;
      let steps = 0;
      while (next.statement) {
        next = (await voter.client.post<Next>(url(`/${mapId}/votes`), { statementId: next.statement.id, vote: voteOf(voter.seat, index, next.statement.id) })).body;
        steps += 1;
      }
      expect(next.progress).toEqual({ voted: 9, total: 9 });
      expect(steps).toBe(index === 0 ? 8 : 9);
    }
    // a1 disagreed with the first statement it saw: the latest vote replaces it.
    const fixed = await a1.post<Next>(url(`/${mapId}/votes`), { statementId: first.body.statement!.id, vote: voteOf("A", 0, first.body.statement!.id) });
    expect(fixed.body).toMatchObject({ progress: { voted: 9, total: 9 }, statement: null });
    const mine = (await a1.get<{ items: Statement[] }>(url(`/${mapId}/statements?limit=200`))).body.items;
    expect(mine.find((s) => s.id === first.body.statement!.id)?.myVote).toBe(voteOf("A", 0, first.body.statement!.id));
    expect((await a1.get<MapBody>(url(`/${mapId}`))).body.counts).toMatchObject({ voters: 8, votes: 72 });
  });

  it("computes the map off the request path: stale until the debounced recompute, then groups, consensus, divisive statements and seat divergence", async () => {
    const before = await results(facilitator);
    expect(before).toMatchObject({ status: "computing", isStale: true, voters: 8 });
    await alignmentRecomputerFor(server.ctx).flush();
    const map = await results(voters[0]!.client);
    expect(map).toMatchObject({ status: "ready", isStale: false, voters: 8, votes: 72, k: 2 });

    // Anonymous points: eight, mine marked, nobody's id anywhere in the answer.
    expect(map.points).toHaveLength(8);
    expect(map.points.filter((p) => p.isMe)).toHaveLength(1);
    const text = JSON.stringify(map);
    for (const v of voters) expect(text).not.toContain(v.id);
    expect((await results(facilitator)).points.filter((p) => p.isMe)).toHaveLength(0);

    // Seat A's people form one group, seat B's the other; C's delegate sides with A.
    const groupOf = (client: ApiClient) => results(client).then((r) => r.me?.group);
    const groupsA = await Promise.all(voters.filter((v) => v.seat === "A").map((v) => groupOf(v.client)));
    const groupsB = await Promise.all(voters.filter((v) => v.seat === "B").map((v) => groupOf(v.client)));
    expect(new Set(groupsA).size).toBe(1);
    expect(new Set(groupsB).size).toBe(1);
    expect(groupsA[0]).not.toBe(groupsB[0]);
    expect(await groupOf(voters[6]!.client)).toBe(groupsA[0]);
    expect(map.groups.map((g) => g.size).sort()).toEqual([4, 4]);
    const groupA = map.groups.find((g) => g.id === groupsA[0])!;
    expect(groupA.representative.some((r) => r.body === statements[4] && r.direction === "agree")).toBe(true);

    expect(map.consensus.agree.map((c) => c.body)).toEqual(expect.arrayContaining([statements[0], statements[1]]));
    expect(map.bridging[0]?.body).toMatch(/Shared recyclability|publish what we learn/);
    expect(map.divisive.map((d) => d.body)).toEqual(expect.arrayContaining([statements[4], statements[5]]));
    expect(map.divisive.every((d) => d.spread >= 0.3)).toBe(true);
    // Half the voters passed on the lobbying statement.
    expect(map.uncertain.map((u) => [u.body, u.passes, u.votes])).toEqual([[statements[7], 4, 8]]);
    expect(map.statements.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10]);
    expect(map.statements.find((s) => s.number === 1)).toMatchObject({ agrees: 8, votes: 8 });

    // Per seat: A and B share no group and differ most; C is split; statement texts come along.
    expect(map.seats.map((s) => [s.name, s.voters, s.isSplit])).toEqual(
      expect.arrayContaining([["Org A", 3, false], ["Org B", 3, false], ["Org C", 2, true]]),
    );
    const [top] = map.seatPairs;
    expect(top!.seats.map((s) => s.name).sort()).toEqual(["Org A", "Org B"]);
    expect(top).toMatchObject({ inDifferentGroups: true });
    expect(Math.abs(top!.statements[0]!.difference)).toBe(2);
    expect(top!.statements[0]!.body).not.toBe("");
  });

  it("recomputes live: a vote makes the result stale, the debounced run writes it and the stream announces alignment.recomputed", async () => {
    const recomputer = alignmentRecomputerFor(server.ctx);
    recomputer.debounceMs = 0;
    const c2 = voters[7]!.client;
    const listening = readServerSentEvents(`${server.url}/api/v1/alliances/${allianceId}/stream`, observer.cookieHeader(), (e) => e.type === "alignment.recomputed", 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const vote = await c2.post<Next>(url(`/${mapId}/votes`), { statementId: statementIds[7]!, vote: "agree" });
    expect(vote.body.changed).toBe(true);
    const seen = await listening;
    const recomputed = seen.find((e) => e.type === "alignment.recomputed");
    expect(recomputed?.payload).toMatchObject({ mapId, k: 2, votes: 72 });
    // The vote went out too, without voter or direction.
    const cast = seen.find((e) => e.type === "alignment.vote_cast") as { actor: unknown; payload: Record<string, unknown> } | undefined;
    expect(cast?.actor).toBeNull();
    expect(Object.keys(cast?.payload ?? {}).sort()).toEqual(["mapId", "number", "revision", "statementId"]);
    await recomputer.flush();
    const after = await results(c2);
    expect(after.isStale).toBe(false);
    expect(after.computedRevision).toBe(after.revision);
    recomputer.debounceMs = 60_000;
  });

  it("recomputes idempotently: a second run on the same revision writes nothing, even from another instance", async () => {
    const c1 = voters[6]!.client;
    await c1.post(url(`/${mapId}/votes`), { statementId: statementIds[7]!, vote: "agree" });
    // On Postgres a second server instance shares the database; an embedded one cannot be opened twice.
    const other = kind === "postgres" ? await openContext(server.config, () => {}, () => new Date("2026-09-10T11:00:00Z")) : server.ctx;
    try {
      const runs = await Promise.all([recomputeAlignmentMap(server.ctx, mapId), recomputeAlignmentMap(other, mapId), recomputeAlignmentMap(server.ctx, mapId)]);
      expect(runs.filter((r) => r.written)).toHaveLength(1);
      expect(new Set(runs.map((r) => r.revision)).size).toBe(1);
      expect((await recomputeAlignmentMap(other, mapId)).written).toBe(false);
    } finally {
      if (other !== server.ctx) await other.database.close();
    }
    const events = await facilitator.get<{ items: { type: string; payload: { revision: number } }[] }>(`/api/v1/alliances/${allianceId}/events?type=alignment.recomputed&limit=200`);
    const revisions = events.body.items.map((e) => e.payload.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    await alignmentRecomputerFor(server.ctx).flush();
  });

  it("leaves votes and recomputations out of the activity on request, page after page", async () => {
    type EventPage = { items: { seq: number; type: string }[]; nextCursor: string | null };
    const events = (query: string) => facilitator.get<EventPage>(`/api/v1/alliances/${allianceId}/events?${query}`);
    const all = (await events("limit=200")).body.items;
    const noisy = new Set(["alignment.vote_cast", "alignment.recomputed"]);
    expect(all.filter((e) => noisy.has(e.type)).length).toBeGreaterThan(10);
    const expected = all.filter((e) => !noisy.has(e.type)).map((e) => e.seq);
    // Small pages, each full of told events, until the end: nothing told is skipped.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: EventPage = (await events(`limit=5&exclude=alignment.vote_cast,alignment.recomputed${cursor ? `&cursor=${cursor}` : ""}`)).body;
      expect(page.items.every((e) => !noisy.has(e.type))).toBe(true);
      if (page.nextCursor !== null) expect(page.items).toHaveLength(5);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    // With a type prefix too: alignment events other than votes and recomputations.
    const told = (await events("type=alignment.&exclude=alignment.vote_cast,alignment.recomputed&limit=200")).body.items;
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((e) => e.type.startsWith("alignment.") && !noisy.has(e.type))).toBe(true);
    for (const bad of ["alignment", "alignment.vote_cast,", "ALIGNMENT.VOTE_CAST", "a.b;drop", Array.from({ length: 21 }, () => "a.b").join(",")]) {
      expect((await events(`exclude=${encodeURIComponent(bad)}`)).body).toMatchObject({ error: "validation_failed" });
    }
  });

  it("keeps a closed map readable but refuses votes and statements; lists and searches maps", async () => {
    const map = (await facilitator.get<MapBody>(url(`/${mapId}`))).body;
    expect((await voters[0]!.client.patch(url(`/${mapId}`), { version: map.version, status: "closed" })).status).toBe(403);
    const closed = await facilitator.patch<MapBody>(url(`/${mapId}`), { version: map.version, status: "closed" });
    expect(closed.body).toMatchObject({ status: "closed", can: { vote: false, addStatement: false } });
    expect((await facilitator.patch(url(`/${mapId}`), { version: map.version, question: "Too late" })).body).toMatchObject({ error: "stale_version" });
    expect((await voters[1]!.client.post(url(`/${mapId}/votes`), { statementId: statementIds[0]!, vote: "pass" })).body).toMatchObject({ error: "conflict" });
    expect((await voters[1]!.client.post(url(`/${mapId}/statements`), { body: "One more thought" })).body).toMatchObject({ error: "conflict" });
    expect((await results(observer)).status).toBe("ready");

    const all = await observer.get<{ items: { id: string; status: string }[]; nextCursor: string | null }>(url("?limit=1"));
    expect(all.body.items).toHaveLength(1);
    const second = await observer.get<{ items: { id: string }[]; nextCursor: string | null }>(url(`?limit=1&cursor=${all.body.nextCursor}`));
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([all.body.items[0]!.id, second.body.items[0]!.id]).size).toBe(2);
    expect((await observer.get<{ items: { id: string }[] }>(url("?status=closed"))).body.items.map((m) => m.id)).toEqual([mapId]);
    expect((await observer.get<{ items: { question: string }[] }>(url("?q=pilot"))).body.items.map((m) => m.question)).toEqual(["Is our pilot plan realistic?"]);
  });

  it("answers bad input and strangers with stable errors", async () => {
    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(url(`/${mapId}/results`))).status).toBe(404);
    expect((await stranger.get(url())).status).toBe(404);
    const bad: [string, string, unknown][] = [
      ["POST", url(), { question: "x" }],
      ["POST", url(), { question: "Fine question", link: { kind: "meeting", id: "x" } }],
      ["POST", url(), { question: "Fine question", statements: ["ok statement", 7] }],
      ["POST", url(), { question: "Fine question", seatIds: ["not-a-uuid"] }],
      ["POST", url(`/${mapId}/votes`), { statementId: statementIds[0], vote: "maybe" }],
      ["POST", url(`/${mapId}/votes`), { statementId: "nope", vote: "agree" }],
      ["PATCH", url(`/${mapId}/statements/${statementIds[0]}`), { version: 1, moderation: "pending" }],
      ["POST", url(`/${mapId}/statements`), { body: "x".repeat(401) }],
      ["GET", url(`/${mapId}/statements?cursor=abc`), undefined],
      ["GET", url(`?cursor=abc`), undefined],
      ["GET", url(`/not-a-uuid/results`), undefined],
    ];
    for (const [method, path, body] of bad) {
      const res = await facilitator.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body).toMatchObject({ error: expect.stringMatching(/validation_failed|bad_request/) });
    }
    expect((await facilitator.get(url(`/00000000-0000-4000-8000-000000000000/results`))).status).toBe(404);
    const seatMap = await facilitator.post<MapBody>(url(), { question: "Seat A and B only", seatIds: [seats.A, seats.B] });
    expect(seatMap.status).toBe(201);
    expect((await voters[6]!.client.get(url(`/${seatMap.body.id}`))).status).toBe(404);
    expect((await voters[0]!.client.get(url(`/${seatMap.body.id}`))).status).toBe(200);
    expect((await voters[6]!.client.post(url(), { question: "Only seat A", seatIds: [seats.A] })).body).toMatchObject({ error: "forbidden" });
  });
});
