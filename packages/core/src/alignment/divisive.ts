import type { GroupVoteCounts } from "./group-votes";

/** Thresholds of Trellis's divisive list (see selectDivisiveStatements). */
export interface DivisiveOptions {
  /** Smallest spread max_g pa - min_g pa. Default 0.3. */
  readonly minSpread?: number;
  /** A group takes part in the spread only with at least this many votes on the statement. Default 3. */
  readonly minGroupVotes?: number;
  /** Longest list. Default 10. */
  readonly limit?: number;
}

/** A statement on which the opinion groups part ways. */
export interface DivisiveStatement {
  readonly id: string;
  /** max_g pa - min_g pa over the groups with enough votes. */
  readonly spread: number;
  readonly gac: number;
  /** pa = (1 + A_g) / (2 + S_g) per group (index = group id). */
  readonly groupAgreeProbabilities: readonly number[];
  readonly mostAgreeingGroup: number;
  readonly leastAgreeingGroup: number;
}

/**
 * Trellis's divisive list (reference step 11; Pol.is has none). The rule: with pa_g =
 * (1 + A_g) / (2 + S_g) over the groups with at least minGroupVotes votes on the statement
 * (at least two such groups),
 *   spread = max_g pa_g - min_g pa_g >= minSpread (0.3), and
 *   GAC < 0.5^k, i.e. the groups' geometric-mean agreement is below that of k undecided
 *   groups, so a statement every group leans towards (however unevenly) is never "divisive".
 * Ranked by spread (largest first), then GAC (lowest first), then statement order; excluded
 * statements never count.
 */
export function selectDivisiveStatements(
  counts: GroupVoteCounts,
  gac: Float64Array,
  statementIds: readonly string[],
  excluded: Uint8Array,
  options: DivisiveOptions = {},
): DivisiveStatement[] {
  const minSpread = options.minSpread ?? 0.3;
  const minGroupVotes = options.minGroupVotes ?? 3;
  const limit = options.limit ?? 10;
  const { k, nStatements: nS } = counts;
  const neutral = 0.5 ** k;
  const list: { c: number; item: DivisiveStatement }[] = [];
  if (k < 2) return [];
  for (let c = 0; c < nS; c += 1) {
    if (excluded[c] === 1) continue;
    const g = gac[c] as number;
    if (!(g < neutral)) continue;
    const probabilities: number[] = [];
    let most = -1;
    let least = -1;
    let qualified = 0;
    for (let group = 0; group < k; group += 1) {
      const votes = counts.votes[group * nS + c] as number;
      const pa = (1 + (counts.agrees[group * nS + c] as number)) / (2 + votes);
      probabilities.push(pa);
      if (votes < minGroupVotes) continue;
      qualified += 1;
      if (most < 0 || pa > (probabilities[most] as number)) most = group;
      if (least < 0 || pa < (probabilities[least] as number)) least = group;
    }
    if (qualified < 2) continue;
    const spread = (probabilities[most] as number) - (probabilities[least] as number);
    if (spread < minSpread) continue;
    list.push({ c, item: { id: statementIds[c] as string, spread, gac: g, groupAgreeProbabilities: probabilities, mostAgreeingGroup: most, leastAgreeingGroup: least } });
  }
  return list
    .sort((x, y) => y.item.spread - x.item.spread || x.item.gac - y.item.gac || x.c - y.c)
    .slice(0, limit)
    .map((x) => x.item);
}
