import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { startTestServer, type TestServer } from "../testing/test-server";
import { buildLanguageAlliance, type LanguageAlliance } from "./language.test-support";

const kinds = await testDatabaseKinds();

interface Breakdown {
  id: string;
  status: string;
  version: number;
  seats: { id: string; name: string }[];
  closure: { kind: string; reinterpretation?: string; action?: { type: string; id: string } } | null;
  comments?: { body: string; author: { displayName: string } }[];
  links?: { type: string; recordId: string; relation: string; id: string }[];
  linkedFrom?: { recordType: string; recordId: string; relation: string }[];
  can?: Record<string, boolean>;
}
interface Assumption {
  id: string;
  status: string;
  version: number;
  reviewOn: string;
  isReviewDue: boolean;
  confidence: number | string;
  lastTest: { outcome: string; evidence: string } | null;
  decisionIds: string[];
  can?: Record<string, boolean>;
}
interface Learning {
  id: string;
  version: number;
  whatChanges: string;
  source: { kind: string; title: string; link: { type: string; id: string } | null };
  revisedAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  error: string;
}

describe.each(kinds)("the registers over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-07-01T09:00:00Z");
  let a: LanguageAlliance;
  let url: string;

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    a = await buildLanguageAlliance(server, "reg");
    url = `/api/v1/alliances/${a.allianceId}`;
  });
  afterAll(async () => server?.close());

  it("names a breakdown, discusses it, and closes it with a linked commitment that lists it back", async () => {
    const named = await a.eliMemberB.client.post<Breakdown>(`${url}/breakdowns`, {
      whatHappened: "The shared sorting data arrived two weeks late.",
      whatWasExpected: "Delivery by the end of June.",
      impact: "The joint recyclability analysis slipped a sprint.",
      seatIds: [a.seats.a, a.seats.b],
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ status: "open", version: 1, seats: [{ id: a.seats.a, name: a.seatNames.a }, { id: a.seats.b, name: a.seatNames.b }] });
    const id = named.body.id;

    // Searchable and filterable by everyone in the alliance.
    const found = await a.observer.client.get<Page<Breakdown>>(`${url}/breakdowns?q=${encodeURIComponent("sorting data")}&seatId=${a.seats.a}`);
    expect(found.body.items.map((b) => b.id)).toEqual([id]);
    expect((await a.observer.client.get<Page<Breakdown>>(`${url}/breakdowns?q=nothing-like-this`)).body.items).toEqual([]);
    expect((await a.observer.client.post(`${url}/breakdowns`, { whatHappened: "x", whatWasExpected: "y", impact: "z", seatIds: [] })).status).toBe(403);

    // The first comment opens the discussion.
    now = new Date("2026-07-02T10:00:00Z");
    expect((await a.fayDelegateC.client.post(`${url}/register-records/${id}/comments`, { body: "Was a date ever agreed?" })).status).toBe(201);
    const discussed = await a.eliMemberB.client.get<Breakdown>(`${url}/breakdowns/${id}`);
    expect(discussed.body).toMatchObject({ status: "in_discussion", version: 2, comments: [{ body: "Was a date ever agreed?", author: { displayName: a.fayDelegateC.name } }] });

    // Only stewards close: not the delegate of an uninvolved seat, nor a plain member of another.
    const commitment = await a.anaDelegateA.client.post<{ id: string }>(`${url}/commitments`, {
      title: "Weekly sorting data drop",
      conditions: "A CSV every Monday by noon.",
      dueAt: "2026-07-20T12:00:00+02:00",
      timeZone: "Europe/Berlin",
      counterpart: { personId: a.dovDelegateB.id },
    });
    expect(commitment.status).toBe(201);
    const closure = { version: 2, kind: "action", action: { type: "commitment", id: commitment.body.id }, note: "Agreed in the July call." };
    expect((await a.fayDelegateC.client.post(`${url}/breakdowns/${id}/closure`, closure)).body).toMatchObject({ error: "forbidden" });
    expect((await a.benMemberA.client.post(`${url}/breakdowns/${id}/closure`, closure)).body).toMatchObject({ error: "forbidden" });
    expect((await a.eliMemberB.client.post(`${url}/breakdowns/${id}/closure`, { ...closure, action: { type: "commitment", id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
    // The namer may close; a stale version is refused.
    expect((await a.eliMemberB.client.post(`${url}/breakdowns/${id}/closure`, { ...closure, version: 1 })).body).toMatchObject({ error: "stale_version" });
    const closed = await a.anaDelegateA.client.post<Breakdown>(`${url}/breakdowns/${id}/closure`, closure);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closure: { kind: "action", action: { type: "commitment", id: commitment.body.id } }, links: [{ type: "commitment", recordId: commitment.body.id, relation: "closed_by" }] });
    expect((await a.anaDelegateA.client.post(`${url}/breakdowns/${id}/closure`, { ...closure, version: closed.body.version })).body).toMatchObject({ error: "illegal_move" });

    // The commitment lists the breakdown that links to it.
    const linking = await a.dovDelegateB.client.get<{ items: { recordType: string; recordId: string; relation: string }[] }>(`${url}/register-links?recordId=${commitment.body.id}`);
    expect(linking.body.items).toEqual([expect.objectContaining({ recordType: "breakdown", recordId: id, relation: "closed_by" })]);

    // Every change is an event on the chain, telling the story in words.
    const events = await a.eliMemberB.client.get<Page<{ type: string; payload: Record<string, unknown>; actor: { id: string } | null }>>(`${url}/events?type=breakdown.`);
    expect(events.body.items.map((e) => e.type)).toEqual(["breakdown.closed", "breakdown.commented", "breakdown.discussion_opened", "breakdown.named"]);
    expect(events.body.items[0]!.payload).toMatchObject({ closure: "action", actionType: "commitment", actionTitle: "Weekly sorting data drop" });
  });

  it("closes a breakdown with a reinterpretation, keeps a seats-only one from other seats, and 404s other alliances", async () => {
    const named = await a.anaDelegateA.client.post<Breakdown>(`${url}/breakdowns`, {
      whatHappened: "Two partners read 'recyclable' differently.",
      whatWasExpected: "One definition for the pilot.",
      impact: "Labels printed twice.",
      seatIds: [a.seats.a],
      visibility: { level: "seats", seatIds: [a.seats.a] },
    });
    expect(named.status).toBe(201);
    expect((await a.dovDelegateB.client.get(`${url}/breakdowns/${named.body.id}`)).status).toBe(404);
    expect((await a.dovDelegateB.client.get<Page<Breakdown>>(`${url}/breakdowns`)).body.items.map((b) => b.id)).not.toContain(named.body.id);
    expect((await a.dovDelegateB.client.post(`${url}/register-records/${named.body.id}/comments`, { body: "peek" })).status).toBe(404);
    const closed = await a.anaDelegateA.client.post<Breakdown>(`${url}/breakdowns/${named.body.id}/closure`, { version: 1, kind: "reinterpretation", reinterpretation: "Nobody had agreed a definition: a gap, not a failure." });
    expect(closed.body).toMatchObject({ status: "closed", closure: { kind: "reinterpretation" } });
    // It went through discussion on its way (two moves).
    expect(closed.body.version).toBe(3);
    // A visibility that would hide the record from its own author is refused.
    expect(
      (await a.benMemberA.client.post(`${url}/breakdowns`, { whatHappened: "x", whatWasExpected: "y", impact: "z", seatIds: [], visibility: { level: "seats", seatIds: [a.seats.b] } })).body,
    ).toMatchObject({ error: "validation_failed" });
    // Another alliance's ids answer 404, like an alliance one is not in.
    const other = await buildLanguageAlliance(server, "reg-other");
    expect((await other.anaDelegateA.client.get(`${url}/breakdowns/${named.body.id}`)).status).toBe(404);
    expect((await a.anaDelegateA.client.get(`/api/v1/alliances/${other.allianceId}/breakdowns/${named.body.id}`)).status).toBe(404);
  });

  it("records assumptions in every status, with review dates and decisions resting on them", async () => {
    const record = (statement: string, overrides: Record<string, unknown> = {}) =>
      a.dovDelegateB.client.post<Assumption>(`${url}/assumptions`, {
        statement,
        holder: { kind: "seat", seatId: a.seats.b },
        confidence: "medium",
        testPlan: "Ask two municipalities before the September meeting.",
        reviewOn: "2026-09-01",
        ...overrides,
      });
    const untested = await record("Municipalities will share sorting data without a new agreement.");
    expect(untested.status).toBe(201);
    expect(untested.body).toMatchObject({ status: "untested", isReviewDue: false, lastTest: null });
    const holding = await record("Retailers will accept a shared label.", { confidence: 0.8 });
    const invalid = await record("Glass and PET can share one collection stream.", { holder: { kind: "person", personId: a.fayDelegateC.id } });
    expect(invalid.status).toBe(201);
    expect((await record("bad date", { reviewOn: "2026-02-30" })).body).toMatchObject({ error: "validation_failed" });
    expect((await record("unknown decision", { decisionIds: ["00000000-0000-4000-8000-000000000000"] })).status).toBe(404);

    now = new Date("2026-07-10T09:00:00Z");
    const held = await a.dovDelegateB.client.post<Assumption>(`${url}/assumptions/${holding.body.id}/tests`, { version: 1, outcome: "holding", evidence: "Three retailers signed a letter.", nextReviewOn: "2026-12-01" });
    expect(held.body).toMatchObject({ status: "holding", reviewOn: "2026-12-01", lastTest: { outcome: "holding" } });
    // Only a steward tests: here the holder (a person), not a member of another seat.
    expect((await a.benMemberA.client.post(`${url}/assumptions/${invalid.body.id}/tests`, { version: 1, outcome: "invalidated", evidence: "x" })).status).toBe(403);
    const invalidated = await a.fayDelegateC.client.post<Assumption>(`${url}/assumptions/${invalid.body.id}/tests`, { version: 1, outcome: "invalidated", evidence: "The sorting plant cannot separate them." });
    expect(invalidated.body).toMatchObject({ status: "invalidated", can: { test: false } });
    expect((await a.facilitator.client.post(`${url}/assumptions/${invalid.body.id}/tests`, { version: 2, outcome: "holding", evidence: "again" })).body).toMatchObject({ error: "illegal_move" });

    const revised = await a.dovDelegateB.client.patch<Assumption>(`${url}/assumptions/${untested.body.id}`, { version: 1, confidence: "low", reviewOn: "2026-07-05" });
    expect(revised.body).toMatchObject({ confidence: "low", reviewOn: "2026-07-05", isReviewDue: true, version: 2 });
    const due = await a.observer.client.get<Page<Assumption>>(`${url}/assumptions?reviewDue=true`);
    expect(due.body.items.map((x) => x.id)).toEqual([untested.body.id]);
    const statuses = (await a.observer.client.get<Page<Assumption>>(`${url}/assumptions`)).body.items.map((x) => x.status).sort();
    expect(statuses).toEqual(["holding", "invalidated", "untested"]);
    expect((await a.observer.client.get<Page<Assumption>>(`${url}/assumptions?q=collection`)).body.items.map((x) => x.id)).toEqual([invalid.body.id]);

    const events = await a.observer.client.get<Page<{ type: string; payload: Record<string, unknown> }>>(`${url}/events?type=assumption.`);
    expect(events.body.items.map((e) => e.type)).toEqual(["assumption.revised", "assumption.invalidated", "assumption.tested", "assumption.recorded", "assumption.recorded", "assumption.recorded"]);
  });

  it("records and revises learnings, linked to what they came from, and pages lists with a cursor", async () => {
    const breakdowns = (await a.observer.client.get<Page<Breakdown>>(`${url}/breakdowns`)).body.items;
    const learned = await a.benMemberA.client.post<Learning>(`${url}/learnings`, {
      source: { kind: "event", title: "The late data drop", link: { type: "breakdown", id: breakdowns[breakdowns.length - 1]!.id } },
      whatHappened: "Data came two weeks late.",
      whatWasLearned: "Nobody owned the handover.",
      whatChanges: "A named owner per data drop.",
      seatIds: [a.seats.a],
    });
    expect(learned.status).toBe(201);
    expect(learned.body.source.link).toMatchObject({ type: "breakdown" });
    const linkedFrom = await a.observer.client.get<Breakdown>(`${url}/breakdowns/${breakdowns[breakdowns.length - 1]!.id}`);
    expect(linkedFrom.body.linkedFrom).toEqual([expect.objectContaining({ recordType: "learning", recordId: learned.body.id, relation: "learned_from" })]);
    const experiment = await a.dovDelegateB.client.post<Learning>(`${url}/learnings`, {
      source: { kind: "experiment", title: "Pilot of the shared intake form" },
      whatHappened: "Two of five partners used the form.",
      whatWasLearned: "It duplicated their CRM fields.",
      whatChanges: "Import from CRMs instead.",
    });
    expect(experiment.status).toBe(201);
    // Revising: the recorder may, someone else of another seat may not.
    expect((await a.dovDelegateB.client.patch(`${url}/learnings/${learned.body.id}`, { version: 1, whatChanges: "mine now" })).status).toBe(403);
    now = new Date("2026-07-11T09:00:00Z");
    const revised = await a.benMemberA.client.patch<Learning>(`${url}/learnings/${learned.body.id}`, { version: 1, whatChanges: "A named owner and a date per drop." });
    expect(revised.body).toMatchObject({ whatChanges: "A named owner and a date per drop.", revisedAt: now.toISOString(), version: 2 });
    // Related links can be added and removed; closure links cannot be removed.
    expect((await a.benMemberA.client.post(`${url}/register-records/${learned.body.id}/links`, { type: "learning", id: experiment.body.id })).status).toBe(204);
    const withLink = await a.benMemberA.client.get<Learning & { links: { id: string; relation: string }[] }>(`${url}/learnings/${learned.body.id}`);
    const related = withLink.body.links.find((link) => link.relation === "related")!;
    expect((await a.benMemberA.client.delete(`${url}/register-records/${learned.body.id}/links/${related.id}`)).status).toBe(204);
    const learnedFrom = withLink.body.links.find((link) => link.relation === "learned_from")!;
    expect((await a.benMemberA.client.delete(`${url}/register-records/${learned.body.id}/links/${learnedFrom.id}`)).body).toMatchObject({ error: "illegal_move" });

    const first = await a.observer.client.get<Page<Learning>>(`${url}/learnings?limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await a.observer.client.get<Page<Learning>>(`${url}/learnings?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.id).not.toBe(first.body.items[0]!.id);
    expect(second.body.nextCursor).toBeNull();
    expect((await a.observer.client.get<ErrorBody>(`${url}/learnings?cursor=${Buffer.from(JSON.stringify(["x", "y"])).toString("base64url")}`)).body).toMatchObject({ error: "validation_failed" });
    expect((await a.observer.client.get<Page<Learning>>(`${url}/learnings?q=CRM`)).body.items.map((l) => l.id)).toEqual([experiment.body.id]);
  });

  it("keeps one write when two stewards move the same record at once", async () => {
    const named = await a.anaDelegateA.client.post<Breakdown>(`${url}/breakdowns`, { whatHappened: "Race", whatWasExpected: "One winner", impact: "None", seatIds: [a.seats.a] });
    const results = await Promise.all([
      a.anaDelegateA.client.post(`${url}/breakdowns/${named.body.id}/closure`, { version: 1, kind: "reinterpretation", reinterpretation: "First" }),
      a.facilitator.client.post(`${url}/breakdowns/${named.body.id}/closure`, { version: 1, kind: "reinterpretation", reinterpretation: "Second" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await a.facilitator.client.get<Page<{ type: string; payload: { breakdownId?: string } }>>(`${url}/events?type=breakdown.closed`);
    expect(events.body.items.filter((e) => e.payload.breakdownId === named.body.id)).toHaveLength(1);
  });
});
