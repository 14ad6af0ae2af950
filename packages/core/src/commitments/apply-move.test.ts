import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { applyMove, availableMoves, type MoveInput } from "./apply-move";
import type { Commitment, CommitmentActor, CommitmentState } from "./commitment";
import { buildCommitment, facilitatorActor, fixtureDueAt, fixtureStart, playMoves, strangerActor, type ScriptStep } from "./fixtures";
import { commitmentTransitions, moveNames, type MoveName } from "./moves";

// ---------------------------------------------------------------------------------------------
// The expected machine, written out again by hand from reference/conversation-for-action.md
// (and the brief's extensions), independently of moves.ts.
// ---------------------------------------------------------------------------------------------

type Speaker = "customer" | "performer" | "facilitator" | "stranger";
type Legal = Partial<Record<"customer" | "performer", Partial<Record<MoveName, CommitmentState>>>>;

// The basic conversation for action: from, speaker, move, to (15 arcs).
const referenceArcs: [CommitmentState, "customer" | "performer", MoveName, CommitmentState][] = [
  ["start", "customer", "request", "requested"], // 1 A: request 2
  ["requested", "performer", "promise", "promised"], // 2 B: promise 3
  ["requested", "performer", "counter", "countered"], // 2 B: counter-offer 6
  ["requested", "performer", "decline", "declined"], // 2 B: decline 8
  ["requested", "customer", "withdraw", "declined"], // 2 A: withdraw 8
  ["countered", "customer", "accept_counter", "promised"], // 6 A: accept the counter 3
  ["countered", "customer", "counter_again", "requested"], // 6 A: counter again 2
  ["countered", "customer", "reject_counter", "declined"], // 6 A: reject the counter 8
  ["countered", "performer", "withdraw", "declined"], // 6 B (or A): withdraw 8
  ["countered", "customer", "withdraw", "declined"],
  ["promised", "performer", "report", "reported"], // 3 B: report completion 4
  ["promised", "performer", "renege", "reneged"], // 3 B: renege 7
  ["promised", "customer", "cancel", "cancelled"], // 3 A: cancel 9
  ["reported", "customer", "accept", "accepted"], // 4 A: declare satisfied 5
  ["reported", "customer", "reject_report", "promised"], // 4 A: declare not satisfied 3
  ["reported", "customer", "cancel", "cancelled"], // 4 A: cancel 9
];

const requestedMoves: Legal = {
  performer: { promise: "promised", counter: "countered", decline: "declined", commit_to_commit: "requested" },
  customer: { withdraw: "declined" },
};
const counteredMoves: Legal = {
  customer: { accept_counter: "promised", counter_again: "requested", reject_counter: "declined", withdraw: "declined" },
  performer: { withdraw: "declined" },
};

interface Situation {
  name: string;
  state: CommitmentState;
  steps: ScriptStep[];
  /** When the moves under test are tried. */
  at: string;
  legal: Legal;
}

const propose = (dueAt: string): MoveInput => ({ name: "propose_renegotiation", dueAt, message: "The auditors are late" });

const situations: Situation[] = [
  {
    name: "start",
    state: "start",
    steps: [],
    at: "2025-03-03T10:00:00Z",
    legal: { customer: { request: "requested" }, performer: { offer: "countered" } },
  },
  { name: "requested", state: "requested", steps: [["customer", "request", "2025-03-03T10:00:00Z"]], at: "2025-03-03T11:00:00Z", legal: requestedMoves },
  {
    name: "requested, after commit-to-commit",
    state: "requested",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", { name: "commit_to_commit", answerBy: "2025-03-05T12:00:00Z" }, "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-03T12:00:00Z",
    legal: requestedMoves,
  },
  {
    name: "requested, after counter again",
    state: "requested",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", { name: "counter", dueAt: "2025-03-21T17:00:00Z" }, "2025-03-03T11:00:00Z"],
      ["customer", { name: "counter_again", dueAt: "2025-03-18T17:00:00Z" }, "2025-03-03T12:00:00Z"],
    ],
    at: "2025-03-03T13:00:00Z",
    legal: requestedMoves,
  },
  {
    name: "countered",
    state: "countered",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", { name: "counter", conditions: "Scope 1 only" }, "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-03T12:00:00Z",
    legal: counteredMoves,
  },
  {
    name: "countered, by an offer",
    state: "countered",
    steps: [["performer", "offer", "2025-03-03T10:00:00Z"]],
    at: "2025-03-03T12:00:00Z",
    legal: counteredMoves,
  },
  {
    name: "promised, before due",
    state: "promised",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-10T09:00:00Z",
    legal: {
      performer: { report: "reported", propose_renegotiation: "promised", revoke: "revoked" },
      customer: { cancel: "cancelled", propose_renegotiation: "promised" },
    },
  },
  {
    name: "promised, exactly at the due date",
    state: "promised",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-14T17:00:00Z",
    legal: {
      performer: { report: "reported", renege: "reneged", propose_renegotiation: "promised" },
      customer: { cancel: "cancelled", propose_renegotiation: "promised" },
    },
  },
  {
    name: "promised, after due",
    state: "promised",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-20T09:00:00Z",
    legal: {
      performer: { report: "reported", renege: "reneged", propose_renegotiation: "promised" },
      customer: { cancel: "cancelled", propose_renegotiation: "promised" },
    },
  },
  {
    name: "promised, by accepting an offer",
    state: "promised",
    steps: [
      ["performer", "offer", "2025-03-03T10:00:00Z"],
      ["customer", "accept_counter", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-10T09:00:00Z",
    legal: {
      performer: { report: "reported", propose_renegotiation: "promised", revoke: "revoked" },
      customer: { cancel: "cancelled", propose_renegotiation: "promised" },
    },
  },
  {
    name: "promised, customer proposed new terms",
    state: "promised",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["customer", propose("2025-03-12T17:00:00Z"), "2025-03-04T09:00:00Z"],
    ],
    at: "2025-03-05T09:00:00Z",
    legal: {
      performer: { report: "reported", revoke: "revoked", accept_renegotiation: "promised", reject_renegotiation: "promised" },
      customer: { cancel: "cancelled", withdraw_renegotiation: "promised" },
    },
  },
  {
    name: "promised, performer proposed new terms",
    state: "promised",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", propose("2025-03-21T17:00:00Z"), "2025-03-04T09:00:00Z"],
    ],
    at: "2025-03-05T09:00:00Z",
    legal: {
      performer: { report: "reported", revoke: "revoked", withdraw_renegotiation: "promised" },
      customer: { cancel: "cancelled", accept_renegotiation: "promised", reject_renegotiation: "promised" },
    },
  },
  {
    name: "reported",
    state: "reported",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", "report", "2025-03-12T11:00:00Z"],
    ],
    at: "2025-03-12T12:00:00Z",
    legal: { customer: { accept: "accepted", reject_report: "promised", cancel: "cancelled" } },
  },
  {
    name: "accepted",
    state: "accepted",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", "report", "2025-03-12T11:00:00Z"],
      ["customer", "accept", "2025-03-12T12:00:00Z"],
    ],
    at: "2025-03-12T13:00:00Z",
    legal: {},
  },
  {
    name: "reneged",
    state: "reneged",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", "renege", "2025-03-15T09:00:00Z"],
    ],
    at: "2025-03-15T10:00:00Z",
    legal: {},
  },
  {
    name: "declined",
    state: "declined",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "decline", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-03T12:00:00Z",
    legal: {},
  },
  {
    name: "declined, by withdrawal",
    state: "declined",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["customer", "withdraw", "2025-03-03T11:00:00Z"],
    ],
    at: "2025-03-03T12:00:00Z",
    legal: {},
  },
  {
    name: "cancelled",
    state: "cancelled",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["customer", "cancel", "2025-03-04T11:00:00Z"],
    ],
    at: "2025-03-04T12:00:00Z",
    legal: {},
  },
  {
    name: "revoked",
    state: "revoked",
    steps: [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", { name: "revoke", message: "Our data lead left; I cannot deliver this." }, "2025-03-07T11:00:00Z"],
    ],
    at: "2025-03-07T12:00:00Z",
    legal: {},
  },
];

// Plain words the messages must use (the brief's labels; states as a person says them).
const expectedMoveLabels: Record<MoveName, string> = {
  request: "Request",
  offer: "Offer",
  promise: "Promise",
  counter: "Suggest other terms",
  decline: "Decline",
  withdraw: "Withdraw",
  commit_to_commit: "I'll answer by…",
  accept_counter: "Accept terms",
  counter_again: "Counter again",
  reject_counter: "Reject terms",
  report: "Report done",
  renege: "Renege (mark as not delivered)",
  cancel: "Cancel",
  accept: "Accept as done",
  reject_report: "Not done yet",
  propose_renegotiation: "Propose new terms",
  accept_renegotiation: "Accept new terms",
  reject_renegotiation: "Reject new terms",
  withdraw_renegotiation: "Withdraw proposal",
  revoke: "Release my promise",
};
const expectedStateWords: Record<CommitmentState, string> = {
  start: "not started",
  requested: "requested",
  promised: "promised",
  reported: "reported",
  accepted: "accepted",
  countered: "countered",
  reneged: "reneged",
  declined: "declined",
  cancelled: "cancelled",
  revoked: "released",
};

function actorFor(commitment: Commitment, speaker: Speaker): CommitmentActor {
  switch (speaker) {
    case "customer":
      return { personId: commitment.customer.personId };
    case "performer":
      return { personId: commitment.performer.personId, roles: ["delegate"] };
    case "facilitator":
      return facilitatorActor;
    case "stranger":
      return strangerActor;
  }
}

/** A valid payload for each move at a given time (terms where the move needs them). */
function inputFor(move: MoveName, at: Date): MoveInput {
  const later = (days: number): string => new Date(at.getTime() + days * 86_400_000).toISOString();
  switch (move) {
    case "counter":
    case "counter_again":
    case "propose_renegotiation":
      return { name: move, dueAt: later(30), conditions: `Other conditions (${move})` };
    case "commit_to_commit":
      return { name: move, answerBy: later(2) };
    default:
      return { name: move };
  }
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const speakers: Speaker[] = ["customer", "performer", "facilitator", "stranger"];
const allStates: CommitmentState[] = ["start", "requested", "promised", "reported", "accepted", "countered", "reneged", "declined", "cancelled", "revoked"];

describe("the transition table", () => {
  it("contains every arc of the reference's basic conversation for action", () => {
    for (const [from, speaker, move, to] of referenceArcs) {
      const arc = commitmentTransitions.find((t) => t.from === from && t.move === move && t.speakers.includes(speaker));
      expect(arc?.to, `${from} ${speaker}: ${move}`).toBe(to);
    }
  });

  it("has the 15 reference transitions plus exactly the extensions", () => {
    const extensions = commitmentTransitions.filter(
      (t) => !referenceArcs.some(([from, , move]) => from === t.from && move === t.move),
    );
    expect(commitmentTransitions.length - extensions.length).toBe(15);
    expect(extensions.map((t) => t.move).sort()).toEqual(
      ["accept_renegotiation", "commit_to_commit", "offer", "propose_renegotiation", "reject_renegotiation", "revoke", "withdraw_renegotiation"].sort(),
    );
  });

  it("covers every state with a situation", () => {
    expect(new Set(situations.map((s) => s.state))).toEqual(new Set(allStates));
  });
});

describe.each(situations)("in situation: $name", (situation) => {
  const commitment = playMoves(buildCommitment(), situation.steps);
  const at = new Date(situation.at);

  it(`is in state ${situation.state}`, () => {
    expect(commitment.state).toBe(situation.state);
  });

  it.each(speakers)("availableMoves for the %s are exactly the legal ones", (speaker) => {
    const legal = speaker === "customer" || speaker === "performer" ? Object.keys(situation.legal[speaker] ?? {}) : [];
    expect([...availableMoves(commitment, actorFor(commitment, speaker), at)].sort()).toEqual([...legal].sort());
  });

  const triples = moveNames.flatMap((move) => speakers.map((speaker) => ({ move, speaker })));
  it.each(triples)("$speaker: $move", ({ move, speaker }) => {
    const actor = actorFor(commitment, speaker);
    const target = speaker === "customer" || speaker === "performer" ? situation.legal[speaker]?.[move] : undefined;
    if (target !== undefined) {
      const next = applyMove(commitment, inputFor(move, at), actor, at);
      expect(next.state).toBe(target);
      expect(next.history).toHaveLength(commitment.history.length + 1);
      expect(next.history.at(-1)).toMatchObject({ move, by: actor.personId, role: speaker, at: at.toISOString() });
      expect(next.version).toBe(commitment.version + 1);
      return;
    }
    const error = errorOf(() => applyMove(commitment, inputFor(move, at), actor, at));
    if (speaker === "facilitator" || speaker === "stranger") {
      expect(error.code).toBe("forbidden");
      expect(error.details).toMatchObject({ state: situation.state, move, speaker: speaker === "stranger" ? "other" : "facilitator" });
      return;
    }
    expect(error.code).toBe("illegal_move");
    expect(error.message).toContain(expectedMoveLabels[move]);
    expect(error.message).toContain(expectedStateWords[situation.state]);
    expect(error.details).toMatchObject({ state: situation.state, move, speaker });
    const other = speaker === "customer" ? "performer" : "customer";
    if (situation.legal[other]?.[move] !== undefined) {
      // A legal move by the other party: the details say who may make it.
      expect(error.details?.["allowed"]).toEqual([other]);
    }
  });
});

describe("applyMove effects", () => {
  const base = buildCommitment();

  it("does not change the commitment it is given", () => {
    const before = JSON.stringify(base);
    applyMove(base, "request", { personId: base.customer.personId }, new Date("2025-03-03T10:00:00Z"));
    expect(JSON.stringify(base)).toBe(before);
  });

  it("records the terms of a request and the time the conversation opened", () => {
    const c = playMoves(base, [["customer", { name: "request", dueAt: "2025-03-20T18:00:00+01:00", timeZone: "Europe/Paris", message: "Could you?" }, "2025-03-03T10:00:00Z"]]);
    expect(c).toMatchObject({ state: "requested", dueAt: "2025-03-20T17:00:00.000Z", timeZone: "Europe/Paris", openedAt: "2025-03-03T10:00:00.000Z" });
    expect(c.history[0]).toEqual({
      move: "request",
      by: "person-ana",
      role: "customer",
      at: "2025-03-03T10:00:00.000Z",
      message: "Could you?",
      conditions: base.conditions,
      dueAt: "2025-03-20T17:00:00.000Z",
      timeZone: "Europe/Paris",
    });
  });

  it("changes terms on a counter, counts rounds and the first response", () => {
    const c = playMoves(base, [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", { name: "counter", dueAt: "2025-03-28T17:00:00Z" }, "2025-03-03T14:00:00Z"],
      ["customer", { name: "counter_again", dueAt: "2025-03-21T17:00:00Z", conditions: "Scope 1 and 2, unreviewed" }, "2025-03-04T09:00:00Z"],
      ["performer", "promise", "2025-03-04T10:00:00Z"],
    ]);
    expect(c).toMatchObject({
      state: "promised",
      dueAt: "2025-03-21T17:00:00.000Z",
      conditions: "Scope 1 and 2, unreviewed",
      negotiationRounds: 2,
      firstResponseAt: "2025-03-03T14:00:00.000Z",
      promisedAt: "2025-03-04T10:00:00.000Z",
    });
  });

  it("an offer accepted is a promise bound to the offered terms; it has no first response to a request", () => {
    const c = playMoves(base, [
      ["performer", { name: "offer", conditions: "I can share scope 1 by the 20th", dueAt: "2025-03-20T17:00:00Z" }, "2025-03-03T10:00:00Z"],
      ["customer", "accept_counter", "2025-03-03T12:00:00Z"],
    ]);
    expect(c).toMatchObject({
      state: "promised",
      conditions: "I can share scope 1 by the 20th",
      dueAt: "2025-03-20T17:00:00.000Z",
      promisedAt: "2025-03-03T12:00:00.000Z",
      firstResponseAt: null,
      negotiationRounds: 0,
    });
  });

  it("commit-to-commit keeps the request open with its own date, cleared by the answer", () => {
    const waiting = playMoves(base, [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", { name: "commit_to_commit", answerBy: "2025-03-05T12:00:00Z" }, "2025-03-03T11:00:00Z"],
    ]);
    expect(waiting).toMatchObject({ state: "requested", commitToCommitBy: "2025-03-05T12:00:00.000Z", firstResponseAt: "2025-03-03T11:00:00.000Z" });
    const answered = playMoves(waiting, [["performer", "promise", "2025-03-05T10:00:00Z"]]);
    expect(answered).toMatchObject({ state: "promised", commitToCommitBy: null, firstResponseAt: "2025-03-03T11:00:00.000Z" });
  });

  it("renegotiation: the old promise stands until the other side accepts", () => {
    const promised = playMoves(base, [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
    ]);
    const proposed = playMoves(promised, [["performer", { name: "propose_renegotiation", dueAt: "2025-03-21T17:00:00Z" }, "2025-03-10T09:00:00Z"]]);
    expect(proposed).toMatchObject({
      state: "promised",
      dueAt: fixtureDueAt,
      pendingRenegotiation: { by: "performer", personId: "person-ben", at: "2025-03-10T09:00:00.000Z", dueAt: "2025-03-21T17:00:00.000Z" },
      negotiationRounds: 1,
    });
    const accepted = playMoves(proposed, [["customer", "accept_renegotiation", "2025-03-10T10:00:00Z"]]);
    expect(accepted).toMatchObject({ dueAt: "2025-03-21T17:00:00.000Z", conditions: base.conditions, pendingRenegotiation: null });
    expect(accepted.history.at(-1)).toMatchObject({ move: "accept_renegotiation", dueAt: "2025-03-21T17:00:00.000Z" });
    const rejected = playMoves(proposed, [["customer", "reject_renegotiation", "2025-03-10T10:00:00Z"]]);
    expect(rejected).toMatchObject({ dueAt: fixtureDueAt, pendingRenegotiation: null });
    const reported = playMoves(proposed, [["performer", "report", "2025-03-11T10:00:00Z"]]);
    expect(reported).toMatchObject({ state: "reported", pendingRenegotiation: null, reportedAt: "2025-03-11T10:00:00.000Z" });
  });

  it("not done yet returns to promised; closing sets closedAt", () => {
    const c = playMoves(base, [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["performer", "report", "2025-03-10T11:00:00Z"],
      ["customer", { name: "reject_report", message: "Site 3 is missing" }, "2025-03-10T12:00:00Z"],
    ]);
    expect(c).toMatchObject({ state: "promised", closedAt: null, reportedAt: "2025-03-10T11:00:00.000Z", promisedAt: "2025-03-03T11:00:00.000Z" });
    const done = playMoves(c, [
      ["performer", "report", "2025-03-11T11:00:00Z"],
      ["customer", "accept", "2025-03-11T12:00:00Z"],
    ]);
    expect(done).toMatchObject({ state: "accepted", closedAt: "2025-03-11T12:00:00.000Z", reportedAt: "2025-03-11T11:00:00.000Z" });
  });
});

describe("applyMove validation", () => {
  const base = buildCommitment();
  const requested = playMoves(base, [["customer", "request", "2025-03-03T10:00:00Z"]]);
  const ben = { personId: "person-ben" };
  const at = new Date("2025-03-03T11:00:00Z");

  it.each<[string, Commitment, MoveInput, string]>([
    ["a counter without new terms", requested, { name: "counter" }, "conditions"],
    ["a counter repeating the current terms", requested, { name: "counter", dueAt: fixtureDueAt, conditions: base.conditions }, "conditions"],
    ["a counter with a due date in the past", requested, { name: "counter", dueAt: "2025-03-01T00:00:00Z" }, "dueAt"],
    ["a counter with a date that is not an instant", requested, { name: "counter", dueAt: "next Friday" }, "dueAt"],
    ["a counter with a date without offset", requested, { name: "counter", dueAt: "2025-03-20T17:00:00" }, "dueAt"],
    ["a counter with an unknown time zone", requested, { name: "counter", dueAt: "2025-03-20T17:00:00Z", timeZone: "Mars/Olympus" }, "timeZone"],
    ["a counter with empty conditions", requested, { name: "counter", conditions: "  " }, "conditions"],
    ["a promise carrying terms", requested, { name: "promise", dueAt: "2025-03-20T17:00:00Z" }, "conditions"],
    ["a promise carrying an answer-by date", requested, { name: "promise", answerBy: "2025-03-20T17:00:00Z" }, "answerBy"],
    ["commit-to-commit without a date", requested, { name: "commit_to_commit" }, "answerBy"],
    ["commit-to-commit with a past date", requested, { name: "commit_to_commit", answerBy: "2025-03-03T10:30:00Z" }, "answerBy"],
  ])("rejects %s", (_name, commitment, input, field) => {
    const error = errorOf(() => applyMove(commitment, input, ben, at));
    expect(error.code).toBe("validation_failed");
    expect(error.details).toMatchObject({ field });
  });

  it("rejects a request whose due date has passed", () => {
    const error = errorOf(() => applyMove(base, "request", { personId: "person-ana" }, new Date("2025-03-15T00:00:00Z")));
    expect(error).toMatchObject({ code: "validation_failed", details: { field: "dueAt" } });
  });

  it("rejects a request without conditions of satisfaction", () => {
    const error = errorOf(() => applyMove(buildCommitment({ conditions: "" }), "request", { personId: "person-ana" }, at));
    expect(error).toMatchObject({ code: "validation_failed", details: { field: "conditions" } });
  });

  it("rejects a move dated before the previous one", () => {
    const error = errorOf(() => applyMove(requested, "promise", ben, new Date("2025-03-03T09:59:59Z")));
    expect(error).toMatchObject({ code: "validation_failed", details: { field: "at" } });
  });

  it("checks legality before the payload", () => {
    const error = errorOf(() => applyMove(requested, { name: "report", dueAt: "nonsense" }, ben, at));
    expect(error.code).toBe("illegal_move");
  });

  it("explains why renege and revoke depend on the due date", () => {
    const promised = playMoves(requested, [["performer", "promise", "2025-03-03T11:00:00Z"]]);
    const early = errorOf(() => applyMove(promised, "renege", ben, new Date("2025-03-10T00:00:00Z")));
    expect(early).toMatchObject({ code: "illegal_move", details: { state: "promised", move: "renege", speaker: "performer", reason: "came_due", dueAt: fixtureDueAt } });
    expect(early.message).toContain("release it with notice");
    const late = errorOf(() => applyMove(promised, "revoke", ben, new Date("2025-03-15T00:00:00Z")));
    expect(late).toMatchObject({ code: "illegal_move", details: { reason: "before_due" } });
  });

  it("says who may answer a pending proposal", () => {
    const proposed = playMoves(requested, [
      ["performer", "promise", "2025-03-03T11:00:00Z"],
      ["customer", { name: "propose_renegotiation", conditions: "Also scope 3" }, "2025-03-04T11:00:00Z"],
    ]);
    const own = errorOf(() => applyMove(proposed, "accept_renegotiation", { personId: "person-ana" }, new Date("2025-03-04T12:00:00Z")));
    expect(own).toMatchObject({ code: "illegal_move", details: { allowed: ["performer"], reason: "pending_from_other" } });
    const again = errorOf(() => applyMove(proposed, { name: "propose_renegotiation", conditions: "x" }, ben, new Date("2025-03-04T12:00:00Z")));
    expect(again).toMatchObject({ code: "illegal_move", details: { reason: "no_pending_renegotiation" } });
  });

  it("a facilitator who is also a party moves as that party", () => {
    const c = applyMove(base, "request", { personId: "person-ana", roles: ["facilitator"] }, at);
    expect(c.state).toBe("requested");
  });

  it("the facilitator's refusal says they may nudge", () => {
    const error = errorOf(() => applyMove(requested, "promise", { ...facilitatorActor }, at));
    expect(error.message).toContain("nudge");
  });

  it("starts with version 1 and the draft's data", () => {
    expect(base).toMatchObject({ state: "start", version: 1, history: [], createdAt: fixtureStart.toISOString() });
  });
});
