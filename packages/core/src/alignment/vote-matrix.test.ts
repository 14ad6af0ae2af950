import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildVoteMatrix, countVotesPerParticipant, createVoteMatrix, readVote, VoteMatrixBuilder, type Vote, type VoteEvent, type VoteMatrix } from "./vote-matrix";

function cells(matrix: VoteMatrix): Record<string, number> {
  const out: Record<string, number> = {};
  matrix.participantIds.forEach((p, i) => {
    for (let e = matrix.rowStart[i] as number; e < (matrix.rowStart[i + 1] as number); e += 1) {
      out[`${p}/${matrix.statementIds[matrix.columns[e] as number] as string}`] = matrix.votes[e] as number;
    }
  });
  return out;
}

const statements = [{ id: "s1" }, { id: "s2" }, { id: "s3", excluded: true }];

describe("buildVoteMatrix", () => {
  it("keeps the latest vote by timestamp, later input winning ties", () => {
    const votes: VoteEvent[] = [
      { participantId: "p1", statementId: "s1", vote: 1, timestamp: 20 },
      { participantId: "p1", statementId: "s1", vote: -1, timestamp: 10 },
      { participantId: "p2", statementId: "s2", vote: 1, timestamp: 5 },
      { participantId: "p2", statementId: "s2", vote: 0, timestamp: 5 },
      { participantId: "p2", statementId: "s3", vote: -1, timestamp: 1 },
    ];
    const matrix = buildVoteMatrix({ statements, votes });
    expect(matrix.participantIds).toEqual(["p1", "p2"]);
    expect(cells(matrix)).toEqual({ "p1/s1": 1, "p2/s2": 0, "p2/s3": -1 });
    expect(Array.from(matrix.excluded)).toEqual([0, 0, 1]);
    expect(Array.from(countVotesPerParticipant(matrix))).toEqual([1, 2]);
    // Votes are kept as cast; the geometry reads an excluded statement as a pass.
    expect(readVote(matrix, 2)).toBe(0);
    expect(readVote(matrix, 1)).toBe(0);
  });

  it("follows a given participant order and keeps participants without votes", () => {
    const matrix = buildVoteMatrix({
      statements,
      participants: ["z", "a"],
      votes: [{ participantId: "a", statementId: "s2", vote: 1, timestamp: 0 }],
    });
    expect(matrix.participantIds).toEqual(["z", "a"]);
    expect(Array.from(matrix.rowStart)).toEqual([0, 0, 1]);
  });

  it("rejects unknown statements and bad votes", () => {
    expect(() => buildVoteMatrix({ statements, votes: [{ participantId: "p", statementId: "nope", vote: 1, timestamp: 0 }] })).toThrow(/unknown statement/);
    expect(() => buildVoteMatrix({ statements, votes: [{ participantId: "p", statementId: "s1", vote: 2 as Vote, timestamp: 0 }] })).toThrow(/must be 1/);
  });

  it("agrees with a naive latest-vote map for any event stream", () => {
    const event = fc.record({
      participantId: fc.constantFrom("a", "b", "c", "d"),
      statementId: fc.constantFrom("s1", "s2", "s3"),
      vote: fc.constantFrom<Vote>(-1, 0, 1),
      timestamp: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (votes) => {
        const expected: Record<string, { t: number; v: number }> = {};
        for (const e of votes) {
          const key = `${e.participantId}/${e.statementId}`;
          const current = expected[key];
          if (current === undefined || e.timestamp >= current.t) expected[key] = { t: e.timestamp, v: e.vote };
        }
        const matrix = buildVoteMatrix({ statements, votes });
        expect(cells(matrix)).toEqual(Object.fromEntries(Object.entries(expected).map(([k, x]) => [k, x.v])));
      }),
    );
  });
});

describe("VoteMatrixBuilder and createVoteMatrix", () => {
  it("builds rows in order and checks the CSR invariants", () => {
    const builder = new VoteMatrixBuilder();
    builder.startParticipant("p1");
    builder.addVote(0, 1);
    builder.addVote(2, -1);
    builder.startParticipant("p2");
    builder.startParticipant("p3");
    builder.addVote(1, 0);
    const matrix = builder.build(["a", "b", "c"]);
    expect(Array.from(matrix.rowStart)).toEqual([0, 2, 2, 3]);
    expect(Array.from(matrix.columns)).toEqual([0, 2, 1]);
    expect(() => builder.addVote(0, 1)).toThrow(/ascending/);
    expect(() =>
      createVoteMatrix({ participantIds: ["p"], statementIds: ["a", "b"], rowStart: Int32Array.of(0, 2), columns: Int32Array.of(1, 0), votes: Int8Array.of(1, 1) }),
    ).toThrow(/ascending/);
    expect(() => createVoteMatrix({ participantIds: ["p", "p"], statementIds: [], rowStart: Int32Array.of(0, 0, 0), columns: new Int32Array(0), votes: new Int8Array(0) })).toThrow(
      /duplicate participant/,
    );
  });
});
