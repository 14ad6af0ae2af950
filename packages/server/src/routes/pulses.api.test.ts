import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { startTestServer, type TestServer } from "../testing/test-server";
import { runPulseCycle } from "../use-cases/pulses/close-pulse";
import { buildLanguageAlliance, type LanguageAlliance, type TestMember } from "./language.test-support";

const kinds = await testDatabaseKinds();

interface Pulse {
  id: string;
  title: string;
  sequence: number;
  status: string;
  items: { id: string; directional: boolean }[];
  responseRate: { respondents: number; invited: number; rate: number | null };
  me: { hasResponded: boolean; canAnswer: boolean };
}
interface Question {
  key: string;
  itemId: string;
  targetSeatId: string | null;
  text: string;
  min: number;
  max: number;
}
type Answer = { status: "hidden"; k: number; message: string } | { status: "shown"; respondents: number; score?: number; counts?: { count: number }[] };
interface Results {
  pulse: Pulse;
  responseRate: { respondents: number; invited: number };
  results: {
    k: number;
    items: { item: { id: string; directional: boolean }; overall: Answer; distribution: Answer; bySeat: { seat: { id: string }; answer: Answer }[]; aboutSeat: { seat: { id: string }; answer: Answer }[] }[];
    dynamics: { dynamic: string; overall: Answer }[];
  };
}

describe.each(kinds)("pulses over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-07-01T09:00:00Z");
  let a: LanguageAlliance;
  let url: string;
  let people: TestMember[];
  let firstPulse: string;
  let secondPulse: string;

  /** Answers every question, with a value per person so aggregates are checkable. */
  async function answerAll(person: TestMember, pulseId: string, value: (question: Question) => number) {
    const detail = await person.client.get<Pulse & { questions: Question[] }>(`${url}/pulses/${pulseId}`);
    expect(detail.body.questions.length).toBeGreaterThan(0);
    const answers = detail.body.questions.map((question) => ({ itemId: question.itemId, targetSeatId: question.targetSeatId, value: value(question) }));
    return person.client.post(`${url}/pulses/${pulseId}/responses`, { answers });
  }

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    a = await buildLanguageAlliance(server, "pls");
    url = `/api/v1/alliances/${a.allianceId}`;
    people = [a.anaDelegateA, a.benMemberA, a.caiMemberA, a.dovDelegateB, a.eliMemberB, a.fayDelegateC];
  });
  afterAll(async () => server?.close());

  it("keeps k at 5 by default; facilitators may set it, never below 3", async () => {
    const settings = await a.observer.client.get<{ minGroupSize: number; version: number; canChange: boolean }>(`${url}/pulse-settings`);
    expect(settings.body).toMatchObject({ minGroupSize: 5, version: 0, canChange: false });
    expect((await a.anaDelegateA.client.request("PUT", `${url}/pulse-settings`, { version: 0, minGroupSize: 6 })).status).toBe(403);
    expect((await a.facilitator.client.request("PUT", `${url}/pulse-settings`, { version: 0, minGroupSize: 2 })).body).toMatchObject({ error: "validation_failed" });
    expect((await a.facilitator.client.request("PUT", `${url}/pulse-settings`, { version: 0, minGroupSize: 6 })).body).toMatchObject({ minGroupSize: 6, version: 1 });
    expect((await a.facilitator.client.request("PUT", `${url}/pulse-settings`, { version: 0, minGroupSize: 7 })).body).toMatchObject({ error: "stale_version" });
    expect((await a.facilitator.client.request("PUT", `${url}/pulse-settings`, { version: 1, minGroupSize: 5 })).body).toMatchObject({ minGroupSize: 5, version: 2 });
  });

  it("opens pulses on the facilitator's cadence, from the item bank, at most 8 items with blocks rotated", async () => {
    expect((await a.anaDelegateA.client.request("PUT", `${url}/pulse-cadence`, { version: 0, firstOpensAt: "2026-07-06T08:00:00Z", everyWeeks: 9, openDays: 10 })).status).toBe(403);
    expect((await a.facilitator.client.request("PUT", `${url}/pulse-cadence`, { version: 0, firstOpensAt: "2026-07-06T08:00:00Z", everyWeeks: 1, openDays: 10 })).body).toMatchObject({
      error: "validation_failed",
    });
    const cadence = await a.facilitator.client.request<{ cadence: { everyWeeks: number; version: number } }>("PUT", `${url}/pulse-cadence`, {
      version: 0,
      firstOpensAt: "2026-07-06T08:00:00Z",
      everyWeeks: 9,
      openDays: 10,
    });
    expect(cadence.body.cadence).toMatchObject({ everyWeeks: 9, version: 1 });
    now = new Date("2026-07-05T12:00:00Z");
    expect(await runPulseCycle(server.ctx)).toEqual({ created: 0, closed: 0 });
    now = new Date("2026-07-06T09:00:00Z");
    expect(await runPulseCycle(server.ctx)).toEqual({ created: 1, closed: 0 });
    expect(await runPulseCycle(server.ctx)).toEqual({ created: 0, closed: 0 });
    const pulses = await a.anaDelegateA.client.get<{ items: Pulse[] }>(`${url}/pulses`);
    expect(pulses.body.items).toHaveLength(1);
    const [pulse] = pulses.body.items;
    expect(pulse).toMatchObject({ title: "Pulse 1", sequence: 0, status: "open", responseRate: { respondents: 0, invited: 6 }, me: { hasResponded: false, canAnswer: true } });
    expect(pulse!.items.length).toBeLessThanOrEqual(8);
    expect(pulse!.items[0]!.id).toBe("presence.meeting-effectiveness");
    firstPulse = pulse!.id;
    expect((await a.observer.client.get<{ items: Pulse[] }>(`${url}/pulses`)).body.items[0]!.me.canAnswer).toBe(false);
  });

  it("asks directional trust items about each other seat, and takes each person's answers once", async () => {
    const detail = await a.anaDelegateA.client.get<{ questions: Question[] }>(`${url}/pulses/${firstPulse}`);
    const directional = detail.body.questions.filter((question) => question.targetSeatId !== null);
    expect(directional.length).toBeGreaterThan(0);
    expect(new Set(directional.map((question) => question.targetSeatId))).toEqual(new Set([a.seats.b, a.seats.c]));
    expect(directional.some((question) => question.text.includes(a.seatNames.b))).toBe(true);

    // Not asked: a directional item about one's own seat; a value off the scale.
    const own = { itemId: directional[0]!.itemId, targetSeatId: a.seats.a, value: 4 };
    expect((await a.anaDelegateA.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [own] })).body).toMatchObject({ error: "validation_failed" });
    expect((await a.anaDelegateA.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [{ itemId: "presence.meeting-effectiveness", targetSeatId: null, value: 6 }] })).body).toMatchObject({
      error: "validation_failed",
    });
    expect((await a.observer.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [{ itemId: "candor.problems-raised", value: 4 }] })).status).toBe(403);
    expect((await a.facilitator.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [{ itemId: "candor.problems-raised", value: 4 }] })).status).toBe(403);

    for (const [index, person] of people.entries()) {
      now = new Date(`2026-07-0${7 + (index % 3)}T1${index}:00:00Z`);
      const response = await answerAll(person, firstPulse, (question) => Math.min(question.max, 2 + index));
      expect(response.status).toBe(201);
    }
    expect((await a.anaDelegateA.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [{ itemId: "candor.problems-raised", value: 1 }] })).body).toMatchObject({
      error: "already_exists",
    });
    const listed = await a.anaDelegateA.client.get<{ items: Pulse[] }>(`${url}/pulses`);
    expect(listed.body.items[0]).toMatchObject({ responseRate: { respondents: 6, invited: 6, rate: 1 }, me: { hasResponded: true, canAnswer: false } });

    // Stored: opaque keys, one per response, no person, no time; who responded kept apart.
    const keys = await server.ctx.db.selectFrom("pulse_answers").select("respondent_key").distinct().where("pulse_id", "=", firstPulse).execute();
    expect(keys).toHaveLength(6);
    for (const { respondent_key } of keys) for (const person of people) expect(respondent_key).not.toContain(person.id);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'pulse_answers' order by column_name`.execute(server.ctx.db);
    expect(columns.rows.map((row) => row.column_name)).toEqual(["item_id", "pulse_id", "respondent_key", "respondent_seat_id", "target_seat_id", "value"]);
    const respondentColumns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'pulse_respondents' order by column_name`.execute(server.ctx.db);
    expect(respondentColumns.rows.map((row) => row.column_name)).toEqual(["person_id", "pulse_id"]);
    // Partners do not learn who responded; facilitators see it (presence), without answers.
    const partnerEvents = await a.dovDelegateB.client.get<{ items: { type: string }[] }>(`${url}/events?type=pulse.`);
    expect(partnerEvents.body.items.map((e) => e.type)).toEqual(["pulse.scheduled", "pulse.cadence_set", "pulse.settings_updated", "pulse.settings_updated"]);
    const facilitatorEvents = await a.facilitator.client.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(`${url}/events?type=pulse.responded`);
    expect(facilitatorEvents.body.items).toHaveLength(6);
    expect(Object.keys(facilitatorEvents.body.items[0]!.payload).sort()).toEqual(["pulseId", "sequence"]);
  });

  it("shows nothing while a pulse is open, then results for 6 respondents once it closes", async () => {
    const open = await a.facilitator.client.get<Results>(`${url}/pulses/${firstPulse}/results`);
    expect(open.body.results.items.every((item) => item.overall.status === "hidden")).toBe(true);

    now = new Date("2026-07-16T08:00:00Z");
    expect(await runPulseCycle(server.ctx)).toEqual({ created: 0, closed: 1 });
    expect((await a.anaDelegateA.client.get<{ questions: Question[] }>(`${url}/pulses/${firstPulse}`)).body.questions).toEqual([]);

    for (const viewer of [a.facilitator, a.anaDelegateA, a.observer]) {
      const results = await viewer.client.get<Results>(`${url}/pulses/${firstPulse}/results`);
      expect(results.status).toBe(200);
      expect(results.body.pulse.status).toBe("closed");
      expect(results.body.responseRate).toMatchObject({ respondents: 6, invited: 6 });
      const candor = results.body.results.items.find((item) => item.item.id === "candor.problems-raised")!;
      // Values 2..7 on a 7-point scale: mean 4.5 -> score (4.5 - 1) / 6.
      expect(candor.overall).toMatchObject({ status: "shown", respondents: 6 });
      expect((candor.overall as { score: number }).score).toBeCloseTo(3.5 / 6);
      expect(candor.distribution).toMatchObject({ status: "shown" });
      // Every seat has fewer than 5 respondents: no seat is shown on its own.
      expect(candor.bySeat.every((row) => row.answer.status === "hidden")).toBe(true);
      for (const row of candor.bySeat) expect(Object.keys(row.answer).sort()).toEqual(["k", "message", "status"]);
    }
    // Partners see directional items only about their own seat, never by respondent seat.
    const asPartner = await a.dovDelegateB.client.get<Results>(`${url}/pulses/${firstPulse}/results`);
    const trust = asPartner.body.results.items.find((item) => item.item.directional)!;
    expect(trust.bySeat).toEqual([]);
    expect(trust.aboutSeat.map((row) => row.seat.id)).toEqual([a.seats.b]);
    const forbidden = await a.dovDelegateB.client.get(`${url}/pulse-results/aggregate?measure=mean&itemIds=${trust.item.id}&respondentSeatIds=${a.seats.a}`);
    expect(forbidden.status).toBe(403);

    // Answers of a closed pulse never change, even by a direct write.
    await expect(sql`update pulse_answers set value = 1 where pulse_id = ${firstPulse}`.execute(server.ctx.db)).rejects.toThrow(/never change/);
    await expect(sql`delete from pulse_answers where pulse_id = ${firstPulse}`.execute(server.ctx.db)).rejects.toThrow(/never change/);
    expect((await a.benMemberA.client.post(`${url}/pulses/${firstPulse}/responses`, { answers: [{ itemId: "candor.problems-raised", value: 4 }] })).body).toMatchObject({
      error: "illegal_move",
    });
    expect((await a.facilitator.client.post(`${url}/pulses/${firstPulse}/closure`)).body).toMatchObject({ error: "illegal_move" });
  });

  it("shows no results for a pulse of 3 respondents, in any breakdown", async () => {
    const scheduled = await a.facilitator.client.post<Pulse>(`${url}/pulses`, { opensAt: "2026-07-20T08:00:00Z", closesAt: "2026-07-27T08:00:00Z" });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ title: "Pulse 2", sequence: 1, status: "scheduled" });
    secondPulse = scheduled.body.id;
    expect((await a.anaDelegateA.client.post(`${url}/pulses/${secondPulse}/responses`, { answers: [{ itemId: "presence.meeting-effectiveness", value: 4 }] })).body).toMatchObject({
      error: "illegal_move",
    });
    now = new Date("2026-07-21T09:00:00Z");
    // The same person answering twice at once: one response is kept, the other refused.
    const twice = await Promise.all([answerAll(a.anaDelegateA, secondPulse, () => 5), answerAll(a.anaDelegateA, secondPulse, () => 5)]);
    expect(twice.map((response) => response.status).sort()).toEqual([201, 409]);
    for (const person of [a.dovDelegateB, a.fayDelegateC]) expect((await answerAll(person, secondPulse, () => 5)).status).toBe(201);
    const keys = await server.ctx.db.selectFrom("pulse_answers").select("respondent_key").distinct().where("pulse_id", "=", secondPulse).execute();
    expect(keys).toHaveLength(3);
    expect((await a.anaDelegateA.client.post(`${url}/pulses/${secondPulse}/closure`)).status).toBe(403);
    const closed = await a.facilitator.client.post<Pulse>(`${url}/pulses/${secondPulse}/closure`);
    expect(closed.body).toMatchObject({ status: "closed", responseRate: { respondents: 3, invited: 6, rate: 0.5 } });

    const results = await a.facilitator.client.get<Results>(`${url}/pulses/${secondPulse}/results`);
    const answers = [
      ...results.body.results.items.flatMap((item) => [item.overall, item.distribution, ...item.bySeat.map((r) => r.answer), ...item.aboutSeat.map((r) => r.answer)]),
      ...results.body.results.dynamics.map((row) => row.overall),
    ];
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.every((answer) => answer.status === "hidden")).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ status: "hidden", k: 5, message: "hidden: fewer than 5 respondents" })]));
    const aggregate = await a.facilitator.client.get<Answer>(`${url}/pulse-results/aggregate?measure=count&pulseIds=${secondPulse}`);
    expect(aggregate.body).toEqual({ status: "hidden", k: 5, message: "hidden: fewer than 5 respondents" });
    // Both pulses together (the anchor item is in both): pulse 2's answers cannot be got at by adding them to pulse 1's.
    const both = await a.facilitator.client.get<Answer>(`${url}/pulse-results/aggregate?measure=mean&itemIds=presence.meeting-effectiveness&pulseIds=${firstPulse},${secondPulse}`);
    expect(both.body.status).toBe("hidden");
    const firstAlone = await a.facilitator.client.get<Answer>(`${url}/pulse-results/aggregate?measure=mean&itemIds=presence.meeting-effectiveness&pulseIds=${firstPulse}`);
    expect(firstAlone.body.status).toBe("shown");
  });

  it("follows an item across pulses and measures the perception gap, through the guard", async () => {
    const trend = await a.observer.client.get<{ points: { title: string; asked: boolean; answer: Answer | null }[]; change: number | null }>(
      `${url}/pulse-results/trend?itemId=presence.meeting-effectiveness`,
    );
    expect(trend.body.points.map((point) => [point.title, point.asked, point.answer?.status])).toEqual([
      ["Pulse 1", true, "shown"],
      ["Pulse 2", true, "hidden"],
    ]);
    expect(trend.body.change).toBeNull();
    expect((await a.observer.client.get(`${url}/pulse-results/trend?itemId=presence.meeting-effectiveness&dynamic=presence`)).status).toBe(400);
    const gap = await a.facilitator.client.get<{ pulseIds: string[]; byItem: { key: string; seats: unknown[] }[]; directional: unknown[] }>(`${url}/pulse-results/perception-gap?pulseIds=${firstPulse}`);
    expect(gap.body.pulseIds).toEqual([firstPulse]);
    // No seat reaches 5 respondents: no seat mean is shown, so there is no gap to tell.
    expect(gap.body.byItem.every((row) => row.seats.length === 0)).toBe(true);
    expect(gap.body.directional).toEqual([]);
    const latest = await a.observer.client.get<{ pulseIds: string[] }>(`${url}/pulse-results/perception-gap`);
    expect(latest.body.pulseIds).toEqual([secondPulse]);
  });
});
