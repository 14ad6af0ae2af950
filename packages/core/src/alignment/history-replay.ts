import type { ClusteringOptions } from "./clustering";
import { firstDistinctPoints, kmeans2d } from "./kmeans";
import { computePca, projectParticipants } from "./pca";
import { meanSilhouette } from "./silhouette";
import { createVoteMatrix, type Vote, type VoteEvent, type VoteMatrix, type VoteMatrixInput } from "./vote-matrix";
import { AppError } from "../errors";

/**
 * Replay of a conversation's history the way an incremental engine such as Pol.is computes it
 * (reference/alignment-map.md: "Pol.is's own group labels depend on its history (incremental
 * warm starts, a 4-update smoothing of k)"). Trellis's own map is always computed from scratch
 * (analyzeVoteMatrix); this replay exists to compare with tools whose results depend on the
 * order in which votes arrived. The votes are replayed in time order; after each update:
 *
 * - the latest-vote matrix of the votes so far (statements and participants seen so far, in the
 *   input's order) gets a fresh PCA and projection (reference steps 1-3);
 * - who is clustered is sticky: once a participant had min(minVotes, statements so far) votes,
 *   or was added by the top-up to minClustered, they stay clustered (step 4);
 * - the base clusters start from the previous update's base clusters (each re-centred on its
 *   members' new positions; clusters whose centres coincide are merged; while there are fewer
 *   than baseK, the point farthest from every centre starts a new cluster), then k-means runs as
 *   in step 5; a cluster keeps its identity from update to update;
 * - for each k, the groups start from the previous update's groups for that k (re-centred on
 *   their base clusters' new centres), then the weighted k-means of step 6 runs;
 * - the silhouette names this update's best k, but the k shown changes only after a new best k
 *   has won `kBuffer` updates in a row.
 *
 * Deterministic: the same events give the same replay, bit for bit.
 */
export interface HistoryReplayOptions extends ClusteringOptions {
  /**
   * Length of an update window in the events' time unit: the votes whose timestamps fall in one
   * window [n * windowLength, (n + 1) * windowLength) form one update. 0 (the default): one
   * update per distinct timestamp.
   */
  readonly windowLength?: number;
  /** Updates in a row a new best k must win before the shown k changes. Default 4. */
  readonly kBuffer?: number;
}

/** The state of the replay after its last update. */
export interface HistoryReplay {
  /** The final latest-vote matrix (statements nobody voted on are left out). */
  readonly matrix: VoteMatrix;
  /** The k shown after the last update (smoothed). */
  readonly k: number;
  /** Group (0..k-1) of each participant of `matrix`, -1 when not clustered. */
  readonly groupOf: Int32Array;
  readonly updates: number;
  /** How often the shown k changed after the first update. */
  readonly kChanges: number;
  /** Silhouette of each k tried at the last update (with the warm-started groups). */
  readonly silhouettes: readonly { readonly k: number; readonly silhouette: number }[];
}

/** A cluster carried from one update to the next: its identity, members (keys) and centre. */
interface CarriedCluster {
  readonly id: number;
  readonly members: readonly number[];
  readonly x: number;
  readonly y: number;
}

/** What the k smoothing remembers between updates. */
export interface KSmoothing {
  readonly shown: number | null;
  readonly candidate: number | null;
  readonly wins: number;
}

/**
 * One step of the smoothing of k: the shown k changes to this update's best k only once that k
 * has been the best `buffer` updates in a row; a shown k that can no longer be computed (too few
 * base clusters) gives way at once.
 */
export function smoothK(state: KSmoothing, best: number, available: readonly number[], buffer: number): KSmoothing {
  if (state.shown === null || !available.includes(state.shown)) return { shown: best, candidate: null, wins: 0 };
  if (best === state.shown) return { shown: state.shown, candidate: null, wins: 0 };
  const wins = state.candidate === best ? state.wins + 1 : 1;
  return wins >= buffer ? { shown: best, candidate: null, wins: 0 } : { shown: state.shown, candidate: best, wins };
}

/**
 * k-means on 2-D points started from carried clusters: each carried cluster is re-centred on
 * the (weighted) current positions of its members still present (clusters with none are
 * dropped; clusters whose centres coincide are merged, the first keeps its identity); while
 * fewer than k remain, the point farthest from every centre starts a new cluster. Without
 * carried clusters the first k distinct points start them (reference steps 5-6). Empty
 * clusters are dropped at the end; ids stay with their clusters.
 */
export function warmStartKmeans(
  keys: Int32Array,
  xs: Float64Array,
  ys: Float64Array,
  weights: Float64Array | undefined,
  k: number,
  carried: readonly CarriedCluster[] | null,
  run: { readonly maxIterations: number; readonly minMove?: number },
): CarriedCluster[] {
  const n = keys.length;
  const starts: { id: number; x: number; y: number }[] = [];
  if (carried === null || carried.length === 0) {
    firstDistinctPoints(xs, ys, k).forEach((p, c) => starts.push({ id: c, x: xs[p] as number, y: ys[p] as number }));
  } else {
    const position = new Map<number, number>();
    keys.forEach((key, i) => position.set(key, i));
    const seen = new Set<string>();
    for (const cluster of carried) {
      let sx = 0;
      let sy = 0;
      let sw = 0;
      for (const member of cluster.members) {
        const i = position.get(member);
        if (i === undefined) continue;
        const w = weights ? (weights[i] as number) : 1;
        sx += w * (xs[i] as number);
        sy += w * (ys[i] as number);
        sw += w;
      }
      if (sw <= 0) continue;
      const x = sx / sw;
      const y = sy / sw;
      const at = `${x},${y}`;
      if (seen.has(at) || starts.length >= k) continue;
      seen.add(at);
      starts.push({ id: cluster.id, x, y });
    }
    let nextId = starts.reduce((m, s) => Math.max(m, s.id), Math.max(-1, ...carried.map((c) => c.id))) + 1;
    while (starts.length < k) {
      let farthest = -1;
      let farthestDistance = 0;
      for (let i = 0; i < n; i += 1) {
        let nearest = Infinity;
        for (const s of starts) nearest = Math.min(nearest, ((xs[i] as number) - s.x) ** 2 + ((ys[i] as number) - s.y) ** 2);
        if (nearest > farthestDistance) {
          farthestDistance = nearest;
          farthest = i;
        }
      }
      if (farthest < 0) break;
      starts.push({ id: nextId, x: xs[farthest] as number, y: ys[farthest] as number });
      nextId += 1;
    }
  }
  if (starts.length === 0) return [];
  const result = kmeans2d(
    xs,
    ys,
    Float64Array.from(starts, (s) => s.x),
    Float64Array.from(starts, (s) => s.y),
    { ...(weights ? { weights } : {}), maxIterations: run.maxIterations, ...(run.minMove !== undefined ? { minMove: run.minMove } : {}) },
  );
  const members: number[][] = starts.map(() => []);
  for (let i = 0; i < n; i += 1) (members[result.labels[i] as number] as number[]).push(keys[i] as number);
  const out: CarriedCluster[] = [];
  starts.forEach((s, c) => {
    const list = members[c] as number[];
    if (list.length > 0) out.push({ id: s.id, members: list, x: result.centresX[c] as number, y: result.centresY[c] as number });
  });
  return out;
}

/** Latest votes so far, grown event by event, turned into a matrix at each update. */
class GrowingMatrix {
  private readonly rows = new Map<number, Map<number, Vote>>();
  private readonly usedStatements = new Set<number>();

  constructor(
    private readonly participantIds: readonly string[],
    private readonly statementIds: readonly string[],
    private readonly excluded: Uint8Array,
  ) {}

  add(participant: number, statement: number, vote: Vote): void {
    let row = this.rows.get(participant);
    if (!row) {
      row = new Map();
      this.rows.set(participant, row);
    }
    row.set(statement, vote);
    this.usedStatements.add(statement);
  }

  /** The matrix so far and, per row, the participant's index in the full order. */
  build(): { matrix: VoteMatrix; participantOf: Int32Array } {
    const statements = [...this.usedStatements].sort((a, b) => a - b);
    const local = new Map(statements.map((s, j) => [s, j]));
    const participants = [...this.rows.keys()].sort((a, b) => a - b);
    const rowStart = new Int32Array(participants.length + 1);
    let nnz = 0;
    for (const p of participants) nnz += (this.rows.get(p) as Map<number, Vote>).size;
    const columns = new Int32Array(nnz);
    const votes = new Int8Array(nnz);
    let e = 0;
    participants.forEach((p, i) => {
      const row = [...(this.rows.get(p) as Map<number, Vote>)].map(([s, v]) => [local.get(s) as number, v] as const).sort((a, b) => a[0] - b[0]);
      for (const [c, v] of row) {
        columns[e] = c;
        votes[e] = v;
        e += 1;
      }
      rowStart[i + 1] = e;
    });
    const matrix = createVoteMatrix({
      participantIds: participants.map((p) => this.participantIds[p] as string),
      statementIds: statements.map((s) => this.statementIds[s] as string),
      excluded: Uint8Array.from(statements, (s) => this.excluded[s] as number),
      rowStart,
      columns,
      votes,
    });
    return { matrix, participantOf: Int32Array.from(participants) };
  }
}

const defaults = { minVotes: 7, minClustered: 15, baseK: 100, baseMaxIterations: 100, baseMinMove: 0.01, maxGroups: 5, groupMaxIterations: 20, kBuffer: 4 };

/** Replays vote events in time order with warm starts and a smoothed k (see HistoryReplayOptions). */
export function replayVoteHistory(input: VoteMatrixInput, options: HistoryReplayOptions = {}): HistoryReplay {
  const o = { ...defaults, ...options };
  const windowLength = options.windowLength ?? 0;
  if (!(windowLength >= 0) || !Number.isFinite(windowLength)) throw new AppError("bad_request", "History replay: the window length must be a finite number >= 0");
  const statementIds = input.statements.map((s) => s.id);
  const statementIndex = new Map(statementIds.map((id, j) => [id, j]));
  const excluded = Uint8Array.from(input.statements, (s) => (s.excluded === true ? 1 : 0));
  const participantIds: string[] = [...(input.participants ?? [])];
  const participantIndex = new Map(participantIds.map((id, i) => [id, i]));
  for (const v of input.votes) {
    if (!participantIndex.has(v.participantId)) {
      participantIndex.set(v.participantId, participantIds.length);
      participantIds.push(v.participantId);
    }
  }
  const order = input.votes.map((v, i) => ({ v, i })).sort((a, b) => a.v.timestamp - b.v.timestamp || a.i - b.i);
  const growing = new GrowingMatrix(participantIds, statementIds, excluded);
  const inConversation = new Set<number>();
  let base: CarriedCluster[] | null = null;
  const groupsByK = new Map<number, CarriedCluster[]>();
  let smoothing: KSmoothing = { shown: null, candidate: null, wins: 0 };
  let latest: { matrix: VoteMatrix; participantOf: Int32Array; silhouettes: { k: number; silhouette: number }[] } | null = null;
  let updates = 0;
  let kChanges = 0;

  let e = 0;
  while (e < order.length) {
    const first = (order[e] as { v: VoteEvent }).v.timestamp;
    const end = windowLength > 0 ? (Math.floor(first / windowLength) + 1) * windowLength : first;
    while (e < order.length) {
      const v = (order[e] as { v: VoteEvent }).v;
      if (windowLength > 0 ? v.timestamp >= end : v.timestamp !== end) break;
      const s = statementIndex.get(v.statementId);
      if (s === undefined) throw new AppError("validation_failed", `A vote refers to unknown statement ${JSON.stringify(v.statementId)}`, { statement: v.statementId });
      if (v.vote !== 1 && v.vote !== -1 && v.vote !== 0) throw new AppError("validation_failed", "A vote must be 1 (agree), -1 (disagree) or 0 (pass)");
      growing.add(participantIndex.get(v.participantId) as number, s, v.vote);
      e += 1;
    }
    updates += 1;
    const { matrix, participantOf } = growing.build();
    const projection = projectParticipants(matrix, computePca(matrix));
    const nP = matrix.participantIds.length;
    const counts = new Int32Array(nP);
    for (let i = 0; i < nP; i += 1) counts[i] = (matrix.rowStart[i + 1] as number) - (matrix.rowStart[i] as number);

    const threshold = Math.max(1, Math.min(o.minVotes, matrix.statementIds.length));
    for (let i = 0; i < nP; i += 1) if ((counts[i] as number) >= threshold) inConversation.add(participantOf[i] as number);
    if (inConversation.size < o.minClustered) {
      const rest: number[] = [];
      for (let i = 0; i < nP; i += 1) if (!inConversation.has(participantOf[i] as number)) rest.push(i);
      rest.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
      for (const i of rest.slice(0, o.minClustered - inConversation.size)) inConversation.add(participantOf[i] as number);
    }

    const rows: number[] = [];
    for (let i = 0; i < nP; i += 1) if (inConversation.has(participantOf[i] as number)) rows.push(i);
    base = warmStartKmeans(
      Int32Array.from(rows, (i) => participantOf[i] as number),
      Float64Array.from(rows, (i) => projection.x[i] as number),
      Float64Array.from(rows, (i) => projection.y[i] as number),
      undefined,
      o.baseK,
      base,
      { maxIterations: o.baseMaxIterations, minMove: o.baseMinMove },
    );
    const baseKeys = Int32Array.from(base, (c) => c.id);
    const bx = Float64Array.from(base, (c) => c.x);
    const by = Float64Array.from(base, (c) => c.y);
    const bw = Float64Array.from(base, (c) => c.members.length);
    const kMax = Math.min(o.maxGroups, 2 + Math.floor(base.length / 12), firstDistinctPoints(bx, by, o.maxGroups).length);
    const silhouettes: { k: number; silhouette: number }[] = [];
    let best = 1;
    let bestSilhouette = -Infinity;
    for (let k = 2; k <= kMax; k += 1) {
      const groups = warmStartKmeans(baseKeys, bx, by, bw, k, groupsByK.get(k) ?? null, { maxIterations: o.groupMaxIterations });
      groupsByK.set(k, groups);
      const labels = labelsOf(baseKeys, groups);
      const silhouette = meanSilhouette(bx, by, labels);
      silhouettes.push({ k, silhouette });
      if (silhouette > bestSilhouette) {
        bestSilhouette = silhouette;
        best = k;
      }
    }
    const available = silhouettes.length === 0 ? [1] : silhouettes.map((s) => s.k);
    const before = smoothing.shown;
    smoothing = smoothK(smoothing, best, available, o.kBuffer);
    if (before !== null && before !== smoothing.shown) kChanges += 1;
    latest = { matrix, participantOf, silhouettes };
  }

  if (latest === null || base === null) {
    const empty = createVoteMatrix({ participantIds: [], statementIds: [], rowStart: new Int32Array(1), columns: new Int32Array(0), votes: new Int8Array(0) });
    return { matrix: empty, k: 0, groupOf: new Int32Array(0), updates: 0, kChanges: 0, silhouettes: [] };
  }
  const shown = smoothing.shown as number;
  const groupOfBase = new Map<number, number>();
  if (shown >= 2) (groupsByK.get(shown) as CarriedCluster[]).forEach((g, gi) => g.members.forEach((b) => groupOfBase.set(b, gi)));
  const groupOfParticipant = new Map<number, number>();
  for (const b of base) for (const p of b.members) groupOfParticipant.set(p, groupOfBase.get(b.id) ?? 0);
  const groupOf = Int32Array.from(latest.participantOf, (p) => groupOfParticipant.get(p) ?? -1);
  const k = shown >= 2 ? (groupsByK.get(shown) as CarriedCluster[]).length : base.length > 0 ? 1 : 0;
  return { matrix: latest.matrix, k, groupOf, updates, kChanges, silhouettes: latest.silhouettes };
}

function labelsOf(keys: Int32Array, clusters: readonly CarriedCluster[]): Int32Array {
  const index = new Map<number, number>();
  keys.forEach((key, i) => index.set(key, i));
  const labels = new Int32Array(keys.length);
  clusters.forEach((c, ci) => {
    for (const m of c.members) labels[index.get(m) as number] = ci;
  });
  return labels;
}
