import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../random";
import { adjustedRandIndex } from "./adjusted-rand-index";
import { analyzeAlignment, analyzeWithGroups } from "./analyze-alignment";
import { buildVoteMatrix, type Vote, type VoteEvent } from "./vote-matrix";

/** Two camps of 30 over 24 statements: s0-s9 camp A agrees and B disagrees, s10-s19 the reverse, s20-s21 everyone agrees, s22 excluded, s23 mostly passes. */
function twoCamps(seed: number): { votes: VoteEvent[]; camp: Map<string, number> } {
  const random = createRandom(seed);
  const votes: VoteEvent[] = [];
  const camp = new Map<string, number>();
  let t = 0;
  for (let p = 0; p < 60; p += 1) {
    const side = p % 2;
    camp.set(`p${p}`, side);
    for (let s = 0; s < 24; s += 1) {
      if (random() < 0.2) continue;
      let vote: Vote;
      if (s < 20) vote = (s < 10) === (side === 0) ? 1 : -1;
      else if (s < 22) vote = 1;
      else if (s === 22) vote = side === 0 ? 1 : -1;
      else vote = random() < 0.8 ? 0 : 1;
      if (s < 20 && random() < 0.08) vote = random() < 0.5 ? 0 : (-vote as Vote);
      votes.push({ participantId: `p${p}`, statementId: `s${s}`, vote, timestamp: (t += 1) });
    }
  }
  return { votes, camp };
}

const statements = Array.from({ length: 24 }, (_, s) => ({ id: `s${s}`, excluded: s === 22 }));

describe("analyzeAlignment", () => {
  const { votes, camp } = twoCamps(5);
  const result = analyzeAlignment({ statements, votes });

  it("finds the two camps", () => {
    expect(result.k).toBe(2);
    const clustered = result.participants.filter((p) => p.group !== null);
    expect(clustered).toHaveLength(60);
    expect(adjustedRandIndex(clustered.map((p) => p.group as number), clustered.map((p) => camp.get(p.id) as number))).toBe(1);
    expect(result.groups.map((g) => g.members.length).sort()).toEqual([30, 30]);
  });

  it("lists what each group stands for, what everyone shares, what splits them, and never an excluded statement", () => {
    for (const group of result.groups) {
      expect(group.representative.length).toBeGreaterThan(0);
      expect(group.representative.length).toBeLessThanOrEqual(5);
      const side = camp.get(group.members[0] as string);
      for (const r of group.representative) {
        const index = Number(r.id.slice(1));
        expect(index).toBeLessThan(20);
        expect(r.direction).toBe((index < 10) === (side === 0) ? "agree" : "disagree");
      }
      const directions = group.representative.map((r) => r.direction);
      expect(directions).toEqual([...directions].sort()); // agrees first
    }
    expect(result.consensus.agree.map((c) => c.id).sort()).toEqual(["s20", "s21"]);
    expect(result.uncertain.map((u) => u.id)).toEqual(["s23"]);
    expect(result.divisive.length).toBe(10);
    const listed = [
      ...result.groups.flatMap((g) => g.representative.map((r) => r.id)),
      ...result.consensus.agree.map((c) => c.id),
      ...result.consensus.disagree.map((c) => c.id),
      ...result.uncertain.map((u) => u.id),
      ...result.divisive.map((d) => d.id),
    ];
    expect(listed).not.toContain("s22");
    expect(Object.keys(result.gac)).toHaveLength(24);
  });

  it("is bit-identical across runs and independent of the order of events with distinct timestamps", () => {
    const again = analyzeAlignment({ statements, votes });
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = createRandom(seed);
        const shuffled = [...votes];
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j] as VoteEvent, shuffled[i] as VoteEvent];
        }
        const participants = result.participants.map((p) => p.id);
        expect(JSON.stringify(analyzeAlignment({ statements, votes: shuffled, participants }))).toBe(JSON.stringify(result));
      }),
      { numRuns: 5 },
    );
  });

  it("adds seat divergence when a seat map is given", () => {
    const seatOf = new Map([...camp].map(([id, side]) => [id, Number(id.slice(1)) < 30 ? `seat-${side}` : "seat-mixed"]));
    const withSeats = analyzeAlignment({ statements, votes }, { seatOf });
    expect(withSeats.seatDivergence?.splitSeats).toEqual(["seat-mixed"]);
    const pair = withSeats.seatDivergence?.pairs.find((p) => p.seats[0] === "seat-0" && p.seats[1] === "seat-1");
    expect(pair?.inDifferentGroups).toBe(true);
    expect(Math.abs(pair?.statements[0]?.difference ?? 0)).toBeGreaterThan(1.5);
  });

  it("handles empty and tiny inputs", () => {
    expect(analyzeAlignment({ statements: [], votes: [] })).toMatchObject({ k: 0, participants: [], groups: [] });
    const one = analyzeAlignment({ statements: [{ id: "a" }], votes: [{ participantId: "x", statementId: "a", vote: 1, timestamp: 0 }] });
    expect(one.k).toBe(1);
    expect(one.participants).toEqual([{ id: "x", group: 0, x: 0, y: 0, votes: 1 }]);
  });
});

describe("analyzeWithGroups", () => {
  it("uses the given groups for repness and GAC", () => {
    const { votes, camp } = twoCamps(9);
    const matrix = buildVoteMatrix({ statements, votes });
    const groups = matrix.participantIds.map((id) => (id === "p0" ? null : (camp.get(id) as number)));
    const result = analyzeWithGroups(matrix, groups);
    expect(result.k).toBe(2);
    expect(result.participants[0]?.group).toBeNull();
    // GAC of s20 by hand: product over groups of (agrees + 1) / (votes + 2).
    let expected = 1;
    for (const g of [0, 1]) {
      const members = matrix.participantIds.filter((id, i) => groups[i] === g);
      const cast = votes.filter((v) => v.statementId === "s20" && members.includes(v.participantId));
      expected *= (cast.filter((v) => v.vote === 1).length + 1) / (cast.length + 2);
    }
    expect(result.gac.s20).toBeCloseTo(expected, 14);
    expect(() => analyzeWithGroups(matrix, [0])).toThrow(/one group/);
  });
});
