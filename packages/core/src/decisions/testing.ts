import type { DecisionMethod, Position, PositionValue, Proposal, SeatRef, Stance } from "./types";

/** Test factory: a proposal with sensible defaults (consent, open, no quorum, majority seat rule). */
export function buildProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: "proposal-1",
    proposerId: "proposer",
    proposerSeatId: "s1",
    method: { kind: "consent" },
    options: [],
    closesAt: "2026-06-01T12:00:00Z",
    closedAt: null,
    hiddenUntilClose: false,
    anonymous: false,
    quorum: { kind: "none" },
    seatRule: "majority",
    ...overrides,
  };
}

/** Test factory: options o1..oN (slots an hour apart from 2026-07-01 09:00 UTC for meeting time). */
export function buildOptions(count: number, method: DecisionMethod["kind"] = "score"): Proposal["options"] {
  return Array.from({ length: count }, (_, i) => ({
    id: `o${i + 1}`,
    label: `Option ${i + 1}`,
    startsAt: method === "meeting_time" ? `2026-07-01T${String(9 + i).padStart(2, "0")}:00:00Z` : null,
  }));
}

/** Test factory: seats s1..sN with weight 1 unless given. */
export function buildSeats(count: number, weights: readonly number[] = []): SeatRef[] {
  return Array.from({ length: count }, (_, i) => ({ id: `s${i + 1}`, weight: weights[i] ?? 1 }));
}

/** Test factory: a position; the id defaults to `${personId}-position`. */
export function buildPosition(personId: string, seatId: string, value: PositionValue, reason: string | null = null): Position {
  return { id: `${personId}-position`, personId, seatId, value, reason };
}

/** Test factory: a stance position, with a reason for the stances that need one. */
export function stancePosition(personId: string, seatId: string, stance: Stance, reason?: string | null): Position {
  const needsReason = stance === "object" || stance === "block";
  return buildPosition(personId, seatId, { kind: "stance", stance }, reason === undefined ? (needsReason ? `why ${personId}` : null) : reason);
}
