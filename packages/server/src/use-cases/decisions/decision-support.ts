import { createHash } from "node:crypto";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { tallyProposal, type Outcome, type SeatRef } from "@trellis/core/decisions";
import { listObjectionResponses, listPositions, listSeatRefs, type Db, type SeatRefRow, type StoredProposal, type Trx } from "@trellis/db";

/**
 * The key that keeps one position per person without naming the person: SHA-256 over the
 * proposal's secret salt and the person's id. Only the server, holding both, recomputes it (to
 * find "my position"); an anonymous position's row, event and export carry no person.
 */
export function authorKey(salt: string, personId: string): string {
  return createHash("sha256").update(`${salt}:${personId}`).digest("hex");
}

/** The alliance's seats as the tally needs them, and with names. */
export async function loadSeatRefs(db: Db | Trx, allianceId: string): Promise<{ seats: SeatRefRow[]; refs: SeatRef[] }> {
  const seats = await listSeatRefs(db, allianceId);
  return { seats, refs: seats.map((s) => ({ id: s.id, weight: s.weight })) };
}

/**
 * The seat a person takes a position for: the one asked for (it must be theirs), or their only
 * seat. Facilitators, observers and counsel hold no seat and take no positions.
 */
export function resolvePositionSeat(viewer: AllianceViewer, requested: string | null | undefined): string {
  const seatId = requested ?? (viewer.seatIds.length === 1 ? viewer.seatIds[0] : undefined);
  if (viewer.seatIds.length === 0) throw new AppError("forbidden", "Positions are taken on behalf of a seat: you act for none.", { reason: "no_seat" });
  if (seatId === undefined) throw new AppError("validation_failed", "You act for several seats: say which one (seatId).", { field: "seatId", reason: "required" });
  if (!can(viewer, "position.take", { seatId })) throw new AppError("forbidden", "You take positions only for a seat you act for.", { reason: "other_seat", seatId });
  return seatId;
}

/** True when the viewer may steward the proposal (close it, record its outcome): its proposer or a facilitator. */
export function canSteward(viewer: AllianceViewer, stored: StoredProposal, action: "proposal.close" | "outcome.record"): boolean {
  return stored.proposal.proposerId === viewer.personId || can(viewer, action);
}

/** Tallies a proposal from what is stored, at `now` (closed proposals keep the seats they closed with). */
export async function tallyStored(db: Db | Trx, stored: StoredProposal, seats: readonly SeatRef[], now: Date): Promise<Outcome> {
  const positions = (await listPositions(db, stored.proposal.id)).map((p) => p.position);
  const responses = (await listObjectionResponses(db, stored.proposal.id)).map((r) => r.response);
  return tallyProposal(stored.proposal, positions, { seats, now, objectionResponses: responses, adviceDecision: stored.adviceDecision });
}
