import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";
import { runJobOnce } from "../jobs/job-runner";
import { closeDueProposalsJob } from "../jobs/decision-jobs";

const kinds = await testDatabaseKinds();

interface SeatTally {
  seatId: string;
  name: string;
  participated: boolean;
  split: boolean;
  stance: string | null;
  delegateCounts: Record<string, number>;
  contribution: Record<string, number>;
}
interface Outcome {
  result: string;
  passed: boolean | null;
  winners: { optionId: string; label: string }[];
  failedBecause: string[];
  final: boolean;
  quorum: { required: number; participating: number; met: boolean };
  tally: { key: string; label: string; byPerson: number; bySeat: number }[];
  seats: SeatTally[];
  seatsSplit: { seatId: string }[];
  seatsNotParticipating: { seatId: string; name: string }[];
  details: Record<string, unknown> & { kind: string };
}
interface Position {
  id: string;
  seatId: string;
  person: { id: string; displayName: string } | null;
  value: Record<string, unknown>;
  reason: string | null;
}
interface ProposalView {
  id: string;
  title: string;
  body: string;
  state: string;
  version: number;
  options: { id: string; label: string }[];
  resultsVisible: boolean;
  outcome: Outcome | null;
  positions: Position[] | null;
  myPosition: Position | null;
  participation: { seatsTakingPart: string[]; seatsNotTakingPart: string[]; positionCount: number };
  statement: { statement: string; reviewOn: string; version: number } | null;
  can: Record<string, boolean>;
}
interface ErrorBody {
  error: string;
  details?: Record<string, unknown>;
}
interface EventItem {
  seq: number;
  type: string;
  actor: { id: string } | null;
  seatId: string | null;
  payload: Record<string, unknown>;
}

type Who = "alice" | "bob" | "cara" | "dan" | "eve" | "olga";

describe.each(kinds)("decisions over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-07-01T09:00:00Z");
  let facilitator: ApiClient;
  let facilitatorId: string;
  const people = {} as Record<Who, { client: ApiClient; id: string; name: string }>;
  let allianceId: string;
  let seats: { a: string; b: string; c: string };

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    facilitator = new ApiClient(server.url);
    facilitatorId = (await facilitator.signUp("mara@facilitation.example", "Mara Okafor")).id;
    allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Packaging Pact" })).body.id;
    const seatOf = async (name: string, weight: number) => {
      const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
      return (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: org.body.id, weight })).body.id;
    };
    seats = { a: await seatOf("Acme Foods", 2), b: await seatOf("Blue Bottles", 1), c: await seatOf("Cycle Labs", 1) };
    const join = async (key: Who, name: string, seatId: string | null, role: "delegate" | "member" | "observer") => {
      const client = new ApiClient(server.url);
      const person = await client.signUp(`${key}@example.org`, name);
      expect((await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role, seatId })).status).toBe(204);
      people[key] = { client, id: person.id, name };
    };
    await join("alice", "Alice Acme", seats.a, "delegate");
    await join("bob", "Bob Blue", seats.b, "delegate");
    await join("cara", "Cara Cycle", seats.c, "delegate");
    await join("dan", "Dan Acme", seats.a, "member");
    await join("eve", "Eve Blue", seats.b, "member");
    await join("olga", "Olga Observer", null, "observer");
  });
  afterAll(async () => server?.close());

  const url = (path: string) => `/api/v1/alliances/${allianceId}${path}`;
  const propose = (client: ApiClient, body: Record<string, unknown>) => client.post<ProposalView & ErrorBody>(url("/proposals"), body);
  const view = async (client: ApiClient, id: string) => (await client.get<ProposalView>(url(`/proposals/${id}`))).body;
  const take = (who: Who, id: string, value: Record<string, unknown>, reason?: string) =>
    people[who].client.post<ProposalView & ErrorBody>(url(`/proposals/${id}/positions`), { value, ...(reason !== undefined ? { reason } : {}) });
  const stance = (s: string) => ({ kind: "stance", stance: s });
  const inAnHour = () => new Date(now.getTime() + 3600_000).toISOString();
  const inAWeek = () => new Date(now.getTime() + 7 * 86_400_000).toISOString();

  it("consent: an objection needs a reason and holds the proposal until the proposer integrates it", async () => {
    const created = await propose(people.alice.client, { title: "Adopt a shared data licence", body: "All pilot data under CC BY 4.0.", method: { kind: "consent" }, closesAt: inAWeek() });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ state: "open", resultsVisible: true });

    expect((await take("bob", id, stance("agree"))).status).toBe(200);
    expect((await take("cara", id, stance("object"))).body).toMatchObject({ error: "validation_failed", details: { field: "reason" } });
    const objected = await take("cara", id, stance("object"), "CC BY exposes our partners' supplier names.");
    const objection = objected.body.myPosition!;
    expect(objected.body.outcome).toMatchObject({ passed: false, failedBecause: ["unaddressed_objection"] });
    expect((objected.body.outcome!.details as unknown as { objections: { status: string; personId: string | null }[] }).objections).toEqual([
      expect.objectContaining({ positionId: objection.id, status: "open", personId: people.cara.id }),
    ]);
    // Only the proposer answers an objection.
    expect((await people.bob.client.post<ErrorBody>(url(`/proposals/${id}/objections/${objection.id}/responses`), { kind: "addressed", note: "fine" })).body.error).toBe("forbidden");
    const before = await view(people.alice.client, id);
    const integrated = await people.alice.client.post<ProposalView>(url(`/proposals/${id}/objections/${objection.id}/responses`), {
      kind: "integrated",
      note: "Supplier names are removed before release.",
      revisedBody: "All pilot data under CC BY 4.0, with supplier names removed before release.",
      version: before.version,
    });
    expect(integrated.status).toBe(200);
    expect(integrated.body.body).toContain("supplier names removed");
    expect((integrated.body.outcome!.details as unknown as { objections: { status: string }[] }).objections[0]?.status).toBe("integrated");
    expect(integrated.body.outcome).toMatchObject({ passed: true, result: "passed", final: false });
    await take("dan", id, stance("agree"));

    now = new Date("2026-07-02T09:00:00Z");
    // Only the proposer or a facilitator closes; a stale version is refused.
    expect((await people.bob.client.post<ErrorBody>(url(`/proposals/${id}/close`), {})).body.error).toBe("forbidden");
    expect((await people.alice.client.post<ErrorBody>(url(`/proposals/${id}/close`), { version: before.version })).body.error).toBe("stale_version");
    const closed = await people.alice.client.post<ProposalView>(url(`/proposals/${id}/close`), {});
    expect(closed.body).toMatchObject({ state: "closed", outcome: { result: "passed", final: true, seatsNotParticipating: [] } });
    expect((await people.alice.client.post<ErrorBody>(url(`/proposals/${id}/close`), {})).body.error).toBe("illegal_move");
    expect((await take("eve", id, stance("agree"))).body.error).toBe("conflict");

    // The outcome statement with its review date.
    expect((await people.alice.client.request<ErrorBody>("PUT", url(`/proposals/${id}/outcome`), { statement: "Licence adopted.", reviewOn: "2026-06-30" })).body).toMatchObject({ error: "validation_failed", details: { reason: "before_decision" } });
    const recorded = await people.alice.client.request<ProposalView>("PUT", url(`/proposals/${id}/outcome`), { statement: "Pilot data is released under CC BY 4.0 without supplier names.", reviewOn: "2027-01-15" });
    expect(recorded.body.statement).toMatchObject({ reviewOn: "2027-01-15", version: 1 });
    expect((await people.alice.client.request<ErrorBody>("PUT", url(`/proposals/${id}/outcome`), { statement: "Again", reviewOn: "2027-01-15" })).body.error).toBe("stale_version");

    const events = await people.eve.client.get<{ items: EventItem[] }>(url("/events?limit=200"));
    const mine = events.body.items.filter((e) => e.payload.proposalId === id).map((e) => e.type).reverse();
    expect(mine).toEqual(["proposal.created", "position.taken", "position.taken", "objection.integrated", "position.taken", "proposal.closed", "outcome.recorded"]);
    expect(events.body.items.find((e) => e.type === "proposal.closed" && e.payload.proposalId === id)?.payload).toMatchObject({ outcome: "passed", closedBy: "hand" });
  });

  it("ranked choice: instant runoff counts each seat once (split seats share their vote) and tallies per person and per seat", async () => {
    const created = await propose(facilitator, {
      title: "Which pilot city first?",
      method: { kind: "ranked_choice" },
      options: [{ label: "Xanten" }, { label: "Ypres" }, { label: "Zwolle" }],
      quorum: { kind: "seats", count: 2 },
      closesAt: inAWeek(),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const [x, y, z] = created.body.options.map((o) => o.id) as [string, string, string];
    await take("alice", id, { kind: "ranking", ranking: [x, y] });
    await take("dan", id, { kind: "ranking", ranking: [y, x] });
    await take("bob", id, { kind: "ranking", ranking: [y, z] });
    await take("eve", id, { kind: "ranking", ranking: [y] });
    const last = await take("cara", id, { kind: "ranking", ranking: [z, x] });
    const outcome = last.body.outcome!;
    // First preferences: by person X 1, Y 3, Z 1; by seat Acme splits 1/2 X, 1/2 Y.
    expect(outcome.tally.map((t) => [t.label, t.byPerson, t.bySeat])).toEqual([
      ["Xanten", 1, 0.5],
      ["Ypres", 3, 1.5],
      ["Zwolle", 1, 1],
    ]);
    const acme = outcome.seats.find((s) => s.seatId === seats.a)!;
    expect(acme).toMatchObject({ name: "Acme Foods", split: true, participated: true, delegateCounts: { [x]: 1, [y]: 1, [z]: 0 } });
    // Blue Bottles' delegates ranked differently too, though both put Ypres first: split, same first preference.
    expect(outcome.seatsSplit.map((s) => s.seatId).sort()).toEqual([seats.a, seats.b].sort());
    expect(outcome.seats.find((s) => s.seatId === seats.b)?.contribution).toEqual({ [y]: 1 });
    // Round 1: nobody above half of 3; Xanten (0.5) goes; Alice's ballot moves to Ypres: 2 of 3.
    const rounds = (outcome.details as unknown as { rounds: { counts: Record<string, number>; eliminated: string | null }[] }).rounds;
    expect(rounds.map((r) => r.eliminated)).toEqual([x, null]);
    expect(rounds[1]?.counts).toEqual({ [y]: 2, [z]: 1 });
    expect(outcome).toMatchObject({ result: "chosen", winners: [{ optionId: y, label: "Ypres" }], quorum: { required: 2, participating: 3, met: true } });
    const closed = await facilitator.post<ProposalView>(url(`/proposals/${id}/close`), {});
    expect(closed.body.outcome).toMatchObject({ result: "chosen", final: true, seatsNotParticipating: [] });
  });

  it("hides results until close from everyone, then the closing job closes it and lists the seats that did not take part", async () => {
    const created = await propose(people.bob.client, { title: "Fund a shared sorting line", method: { kind: "majority" }, hiddenUntilClose: true, closesAt: inAnHour() });
    const id = created.body.id;
    await take("alice", id, stance("agree"));
    const mine = await take("bob", id, stance("disagree"));
    expect(mine.body).toMatchObject({ resultsVisible: false, outcome: null, positions: null });
    expect(mine.body.myPosition?.value).toEqual(stance("disagree"));
    expect(mine.body.participation.seatsTakingPart.sort()).toEqual([seats.a, seats.b].sort());
    for (const client of [facilitator, people.alice.client, people.olga.client]) {
      const seen = await view(client, id);
      expect(seen).toMatchObject({ resultsVisible: false, outcome: null, positions: null });
      expect(JSON.stringify(seen)).not.toContain('"stance":"disagree"');
    }
    // The activity tells who took part, never what they said, while hidden.
    const events = await people.cara.client.get<{ items: EventItem[] }>(url("/events?type=position.taken&limit=200"));
    const taken = events.body.items.filter((e) => e.payload.proposalId === id);
    expect(taken).toHaveLength(2);
    for (const event of taken) expect(event.payload).not.toHaveProperty("value");

    now = new Date(now.getTime() + 2 * 3600_000);
    expect((await take("cara", id, stance("agree"))).body.error).toBe("conflict");
    // Past its closing time, results show even before the job has run.
    expect((await view(people.cara.client, id)).resultsVisible).toBe(true);
    expect(await runJobOnce(server.ctx, closeDueProposalsJob, "test-instance")).toBe(true);
    const closed = await view(people.cara.client, id);
    expect(closed).toMatchObject({ state: "closed", resultsVisible: true });
    expect(closed.outcome).toMatchObject({ result: "failed", failedBecause: ["majority_not_reached"], seatsNotParticipating: [{ seatId: seats.c, name: "Cycle Labs" }] });
    expect(closed.positions).toHaveLength(2);
    const closedEvents = await people.cara.client.get<{ items: EventItem[] }>(url("/events?type=proposal.closed"));
    expect(closedEvents.body.items.find((e) => e.payload.proposalId === id)).toMatchObject({ actor: null, payload: { closedBy: "schedule", outcome: "failed" } });
  });

  it("never reveals who took an anonymous position: not in the API, the events, the decision log export or the archive", async () => {
    const created = await propose(facilitator, { title: "Admit a second beverage brand", method: { kind: "consensus" }, anonymous: true, closesAt: inAWeek() });
    const id = created.body.id;
    await take("alice", id, stance("agree"));
    await take("bob", id, stance("disagree"), "Too close to our own market.");
    await take("bob", id, stance("block"), "A direct competitor would see our volumes.");
    await take("cara", id, stance("agree"));
    await take("dan", id, stance("abstain"));
    const voters = (["alice", "bob", "cara", "dan"] as const).map((k) => people[k]);
    const leaks = (text: string) => voters.filter((v) => text.includes(v.id) || text.includes(v.name)).map((v) => v.name);

    const asCara = await view(people.cara.client, id);
    expect(asCara.participation.positionCount).toBe(4);
    expect(asCara.positions?.every((p) => p.person === null)).toBe(true);
    expect(asCara.outcome).toMatchObject({ result: "failed", failedBecause: ["blocked"] });
    expect((asCara.outcome!.details as unknown as { blocks: { personId: string | null; seatId: string; reason: string }[] }).blocks).toEqual([
      expect.objectContaining({ personId: null, seatId: seats.b, reason: "A direct competitor would see our volumes." }),
    ]);
    // Cara's own position is hers to see; nobody else's person shows.
    expect(asCara.myPosition?.person?.id).toBe(people.cara.id);
    expect(leaks(JSON.stringify({ ...asCara, myPosition: null }))).toEqual([]);
    for (const client of [facilitator, people.olga.client]) expect(leaks(JSON.stringify(await view(client, id)))).toEqual([]);
    expect((await view(people.bob.client, id)).myPosition?.value).toEqual(stance("block"));

    const closed = await facilitator.post<ProposalView>(url(`/proposals/${id}/close`), {});
    expect(closed.body.outcome?.result).toBe("failed");
    expect(leaks(JSON.stringify(closed.body))).toEqual([]);

    const events = await facilitator.get<{ items: EventItem[] }>(url("/events?limit=200"));
    const ofProposal = events.body.items.filter((e) => e.payload.proposalId === id);
    expect(ofProposal.filter((e) => e.type === "position.taken")).toHaveLength(5);
    for (const event of ofProposal.filter((e) => e.type === "position.taken")) expect(event).toMatchObject({ actor: null, seatId: null });
    expect(leaks(JSON.stringify(ofProposal))).toEqual([]);

    for (const format of ["csv", "markdown"]) {
      const file = await facilitator.get<string>(url(`/decision-log/export?format=${format}&q=${encodeURIComponent("second beverage")}`));
      expect(file.status).toBe(200);
      expect(file.body).toContain("Admit a second beverage brand");
      expect(leaks(file.body)).toEqual([]);
    }

    const archive = await people.alice.client.get<string>(url("/export"));
    const lines = archive.body.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { kind: string; payload?: Record<string, unknown> });
    const archived = lines.filter((l) => l.kind === "event" && l.payload?.proposalId === id);
    expect(archived.length).toBeGreaterThanOrEqual(7);
    expect(leaks(JSON.stringify(archived))).toEqual([]);
    // The stored rows name nobody either.
    const rows = await server.ctx.db.selectFrom("decision_positions").select(["person_id", "author_key"]).where("proposal_id", "=", id).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.person_id === null && !voters.some((v) => r.author_key.includes(v.id)))).toBe(true);
  });

  it("advice: the decider records the advice taken after a quorum of seats advised", async () => {
    const created = await propose(people.alice.client, { title: "Hire a data steward", method: { kind: "advice" }, quorum: { kind: "seats", count: 2 }, closesAt: inAWeek() });
    const id = created.body.id;
    expect((await take("bob", id, stance("agree"))).body.error).toBe("validation_failed");
    const bobAdvice = (await take("bob", id, stance("agree"), "Yes, part-time first.")).body.myPosition!;
    expect((await people.alice.client.post<ErrorBody>(url(`/proposals/${id}/advice-decision`), { decision: "adopt", note: "Going ahead.", adviceTaken: [] })).body.error).toBe("threshold_not_met");
    await take("cara", id, stance("disagree"), "Budget is better spent on sensors.");
    expect((await people.bob.client.post<ErrorBody>(url(`/proposals/${id}/advice-decision`), { decision: "adopt", note: "x", adviceTaken: [] })).body.error).toBe("forbidden");
    const decided = await people.alice.client.post<ProposalView>(url(`/proposals/${id}/advice-decision`), { decision: "adopt", note: "Part-time steward, reviewed in six months.", adviceTaken: [bobAdvice.id] });
    expect(decided.body).toMatchObject({ state: "closed", outcome: { result: "passed", passed: true } });
    const advice = decided.body.outcome!.details as unknown as { adviceBySeat: { seatId: string; advice: { positionId: string; taken: boolean }[] }[] };
    expect(advice.adviceBySeat.find((s) => s.seatId === seats.b)?.advice[0]).toMatchObject({ positionId: bobAdvice.id, taken: true });
  });

  it("score, dot vote and meeting time tally per seat", async () => {
    const score = (await propose(facilitator, { title: "Rate the label designs", method: { kind: "score", min: 0, max: 5 }, options: [{ label: "Leaf" }, { label: "Wave" }], closesAt: inAWeek() })).body;
    const [leaf, wave] = score.options.map((o) => o.id) as [string, string];
    await take("alice", score.id, { kind: "scores", scores: { [leaf]: 5, [wave]: 1 } });
    await take("dan", score.id, { kind: "scores", scores: { [leaf]: 3, [wave]: 3 } });
    const scored = await take("bob", score.id, { kind: "scores", scores: { [leaf]: 2, [wave]: 4 } });
    // Seat means first (Acme: leaf 4, wave 2), then the mean over seats: leaf 3, wave 3 -> a tie.
    expect(scored.body.outcome).toMatchObject({ result: "tied" });
    expect(scored.body.outcome!.tally.map((t) => [t.label, t.bySeat])).toEqual([
      ["Leaf", 3],
      ["Wave", 3],
    ]);
    expect((await take("cara", score.id, { kind: "scores", scores: { [leaf]: 9 } })).body.error).toBe("validation_failed");

    const dots = (await propose(facilitator, { title: "Where to spend the pilot budget", method: { kind: "dot_vote", dotsPerPerson: 3 }, options: [{ label: "Sorting" }, { label: "Labels" }], closesAt: inAWeek() })).body;
    const [sorting, labels] = dots.options.map((o) => o.id) as [string, string];
    expect((await take("alice", dots.id, { kind: "dots", dots: { [sorting]: 4 } })).body.error).toBe("validation_failed");
    await take("alice", dots.id, { kind: "dots", dots: { [sorting]: 3 } });
    const dotted = await take("cara", dots.id, { kind: "dots", dots: { [labels]: 2, [sorting]: 1 } });
    expect(dotted.body.outcome?.winners.map((w) => w.label)).toEqual(["Sorting"]);

    const borda = (await propose(facilitator, { title: "Name the coalition newsletter", method: { kind: "ranked_choice", count: "borda" }, options: [{ label: "Loop" }, { label: "Second Life" }, { label: "Full Circle" }], closesAt: inAWeek() })).body;
    await take("alice", borda.id, { kind: "ranking", ranking: ["o1", "o2", "o3"] });
    await take("bob", borda.id, { kind: "ranking", ranking: ["o2", "o1", "o3"] });
    const counted = await take("cara", borda.id, { kind: "ranking", ranking: ["o2", "o3", "o1"] });
    expect(counted.body.outcome).toMatchObject({ result: "chosen", winners: [{ label: "Second Life" }], details: { kind: "borda" } });

    const slots = (
      await propose(facilitator, {
        title: "Kick-off meeting",
        method: { kind: "meeting_time" },
        options: [
          { label: "Tue 10:00", startsAt: "2026-07-14T08:00:00Z" },
          { label: "Wed 14:00", startsAt: "2026-07-15T12:00:00Z" },
        ],
        closesAt: inAWeek(),
      })
    ).body;
    const [tue, wed] = slots.options.map((o) => o.id) as [string, string];
    await take("alice", slots.id, { kind: "availability", slotIds: [tue, wed] });
    await take("bob", slots.id, { kind: "availability", slotIds: [wed] });
    const met = await take("cara", slots.id, { kind: "availability", slotIds: [] });
    expect(met.body.outcome).toMatchObject({ result: "chosen", winners: [{ label: "Wed 14:00" }] });
  });

  it("keeps a searchable decision log exported as CSV and Markdown", async () => {
    const log = await people.olga.client.get<{ items: { title: string; result: string; seatsNotParticipating: { name: string }[]; statement: { reviewOn: string } | null }[] }>(url("/decision-log"));
    expect(log.body.items.map((e) => e.title)).toEqual(expect.arrayContaining(["Adopt a shared data licence", "Which pilot city first?", "Fund a shared sorting line", "Hire a data steward"]));
    const licence = await people.olga.client.get<{ items: { title: string; statement: { reviewOn: string } | null }[] }>(url("/decision-log?q=supplier"));
    expect(licence.body.items.map((e) => e.title)).toEqual(["Adopt a shared data licence"]);
    expect(licence.body.items[0]?.statement?.reviewOn).toBe("2027-01-15");
    const failed = await people.olga.client.get<{ items: { title: string; seatsNotParticipating: { name: string }[] }[] }>(url("/decision-log?result=failed&method=majority"));
    expect(failed.body.items).toEqual([expect.objectContaining({ title: "Fund a shared sorting line", seatsNotParticipating: [{ seatId: seats.c, name: "Cycle Labs" }] })]);
    expect((await people.olga.client.get<{ items: unknown[] }>(url("/decision-log?reviewDueOn=2027-02-01"))).body.items).toHaveLength(1);

    const csv = await people.olga.client.get<string>(url("/decision-log/export?format=csv"));
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("packaging-pact-decision-log.csv");
    const rows = csv.body.trim().split("\r\n");
    expect(rows[0]).toBe("Closed on,Title,Method,Result,Quorum,Seats taking part,Seats not taking part,Split seats,Seat by seat,Outcome statement,Review on,Proposed by");
    expect(rows.find((r) => r.includes("Fund a shared sorting line"))).toContain("Cycle Labs");
    const markdown = await people.olga.client.get<string>(url("/decision-log/export?format=markdown"));
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.body).toContain("# Decision log: Packaging Pact");
    expect(markdown.body).toContain("## Adopt a shared data licence");
    expect(markdown.body).toContain("- **Review on:** 2027-01-15");

    const page = await people.olga.client.get<{ items: unknown[]; nextCursor: string | null }>(url("/decision-log?limit=2"));
    expect(page.body.items).toHaveLength(2);
    const next = await people.olga.client.get<{ items: unknown[] }>(url(`/decision-log?limit=2&cursor=${page.body.nextCursor}`));
    expect(next.body.items.length).toBeGreaterThan(0);
  });

  it("refuses bad input with stable codes", async () => {
    const bad = async (client: ApiClient, body: Record<string, unknown>) => (await propose(client, { title: "T", closesAt: inAWeek(), ...body })).body;
    expect(await bad(people.olga.client, { method: { kind: "consent" } })).toMatchObject({ error: "forbidden" });
    expect(await bad(people.alice.client, { method: { kind: "consent" }, closesAt: "2020-01-01T00:00:00Z" })).toMatchObject({ error: "validation_failed", details: { reason: "in_the_past" } });
    expect(await bad(people.alice.client, { method: { kind: "consent" }, hiddenUntilClose: true })).toMatchObject({ error: "validation_failed", details: { reason: "not_with_consent" } });
    expect(await bad(people.alice.client, { method: { kind: "ranked_choice" }, options: [{ label: "Only one" }] })).toMatchObject({ error: "validation_failed", details: { reason: "too_few" } });
    expect(await bad(people.alice.client, { method: { kind: "score", min: 5, max: 1 }, options: [{ label: "A" }] })).toMatchObject({ error: "validation_failed" });
    expect(await bad(people.alice.client, { method: { kind: "consent" }, options: [{ label: "A" }] })).toMatchObject({ error: "validation_failed", details: { reason: "not_allowed" } });
    expect(await bad(people.alice.client, { method: { kind: "meeting_time" }, options: [{ label: "No start" }] })).toMatchObject({ error: "validation_failed", details: { reason: "start_required" } });
    expect(await bad(people.alice.client, { method: { kind: "majority" }, quorum: { kind: "seats", count: 9 } })).toMatchObject({ error: "validation_failed", details: { field: "quorum.count" } });
    expect(await bad(people.alice.client, { method: { kind: "advice", deciderId: "00000000-0000-4000-8000-000000000000" } })).toMatchObject({ error: "validation_failed", details: { reason: "not_a_member" } });
    expect(await bad(people.alice.client, { method: { kind: "vibes" } })).toMatchObject({ error: "validation_failed" });

    const open = (await propose(people.alice.client, { title: "Share the truck", method: { kind: "majority" }, closesAt: inAWeek() })).body;
    expect((await take("alice", open.id, stance("block"))).body).toMatchObject({ error: "validation_failed", details: { reason: "not_allowed" } });
    expect((await take("alice", open.id, { kind: "ranking", ranking: ["o1"] })).body).toMatchObject({ error: "validation_failed", details: { reason: "wrong_kind" } });
    expect((await facilitator.post<ErrorBody>(url(`/proposals/${open.id}/positions`), { value: stance("agree") })).body.error).toBe("forbidden");
    expect((await people.olga.client.post<ErrorBody>(url(`/proposals/${open.id}/positions`), { value: stance("agree") })).body.error).toBe("forbidden");
    expect((await people.alice.client.post<ErrorBody>(url(`/proposals/${open.id}/positions`), { value: stance("agree"), seatId: seats.b })).body.error).toBe("forbidden");
    const agreed = (await take("alice", open.id, stance("agree"))).body.myPosition!;
    expect((await people.alice.client.post<ErrorBody>(url(`/proposals/${open.id}/objections/${agreed.id}/responses`), { kind: "addressed", note: "n" })).body.error).toBe("validation_failed");
    expect((await people.alice.client.request<ErrorBody>("PUT", url(`/proposals/${open.id}/outcome`), { statement: "s", reviewOn: "2027-01-01" })).body.error).toBe("conflict");
    expect((await people.bob.client.patch<ErrorBody>(url(`/proposals/${open.id}`), { version: open.version, title: "Mine" })).body.error).toBe("forbidden");
    const edited = await people.alice.client.patch<ProposalView>(url(`/proposals/${open.id}`), { version: open.version, title: "Share the delivery truck" });
    expect(edited.body.title).toBe("Share the delivery truck");
    expect((await people.alice.client.patch<ErrorBody>(url(`/proposals/${open.id}`), { version: open.version, title: "Again" })).body.error).toBe("stale_version");

    // Changing a position keeps one per person.
    await take("alice", open.id, stance("disagree"));
    expect((await view(facilitator, open.id)).participation.positionCount).toBe(1);

    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(url(`/proposals/${open.id}`))).status).toBe(404);
    const other = (await stranger.post<{ id: string }>("/api/v1/alliances", { name: "Elsewhere" })).body.id;
    expect((await stranger.get(`/api/v1/alliances/${other}/proposals/${open.id}`)).status).toBe(404);
    expect((await facilitator.get<ErrorBody>(url("/proposals?cursor=garbage"))).body.error).toBe("validation_failed");
    expect((await facilitator.get<ErrorBody>(url("/decision-log?reviewDueOn=tomorrow"))).body.error).toBe("validation_failed");
    expect(facilitatorId).toBeTruthy();
  });
});
