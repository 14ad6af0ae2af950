import { AppError } from "../errors";
import { clusterParticipants, type ClusteringOptions } from "./clustering";
import { selectDivisiveStatements, type DivisiveOptions, type DivisiveStatement } from "./divisive";
import { countGroupVotes } from "./group-votes";
import { computePca, projectParticipants, type PcaOptions, type Projection } from "./pca";
import {
  computeGroupAwareConsensus,
  selectConsensusStatements,
  selectRepresentativeStatements,
  selectUncertainStatements,
  type ConsensusStatement,
  type RepresentativeStatement,
  type UncertainStatement,
} from "./repness";
import { computeSeatDivergence, type SeatDivergence, type SeatDivergenceOptions } from "./seat-divergence";
import { buildVoteMatrix, countVotesPerParticipant, type VoteMatrix, type VoteMatrixInput } from "./vote-matrix";

/** Options of the analysis; every default is the reference's. */
export interface AlignmentOptions extends ClusteringOptions {
  readonly pca?: PcaOptions;
  /** Representative statements kept per group. Default 5. */
  readonly representativeLimit?: number;
  /** Length of each consensus list. Default 5. */
  readonly consensusLimit?: number;
  /** Pass ratio above which a statement is uncertain. Default 0.3. */
  readonly uncertainThreshold?: number;
  readonly divisive?: DivisiveOptions;
  /** participant id -> seat id; when given, the result carries seatDivergence. */
  readonly seatOf?: ReadonlyMap<string, string>;
  readonly seatDivergence?: SeatDivergenceOptions;
}

/** A participant on the map. */
export interface AlignmentParticipant {
  readonly id: string;
  /** Opinion group, or null when not clustered. */
  readonly group: number | null;
  readonly x: number;
  readonly y: number;
  /** Votes cast, passes included. */
  readonly votes: number;
}

/** An opinion group. */
export interface AlignmentGroup {
  readonly id: number;
  readonly members: readonly string[];
  readonly representative: readonly RepresentativeStatement[];
}

/** The alignment map. */
export interface AlignmentResult {
  /** Number of opinion groups. */
  readonly k: number;
  readonly participants: readonly AlignmentParticipant[];
  readonly groups: readonly AlignmentGroup[];
  readonly consensus: { readonly agree: readonly ConsensusStatement[]; readonly disagree: readonly ConsensusStatement[] };
  /** Group-aware consensus per statement id. */
  readonly gac: Readonly<Record<string, number>>;
  readonly uncertain: readonly UncertainStatement[];
  readonly divisive: readonly DivisiveStatement[];
  /** Mean silhouette of each k tried (empty when groups were given). */
  readonly silhouettes: readonly { readonly k: number; readonly silhouette: number }[];
  readonly pca: { readonly eigenvalues: readonly [number, number]; readonly steps: number };
  readonly seatDivergence?: SeatDivergence;
}

/** Analyses vote events (latest vote counts) into an alignment map: steps 1-11 of reference/alignment-map.md. */
export function analyzeAlignment(input: VoteMatrixInput, options: AlignmentOptions = {}): AlignmentResult {
  return analyzeVoteMatrix(buildVoteMatrix(input), options);
}

/** Analyses a latest-vote matrix into an alignment map (reference steps 1-11). */
export function analyzeVoteMatrix(matrix: VoteMatrix, options: AlignmentOptions = {}): AlignmentResult {
  const pca = computePca(matrix, options.pca);
  const projection = projectParticipants(matrix, pca);
  const voteCounts = countVotesPerParticipant(matrix);
  const clustering = clusterParticipants(projection, voteCounts, matrix.statementIds.length, options);
  return summarizeMap(matrix, projection, voteCounts, clustering.groupOf, clustering.k, clustering.silhouettes, pca, options);
}

/**
 * Analyses a vote matrix with externally given groups (e.g. Pol.is's own): positions are
 * still computed, but groups are taken as given; -1 or null means not clustered. Groups are
 * numbered 0..k-1 with k = 1 + the largest label.
 */
export function analyzeWithGroups(matrix: VoteMatrix, groups: Int32Array | readonly (number | null)[], options: AlignmentOptions = {}): AlignmentResult {
  const nP = matrix.participantIds.length;
  if (groups.length !== nP) throw new AppError("bad_request", "analyzeWithGroups: one group (or null) per participant is required");
  const groupOf = new Int32Array(nP);
  let k = 0;
  for (let i = 0; i < nP; i += 1) {
    const g = groups[i] ?? -1;
    if (!Number.isInteger(g) || g < -1) throw new AppError("bad_request", "analyzeWithGroups: groups must be integers >= 0, or -1/null");
    groupOf[i] = g;
    k = Math.max(k, g + 1);
  }
  const pca = computePca(matrix, options.pca);
  const projection = projectParticipants(matrix, pca);
  return summarizeMap(matrix, projection, countVotesPerParticipant(matrix), groupOf, k, [], pca, options);
}

function summarizeMap(
  matrix: VoteMatrix,
  projection: Projection,
  voteCounts: Int32Array,
  groupOf: Int32Array,
  k: number,
  silhouettes: readonly { k: number; silhouette: number }[],
  pca: { eigenvalues: readonly [number, number]; steps: number },
  options: AlignmentOptions,
): AlignmentResult {
  const { statementIds, participantIds, excluded } = matrix;
  const counts = countGroupVotes(matrix, groupOf, k);
  const gacValues = computeGroupAwareConsensus(counts);
  const members: string[][] = Array.from({ length: k }, () => []);
  const participants: AlignmentParticipant[] = participantIds.map((id, i) => {
    const g = groupOf[i] as number;
    if (g >= 0) (members[g] as string[]).push(id);
    return { id, group: g >= 0 ? g : null, x: projection.x[i] as number, y: projection.y[i] as number, votes: voteCounts[i] as number };
  });
  const groups: AlignmentGroup[] = members.map((list, g) => ({
    id: g,
    members: list,
    representative: selectRepresentativeStatements(counts, g, statementIds, excluded, options.representativeLimit ?? 5),
  }));
  const gac = Object.fromEntries(statementIds.map((id, c) => [id, gacValues[c] as number]));
  const result: AlignmentResult = {
    k,
    participants,
    groups,
    consensus: selectConsensusStatements(counts, statementIds, excluded, options.consensusLimit ?? 5),
    gac,
    uncertain: selectUncertainStatements(counts, statementIds, excluded, options.uncertainThreshold ?? 0.3),
    divisive: selectDivisiveStatements(counts, gacValues, statementIds, excluded, options.divisive),
    silhouettes,
    pca: { eigenvalues: pca.eigenvalues, steps: pca.steps },
  };
  if (options.seatOf === undefined) return result;
  return { ...result, seatDivergence: computeSeatDivergence(matrix, result, options.seatOf, options.seatDivergence) };
}
