import type { VoteMatrix } from "./vote-matrix";

/** The part of an analysis that seat divergence needs: each participant's group. */
export interface GroupedParticipants {
  readonly k: number;
  readonly participants: readonly { readonly id: string; readonly group: number | null }[];
}

/** How a seat's delegates spread over the opinion groups. */
export interface SeatGroups {
  readonly seatId: string;
  readonly participants: number;
  /** Delegates per group (index = group id). */
  readonly groupCounts: readonly number[];
  readonly unclustered: number;
  /** True when the seat's own clustered delegates fall in two or more groups. */
  readonly isSplit: boolean;
}

/** A seat's votes on one statement. */
export interface SeatTally {
  readonly votes: number;
  readonly agrees: number;
  readonly disagrees: number;
  readonly passes: number;
  /** Mean vote (agree 1, pass 0, disagree -1). */
  readonly mean: number;
}

/** One statement two seats differ on. */
export interface SeatStatementDifference {
  readonly id: string;
  /** mean of the first seat - mean of the second. */
  readonly difference: number;
  readonly first: SeatTally;
  readonly second: SeatTally;
}

/** Divergence between two seats. */
export interface SeatPairDivergence {
  readonly seats: readonly [string, string];
  /** True when both seats have clustered delegates and no group holds delegates of both. */
  readonly inDifferentGroups: boolean;
  /** Statements both seats voted on (minVotes each). */
  readonly sharedStatements: number;
  /** Mean |difference of mean votes| over the shared statements (0..2). */
  readonly meanAbsoluteDifference: number;
  /** The statements with the largest |difference|, largest first. */
  readonly statements: readonly SeatStatementDifference[];
}

/** Where partners' delegates diverge (Trellis's per-seat divisive view). */
export interface SeatDivergence {
  readonly seats: readonly SeatGroups[];
  readonly splitSeats: readonly string[];
  /** Every pair of seats, most divergent first. */
  readonly pairs: readonly SeatPairDivergence[];
}

/** Options of computeSeatDivergence. */
export interface SeatDivergenceOptions {
  /** Statements listed per pair. Default 5. */
  readonly limit?: number;
  /** Votes each seat needs on a statement for it to be compared. Default 1. */
  readonly minVotes?: number;
}

/**
 * Per-seat divergence: which seats' delegates fall in different opinion groups (and which
 * seats are split internally), and per pair of seats the statements with the largest
 * difference in mean vote (votes as cast, passes 0; excluded statements skipped), with counts.
 * Participants without a seat are ignored. Seats are ordered by id.
 */
export function computeSeatDivergence(
  matrix: VoteMatrix,
  grouped: GroupedParticipants,
  seatOf: ReadonlyMap<string, string>,
  options: SeatDivergenceOptions = {},
): SeatDivergence {
  const limit = options.limit ?? 5;
  const minVotes = Math.max(1, options.minVotes ?? 1);
  const groupById = new Map<string, number | null>();
  for (const p of grouped.participants) groupById.set(p.id, p.group);
  const seatIds = [...new Set(matrix.participantIds.map((id) => seatOf.get(id)).filter((s): s is string => s !== undefined))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const seatIndex = new Map(seatIds.map((s, i) => [s, i]));
  const nSeats = seatIds.length;
  const nS = matrix.statementIds.length;
  const k = grouped.k;
  const groupCounts = seatIds.map(() => new Array<number>(k).fill(0));
  const participants = new Int32Array(nSeats);
  const unclustered = new Int32Array(nSeats);
  const votes = new Int32Array(nSeats * nS);
  const agrees = new Int32Array(nSeats * nS);
  const disagrees = new Int32Array(nSeats * nS);
  matrix.participantIds.forEach((id, i) => {
    const seat = seatOf.get(id);
    if (seat === undefined) return;
    const s = seatIndex.get(seat) as number;
    participants[s] = (participants[s] as number) + 1;
    const group = groupById.get(id) ?? null;
    const counts = groupCounts[s] as number[];
    if (group === null || group < 0 || group >= k) unclustered[s] = (unclustered[s] as number) + 1;
    else counts[group] = (counts[group] as number) + 1;
    for (let e = matrix.rowStart[i] as number; e < (matrix.rowStart[i + 1] as number); e += 1) {
      const c = matrix.columns[e] as number;
      const cell = s * nS + c;
      votes[cell] = (votes[cell] as number) + 1;
      const v = matrix.votes[e] as number;
      if (v === 1) agrees[cell] = (agrees[cell] as number) + 1;
      else if (v === -1) disagrees[cell] = (disagrees[cell] as number) + 1;
    }
  });

  const seats: SeatGroups[] = seatIds.map((seatId, s) => {
    const counts = groupCounts[s] as number[];
    return {
      seatId,
      participants: participants[s] as number,
      groupCounts: counts,
      unclustered: unclustered[s] as number,
      isSplit: counts.filter((n) => n > 0).length >= 2,
    };
  });

  const tally = (s: number, c: number): SeatTally => {
    const cell = s * nS + c;
    const n = votes[cell] as number;
    const a = agrees[cell] as number;
    const d = disagrees[cell] as number;
    return { votes: n, agrees: a, disagrees: d, passes: n - a - d, mean: n > 0 ? (a - d) / n : 0 };
  };

  const pairs: SeatPairDivergence[] = [];
  for (let s1 = 0; s1 < nSeats; s1 += 1) {
    for (let s2 = s1 + 1; s2 < nSeats; s2 += 1) {
      const differences: { c: number; difference: number }[] = [];
      let sum = 0;
      for (let c = 0; c < nS; c += 1) {
        if (matrix.excluded[c] === 1) continue;
        const n1 = votes[s1 * nS + c] as number;
        const n2 = votes[s2 * nS + c] as number;
        if (n1 < minVotes || n2 < minVotes) continue;
        const m1 = ((agrees[s1 * nS + c] as number) - (disagrees[s1 * nS + c] as number)) / n1;
        const m2 = ((agrees[s2 * nS + c] as number) - (disagrees[s2 * nS + c] as number)) / n2;
        differences.push({ c, difference: m1 - m2 });
        sum += Math.abs(m1 - m2);
      }
      differences.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.c - y.c);
      const g1 = groupCounts[s1] as number[];
      const g2 = groupCounts[s2] as number[];
      const hasClustered1 = g1.some((n) => n > 0);
      const hasClustered2 = g2.some((n) => n > 0);
      const shareGroup = g1.some((n, g) => n > 0 && (g2[g] as number) > 0);
      pairs.push({
        seats: [seatIds[s1] as string, seatIds[s2] as string],
        inDifferentGroups: hasClustered1 && hasClustered2 && !shareGroup,
        sharedStatements: differences.length,
        meanAbsoluteDifference: differences.length > 0 ? sum / differences.length : 0,
        statements: differences.slice(0, limit).map(({ c, difference }) => ({
          id: matrix.statementIds[c] as string,
          difference,
          first: tally(s1, c),
          second: tally(s2, c),
        })),
      });
    }
  }
  const order = pairs.map((p, i) => ({ p, i })).sort((x, y) => y.p.meanAbsoluteDifference - x.p.meanAbsoluteDifference || x.i - y.i);
  return { seats, splitSeats: seats.filter((s) => s.isSplit).map((s) => s.seatId), pairs: order.map((x) => x.p) };
}
