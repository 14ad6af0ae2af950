// Builders for tests (here and in db/server): fixed people, seats and dates, no clock.
import { applyMove, type MoveInput } from "./apply-move";
import { createCommitment, type Commitment, type CommitmentActor, type CommitmentRole, type NewCommitment } from "./commitment";
import type { MoveName } from "./moves";

/** Ana asks on behalf of the North seat. */
export const customerParty = { personId: "person-ana", seatId: "seat-north" } as const;
/** Ben performs on behalf of the South seat. */
export const performerParty = { personId: "person-ben", seatId: "seat-south" } as const;
/** A facilitator of the alliance who holds no seat. */
export const facilitatorActor: CommitmentActor = { personId: "person-fay", roles: ["facilitator"] };
/** A member of the alliance who is not a party. */
export const strangerActor: CommitmentActor = { personId: "person-sam", roles: ["member"] };

/** Monday 3 March 2025, 09:00 UTC: the day every fixture starts. */
export const fixtureStart = new Date("2025-03-03T09:00:00.000Z");
/** The draft's due date: Friday 14 March 2025, 17:00 UTC. */
export const fixtureDueAt = "2025-03-14T17:00:00.000Z";

/** A draft commitment (state `start`) between Ana (North) and Ben (South), with overrides. */
export function buildCommitment(overrides: Partial<NewCommitment> = {}, at: Date = fixtureStart): Commitment {
  return createCommitment(
    {
      id: "commitment-1",
      allianceId: "alliance-1",
      customer: { ...customerParty },
      performer: { ...performerParty },
      title: "Share the baseline emissions data",
      conditions: "CSV of 2024 scope 1-2 emissions per site, reviewed by the data lead",
      dueAt: fixtureDueAt,
      timeZone: "Europe/Berlin",
      visibility: { level: "alliance" },
      ...overrides,
    },
    at,
  );
}

/** One scripted step: who speaks (by role), the move, and when. */
export type ScriptStep = readonly [role: CommitmentRole, move: MoveName | MoveInput, at: string];

/** Plays scripted moves on a commitment; the speaker of each step is the party holding the role. */
export function playMoves(commitment: Commitment, steps: readonly ScriptStep[]): Commitment {
  let current = commitment;
  for (const [role, move, at] of steps) {
    const speaker = role === "customer" ? current.customer : current.performer;
    current = applyMove(current, move, { personId: speaker.personId }, new Date(at));
  }
  return current;
}
