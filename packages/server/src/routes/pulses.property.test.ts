import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom, randomInt } from "@trellis/core";
import { findPulseItem, pulseScales, scorePulseValue, type PulseDynamic, type PulseQuery } from "@trellis/core/pulses";
import { inRowSpace as isCombinationOf, reducedBasis } from "@trellis/core/pulses/row-space";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

/*
 * The pulse anonymity property, over the HTTP API: whatever sequence of allowed requests random
 * viewers make (results pages, trends, perception gaps, any filter combination), the numbers shown
 * determine no individual answer and no group of fewer than k respondents.
 *
 * Every shown number is an aggregate of the stored answers a filter selects; the test maps each
 * back to its filter (it knows every answer, since its people gave them), then audits the row space
 * of the shown selections exactly, in integer arithmetic (the method of the core guard's property):
 * atoms of at least k respondents, no single answer and no small seat group in the row space, and
 * every basis row covering at least k respondents.
 */

interface StoredAnswer {
  pulseId: string;
  personId: string;
  seatId: string;
  itemId: string;
  targetSeatId: string | null;
  value: number;
}
type Shown = { status: "shown"; measure: string; respondents: number; responses: number; score?: number };
type Answer = Shown | { status: "hidden"; k: number; message: string };
interface SeatAnswer {
  seat: { id: string };
  answer: Answer;
}
interface Results {
  results: {
    items: { item: { id: string; directional: boolean }; overall: Answer; distribution: Answer; bySeat: SeatAnswer[]; aboutSeat: SeatAnswer[] }[];
    dynamics: { dynamic: string; itemIds: string[]; overall: Answer; bySeat: SeatAnswer[]; aboutSeat: SeatAnswer[] }[];
  };
}

const k = 5;
const respondentOf = (answer: StoredAnswer) => `${answer.pulseId}/${answer.personId}`;

function selects(query: Omit<PulseQuery, "measure">, answer: StoredAnswer): boolean {
  const dynamic = findPulseItem(answer.itemId).dynamic;
  return (
    (!query.pulseIds || query.pulseIds.includes(answer.pulseId)) &&
    (!query.itemIds || query.itemIds.includes(answer.itemId)) &&
    (!query.dynamics || query.dynamics.includes(dynamic)) &&
    (!query.respondentSeatIds || query.respondentSeatIds.includes(answer.seatId)) &&
    (!query.targetSeatIds || (answer.targetSeatId !== null && query.targetSeatIds.includes(answer.targetSeatId)))
  );
}

/** What the shown selections reveal about the stored answers. */
function audit(answers: StoredAnswer[], shown: Omit<PulseQuery, "measure">[]) {
  const signatures = answers.map((answer) => shown.map((query) => (selects(query, answer) ? "1" : "0")).join(""));
  const atomIndex = new Map<string, number>();
  const atomMembers: number[][] = [];
  signatures.forEach((signature, index) => {
    if (!signature.includes("1")) return;
    let atom = atomIndex.get(signature);
    if (atom === undefined) {
      atom = atomMembers.length;
      atomIndex.set(signature, atom);
      atomMembers.push([]);
    }
    atomMembers[atom]!.push(index);
  });
  const distinct = (indexes: number[]) => new Set(indexes.map((index) => respondentOf(answers[index]!))).size;
  const smallAtoms = atomMembers.filter((members) => distinct(members) < k).length;
  const atomOf = signatures.map((signature) => atomIndex.get(signature) ?? -1);
  const basis = reducedBasis(shown.map((_, q) => atomMembers.map((members) => (signatures[members[0]!]![q] === "1" ? 1n : 0n))));
  const inRowSpace = (indexes: number[]): boolean => {
    const perAtom = new Map<number, number>();
    for (const index of indexes) {
      const atom = atomOf[index]!;
      if (atom < 0) return false;
      perAtom.set(atom, (perAtom.get(atom) ?? 0) + 1);
    }
    for (const [atom, count] of perAtom) if (atomMembers[atom]!.length !== count) return false;
    return isCombinationOf(basis, atomMembers.map((_, atom) => (perAtom.has(atom) ? 1n : 0n)));
  };
  const determinedAnswers = answers.filter((_, index) => inRowSpace([index])).length;
  const groups = new Map<string, number[]>();
  answers.forEach((answer, index) => {
    const key = [answer.pulseId, answer.itemId, answer.targetSeatId, answer.seatId].join("/");
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const determinedSmallGroups = [...groups.values()].filter((indexes) => distinct(indexes) < k && inRowSpace(indexes)).length;
  const smallBasisRows = basis.filter(({ row }) => distinct(row.flatMap((value, atom) => (value !== 0n ? atomMembers[atom]! : []))) < k).length;
  return { smallAtoms, determinedAnswers, determinedSmallGroups, smallBasisRows };
}

describe("pulse aggregates over HTTP, as a property", () => {
  let server: TestServer;
  let now = new Date("2026-09-01T09:00:00Z");
  let url: string;
  const answers: StoredAnswer[] = [];
  const viewers: { label: string; client: ApiClient; seatId: string | null }[] = [];
  const seatIds: string[] = [];
  const pulses: { id: string; itemIds: string[] }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite", clock: () => now });
    const facilitator = new ApiClient(server.url);
    await facilitator.signUp("prop-mara@example.org", "Mara Property");
    const allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Property Alliance" })).body.id;
    url = `/api/v1/alliances/${allianceId}`;
    viewers.push({ label: "facilitator", client: facilitator, seatId: null });
    // Seat sizes: one below k, one just at k, one above; the rest of the people of each seat answer.
    const sizes = [2, 5, 6];
    const people: { client: ApiClient; id: string; seatId: string }[] = [];
    for (const [index, size] of sizes.entries()) {
      const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: `Property Org ${index}`, kind: "company" });
      const seatId = (await facilitator.post<{ id: string }>(`${url}/seats`, { organizationId: org.body.id })).body.id;
      seatIds.push(seatId);
      for (let i = 0; i < size; i++) {
        const client = new ApiClient(server.url);
        const person = await client.signUp(`prop-${index}-${i}@example.org`, `Person ${index}-${i}`);
        await facilitator.post(`${url}/members`, { personId: person.id, role: i === 0 ? "delegate" : "member", seatId });
        people.push({ client, id: person.id, seatId });
        if (i < 2) viewers.push({ label: `seat ${index} person ${i}`, client, seatId });
      }
    }
    const observer = new ApiClient(server.url);
    const observerPerson = await observer.signUp("prop-observer@example.org", "Observer Property");
    await facilitator.post(`${url}/members`, { personId: observerPerson.id, role: "observer", seatId: null });
    viewers.push({ label: "observer", client: observer, seatId: null });

    // Two pulses (the trust blocks, then reliability and authorship); each person answers, skipping some questions.
    const skip = createRandom(20261124);
    const values = createRandom(7);
    for (const window of [["2026-09-01T08:00:00Z", "2026-09-08T08:00:00Z"], ["2026-09-15T08:00:00Z", "2026-09-22T08:00:00Z"]]) {
      now = new Date(window[0]!);
      const pulse = await facilitator.post<{ id: string; items: { id: string }[] }>(`${url}/pulses`, { opensAt: window[0], closesAt: window[1] });
      expect(pulse.status).toBe(201);
      pulses.push({ id: pulse.body.id, itemIds: pulse.body.items.map((item) => item.id) });
      now = new Date(new Date(window[0]!).getTime() + 3600_000);
      for (const person of people) {
        const detail = await person.client.get<{ questions: { itemId: string; targetSeatId: string | null; min: number; max: number }[] }>(`${url}/pulses/${pulse.body.id}`);
        const chosen = detail.body.questions.filter((_, q) => q === 0 || skip() >= 0.15);
        const given = chosen.map((question) => ({ itemId: question.itemId, targetSeatId: question.targetSeatId, value: randomInt(values, question.min, question.max) }));
        const response = await person.client.post(`${url}/pulses/${pulse.body.id}/responses`, { answers: given });
        expect(response.status).toBe(201);
        for (const answer of given) answers.push({ pulseId: pulse.body.id, personId: person.id, seatId: person.seatId, ...answer });
      }
      expect((await facilitator.post(`${url}/pulses/${pulse.body.id}/closure`)).status).toBe(200);
    }
    now = new Date("2026-09-25T09:00:00Z");
  }, 240_000);
  afterAll(async () => server?.close());

  /** One request a viewer may make; returns the selections of the numbers it showed (and counts). */
  type Ask =
    | { kind: "aggregate"; query: PulseQuery }
    | { kind: "results"; pulse: number; asSeat: boolean }
    | { kind: "trend"; itemId?: string; dynamic?: PulseDynamic; respondentSeat?: number; targetSeat?: number }
    | { kind: "gap"; pulses: number[] };

  async function ask(viewer: (typeof viewers)[number], request: Ask, tally: { shown: number; hidden: number }): Promise<Omit<PulseQuery, "measure">[]> {
    const shown: Omit<PulseQuery, "measure">[] = [];
    const take = (answer: Answer | null | undefined, query: Omit<PulseQuery, "measure">) => {
      if (!answer) return;
      if (answer.status === "hidden") {
        tally.hidden++;
        expect(Object.keys(answer).sort()).toEqual(["k", "message", "status"]);
        return;
      }
      tally.shown++;
      const selected = answers.filter((stored) => selects(query, stored));
      // The mapping back is right: the shown counts are those of the selection, and at least k.
      expect(answer.responses).toBe(selected.length);
      expect(answer.respondents).toBe(new Set(selected.map(respondentOf)).size);
      expect(answer.respondents).toBeGreaterThanOrEqual(k);
      if (answer.measure === "mean") {
        const mean = selected.reduce((sum, stored) => sum + scorePulseValue(findPulseItem(stored.itemId), stored.value), 0) / selected.length;
        expect(answer.score).toBeCloseTo(mean, 10);
      }
      shown.push(query);
    };
    switch (request.kind) {
      case "aggregate": {
        const { measure, ...filters } = request.query;
        const params = new URLSearchParams({ measure });
        for (const [key, value] of Object.entries(filters)) if (value) params.set(key, (value as string[]).join(","));
        const response = await viewer.client.get<Answer>(`${url}/pulse-results/aggregate?${params}`);
        if (response.status === 200) take(response.body, filters);
        else expect([400, 403]).toContain(response.status);
        break;
      }
      case "results": {
        const pulse = pulses[request.pulse]!;
        const response = await viewer.client.get<Results>(`${url}/pulses/${pulse.id}/results${request.asSeat && viewer.seatId ? `?asSeatId=${viewer.seatId}` : ""}`);
        expect(response.status).toBe(200);
        const pulseIds = [pulse.id];
        for (const item of response.body.results.items) {
          const itemIds = [item.item.id];
          take(item.overall, { pulseIds, itemIds });
          take(item.distribution, { pulseIds, itemIds });
          for (const row of item.bySeat) take(row.answer, { pulseIds, itemIds, respondentSeatIds: [row.seat.id] });
          for (const row of item.aboutSeat) take(row.answer, { pulseIds, itemIds, targetSeatIds: [row.seat.id] });
        }
        for (const row of response.body.results.dynamics) {
          const directional = row.itemIds.filter((id) => findPulseItem(id).directional);
          take(row.overall, { pulseIds, itemIds: row.itemIds });
          for (const seat of row.bySeat) take(seat.answer, { pulseIds, itemIds: row.itemIds, respondentSeatIds: [seat.seat.id] });
          for (const seat of row.aboutSeat) take(seat.answer, { pulseIds, itemIds: directional, targetSeatIds: [seat.seat.id] });
        }
        break;
      }
      case "trend": {
        const params = new URLSearchParams();
        if (request.itemId) params.set("itemId", request.itemId);
        if (request.dynamic) params.set("dynamic", request.dynamic);
        if (request.respondentSeat !== undefined) params.set("respondentSeatId", seatIds[request.respondentSeat]!);
        if (request.targetSeat !== undefined) params.set("targetSeatId", seatIds[request.targetSeat]!);
        const response = await viewer.client.get<{ points: { pulseId: string; answer: Answer | null }[] }>(`${url}/pulse-results/trend?${params}`);
        if (response.status !== 200) {
          expect([400, 403]).toContain(response.status);
          break;
        }
        for (const point of response.body.points) {
          take(point.answer, {
            pulseIds: [point.pulseId],
            ...(request.itemId ? { itemIds: [request.itemId] } : { dynamics: [request.dynamic!] }),
            ...(request.respondentSeat !== undefined ? { respondentSeatIds: [seatIds[request.respondentSeat]!] } : {}),
            ...(request.targetSeat !== undefined ? { targetSeatIds: [seatIds[request.targetSeat]!] } : {}),
          });
        }
        break;
      }
      case "gap": {
        const chosen = [...new Set(request.pulses)].map((index) => pulses[index]!);
        const response = await viewer.client.get<{
          byItem: { key: string; seats: { seat: { id: string }; respondents: number }[] }[];
          byDynamic: { key: string; seats: { seat: { id: string }; respondents: number }[] }[];
          directional: { itemId: string | null; dynamic: string; seatA: { id: string }; seatB: { id: string } }[];
        }>(`${url}/pulse-results/perception-gap?pulseIds=${chosen.map((pulse) => pulse.id).join(",")}`);
        expect(response.status).toBe(200);
        const pulseIds = chosen.map((pulse) => pulse.id);
        const itemIds = [...new Set(chosen.flatMap((pulse) => pulse.itemIds))];
        const record = (query: Omit<PulseQuery, "measure">, respondents: number) => {
          const selected = answers.filter((stored) => selects(query, stored));
          expect(respondents).toBe(new Set(selected.map(respondentOf)).size);
          expect(respondents).toBeGreaterThanOrEqual(k);
          tally.shown++;
          shown.push(query);
        };
        for (const row of response.body.byItem) for (const seat of row.seats) record({ pulseIds, itemIds: [row.key], respondentSeatIds: [seat.seat.id] }, seat.respondents);
        for (const row of response.body.byDynamic) {
          const ofDynamic = itemIds.filter((id) => findPulseItem(id).dynamic === row.key);
          for (const seat of row.seats) record({ pulseIds, itemIds: ofDynamic, respondentSeatIds: [seat.seat.id] }, seat.respondents);
        }
        for (const pair of response.body.directional) {
          const group = pair.itemId ? [pair.itemId] : itemIds.filter((id) => findPulseItem(id).directional && findPulseItem(id).dynamic === pair.dynamic);
          shown.push({ pulseIds, itemIds: group, respondentSeatIds: [pair.seatA.id], targetSeatIds: [pair.seatB.id] });
          shown.push({ pulseIds, itemIds: group, respondentSeatIds: [pair.seatB.id], targetSeatIds: [pair.seatA.id] });
          tally.shown += 2;
        }
        break;
      }
    }
    return shown;
  }

  it("no sequence of allowed requests by random viewers reveals an answer or a group below k", async () => {
    const seatIndex = fc.integer({ min: 0, max: 2 });
    const itemIds = [...new Set(pulses.flatMap((pulse) => pulse.itemIds))];
    const dynamics = [...new Set(itemIds.map((id) => findPulseItem(id).dynamic))];
    const subset = <T>(values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: undefined, freq: 2 });
    const one = <T>(values: T[]) => fc.option(fc.constantFrom(...values).map((value) => [value]), { nil: undefined, freq: 2 });
    const pulseIdsArb = () => pulses.map((pulse) => pulse.id);
    const askArb: fc.Arbitrary<Ask> = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .record({
            pulseIds: subset(pulseIdsArb()),
            itemIds: subset(itemIds),
            dynamics: subset(dynamics),
            respondentSeatIds: subset(seatIds),
            targetSeatIds: subset(seatIds),
            measure: fc.constantFrom("mean" as const, "count" as const, "distribution" as const),
          })
          .map((query): Ask => ({ kind: "aggregate", query })),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({ pulseIds: one(pulseIdsArb()), itemIds: one(itemIds), respondentSeatIds: one(seatIds), targetSeatIds: one(seatIds), measure: fc.constantFrom("mean" as const, "count" as const) })
          .map((query): Ask => ({ kind: "aggregate", query })),
      },
      { weight: 2, arbitrary: fc.record({ pulse: fc.integer({ min: 0, max: pulses.length - 1 }), asSeat: fc.boolean() }).map((r): Ask => ({ kind: "results", ...r })) },
      {
        weight: 2,
        arbitrary: fc
          .record({
            byItem: fc.boolean(),
            itemId: fc.constantFrom(...itemIds),
            dynamic: fc.constantFrom(...dynamics),
            respondentSeat: fc.option(seatIndex, { nil: undefined }),
            targetSeat: fc.option(seatIndex, { nil: undefined }),
          })
          .map(({ byItem, itemId, dynamic, respondentSeat, targetSeat }): Ask => ({
            kind: "trend",
            ...(byItem ? { itemId } : { dynamic }),
            ...(respondentSeat !== undefined ? { respondentSeat } : {}),
            ...(targetSeat !== undefined ? { targetSeat } : {}),
          })),
      },
      { weight: 1, arbitrary: fc.subarray([0, 1], { minLength: 1 }).map((indexes): Ask => ({ kind: "gap", pulses: indexes })) },
    );
    const tally = { shown: 0, hidden: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ viewer: fc.integer({ min: 0, max: viewers.length - 1 }), ask: askArb }), { minLength: 1, maxLength: 10 }), async (asks) => {
        const shown: Omit<PulseQuery, "measure">[] = [];
        // Colluding viewers: everything any of them was shown is pooled.
        for (const { viewer, ask: request } of asks) shown.push(...(await ask(viewers[viewer]!, request, tally)));
        expect(audit(answers, shown)).toEqual({ smallAtoms: 0, determinedAnswers: 0, determinedSmallGroups: 0, smallBasisRows: 0 });
      }),
      { numRuns: 60, seed: 424243, endOnFailure: true },
    );
    // The requests must exercise both outcomes, or the property says little.
    expect(tally.shown).toBeGreaterThan(100);
    expect(tally.hidden).toBeGreaterThan(100);
  }, 300_000);

  it("the audit catches differencing (control): a seat's answers shown beside the total would leak", () => {
    const candor = answers.filter((answer) => answer.itemId === "candor.problems-raised" && answer.pulseId === pulses[0]!.id);
    expect(candor.length).toBeGreaterThan(0);
    const all = { pulseIds: [pulses[0]!.id], itemIds: ["candor.problems-raised"] };
    const allButSmallSeat = { ...all, respondentSeatIds: [seatIds[1]!, seatIds[2]!] };
    expect(audit(answers, [all, allButSmallSeat]).determinedSmallGroups).toBeGreaterThan(0);
    expect(pulseScales.agreement7.max).toBe(7);
  });
});
