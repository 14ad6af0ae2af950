import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../random";
import { allowedStances, isReasonRequired } from "./position";
import { deriveSeatStance } from "./seat-rule";
import { tallyProposal } from "./tally-proposal";
import { buildOptions, buildProposal } from "./testing";
import type { DecisionMethod, ObjectionResponse, Outcome, Position, PositionValue, Proposal, SeatRef, Stance } from "./types";
import { seatRules, stances } from "./types";

const now = new Date("2026-05-01T00:00:00Z");

const methods: DecisionMethod[] = [
  { kind: "consent" },
  { kind: "consensus" },
  { kind: "majority" },
  { kind: "weighted" },
  { kind: "advice", deciderId: "decider" },
  { kind: "score", min: 0, max: 5 },
  { kind: "ranked_choice", count: "instant_runoff" },
  { kind: "ranked_choice", count: "borda" },
  { kind: "dot_vote", dotsPerPerson: 5, maxPerOption: 3 },
  { kind: "meeting_time" },
];

function valueArb(method: DecisionMethod, optionIds: readonly string[]): fc.Arbitrary<PositionValue> {
  switch (method.kind) {
    case "score":
      return fc
        .subarray([...optionIds], { minLength: 1 })
        .chain((ids) => fc.tuple(...ids.map(() => fc.integer({ min: method.min, max: method.max }))).map((scores) => ({ kind: "scores" as const, scores: Object.fromEntries(ids.map((id, i) => [id, scores[i] as number])) })));
    case "ranked_choice":
      return fc.shuffledSubarray([...optionIds], { minLength: 1 }).map((ranking) => ({ kind: "ranking" as const, ranking }));
    case "dot_vote":
      return fc
        .array(fc.constantFrom(...optionIds), { minLength: 1, maxLength: method.dotsPerPerson })
        .map((picks) => {
          const dots: Record<string, number> = {};
          for (const id of picks) if ((dots[id] ?? 0) < (method.maxPerOption ?? Infinity)) dots[id] = (dots[id] ?? 0) + 1;
          return { kind: "dots" as const, dots };
        });
    case "meeting_time":
      return fc.subarray([...optionIds]).map((slotIds) => ({ kind: "availability" as const, slotIds }));
    default:
      return fc.constantFrom(...allowedStances(method)).map((stance) => ({ kind: "stance" as const, stance }));
  }
}

interface Scenario {
  proposal: Proposal;
  seats: SeatRef[];
  positions: Position[];
  shuffleSeed: number;
}

function scenarioArb(method: DecisionMethod): fc.Arbitrary<Scenario> {
  const options = method.kind === "score" || method.kind === "ranked_choice" || method.kind === "dot_vote" || method.kind === "meeting_time" ? buildOptions(4, method.kind) : [];
  const optionIds = options.map((o) => o.id);
  return fc
    .record({
      weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 5 }),
      seatRule: fc.constantFrom(...seatRules),
      quorum: fc.constantFrom({ kind: "none" as const }, { kind: "fraction" as const, fraction: { numerator: 1, denominator: 2 } }),
      anonymous: fc.boolean(),
      voters: fc.array(fc.record({ seat: fc.nat(), value: valueArb(method, optionIds), reason: fc.option(fc.constantFrom("because", "we need it")) }), { maxLength: 12 }),
      shuffleSeed: fc.integer(),
    })
    .map(({ weights, seatRule, quorum, anonymous, voters, shuffleSeed }) => {
      const seats = weights.map((w, i) => ({ id: `s${i}`, weight: i === 0 ? Math.max(1, w) : w }));
      const proposal = buildProposal({ method, options, seatRule, quorum, anonymous });
      const positions = voters.map((v, i): Position => {
        const position: Position = { id: `pos${i}`, personId: `p${i}`, seatId: `s${v.seat % seats.length}`, value: v.value, reason: v.reason };
        return isReasonRequired(method, v.value) && position.reason === null ? { ...position, reason: "required reason" } : position;
      });
      return { proposal, seats, positions, shuffleSeed };
    });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function tally(s: Scenario, positions = s.positions, seats = s.seats, extra: { objectionResponses?: ObjectionResponse[] } = {}): Outcome {
  return tallyProposal(s.proposal, positions, { seats, now, ...extra });
}

function decisive(outcome: Outcome) {
  const byId = <T extends { seatId: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.seatId < b.seatId ? -1 : 1));
  return {
    ...outcome,
    seats: byId(outcome.seats),
    seatsSplit: [...outcome.seatsSplit].sort(),
    seatsNotParticipating: [...outcome.seatsNotParticipating].sort(),
  };
}

describe.each(methods.map((m) => [m.kind === "ranked_choice" ? `ranked_choice/${m.count}` : m.kind, m] as const))("%s", (_name, method) => {
  it("gives the same outcome whatever the order of positions", () => {
    fc.assert(
      fc.property(scenarioArb(method), (s) => {
        expect(tally(s, shuffled(s.positions, s.shuffleSeed))).toEqual(tally(s));
      }),
      { numRuns: 150, seed: 1 },
    );
  });

  it("gives the same per-seat and weighted tallies whatever the order of seats", () => {
    fc.assert(
      fc.property(scenarioArb(method), (s) => {
        expect(decisive(tally(s, s.positions, shuffled(s.seats, s.shuffleSeed)))).toEqual(decisive(tally(s)));
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it("lists exactly the seats without a position as not taking part", () => {
    fc.assert(
      fc.property(scenarioArb(method), (s) => {
        const outcome = tally(s);
        const present = new Set(s.positions.map((p) => p.seatId));
        expect(outcome.seatsNotParticipating).toEqual(s.seats.filter((seat) => !present.has(seat.id)).map((seat) => seat.id));
        expect(outcome.quorum.participating).toBe(present.size);
        if (!outcome.quorum.met) expect(outcome.result).toBe("no_quorum");
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe("consent", () => {
  it("never passes with an unaddressed objection, and passes when every objection is answered with a quorum", () => {
    const withResponses = fc.tuple(scenarioArb({ kind: "consent" }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }));
    fc.assert(
      fc.property(withResponses, ([s, answer]) => {
        const objections = s.positions.filter((p) => p.value.kind === "stance" && p.value.stance === "object");
        const responses: ObjectionResponse[] = objections
          .filter((_, i) => answer[i])
          .map((p) => ({ positionId: p.id, kind: "addressed", note: "answered", respondedBy: "proposer" }));
        const outcome = tally(s, s.positions, s.seats, { objectionResponses: responses });
        const unaddressed = objections.length > responses.length;
        if (unaddressed) expect(outcome.passed).toBe(false);
        else expect(outcome.passed).toBe(outcome.quorum.met);
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe("consensus", () => {
  it("always fails with a block", () => {
    const withBlock = fc.tuple(scenarioArb({ kind: "consensus" }), fc.nat());
    fc.assert(
      fc.property(withBlock, ([s, seat]) => {
        const block: Position = { id: "blocker", personId: "blocker", seatId: s.seats[seat % s.seats.length]?.id ?? "s0", value: { kind: "stance", stance: "block" }, reason: "harm" };
        const outcome = tally(s, [...s.positions, block]);
        expect(outcome.passed).toBe(false);
        expect(outcome.failedBecause).toContain("blocked");
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe("majority and weighted", () => {
  const swap = (p: Position): Position => {
    if (p.value.kind !== "stance") return p;
    const flipped: Record<string, Stance> = { agree: "disagree", disagree: "agree" };
    return { ...p, value: { kind: "stance", stance: flipped[p.value.stance] ?? p.value.stance } };
  };

  it.each(["majority", "weighted"] as const)("%s is symmetric: swapping agree and disagree never lets both pass, and flips a clear result", (kind) => {
    fc.assert(
      fc.property(scenarioArb({ kind }), (s) => {
        const outcome = tally(s);
        const mirrored = tally(s, s.positions.map(swap));
        expect(outcome.passed && mirrored.passed).toBe(false);
        const agree = outcome.tally.find((l) => l.key === "agree")?.bySeat ?? 0;
        const disagree = outcome.tally.find((l) => l.key === "disagree")?.bySeat ?? 0;
        if (outcome.quorum.met && Math.abs(agree - disagree) > 1e-6) expect(outcome.passed).not.toBe(mirrored.passed);
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});

describe("dot vote", () => {
  it("conserves dots: the person column adds up to every dot placed, the seat column to each seat's mean", () => {
    const method: DecisionMethod = { kind: "dot_vote", dotsPerPerson: 5, maxPerOption: 3 };
    fc.assert(
      fc.property(scenarioArb(method), (s) => {
        const outcome = tally(s);
        const dotsOf = (p: Position) => (p.value.kind === "dots" ? Object.values(p.value.dots).reduce((a, b) => a + b, 0) : 0);
        const placed = s.positions.reduce((a, p) => a + dotsOf(p), 0);
        expect(outcome.tally.reduce((a, l) => a + l.byPerson, 0)).toBe(placed);
        expect(outcome.details.kind === "dot_vote" && outcome.details.dotsCast).toBe(placed);
        let seatDots = 0;
        for (const seat of s.seats) {
          const own = s.positions.filter((p) => p.seatId === seat.id);
          if (own.length > 0) seatDots += own.reduce((a, p) => a + dotsOf(p), 0) / own.length;
        }
        expect(outcome.tally.reduce((a, l) => a + l.bySeat, 0)).toBeCloseTo(seatDots, 9);
        for (const seat of outcome.seats) expect(Object.values(seat.contribution).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5 + 1e-9);
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe("score", () => {
  it("keeps every seat and option score within the range", () => {
    fc.assert(
      fc.property(scenarioArb({ kind: "score", min: 0, max: 5 }), (s) => {
        for (const entry of tally(s).ranking) {
          if (entry.score !== null) {
            expect(entry.score).toBeGreaterThanOrEqual(0);
            expect(entry.score).toBeLessThanOrEqual(5);
          }
        }
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});

describe("meeting time", () => {
  it("picks a slot with the most seats available, the earliest among equals", () => {
    fc.assert(
      fc.property(scenarioArb({ kind: "meeting_time" }), (s) => {
        const outcome = tally(s);
        if (outcome.details.kind !== "meeting_time" || outcome.winners.length === 0) return;
        const best = Math.max(...outcome.details.slots.map((slot) => slot.seatsAvailable.length));
        const firstBest = outcome.details.slots.find((slot) => slot.seatsAvailable.length === best);
        expect(outcome.winners).toEqual([firstBest?.optionId]);
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});

describe("deriveSeatStance", () => {
  const delegates = fc.array(fc.constantFrom(...stances), { maxLength: 6 });

  it("shares a seat's vote to 1 (or 0 when split under majority/unanimous), and marks differing delegates as split", () => {
    fc.assert(
      fc.property(delegates, fc.constantFrom(...seatRules), (list, rule) => {
        const seat = deriveSeatStance(list, rule);
        const total = Object.values(seat.shares).reduce((a, b) => a + b, 0);
        if (list.length === 0) expect(seat.stance).toBeNull();
        else if (seat.stance === "split" && rule !== "proportional") expect(total).toBe(0);
        else expect(total).toBeCloseTo(1, 12);
        expect(seat.split).toBe(new Set(list).size > 1);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it("majority: a clear leader carries the seat even when split; a tie does not", () => {
    expect(deriveSeatStance(["agree", "agree", "disagree"], "majority")).toMatchObject({ stance: "agree", split: true, shares: { agree: 1 } });
    expect(deriveSeatStance(["agree", "disagree"], "majority")).toMatchObject({ stance: "split", split: true, shares: {} });
    expect(deriveSeatStance(["agree", "agree", "disagree"], "unanimous")).toMatchObject({ stance: "split", shares: {} });
    expect(deriveSeatStance(["agree", "abstain"], "proportional")).toMatchObject({ stance: "split", shares: { agree: 0.5, abstain: 0.5 } });
  });
});
