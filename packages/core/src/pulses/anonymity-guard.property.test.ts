import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { createRandom, randomInt } from "../random";
import { createAnonymityGuard, type PulseAnswer, type PulseAudience, type PulseQuery, type PulseResponse } from "./anonymity-guard";
import { findPulseItem, pulseScales, type PulseDynamic } from "./pulse-bank";
import { inRowSpace as isCombinationOf, reducedBasis } from "./row-space";
import { scorePulseValue } from "./score-pulse-value";

/*
 * The property behind the whole pulse design: whatever sequence of allowed queries anyone
 * (or any group of colluding viewers) asks, the returned sums, counts and distributions
 * determine no individual answer and no aggregate of a group smaller than k.
 *
 * The check is independent of the guard's partition. Each stored answer is an unknown. Every
 * shown aggregate is a linear function of the answers its filter selects (mean x count = sum;
 * a distribution is a count per value), so what an attacker can derive is the row space of the
 * 0/1 selection vectors of the shown queries. We verify it exactly, in integer arithmetic:
 *   1. atoms — answers grouped by which shown queries include them — each hold at least k
 *      distinct respondents (sufficient: every vector of the row space is constant on atoms,
 *      so its support is a union of atoms);
 *   2. no single answer's indicator, and no indicator of a seat's group of fewer than k in one
 *      question, lies in the row space (reduced row echelon form over the integers);
 *   3. every basis row of that row space covers at least k distinct respondents.
 */

const candidateItems = [
  "candor.problems-raised",
  "candor.silence-as-agreement",
  "authorship.skills-valued",
  "presence.meeting-effectiveness",
  "trust.keeps-commitments",
  "trust.gain-at-our-expense",
];

interface Scenario {
  k: number;
  seatSizes: number[];
  pulseCount: number;
  itemIds: string[];
  skipRate: number;
  seed: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  k: fc.integer({ min: 3, max: 6 }),
  seatSizes: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 4 }),
  pulseCount: fc.integer({ min: 1, max: 2 }),
  itemIds: fc.subarray(candidateItems, { minLength: 1, maxLength: 4 }),
  skipRate: fc.constantFrom(0, 0, 0, 0.1, 0.4),
  seed: fc.integer(),
}).map((scenario) => {
  // Make sure at least one seat is below k and at least one is not (the interesting case).
  const seatSizes = [...scenario.seatSizes];
  seatSizes[0] = Math.min(seatSizes[0] as number, scenario.k - 1);
  seatSizes[1] = Math.max(seatSizes[1] as number, scenario.k);
  return { ...scenario, seatSizes };
});

const seatIdsOf = (scenario: Scenario) => scenario.seatSizes.map((_, index) => `s${index}`);
const pulseIdsOf = (scenario: Scenario) => Array.from({ length: scenario.pulseCount }, (_, index) => `p${index}`);

function buildResponses(scenario: Scenario, valueSeed: number): PulseResponse[] {
  const skip = createRandom(scenario.seed);
  const values = createRandom(valueSeed);
  const seatIds = seatIdsOf(scenario);
  const responses: PulseResponse[] = [];
  for (const pulseId of pulseIdsOf(scenario)) {
    let number = 0;
    scenario.seatSizes.forEach((size, seatIndex) => {
      const seatId = seatIds[seatIndex] as string;
      for (let i = 0; i < size; i++) {
        const respondentKey = `${pulseId}-${(number += 1)}`;
        for (const itemId of scenario.itemIds) {
          const item = findPulseItem(itemId);
          for (const targetSeatId of item.directional ? seatIds.filter((other) => other !== seatId) : [null]) {
            if (skip() < scenario.skipRate) continue;
            const scale = pulseScales[item.scale];
            responses.push({ pulseId, itemId, respondentKey, respondentSeatId: seatId, targetSeatId, value: randomInt(values, scale.min, scale.max) });
          }
        }
      }
    });
  }
  return responses;
}

function queryArb(scenario: Scenario): fc.Arbitrary<PulseQuery> {
  const seatIds = seatIdsOf(scenario);
  const dynamics = [...new Set(scenario.itemIds.map((itemId) => findPulseItem(itemId).dynamic))] as PulseDynamic[];
  const optionalSubset = <T>(values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: undefined, freq: 2 });
  const optionalOne = <T>(values: T[]) => fc.option(fc.constantFrom(...values).map((value) => [value]), { nil: undefined, freq: 2 });
  const measure = fc.constantFrom("mean" as const, "count" as const, "distribution" as const);
  // Any combination of filters, including the "all seats but X" shapes differencing needs.
  const anyFilter = fc.record({
    pulseIds: optionalSubset([...pulseIdsOf(scenario), "p-unknown"]),
    itemIds: optionalSubset(scenario.itemIds),
    dynamics: optionalSubset(dynamics),
    respondentSeatIds: optionalSubset(seatIds),
    targetSeatIds: optionalSubset(seatIds),
    measure,
  });
  // The breakdowns results pages ask for (often answerable), so many answers are shown.
  const breakdown = fc.record({
    pulseIds: optionalOne(pulseIdsOf(scenario)),
    itemIds: optionalOne(scenario.itemIds),
    respondentSeatIds: fc.option(fc.oneof(fc.constantFrom(...seatIds).map((seatId) => [seatId]), fc.subarray(seatIds, { minLength: 2 })), { nil: undefined, freq: 2 }),
    targetSeatIds: optionalOne(seatIds),
    measure,
  });
  return fc.oneof({ arbitrary: breakdown, weight: 3 }, { arbitrary: anyFilter, weight: 2 });
}

function audienceArb(scenario: Scenario): fc.Arbitrary<PulseAudience> {
  return fc.oneof(
    { arbitrary: fc.constant<PulseAudience>({ kind: "facilitator" }), weight: 2 },
    { arbitrary: fc.constantFrom(...seatIdsOf(scenario)).map((seatId): PulseAudience => ({ kind: "partner", seatId })), weight: 1 },
  );
}

const caseArb = scenarioArb.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    asks: fc.array(fc.record({ query: queryArb(scenario), audience: audienceArb(scenario) }), { minLength: 1, maxLength: 40 }),
  }),
);

/** The test's own reading of a filter: which stored answers it selects. */
function selects(query: PulseQuery, response: PulseResponse): boolean {
  const dynamic = findPulseItem(response.itemId).dynamic;
  return (
    (!query.pulseIds || query.pulseIds.includes(response.pulseId)) &&
    (!query.itemIds || query.itemIds.includes(response.itemId)) &&
    (!query.dynamics || query.dynamics.includes(dynamic)) &&
    (!query.respondentSeatIds || query.respondentSeatIds.includes(response.respondentSeatId)) &&
    (!query.targetSeatIds || (response.targetSeatId !== null && query.targetSeatIds.includes(response.targetSeatId)))
  );
}

const respondentOf = (response: PulseResponse) => `${response.pulseId}/${response.respondentKey}`;

/** Asks every query; returns the answers (null when refused as forbidden or malformed). */
function askAll(guard: ReturnType<typeof createAnonymityGuard>, asks: { query: PulseQuery; audience: PulseAudience }[]): (PulseAnswer | null)[] {
  return asks.map(({ query, audience }) => {
    try {
      return guard.answer(query, audience);
    } catch (error) {
      if (isAppError(error) && (error.code === "forbidden" || error.code === "validation_failed")) return null;
      throw error;
    }
  });
}


interface LeakReport {
  smallAtoms: number;
  determinedAnswers: number;
  determinedSmallGroups: number;
  smallBasisRows: number;
}

/** Audits what the shown answers reveal about the stored ones, independently of the guard. */
function auditShownQueries(responses: PulseResponse[], shownQueries: PulseQuery[], k: number): LeakReport {
  const signatures = responses.map((response) => shownQueries.map((query) => (selects(query, response) ? "1" : "0")).join(""));
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
    (atomMembers[atom] as number[]).push(index);
  });
  const distinctRespondents = (indexes: number[]) => new Set(indexes.map((index) => respondentOf(responses[index] as PulseResponse))).size;
  const smallAtoms = atomMembers.filter((members) => distinctRespondents(members) < k).length;

  // Rows of the shown queries over atoms (every shown query is a union of atoms by construction).
  const atomOf = signatures.map((signature) => atomIndex.get(signature) ?? -1);
  const rows = shownQueries.map((_, q) => atomMembers.map((members) => ((signatures[members[0] as number] as string)[q] === "1" ? 1n : 0n)));
  const basis = reducedBasis(rows);
  const inRowSpace = (coefficients: Map<number, bigint>): boolean => {
    // A vector of the row space is constant on atoms and zero outside them.
    const perAtom = new Map<number, bigint>();
    for (const [index, coefficient] of coefficients) {
      const atom = atomOf[index] as number;
      if (atom < 0) return false;
      if (perAtom.has(atom) && perAtom.get(atom) !== coefficient) return false;
      perAtom.set(atom, coefficient);
    }
    for (const [atom, coefficient] of perAtom) if ((atomMembers[atom] as number[]).length !== [...coefficients.keys()].filter((i) => atomOf[i] === atom).length && coefficient !== 0n) return false;
    const vector = atomMembers.map((_, atom) => perAtom.get(atom) ?? 0n);
    return isCombinationOf(basis, vector);
  };
  const determinedAnswers = responses.filter((_, index) => inRowSpace(new Map([[index, 1n]]))).length;

  // Every group of fewer than k respondents of one seat in one question (pulse, item, target).
  const groups = new Map<string, number[]>();
  responses.forEach((response, index) => {
    const key = [response.pulseId, response.itemId, response.targetSeatId, response.respondentSeatId].join("/");
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const determinedSmallGroups = [...groups.values()].filter(
    (indexes) => distinctRespondents(indexes) < k && inRowSpace(new Map(indexes.map((index) => [index, 1n]))),
  ).length;

  const smallBasisRows = basis.filter(({ row }) => {
    const members = row.flatMap((value, atom) => (value !== 0n ? (atomMembers[atom] as number[]) : []));
    return distinctRespondents(members) < k;
  }).length;
  return { smallAtoms, determinedAnswers, determinedSmallGroups, smallBasisRows };
}

const noLeak: LeakReport = { smallAtoms: 0, determinedAnswers: 0, determinedSmallGroups: 0, smallBasisRows: 0 };

describe("the anonymity guard, as a property", () => {
  it("no sequence of allowed queries reveals an answer or a group below k", () => {
    let shownTotal = 0;
    let hiddenTotal = 0;
    fc.assert(
      fc.property(caseArb, ({ scenario, asks }) => {
        const responses = buildResponses(scenario, scenario.seed + 1);
        const guard = createAnonymityGuard({ responses, closedPulseIds: pulseIdsOf(scenario), k: scenario.k });
        const answers = askAll(guard, asks);
        const shownQueries: PulseQuery[] = [];
        answers.forEach((answer, index) => {
          if (!answer) return;
          if (answer.status === "hidden") {
            hiddenTotal += 1;
            expect(Object.keys(answer).sort()).toEqual(["k", "message", "status"]);
            return;
          }
          shownTotal += 1;
          const query = asks[index]!.query;
          const selected = responses.filter((response) => selects(query, response));
          // Shown answers are honest and have at least k respondents behind them.
          expect(answer.responses).toBe(selected.length);
          expect(answer.respondents).toBe(new Set(selected.map(respondentOf)).size);
          expect(answer.respondents).toBeGreaterThanOrEqual(scenario.k);
          if (answer.measure === "mean") {
            const expected = selected.reduce((sum, response) => sum + scorePulseValue(findPulseItem(response.itemId), response.value), 0) / selected.length;
            expect(answer.score).toBeCloseTo(expected, 10);
          }
          shownQueries.push(query);
        });
        expect(auditShownQueries(responses, shownQueries, scenario.k)).toEqual(noLeak);
      }),
      { numRuns: 400, seed: 20251124 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(shownTotal).toBeGreaterThan(500);
    expect(hiddenTotal).toBeGreaterThan(500);
  });

  it("hides or shows independently of the values given", () => {
    fc.assert(
      fc.property(caseArb, fc.integer(), ({ scenario, asks }, otherValueSeed) => {
        const statuses = (valueSeed: number) =>
          askAll(createAnonymityGuard({ responses: buildResponses(scenario, valueSeed), closedPulseIds: pulseIdsOf(scenario), k: scenario.k }), asks).map((answer) => answer?.status ?? "refused");
        expect(statuses(otherValueSeed)).toEqual(statuses(scenario.seed + 1));
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  it("views taken before and after k is raised cannot be combined into a group below the smaller k", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 4 }), ({ scenario, asks }, raise) => {
        const responses = buildResponses(scenario, scenario.seed + 1);
        const closedPulseIds = pulseIdsOf(scenario);
        const shown = [scenario.k, scenario.k + raise].flatMap((k) => {
          const answers = askAll(createAnonymityGuard({ responses, closedPulseIds, k }), asks);
          return asks.flatMap(({ query }, index) => (answers[index]?.status === "shown" ? [query] : []));
        });
        expect(auditShownQueries(responses, shown, scenario.k)).toEqual(noLeak);
      }),
      { numRuns: 150, seed: 777 },
    );
  });

  it("the audit catches differencing when aggregates are gated by size alone", () => {
    // Control: a naive rule (show any selection with at least k respondents) leaks seat s0's two answers.
    const scenario: Scenario = { k: 5, seatSizes: [2, 6, 7], pulseCount: 1, itemIds: ["candor.problems-raised"], skipRate: 0, seed: 3 };
    const responses = buildResponses(scenario, 11);
    const all: PulseQuery = { measure: "mean" };
    const allButS0: PulseQuery = { respondentSeatIds: ["s1", "s2"], measure: "mean" };
    const naiveShown = [all, allButS0].filter((query) => new Set(responses.filter((r) => selects(query, r)).map(respondentOf)).size >= scenario.k);
    expect(naiveShown).toHaveLength(2);
    expect(auditShownQueries(responses, naiveShown, scenario.k)).toMatchObject({ smallAtoms: 1, determinedSmallGroups: 1 });
    // The guard shows the first and hides the second.
    const guard = createAnonymityGuard({ responses, closedPulseIds: pulseIdsOf(scenario), k: scenario.k });
    expect([all, allButS0].map((query) => guard.answer(query, { kind: "facilitator" }).status)).toEqual(["shown", "hidden"]);
    // And a single determined answer is caught too: a group of 6 and the same group less one.
    const s1 = responses.filter((r) => r.respondentSeatId === "s1");
    const oneOut = s1.slice(1).map((r) => r.respondentKey);
    const withKeys = responses.map((r) => ({ ...r, respondentSeatId: oneOut.includes(r.respondentKey) ? "s1-rest" : r.respondentSeatId }));
    const pair: PulseQuery[] = [{ respondentSeatIds: ["s1", "s1-rest"], measure: "mean" }, { respondentSeatIds: ["s1-rest"], measure: "mean" }];
    expect(auditShownQueries(withKeys, pair, scenario.k).determinedAnswers).toBe(1);
  });
});
