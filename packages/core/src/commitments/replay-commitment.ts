import { applyMove, type MoveInput } from "./apply-move";
import type { Commitment, MoveRecord } from "./commitment";
import { movePayloads } from "./moves";

/** The move input that reproduces a recorded move (terms only where the move carries them). */
export function moveInputOf(record: MoveRecord): MoveInput {
  const rule = movePayloads[record.move];
  const input: MoveInput = { name: record.move };
  if (record.message !== undefined) input.message = record.message;
  if (rule.terms !== "none") {
    if (record.conditions !== undefined) input.conditions = record.conditions;
    if (record.dueAt !== undefined) input.dueAt = record.dueAt;
    if (record.timeZone !== undefined) input.timeZone = record.timeZone;
  }
  if (rule.answerBy && record.answerBy !== undefined) input.answerBy = record.answerBy;
  return input;
}

/** The commitment as drafted, before its first move: identity, parties, title, links, draft terms. */
function draftOf(commitment: Commitment): Commitment {
  return {
    ...commitment,
    state: "start",
    version: commitment.version - commitment.history.length,
    pendingRenegotiation: null,
    commitToCommitBy: null,
    history: [],
    negotiationRounds: 0,
    openedAt: null,
    firstResponseAt: null,
    promisedAt: null,
    reportedAt: null,
    closedAt: null,
  };
}

/**
 * Rebuilds a commitment from its recorded moves. Everything but identity, parties, title,
 * links, visibility and version is derived again, so `replayCommitment(c)` equals `c` for any
 * commitment made by `applyMove`; a tampered history throws like the move would have.
 * When the history is empty the draft terms are kept (the first move records the terms it set).
 */
export function replayCommitment(commitment: Commitment, moves: readonly MoveRecord[] = commitment.history): Commitment {
  let current = draftOf(commitment);
  for (const record of moves) {
    current = applyMove(current, moveInputOf(record), { personId: record.by }, new Date(record.at));
  }
  return current;
}

/** The commitment as it stood at `asOf`: moves recorded after that instant are left out. */
export function commitmentAsOf(commitment: Commitment, asOf: Date): Commitment {
  const limit = asOf.getTime();
  const kept = commitment.history.filter((record) => Date.parse(record.at) <= limit);
  if (kept.length === commitment.history.length) return commitment;
  return replayCommitment(commitment, kept);
}
