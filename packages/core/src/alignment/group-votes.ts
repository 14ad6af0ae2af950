import type { VoteMatrix } from "./vote-matrix";

/**
 * Vote counts per group and statement, flat `g * nStatements + c`, plus totals over every
 * voter. Counts read votes as cast (also on excluded statements, so GAC matches Pol.is's
 * exports); excluded statements are kept out of every list by the callers.
 */
export interface GroupVoteCounts {
  readonly k: number;
  readonly nStatements: number;
  readonly agrees: Int32Array;
  readonly disagrees: Int32Array;
  /** Votes including passes. */
  readonly votes: Int32Array;
  readonly totalAgrees: Int32Array;
  readonly totalDisagrees: Int32Array;
  readonly totalVotes: Int32Array;
}

/** Counts agrees, disagrees and votes per group (groupOf[i] = -1 for unclustered) and over all participants. */
export function countGroupVotes(matrix: VoteMatrix, groupOf: Int32Array, k: number): GroupVoteCounts {
  const nS = matrix.statementIds.length;
  const agrees = new Int32Array(k * nS);
  const disagrees = new Int32Array(k * nS);
  const votes = new Int32Array(k * nS);
  const totalAgrees = new Int32Array(nS);
  const totalDisagrees = new Int32Array(nS);
  const totalVotes = new Int32Array(nS);
  const { rowStart, columns } = matrix;
  const cast = matrix.votes;
  for (let i = 0; i < matrix.participantIds.length; i += 1) {
    const g = groupOf[i] as number;
    const offset = g >= 0 ? g * nS : -1;
    for (let e = rowStart[i] as number; e < (rowStart[i + 1] as number); e += 1) {
      const c = columns[e] as number;
      const v = cast[e] as number;
      totalVotes[c] = (totalVotes[c] as number) + 1;
      if (v === 1) totalAgrees[c] = (totalAgrees[c] as number) + 1;
      else if (v === -1) totalDisagrees[c] = (totalDisagrees[c] as number) + 1;
      if (offset < 0) continue;
      const cell = offset + c;
      votes[cell] = (votes[cell] as number) + 1;
      if (v === 1) agrees[cell] = (agrees[cell] as number) + 1;
      else if (v === -1) disagrees[cell] = (disagrees[cell] as number) + 1;
    }
  }
  return { k, nStatements: nS, agrees, disagrees, votes, totalAgrees, totalDisagrees, totalVotes };
}
