import { describe, expect, it } from "vitest";
import { createRandom } from "../random";
import { adjustedRandIndex } from "./adjusted-rand-index";
import { analyzeAlignment } from "./analyze-alignment";
import { replayVoteHistory, smoothK, warmStartKmeans, type KSmoothing } from "./history-replay";
import { kmeans2d } from "./kmeans";
import type { Vote, VoteEvent } from "./vote-matrix";

describe("smoothK", () => {
  const start: KSmoothing = { shown: null, candidate: null, wins: 0 };

  it("takes the first update's best k at once", () => {
    expect(smoothK(start, 3, [2, 3], 4).shown).toBe(3);
  });

  it("changes k only after a new best k won `buffer` updates in a row", () => {
    let s = smoothK(start, 2, [2, 3], 4);
    const shown: number[] = [];
    for (const best of [3, 3, 3, 2, 3, 3, 3, 3, 2]) {
      s = smoothK(s, best, [2, 3], 4);
      shown.push(s.shown as number);
    }
    expect(shown).toEqual([2, 2, 2, 2, 2, 2, 2, 3, 3]);
  });

  it("counts a streak for one candidate only", () => {
    let s = smoothK(start, 2, [2, 3, 4], 3);
    for (const best of [3, 4, 3, 4, 3]) s = smoothK(s, best, [2, 3, 4], 3);
    expect(s.shown).toBe(2);
  });

  it("gives way at once when the shown k can no longer be computed", () => {
    const s = smoothK({ shown: 4, candidate: null, wins: 0 }, 2, [2, 3], 4);
    expect(s.shown).toBe(2);
  });
});

describe("warmStartKmeans", () => {
  const xs = Float64Array.of(0, 0.2, 0.1, 10, 10.2, 10.1, 20);
  const ys = Float64Array.of(0, 0, 0.1, 0, 0, 0.1, 0);
  const keys = Int32Array.of(100, 101, 102, 103, 104, 105, 106);

  it("starts from the first k distinct points without carried clusters, like the from-scratch k-means", () => {
    const cold = warmStartKmeans(keys, xs, ys, undefined, 3, null, { maxIterations: 20 });
    const reference = kmeans2d(xs, ys, Float64Array.of(0, 0.2, 0.1), Float64Array.of(0, 0, 0.1), { maxIterations: 20 });
    expect(cold.map((c) => c.id)).toEqual([0, 1, 2].filter((c) => Array.from(reference.labels).includes(c)));
    for (const c of cold) expect(c.members).toEqual(Array.from(keys).filter((_, i) => reference.labels[i] === c.id));
  });

  it("keeps the identity of carried clusters and re-centres them on their members' new positions", () => {
    const carried = [
      { id: 7, members: [103, 104, 105], x: 99, y: 99 },
      { id: 3, members: [100, 101, 102], x: -99, y: -99 },
      { id: 9, members: [106], x: 0, y: 0 },
    ];
    const warm = warmStartKmeans(keys, xs, ys, undefined, 3, carried, { maxIterations: 20 });
    expect(warm.map((c) => [c.id, c.members])).toEqual([
      [7, [103, 104, 105]],
      [3, [100, 101, 102]],
      [9, [106]],
    ]);
    expect(warm[0]?.x).toBeCloseTo(10.1, 12);
  });

  it("drops carried clusters whose members are gone and starts new ones at the farthest points", () => {
    const carried = [
      { id: 4, members: [100, 101, 102], x: 0, y: 0 },
      { id: 5, members: [999], x: 5, y: 5 },
    ];
    const warm = warmStartKmeans(keys, xs, ys, undefined, 3, carried, { maxIterations: 20 });
    expect(warm.map((c) => c.id)).toEqual([4, 6, 7]);
    expect(warm.find((c) => c.id === 6)?.members).toEqual([106]);
    expect(warm.find((c) => c.id === 7)?.members).toEqual([103, 104, 105]);
  });

  it("weights the re-centring", () => {
    const warm = warmStartKmeans(Int32Array.of(1, 2), Float64Array.of(0, 4), Float64Array.of(0, 0), Float64Array.of(3, 1), 1, [{ id: 0, members: [1, 2], x: 0, y: 0 }], { maxIterations: 5 });
    expect(warm[0]?.x).toBe(1);
  });
});

/** Two camps over 12 statements, voting in turn; `early` casts one vote before anyone else. */
function campsWithEarlyVoter(seed: number): VoteEvent[] {
  const random = createRandom(seed);
  const votes: VoteEvent[] = [{ participantId: "early", statementId: "s0", vote: 1, timestamp: 0 }];
  let t = 1;
  for (let p = 0; p < 40; p += 1) {
    for (let s = 0; s < 12; s += 1) {
      if (random() < 0.15) continue;
      let vote: Vote = (s < 6) === (p % 2 === 0) ? 1 : -1;
      if (random() < 0.1) vote = 0;
      votes.push({ participantId: `p${p}`, statementId: `s${s}`, vote, timestamp: (t += 1000) });
    }
  }
  return votes;
}

const statements = Array.from({ length: 12 }, (_, s) => ({ id: `s${s}` }));

describe("replayVoteHistory", () => {
  const votes = campsWithEarlyVoter(11);

  it("computes from scratch when everything arrives in one update", () => {
    const replay = replayVoteHistory({ statements, votes }, { windowLength: 1e12 });
    const scratch = analyzeAlignment({ statements, votes });
    expect(replay.updates).toBe(1);
    expect(replay.k).toBe(scratch.k);
    expect(Array.from(replay.groupOf).map((g) => (g < 0 ? null : g))).toEqual(scratch.participants.map((p) => p.group));
  });

  it("keeps clustered whoever was clustered once (the early voter with one vote)", () => {
    const replay = replayVoteHistory({ statements, votes });
    const scratch = analyzeAlignment({ statements, votes });
    const early = replay.matrix.participantIds.indexOf("early");
    expect(replay.groupOf[early]).toBeGreaterThanOrEqual(0);
    expect(scratch.participants.find((p) => p.id === "early")?.group).toBeNull();
    expect(replay.updates).toBe(votes.length);
  });

  it("finds the camps, one update per timestamp or per window", () => {
    for (const windowLength of [0, 5000, 60_000]) {
      const replay = replayVoteHistory({ statements, votes }, { windowLength });
      expect(replay.k).toBe(2);
      const ids = replay.matrix.participantIds;
      const clustered = ids.map((id, i) => ({ id, g: replay.groupOf[i] as number })).filter((x) => x.id !== "early" && x.g >= 0);
      expect(adjustedRandIndex(clustered.map((x) => x.g), clustered.map((x) => Number(x.id.slice(1)) % 2))).toBe(1);
    }
  });

  it("is deterministic", () => {
    const a = replayVoteHistory({ statements, votes }, { windowLength: 3000 });
    const b = replayVoteHistory({ statements, votes: [...votes] }, { windowLength: 3000 });
    expect(Array.from(a.groupOf)).toEqual(Array.from(b.groupOf));
    expect(a.silhouettes).toEqual(b.silhouettes);
    expect(a.kChanges).toBe(b.kChanges);
  });

  it("replays nothing without votes", () => {
    const replay = replayVoteHistory({ statements, votes: [] });
    expect(replay).toMatchObject({ k: 0, updates: 0 });
  });

  it("rejects a vote on an unknown statement and a bad window", () => {
    expect(() => replayVoteHistory({ statements, votes: [{ participantId: "a", statementId: "nope", vote: 1, timestamp: 1 }] })).toThrow(/unknown statement/);
    expect(() => replayVoteHistory({ statements, votes }, { windowLength: -1 })).toThrow(/window length/);
    expect(() => replayVoteHistory({ statements, votes }, { windowLength: Number.NaN })).toThrow(/window length/);
  });
});
