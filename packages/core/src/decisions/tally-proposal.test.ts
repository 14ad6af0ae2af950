import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { tallyProposal } from "./tally-proposal";
import { buildOptions, buildPosition, buildProposal, buildSeats, stancePosition } from "./testing";
import type { Outcome, Position, Proposal, SeatRef, TallyContext } from "./types";

const now = new Date("2026-05-01T00:00:00Z");
const afterClose = new Date("2026-06-02T00:00:00Z");

function tally(proposal: Proposal, positions: Position[], seats: SeatRef[], extra: Partial<TallyContext> = {}): Outcome {
  return tallyProposal(proposal, positions, { seats, now, ...extra });
}

function line(outcome: Outcome, key: string): { byPerson: number; bySeat: number } {
  const found = outcome.tally.find((l) => l.key === key);
  if (!found) throw new Error(`no tally line ${key}`);
  return { byPerson: found.byPerson, bySeat: found.bySeat };
}

function errorOf(fn: () => unknown): { code: string; details: Record<string, unknown> | undefined } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("consent", () => {
  const seats = buildSeats(3);

  it("passes when every seat consents, and lists no missing seats", () => {
    const outcome = tally(buildProposal(), [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "agree"), stancePosition("c", "s3", "abstain")], seats);
    expect(outcome.result).toBe("passed");
    expect(outcome.passed).toBe(true);
    expect(outcome.seatsNotParticipating).toEqual([]);
    expect(line(outcome, "agree")).toEqual({ byPerson: 2, bySeat: 2 });
    expect(outcome.final).toBe(false);
  });

  it("fails while an objection is unaddressed, and passes once the proposer integrates it", () => {
    const positions = [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "object", "It exposes our pricing.")];
    const open = tally(buildProposal(), positions, seats);
    expect(open.result).toBe("failed");
    expect(open.failedBecause).toEqual(["unaddressed_objection"]);
    expect(open.seatsNotParticipating).toEqual(["s3"]);
    expect(open.details).toEqual({
      kind: "consent",
      objections: [{ positionId: "b-position", seatId: "s2", personId: "b", reason: "It exposes our pricing.", status: "open", note: null }],
    });

    const answered = tally(buildProposal(), positions, seats, {
      objectionResponses: [{ positionId: "b-position", kind: "integrated", note: "Pricing moved to a clean team.", respondedBy: "proposer" }],
    });
    expect(answered.result).toBe("passed");
    expect(answered.details.kind === "consent" && answered.details.objections[0]?.status).toBe("integrated");
  });

  it("ignores answers from anyone but the proposer, and answers to an earlier version of the objection", () => {
    const positions = [stancePosition("b", "s2", "object", "Still a problem.")];
    const outcome = tally(buildProposal(), positions, seats, {
      objectionResponses: [
        { positionId: "b-position", kind: "addressed", note: "Fine by me.", respondedBy: "someone-else" },
        { positionId: "b-old-position", kind: "addressed", note: "Answered the first version.", respondedBy: "proposer" },
      ],
    });
    expect(outcome.passed).toBe(false);
  });

  it("requires a reason with an objection", () => {
    const error = errorOf(() => tally(buildProposal(), [stancePosition("b", "s2", "object", "  ")], seats));
    expect(error).toEqual({ code: "validation_failed", details: { field: "reason", reason: "required", method: "consent" } });
  });

  it("does not pass without a quorum of seats", () => {
    const proposal = buildProposal({ quorum: { kind: "fraction", fraction: { numerator: 2, denominator: 3 } } });
    const outcome = tally(proposal, [stancePosition("a", "s1", "agree")], seats);
    expect(outcome.result).toBe("no_quorum");
    expect(outcome.passed).toBe(false);
    expect(outcome.quorum).toEqual({ required: 2, participating: 1, met: false });
    expect(outcome.seatsNotParticipating).toEqual(["s2", "s3"]);
  });

  it("does not pass on silence: with no quorum set, one seat must still take part", () => {
    const outcome = tally(buildProposal(), [], seats);
    expect(outcome.result).toBe("no_quorum");
    expect(outcome.seatsNotParticipating).toEqual(["s1", "s2", "s3"]);
  });

  it("shows no person ids when positions are anonymous", () => {
    const outcome = tally(buildProposal({ anonymous: true }), [stancePosition("b", "s2", "object", "Too fast.")], seats);
    expect(outcome.details.kind === "consent" && outcome.details.objections[0]?.personId).toBeNull();
    expect(JSON.stringify(outcome)).not.toContain('"b"');
  });

  it("is final once the closing time has passed", () => {
    const outcome = tallyProposal(buildProposal(), [stancePosition("a", "s1", "agree")], { seats, now: afterClose });
    expect(outcome.final).toBe(true);
  });
});

describe("consensus with block", () => {
  const seats = buildSeats(3);
  const proposal = buildProposal({ method: { kind: "consensus" } });

  it("passes with more seats agreeing than disagreeing and no block; disagreements are reservations", () => {
    const outcome = tally(proposal, [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "agree"), stancePosition("c", "s3", "disagree", "Costly.")], seats);
    expect(outcome.result).toBe("passed");
    expect(outcome.details).toEqual({ kind: "consensus", blocks: [], reservations: [{ positionId: "c-position", seatId: "s3", personId: "c", reason: "Costly." }] });
  });

  it("fails on one block, whatever everyone else says", () => {
    const outcome = tally(proposal, [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "agree"), stancePosition("c", "s2", "block", "Breaks our licence.")], seats);
    expect(outcome.result).toBe("failed");
    expect(outcome.failedBecause).toEqual(["blocked"]);
    // s2's delegates disagree with each other: shown as split.
    expect(outcome.seatsSplit).toEqual(["s2"]);
  });

  it("requires a reason with a block", () => {
    expect(errorOf(() => tally(proposal, [stancePosition("c", "s3", "block", null)], seats)).code).toBe("validation_failed");
  });

  it("fails when nobody agrees", () => {
    const outcome = tally(proposal, [stancePosition("a", "s1", "abstain")], seats);
    expect(outcome.failedBecause).toEqual(["no_agreement"]);
  });

  it("rejects a stance the method does not take", () => {
    const error = errorOf(() => tally(proposal, [stancePosition("a", "s1", "object", "x")], seats));
    expect(error.details).toMatchObject({ field: "value.stance", reason: "not_allowed" });
  });
});

describe("majority of seats and the seat rule", () => {
  const seats = buildSeats(3);
  // s1: agree. s2: agree, disagree, disagree. s3: agree, disagree.
  const positions = [
    stancePosition("a", "s1", "agree"),
    stancePosition("b1", "s2", "agree"),
    stancePosition("b2", "s2", "disagree"),
    stancePosition("b3", "s2", "disagree"),
    stancePosition("c1", "s3", "agree"),
    stancePosition("c2", "s3", "disagree"),
  ];

  it("majority rule: s2 disagrees, s3 is split and counts neither way; 1 to 1 fails", () => {
    const outcome = tally(buildProposal({ method: { kind: "majority" }, seatRule: "majority" }), positions, seats);
    expect(outcome.seats.map((s) => s.stance)).toEqual(["agree", "disagree", "split"]);
    expect(outcome.seatsSplit).toEqual(["s2", "s3"]);
    expect(line(outcome, "agree")).toEqual({ byPerson: 3, bySeat: 1 });
    expect(line(outcome, "disagree")).toEqual({ byPerson: 3, bySeat: 1 });
    expect(outcome.passed).toBe(false);
    expect(outcome.failedBecause).toEqual(["majority_not_reached"]);
  });

  it("proportional rule: 1 + 1/3 + 1/2 agree against 2/3 + 1/2 passes", () => {
    const outcome = tally(buildProposal({ method: { kind: "majority" }, seatRule: "proportional" }), positions, seats);
    expect(line(outcome, "agree").bySeat).toBeCloseTo(11 / 6, 12);
    expect(line(outcome, "disagree").bySeat).toBeCloseTo(7 / 6, 12);
    expect(outcome.passed).toBe(true);
  });

  it("unanimous rule: both divided seats are split, 1 to 0 passes", () => {
    const outcome = tally(buildProposal({ method: { kind: "majority" }, seatRule: "unanimous" }), positions, seats);
    expect(outcome.seats.map((s) => s.stance)).toEqual(["agree", "split", "split"]);
    expect(outcome.passed).toBe(true);
  });

  it("abstaining seats count toward quorum, not toward the majority", () => {
    const proposal = buildProposal({ method: { kind: "majority" }, quorum: { kind: "seats", count: 3 } });
    const outcome = tally(proposal, [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "abstain"), stancePosition("c", "s3", "abstain")], seats);
    expect(outcome.quorum.met).toBe(true);
    expect(outcome.passed).toBe(true);
    expect(outcome.details).toEqual({ kind: "majority", agree: 1, disagree: 0, abstain: 2 });
  });
});

describe("weighted by seat weight", () => {
  it("a heavy seat can carry the vote a majority of seats would lose", () => {
    const seats = buildSeats(3, [5, 2, 2]);
    const positions = [stancePosition("a", "s1", "agree"), stancePosition("b", "s2", "disagree"), stancePosition("c", "s3", "disagree")];
    const weighted = tally(buildProposal({ method: { kind: "weighted" } }), positions, seats);
    expect(weighted.passed).toBe(true);
    expect(weighted.details).toEqual({ kind: "weighted", agree: 5, disagree: 4, abstain: 0, totalWeight: 9 });
    expect(tally(buildProposal({ method: { kind: "majority" } }), positions, seats).passed).toBe(false);
  });

  it("needs at least one seat with weight", () => {
    expect(errorOf(() => tally(buildProposal({ method: { kind: "weighted" } }), [], buildSeats(2, [0, 0]))).details).toMatchObject({ reason: "no_weight" });
  });
});

describe("advice", () => {
  const seats = buildSeats(3);
  const proposal = buildProposal({ method: { kind: "advice", deciderId: "dana" } });
  const positions = [
    stancePosition("a", "s1", "agree", "Go, but pilot first."),
    stancePosition("b", "s2", "disagree", "Wait for the audit."),
  ];

  it("awaits the decider, listing advice per seat", () => {
    const outcome = tally(proposal, positions, seats);
    expect(outcome.result).toBe("awaiting_decision");
    expect(outcome.passed).toBeNull();
    expect(outcome.seatsNotParticipating).toEqual(["s3"]);
    expect(outcome.details).toEqual({
      kind: "advice",
      deciderId: "dana",
      decision: null,
      note: null,
      adviceBySeat: [
        { seatId: "s1", advice: [{ positionId: "a-position", personId: "a", stance: "agree", advice: "Go, but pilot first.", taken: false }] },
        { seatId: "s2", advice: [{ positionId: "b-position", personId: "b", stance: "disagree", advice: "Wait for the audit.", taken: false }] },
      ],
    });
  });

  it("records the decision, the note and the advice taken", () => {
    const outcome = tally(proposal, positions, seats, {
      adviceDecision: { deciderId: "dana", decision: "adopt", note: "Piloting in one region first.", adviceTaken: ["a-position"] },
    });
    expect(outcome.result).toBe("passed");
    expect(outcome.details.kind === "advice" && outcome.details.adviceBySeat[0]?.advice[0]?.taken).toBe(true);
    expect(outcome.details.kind === "advice" && outcome.details.note).toBe("Piloting in one region first.");
  });

  it("requires advice text and refuses a decision from anyone else", () => {
    expect(errorOf(() => tally(proposal, [stancePosition("a", "s1", "agree", null)], seats)).code).toBe("validation_failed");
    const error = errorOf(() => tally(proposal, positions, seats, { adviceDecision: { deciderId: "eve", decision: "adopt", note: "x", adviceTaken: [] } }));
    expect(error.details).toMatchObject({ reason: "not_decider" });
  });
});

describe("score", () => {
  const proposal = buildProposal({ method: { kind: "score", min: 0, max: 5 }, options: buildOptions(2) });
  const scores = (values: Record<string, number>) => ({ kind: "scores" as const, scores: values });

  it("averages per seat, then across seats (a big delegation does not outweigh a small one)", () => {
    const seats = buildSeats(3);
    const positions = [
      buildPosition("p1", "s1", scores({ o1: 5, o2: 1 })),
      buildPosition("p2", "s1", scores({ o1: 3 })),
      buildPosition("p3", "s2", scores({ o1: 1, o2: 4 })),
    ];
    const tied = tally(proposal, positions, seats);
    // o1: seat means 4 and 1 -> 2.5; o2: 1 and 4 -> 2.5. By person o1 would lead (3 vs 2.5).
    expect(line(tied, "o1")).toEqual({ byPerson: 3, bySeat: 2.5 });
    expect(line(tied, "o2")).toEqual({ byPerson: 2.5, bySeat: 2.5 });
    expect(tied.result).toBe("tied");
    expect(tied.winners).toEqual(["o1", "o2"]);
    expect(tied.ranking).toEqual([
      { optionId: "o1", score: 2.5, rank: 1 },
      { optionId: "o2", score: 2.5, rank: 1 },
    ]);

    const decided = tally(proposal, [...positions, buildPosition("p4", "s3", scores({ o2: 3 }))], seats);
    expect(decided.result).toBe("chosen");
    expect(decided.winners).toEqual(["o2"]);
    expect(decided.ranking[0]?.score).toBeCloseTo(8 / 3, 12);
  });

  it("rejects scores out of range, unknown options and empty ballots", () => {
    const seats = buildSeats(1);
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", scores({ o1: 6 }))], seats)).details).toMatchObject({ reason: "out_of_range" });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", scores({ o9: 1 }))], seats)).details).toMatchObject({ reason: "unknown_option" });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", scores({}))], seats)).details).toMatchObject({ reason: "empty" });
  });
});

describe("ranked choice", () => {
  const rank = (...ids: string[]) => ({ kind: "ranking" as const, ranking: ids });
  const abc = [
    { id: "A", label: "A" },
    { id: "B", label: "B" },
    { id: "C", label: "C" },
  ];

  it("instant runoff: C is eliminated and its vote moves to B", () => {
    const proposal = buildProposal({ method: { kind: "ranked_choice", count: "instant_runoff" }, options: abc });
    const seats = buildSeats(5);
    const positions = [
      buildPosition("p1", "s1", rank("A", "B")),
      buildPosition("p2", "s2", rank("A", "C")),
      buildPosition("p3", "s3", rank("B", "C")),
      buildPosition("p4", "s4", rank("C", "B")),
      buildPosition("p5", "s5", rank("B", "A")),
    ];
    const outcome = tally(proposal, positions, seats);
    expect(outcome.winners).toEqual(["B"]);
    expect(outcome.details).toEqual({
      kind: "instant_runoff",
      rounds: [
        { counts: { A: 2, B: 2, C: 1 }, exhausted: 0, eliminated: "C", tieBreak: "none" },
        { counts: { A: 2, B: 3 }, exhausted: 0, eliminated: null, tieBreak: "none" },
      ],
    });
    expect(outcome.ranking).toEqual([
      { optionId: "B", score: 3, rank: 1 },
      { optionId: "A", score: 2, rank: 2 },
      { optionId: "C", score: 1, rank: 3 },
    ]);
  });

  it("a seat holds one vote however many delegates it sends", () => {
    const proposal = buildProposal({ method: { kind: "ranked_choice", count: "instant_runoff" }, options: abc });
    const positions = [
      buildPosition("p1", "s1", rank("A")),
      buildPosition("p2", "s1", rank("A")),
      buildPosition("p3", "s1", rank("A")),
      buildPosition("p4", "s2", rank("B")),
      buildPosition("p5", "s3", rank("B")),
    ];
    const outcome = tally(proposal, positions, buildSeats(3));
    expect(outcome.winners).toEqual(["B"]);
    expect(line(outcome, "A")).toEqual({ byPerson: 3, bySeat: 1 });
    expect(line(outcome, "B")).toEqual({ byPerson: 2, bySeat: 2 });
  });

  it("Borda: m - 1 - k points for the k-th choice", () => {
    const proposal = buildProposal({ method: { kind: "ranked_choice", count: "borda" }, options: abc });
    const positions = [
      buildPosition("p1", "s1", rank("A", "B", "C")),
      buildPosition("p2", "s2", rank("A", "B", "C")),
      buildPosition("p3", "s3", rank("B", "C", "A")),
      buildPosition("p4", "s4", rank("C", "B", "A")),
    ];
    const outcome = tally(proposal, positions, buildSeats(4));
    // A: 2+2 = 4, B: 1+1+2+1 = 5, C: 0+0+1+2 = 3.
    expect(outcome.tally.map((l) => [l.key, l.bySeat])).toEqual([["A", 4], ["B", 5], ["C", 3]]);
    expect(outcome.winners).toEqual(["B"]);
  });

  it("rejects duplicate and unknown options in a ranking", () => {
    const proposal = buildProposal({ method: { kind: "ranked_choice", count: "instant_runoff" }, options: abc });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", rank("A", "A"))], buildSeats(1))).details).toMatchObject({ reason: "duplicate_option" });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", rank("Z"))], buildSeats(1))).details).toMatchObject({ reason: "unknown_option" });
  });
});

describe("dot vote", () => {
  const proposal = buildProposal({ method: { kind: "dot_vote", dotsPerPerson: 3, maxPerOption: null }, options: buildOptions(2) });
  const dots = (values: Record<string, number>) => ({ kind: "dots" as const, dots: values });

  it("a seat's dots are the mean of its delegates' dots", () => {
    const positions = [buildPosition("p1", "s1", dots({ o1: 3 })), buildPosition("p2", "s1", dots({ o2: 3 })), buildPosition("p3", "s2", dots({ o1: 1, o2: 2 }))];
    const outcome = tally(proposal, positions, buildSeats(2));
    expect(line(outcome, "o1")).toEqual({ byPerson: 4, bySeat: 2.5 });
    expect(line(outcome, "o2")).toEqual({ byPerson: 5, bySeat: 3.5 });
    expect(outcome.winners).toEqual(["o2"]);
    expect(outcome.details).toEqual({ kind: "dot_vote", dotsPerPerson: 3, dotsCast: 9 });
    expect(outcome.seatsSplit).toEqual(["s1"]);
  });

  it("validates the dots a person places", () => {
    const seats = buildSeats(1);
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", dots({ o1: 2, o2: 2 }))], seats)).details).toMatchObject({ reason: "too_many", total: 4 });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", dots({ o1: -1, o2: 2 }))], seats)).details).toMatchObject({ reason: "invalid" });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", dots({ o1: 0 }))], seats)).details).toMatchObject({ reason: "empty" });
    expect(errorOf(() => tally(proposal, [buildPosition("p", "s1", dots({ o1: 1.5 }))], seats)).details).toMatchObject({ reason: "invalid" });
    const capped = buildProposal({ method: { kind: "dot_vote", dotsPerPerson: 3, maxPerOption: 2 }, options: buildOptions(2) });
    expect(errorOf(() => tally(capped, [buildPosition("p", "s1", dots({ o1: 3 }))], seats)).details).toMatchObject({ reason: "too_many_on_option" });
  });
});

describe("meeting time", () => {
  const proposal = buildProposal({ method: { kind: "meeting_time" }, options: buildOptions(3, "meeting_time") });
  const available = (...slotIds: string[]) => ({ kind: "availability" as const, slotIds });

  it("picks the slot with most seats available, ties to the earliest", () => {
    const positions = [
      buildPosition("p1", "s1", available("o2", "o3")),
      buildPosition("p2", "s1", available("o1")),
      buildPosition("p3", "s2", available("o2")),
      buildPosition("p4", "s3", available("o3")),
      buildPosition("p5", "s3", available("o3")),
    ];
    const outcome = tally(proposal, positions, buildSeats(4));
    expect(outcome.winners).toEqual(["o2"]);
    expect(outcome.result).toBe("chosen");
    expect(outcome.seatsNotParticipating).toEqual(["s4"]);
    expect(outcome.details).toEqual({
      kind: "meeting_time",
      slots: [
        { optionId: "o1", startsAt: "2026-07-01T09:00:00Z", seatsAvailable: ["s1"], personsAvailable: 1 },
        { optionId: "o2", startsAt: "2026-07-01T10:00:00Z", seatsAvailable: ["s1", "s2"], personsAvailable: 2 },
        { optionId: "o3", startsAt: "2026-07-01T11:00:00Z", seatsAvailable: ["s1", "s3"], personsAvailable: 3 },
      ],
    });
    expect(outcome.ranking.map((r) => [r.optionId, r.rank])).toEqual([["o2", 1], ["o3", 1], ["o1", 3]]);
  });

  it("reports no votes when no slot suits anyone", () => {
    const outcome = tally(proposal, [buildPosition("p1", "s1", available())], buildSeats(2));
    expect(outcome.result).toBe("no_votes");
    expect(outcome.winners).toEqual([]);
  });
});

describe("shared validation", () => {
  it("refuses positions from unknown seats, two positions by one person, and the wrong kind", () => {
    const seats = buildSeats(2);
    expect(errorOf(() => tally(buildProposal(), [stancePosition("a", "s9", "agree")], seats)).details).toMatchObject({ reason: "unknown_seat" });
    const twice = [stancePosition("a", "s1", "agree"), { ...stancePosition("a", "s2", "agree"), id: "other" }];
    expect(errorOf(() => tally(buildProposal(), twice, seats)).details).toMatchObject({ reason: "duplicate_person" });
    expect(errorOf(() => tally(buildProposal(), [buildPosition("a", "s1", { kind: "ranking", ranking: [] })], seats)).details).toMatchObject({ reason: "wrong_kind" });
  });

  it("refuses malformed proposals", () => {
    const seats = buildSeats(2);
    expect(errorOf(() => tally(buildProposal({ options: buildOptions(2) }), [], seats)).details).toMatchObject({ field: "options", reason: "not_allowed" });
    expect(errorOf(() => tally(buildProposal({ method: { kind: "ranked_choice", count: "borda" }, options: buildOptions(1) }), [], seats)).details).toMatchObject({ reason: "too_few" });
    expect(errorOf(() => tally(buildProposal({ quorum: { kind: "seats", count: 3 } }), [], seats)).details).toMatchObject({ reason: "out_of_range" });
    expect(errorOf(() => tally(buildProposal({ closesAt: "tomorrow" }), [], seats)).details).toMatchObject({ reason: "invalid_instant" });
    expect(errorOf(() => tally(buildProposal({ method: { kind: "score", min: 3, max: 3 }, options: buildOptions(1) }), [], seats)).details).toMatchObject({ reason: "invalid_range" });
    expect(errorOf(() => tally(buildProposal(), [], [{ id: "s1", weight: 1 }, { id: "s1", weight: 1 }])).details).toMatchObject({ reason: "duplicate_or_empty" });
  });
});
