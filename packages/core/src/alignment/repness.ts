import type { GroupVoteCounts } from "./group-votes";

/** One-sided 90% significance threshold of the z tests (reference step 7). */
export const Z_90 = 1.2816;

/** prop_test(s, n) = 2 sqrt(n + 1) ((s + 1) / (n + 1) - 0.5) (reference step 7). */
export function propTest(successes: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5);
}

/**
 * two_prop_test(s1, s2, n1, n2) with one added to each count: p1 = s1/n1, p2 = s2/n2,
 * p = (s1 + s2)/(n1 + n2), z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)); 0 when p = 1
 * (reference step 7).
 */
export function twoPropTest(s1: number, s2: number, n1: number, n2: number): number {
  const a1 = s1 + 1;
  const a2 = s2 + 1;
  const m1 = n1 + 1;
  const m2 = n2 + 1;
  const p1 = a1 / m1;
  const p2 = a2 / m2;
  const p = (a1 + a2) / (m1 + m2);
  if (p === 1) return 0;
  return (p1 - p2) / Math.sqrt(p * (1 - p) * (1 / m1 + 1 / m2));
}

/** Repness statistics of one statement for one group against the rest (reference step 7). */
export interface RepnessStats {
  readonly pa: number;
  readonly pd: number;
  readonly pat: number;
  readonly pdt: number;
  readonly ra: number;
  readonly rd: number;
  readonly rat: number;
  readonly rdt: number;
}

/** Computes pa, pd, pat, pdt, ra, rd, rat, rdt from a group's and the rest's counts (reference step 7). */
export function computeRepnessStats(agrees: number, disagrees: number, votes: number, restAgrees: number, restDisagrees: number, restVotes: number): RepnessStats {
  const pa = (1 + agrees) / (2 + votes);
  const pd = (1 + disagrees) / (2 + votes);
  return {
    pa,
    pd,
    pat: propTest(agrees, votes),
    pdt: propTest(disagrees, votes),
    ra: pa / ((1 + restAgrees) / (2 + restVotes)),
    rd: pd / ((1 + restDisagrees) / (2 + restVotes)),
    rat: twoPropTest(agrees, restAgrees, votes, restVotes),
    rdt: twoPropTest(disagrees, restDisagrees, votes, restVotes),
  };
}

/** A statement that represents a group. */
export interface RepresentativeStatement {
  /** Statement id. */
  readonly id: string;
  readonly direction: "agree" | "disagree";
  /** ra or rd: how much more likely the group is to agree (disagree) than the rest. */
  readonly repness: number;
  /** rat or rdt: the two-proportion z of that difference. */
  readonly test: number;
  /** pa or pd: the group's probability of agreeing (disagreeing). */
  readonly probability: number;
  /** pat or pdt. */
  readonly probabilityTest: number;
  /** repness x test x probability x probabilityTest: the ranking metric. */
  readonly metric: number;
  readonly agrees: number;
  readonly disagrees: number;
  readonly votes: number;
  /** Full statistics, both directions. */
  readonly stats: RepnessStats;
}

/**
 * Representative statements of group g (reference step 7): significant when (rat and pat) or
 * (rdt and pdt) exceed Z_90; direction agree when rat > rdt; ranked by
 * repness x test x p x p_test; the top `limit`, agrees listed first. Excluded statements never count.
 */
export function selectRepresentativeStatements(
  counts: GroupVoteCounts,
  group: number,
  statementIds: readonly string[],
  excluded: Uint8Array,
  limit = 5,
): RepresentativeStatement[] {
  const nS = counts.nStatements;
  const candidates: { statement: number; item: RepresentativeStatement }[] = [];
  for (let c = 0; c < nS; c += 1) {
    if (excluded[c] === 1) continue;
    let allAgrees = 0;
    let allDisagrees = 0;
    let allVotes = 0;
    for (let g = 0; g < counts.k; g += 1) {
      allAgrees += counts.agrees[g * nS + c] as number;
      allDisagrees += counts.disagrees[g * nS + c] as number;
      allVotes += counts.votes[g * nS + c] as number;
    }
    const cell = group * nS + c;
    const a = counts.agrees[cell] as number;
    const d = counts.disagrees[cell] as number;
    const n = counts.votes[cell] as number;
    const stats = computeRepnessStats(a, d, n, allAgrees - a, allDisagrees - d, allVotes - n);
    const agreeSignificant = stats.rat > Z_90 && stats.pat > Z_90;
    const disagreeSignificant = stats.rdt > Z_90 && stats.pdt > Z_90;
    if (!agreeSignificant && !disagreeSignificant) continue;
    const isAgree = stats.rat > stats.rdt;
    const repness = isAgree ? stats.ra : stats.rd;
    const test = isAgree ? stats.rat : stats.rdt;
    const probability = isAgree ? stats.pa : stats.pd;
    const probabilityTest = isAgree ? stats.pat : stats.pdt;
    candidates.push({
      statement: c,
      item: {
        id: statementIds[c] as string,
        direction: isAgree ? "agree" : "disagree",
        repness,
        test,
        probability,
        probabilityTest,
        metric: repness * test * probability * probabilityTest,
        agrees: a,
        disagrees: d,
        votes: n,
        stats,
      },
    });
  }
  candidates.sort((x, y) => y.item.metric - x.item.metric || x.statement - y.statement);
  const top = candidates.slice(0, limit);
  return [...top.filter((t) => t.item.direction === "agree"), ...top.filter((t) => t.item.direction === "disagree")].map((t) => t.item);
}

/** A statement that everyone shares (agree or disagree). */
export interface ConsensusStatement {
  readonly id: string;
  /** pa (agree list) or pd (disagree list) over all voters. */
  readonly probability: number;
  /** pat or pdt. */
  readonly test: number;
  readonly agrees: number;
  readonly disagrees: number;
  readonly votes: number;
}

/**
 * Consensus over all voters (reference step 8): agree list = pa > 0.5 and pat > Z_90 ranked
 * by pa x pat, top `limit`; disagree list likewise with pd, pdt. Excluded statements never count.
 */
export function selectConsensusStatements(
  counts: GroupVoteCounts,
  statementIds: readonly string[],
  excluded: Uint8Array,
  limit = 5,
): { agree: ConsensusStatement[]; disagree: ConsensusStatement[] } {
  const agree: { c: number; score: number; item: ConsensusStatement }[] = [];
  const disagree: { c: number; score: number; item: ConsensusStatement }[] = [];
  for (let c = 0; c < counts.nStatements; c += 1) {
    if (excluded[c] === 1) continue;
    const a = counts.totalAgrees[c] as number;
    const d = counts.totalDisagrees[c] as number;
    const n = counts.totalVotes[c] as number;
    if (n === 0) continue;
    const pa = (1 + a) / (2 + n);
    const pd = (1 + d) / (2 + n);
    const pat = propTest(a, n);
    const pdt = propTest(d, n);
    const base = { id: statementIds[c] as string, agrees: a, disagrees: d, votes: n };
    if (pa > 0.5 && pat > Z_90) agree.push({ c, score: pa * pat, item: { ...base, probability: pa, test: pat } });
    if (pd > 0.5 && pdt > Z_90) disagree.push({ c, score: pd * pdt, item: { ...base, probability: pd, test: pdt } });
  }
  const rank = (list: { c: number; score: number; item: ConsensusStatement }[]): ConsensusStatement[] =>
    list
      .sort((x, y) => y.score - x.score || x.c - y.c)
      .slice(0, limit)
      .map((x) => x.item);
  return { agree: rank(agree), disagree: rank(disagree) };
}

/**
 * Group-aware consensus per statement (reference step 9): the product over groups of
 * (A_g + 1) / (S_g + 2). With no groups the empty product, 1.
 */
export function computeGroupAwareConsensus(counts: GroupVoteCounts): Float64Array {
  const nS = counts.nStatements;
  const gac = new Float64Array(nS).fill(1);
  for (let g = 0; g < counts.k; g += 1) {
    for (let c = 0; c < nS; c += 1) {
      gac[c] = (gac[c] as number) * (((counts.agrees[g * nS + c] as number) + 1) / ((counts.votes[g * nS + c] as number) + 2));
    }
  }
  return gac;
}

/** A statement many voters pass on. */
export interface UncertainStatement {
  readonly id: string;
  readonly passes: number;
  readonly votes: number;
  readonly passRatio: number;
}

/** Uncertainty (reference step 10): statements where passes / votes > threshold (0.3), highest ratio first. */
export function selectUncertainStatements(
  counts: GroupVoteCounts,
  statementIds: readonly string[],
  excluded: Uint8Array,
  threshold = 0.3,
): UncertainStatement[] {
  const list: { c: number; item: UncertainStatement }[] = [];
  for (let c = 0; c < counts.nStatements; c += 1) {
    if (excluded[c] === 1) continue;
    const n = counts.totalVotes[c] as number;
    if (n === 0) continue;
    const passes = n - (counts.totalAgrees[c] as number) - (counts.totalDisagrees[c] as number);
    const passRatio = passes / n;
    if (passRatio > threshold) list.push({ c, item: { id: statementIds[c] as string, passes, votes: n, passRatio } });
  }
  return list.sort((x, y) => y.item.passRatio - x.item.passRatio || x.c - y.c).map((x) => x.item);
}
