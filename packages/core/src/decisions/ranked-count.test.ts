import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countBorda, countInstantRunoff } from "./ranked-count";
import { tallyProposal } from "./tally-proposal";
import { buildPosition, buildProposal } from "./testing";
import type { Position, SeatRef } from "./types";

/**
 * Reference instant runoff, written independently of the product code: it recounts every
 * option from scratch each round (option by option, over all ballots), in exact integers.
 * Same stated rules: > half of the continuing votes wins; all continuing tied is a tie; the
 * fewest is eliminated, ties broken backwards through earlier rounds, then the option listed last.
 */
function referenceRunoff(ballots: readonly { ranking: readonly string[]; weight: number }[], options: readonly string[]) {
  const out: string[] = [];
  const history: Map<string, number>[] = [];
  for (;;) {
    const alive = options.filter((o) => !out.includes(o));
    const votesFor = (o: string) =>
      ballots.reduce((acc, b) => (b.ranking.filter((x) => alive.includes(x))[0] === o ? acc + b.weight : acc), 0);
    const round = new Map(alive.map((o) => [o, votesFor(o)]));
    const total = alive.reduce((acc, o) => acc + (round.get(o) ?? 0), 0);
    if (alive.length === 0 || total === 0) return { winners: [] as string[], eliminated: out };
    const majority = alive.filter((o) => 2 * (round.get(o) ?? 0) > total);
    if (majority.length > 0) return { winners: majority, eliminated: out };
    const counts = alive.map((o) => round.get(o) ?? 0);
    const fewest = Math.min(...counts);
    if (counts.every((c) => c === fewest)) return { winners: alive, eliminated: out };
    let candidates = alive.filter((o) => round.get(o) === fewest);
    for (let r = history.length - 1; r >= 0 && candidates.length > 1; r--) {
      const earlier = history[r] as Map<string, number>;
      const least = Math.min(...candidates.map((o) => earlier.get(o) ?? 0));
      candidates = candidates.filter((o) => earlier.get(o) === least);
    }
    const loser = [...candidates].sort((a, b) => options.indexOf(b) - options.indexOf(a))[0] as string;
    history.push(round);
    out.push(loser);
  }
}

const letters = ["A", "B", "C", "D", "E"];
const electionArb = fc.integer({ min: 2, max: 5 }).chain((m) => {
  const options = letters.slice(0, m);
  return fc.record({
    options: fc.constant(options),
    ballots: fc.array(fc.record({ ranking: fc.shuffledSubarray(options), weight: fc.integer({ min: 1, max: 3 }) }), { maxLength: 25 }),
  });
});

describe("countInstantRunoff", () => {
  it("agrees with the independent reference on random elections", () => {
    fc.assert(
      fc.property(electionArb, ({ options, ballots }) => {
        const actual = countInstantRunoff(ballots, options);
        const expected = referenceRunoff(ballots, options);
        expect(actual.winners).toEqual(expected.winners);
        expect(actual.eliminated).toEqual(expected.eliminated);
      }),
      { numRuns: 500, seed: 20260501 },
    );
  });

  it("keeps the votes: each round's counts plus exhausted equal the total weight", () => {
    fc.assert(
      fc.property(electionArb, ({ options, ballots }) => {
        const total = ballots.reduce((a, b) => a + b.weight, 0);
        for (const round of countInstantRunoff(ballots, options).rounds) {
          const counted = Object.values(round.counts).reduce((a, b) => a + b, 0);
          expect(counted + round.exhausted).toBe(total);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("breaks a tie for fewest by earlier rounds, then by the option listed last", () => {
    // Round 1: A5 B3 C4 D2 -> D out (one D ballot moves to B, one exhausts).
    // Round 2: A5 B4 C4: B and C tie; B had fewer in round 1 -> B out, its votes go to C.
    const ballots = [
      ...Array.from({ length: 5 }, () => ({ ranking: ["A"], weight: 1 })),
      ...Array.from({ length: 3 }, () => ({ ranking: ["B", "C"], weight: 1 })),
      ...Array.from({ length: 4 }, () => ({ ranking: ["C"], weight: 1 })),
      { ranking: ["D", "B", "C"], weight: 1 },
      { ranking: ["D"], weight: 1 },
    ];
    const result = countInstantRunoff(ballots, ["A", "B", "C", "D"]);
    expect(result.rounds.map((r) => [r.eliminated, r.tieBreak])).toEqual([
      ["D", "none"],
      ["B", "previous_rounds"],
      [null, "none"],
    ]);
    expect(result.rounds[1]?.exhausted).toBe(1);
    expect(result.winners).toEqual(["C"]);

    const firstRoundTie = countInstantRunoff(
      [{ ranking: ["A"], weight: 3 }, { ranking: ["B"], weight: 2 }, { ranking: ["C", "A"], weight: 2 }],
      ["A", "B", "C"],
    );
    expect(firstRoundTie.rounds[0]).toMatchObject({ eliminated: "C", tieBreak: "option_order" });
    expect(firstRoundTie.winners).toEqual(["A"]);
  });

  it("reports a tie when every continuing option has the same count, and no winner without votes", () => {
    expect(countInstantRunoff([{ ranking: ["A"], weight: 1 }, { ranking: ["B"], weight: 1 }], ["A", "B", "C"]).winners).toEqual(["A", "B"]);
    expect(countInstantRunoff([], ["A", "B"]).winners).toEqual([]);
  });
});

describe("countBorda", () => {
  it("gives the k-th choice m - 1 - k points and unranked options none", () => {
    expect(countBorda([{ ranking: ["B", "A"], weight: 1 }, { ranking: ["A"], weight: 2 }], ["A", "B", "C"])).toEqual({ A: 1 + 4, B: 2, C: 0 });
  });

  it("hands out m(m-1)/2 points per complete ballot", () => {
    fc.assert(
      fc.property(electionArb, ({ options, ballots }) => {
        const complete = ballots.map((b) => ({ ranking: [...b.ranking, ...options.filter((o) => !b.ranking.includes(o))], weight: b.weight }));
        const points = countBorda(complete, options);
        const m = options.length;
        const total = Object.values(points).reduce((a, b) => a + b, 0);
        expect(total).toBe(complete.reduce((a, b) => a + b.weight, 0) * ((m * (m - 1)) / 2));
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe("ranked choice per seat against the reference", () => {
  it("a seat's vote shared among its delegates gives the reference result with exact integer shares", () => {
    const scenario = fc.integer({ min: 2, max: 4 }).chain((m) => {
      const options = letters.slice(0, m);
      return fc.record({
        options: fc.constant(options),
        seatCount: fc.integer({ min: 1, max: 5 }),
        voters: fc.array(fc.record({ seat: fc.integer({ min: 0, max: 4 }), ranking: fc.shuffledSubarray(options, { minLength: 1 }) }), { maxLength: 14 }),
      });
    });
    fc.assert(
      fc.property(scenario, ({ options, seatCount, voters }) => {
        const seats: SeatRef[] = Array.from({ length: seatCount }, (_, i) => ({ id: `s${i}`, weight: 1 }));
        const positions: Position[] = voters.map((v, i) => buildPosition(`p${i}`, `s${v.seat % seatCount}`, { kind: "ranking", ranking: v.ranking }));
        const proposal = buildProposal({ method: { kind: "ranked_choice", count: "instant_runoff" }, options: options.map((id) => ({ id, label: id })) });
        const outcome = tallyProposal(proposal, positions, { seats, now: new Date("2026-05-01T00:00:00Z") });

        // Exact: every seat holds 60 (divisible by 1..5) shared among its delegates.
        const perSeat = new Map<string, number>();
        for (const p of positions) perSeat.set(p.seatId, (perSeat.get(p.seatId) ?? 0) + 1);
        const ballots = positions.map((p) => ({
          ranking: p.value.kind === "ranking" ? p.value.ranking : [],
          weight: 60 / (perSeat.get(p.seatId) ?? 1),
        }));
        const expected = referenceRunoff(ballots, options);
        expect(outcome.winners).toEqual(expected.winners);
        expect(outcome.details.kind === "instant_runoff" && outcome.details.rounds.map((r) => r.eliminated).filter((e) => e !== null)).toEqual(expected.eliminated);
      }),
      { numRuns: 400, seed: 424242 },
    );
  });
});
