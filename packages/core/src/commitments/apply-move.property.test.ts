import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMove, availableMoves, type MoveInput } from "./apply-move";
import type { Commitment, CommitmentRole, CommitmentState } from "./commitment";
import { buildCommitment, fixtureStart } from "./fixtures";
import type { MoveName } from "./moves";
import { commitmentAsOf, replayCommitment } from "./replay-commitment";

// Target state of each move from each state, written out again from the reference and the
// extensions (independently of moves.ts), to check that the state equals the replay of history.
const targets: Partial<Record<CommitmentState, Partial<Record<MoveName, CommitmentState>>>> = {
  start: { request: "requested", offer: "countered" },
  requested: { promise: "promised", counter: "countered", decline: "declined", withdraw: "declined", commit_to_commit: "requested" },
  countered: { accept_counter: "promised", counter_again: "requested", reject_counter: "declined", withdraw: "declined" },
  promised: {
    report: "reported",
    renege: "reneged",
    cancel: "cancelled",
    revoke: "revoked",
    propose_renegotiation: "promised",
    accept_renegotiation: "promised",
    reject_renegotiation: "promised",
    withdraw_renegotiation: "promised",
  },
  reported: { accept: "accepted", reject_report: "promised", cancel: "cancelled" },
};
const terminal: CommitmentState[] = ["accepted", "reneged", "declined", "cancelled", "revoked"];
const hourMs = 3_600_000;
const seenMoves = new Set<MoveName>();
const seenStates = new Set<CommitmentState>();

function inputFor(move: MoveName, at: Date, days: number, variant: number): MoveInput {
  const later = new Date(at.getTime() + days * 24 * hourMs).toISOString();
  switch (move) {
    case "counter":
    case "counter_again":
    case "propose_renegotiation":
      // Vary which part of the terms changes: conditions, date, or both.
      if (variant % 3 === 0) return { name: move, conditions: `Conditions ${at.toISOString()}` };
      if (variant % 3 === 1) return { name: move, dueAt: later };
      return { name: move, dueAt: later, conditions: `Conditions ${at.toISOString()}`, timeZone: "America/New_York" };
    case "commit_to_commit":
      return { name: move, answerBy: later };
    default:
      return variant % 4 === 0 ? { name: move, message: `Note on ${move}` } : { name: move };
  }
}

interface Step {
  pick: number;
  hours: number;
  days: number;
  variant: number;
}

const stepArb = fc.record({
  pick: fc.nat(),
  hours: fc.integer({ min: 0, max: 96 }),
  days: fc.integer({ min: 1, max: 20 }),
  variant: fc.nat(),
});

function run(steps: readonly Step[]): { commitment: Commitment; applied: number; times: Date[] } {
  let commitment = buildCommitment();
  let at = fixtureStart;
  const times: Date[] = [];
  let applied = 0;
  for (const step of steps) {
    at = new Date(at.getTime() + step.hours * hourMs);
    const options = (["customer", "performer"] as const).flatMap((role) =>
      availableMoves(commitment, { personId: commitment[role].personId }, at).map((move) => ({ role, move })),
    );
    if (options.length === 0) break;
    // Closing moves are picked one time in five, so sequences also reach the late states.
    const continuing = options.filter(({ move }) => !terminal.includes(targets[commitment.state]?.[move] ?? "start"));
    const pool = continuing.length > 0 && step.variant % 5 !== 0 ? continuing : options;
    const choice = pool[step.pick % pool.length] as { role: CommitmentRole; move: MoveName };
    seenMoves.add(choice.move);
    const before = commitment;
    commitment = applyMove(commitment, inputFor(choice.move, at, step.days, step.variant), { personId: commitment[choice.role].personId }, at);
    applied += 1;
    times.push(at);
    // Each move leads where the independent table says.
    expect(commitment.state).toBe(targets[before.state]?.[choice.move]);
  }
  return { commitment, applied, times };
}

function checkInvariants(c: Commitment, applied: number): void {
  const at = new Date(Date.parse(c.history.at(-1)?.at ?? fixtureStart.toISOString()) + hourMs);
  const customer = { personId: c.customer.personId };
  const performer = { personId: c.performer.personId };
  const moves = [...availableMoves(c, customer, at), ...availableMoves(c, performer, at)];

  // History length equals the number of applied moves; the version counts them too.
  expect(c.history).toHaveLength(applied);
  expect(c.version).toBe(1 + applied);

  // Terminal states admit no moves; open states always admit one (no dead ends).
  if (terminal.includes(c.state)) expect(moves).toEqual([]);
  else expect(moves.length).toBeGreaterThan(0);
  expect(c.closedAt !== null).toBe(terminal.includes(c.state));

  // The state equals the replay of the history: through the independent table, and through replayCommitment.
  let state: CommitmentState = "start";
  for (const record of c.history) {
    const next = targets[state]?.[record.move];
    expect(next, `${state} -> ${record.move}`).toBeDefined();
    state = next as CommitmentState;
  }
  expect(c.state).toBe(state);
  expect(replayCommitment(c)).toEqual(c);

  // Times never go backwards.
  const times = c.history.map((r) => Date.parse(r.at));
  expect([...times].sort((a, b) => a - b)).toEqual(times);

  const last = c.history.at(-1);
  // Accepted only after a report; closures of a promised commitment: completion and cancellation
  // are the customer's declaration; renege (once due) and revoke (before due) are the performer's.
  if (c.state === "accepted") expect(c.history.at(-2)?.move).toBe("report");
  if (c.state === "accepted" || c.state === "cancelled") expect(last?.role).toBe("customer");
  if (c.state === "reneged") {
    expect(last?.role).toBe("performer");
    expect(Date.parse(last?.at ?? "")).toBeGreaterThanOrEqual(Date.parse(c.dueAt));
  }
  if (c.state === "revoked") {
    expect(last?.role).toBe("performer");
    expect(Date.parse(last?.at ?? "")).toBeLessThan(Date.parse(c.dueAt));
  }
  if (c.state === "reported") expect(last?.move).toBe("report");
  if (["accepted", "reported", "reneged", "cancelled", "revoked"].includes(c.state)) expect(c.promisedAt).not.toBeNull();

  // Side records exist only in the states they belong to.
  if (c.pendingRenegotiation !== null) expect(c.state).toBe("promised");
  if (c.commitToCommitBy !== null) expect(c.state).toBe("requested");

  // Every speaker is the party of the role recorded.
  for (const record of c.history) expect(record.by).toBe(c[record.role].personId);

  // Rounds of negotiation are the moves that put new terms on the table.
  expect(c.negotiationRounds).toBe(c.history.filter((r) => ["counter", "counter_again", "propose_renegotiation"].includes(r.move)).length);
}

describe("random legal sequences of moves", () => {
  it("always end in a consistent state", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const { commitment, applied } = run(steps);
        seenStates.add(commitment.state);
        checkInvariants(commitment, applied);
      }),
      { seed: 20250303, numRuns: 500 },
    );
    // The sequences are worth something only if they visit the whole machine.
    expect(seenStates.size).toBe(10);
    expect(seenMoves.size).toBe(20);
  });

  it("every prefix of a history, taken as of its time, is itself consistent", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 20 }), fc.nat(), (steps, cut) => {
        const { commitment, times } = run(steps);
        if (times.length === 0) return;
        const index = cut % times.length;
        const asOf = times[index] as Date;
        const snapshot = commitmentAsOf(commitment, asOf);
        const kept = commitment.history.filter((r) => Date.parse(r.at) <= asOf.getTime()).length;
        checkInvariants(snapshot, kept);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
