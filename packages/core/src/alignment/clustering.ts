import { firstDistinctPoints, kmeans2d } from "./kmeans";
import type { Projection } from "./pca";
import { meanSilhouette } from "./silhouette";

/** Parameters of who is clustered and how (defaults from reference/alignment-map.md, steps 4-6). */
export interface ClusteringOptions {
  /** Votes (passes count) needed to be clustered, capped at the number of statements. Default 7. */
  readonly minVotes?: number;
  /** Top up with the most active voters until this many are clustered. Default 15. */
  readonly minClustered?: number;
  /** k of the base k-means. Default 100. */
  readonly baseK?: number;
  readonly baseMaxIterations?: number;
  /** Base k-means stops when no centre moves this far. Default 0.01. */
  readonly baseMinMove?: number;
  /** Largest number of groups tried. Default 5. */
  readonly maxGroups?: number;
  readonly groupMaxIterations?: number;
}

const defaults = {
  minVotes: 7,
  minClustered: 15,
  baseK: 100,
  baseMaxIterations: 100,
  baseMinMove: 0.01,
  maxGroups: 5,
  groupMaxIterations: 20,
};

/**
 * Who is clustered (reference step 4): participants with at least min(minVotes, n_statements)
 * votes, passes included; if fewer than minClustered qualify, the most active remaining voters
 * (most votes first, then participant order) are added until minClustered. Indices ascending.
 */
export function selectClusteredParticipants(voteCounts: Int32Array, nStatements: number, options: ClusteringOptions = {}): Int32Array {
  const threshold = Math.max(1, Math.min(options.minVotes ?? defaults.minVotes, nStatements));
  const minClustered = options.minClustered ?? defaults.minClustered;
  const chosen: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < voteCounts.length; i += 1) {
    const n = voteCounts[i] as number;
    if (n >= threshold) chosen.push(i);
    else if (n > 0) others.push(i);
  }
  if (chosen.length < minClustered) {
    others.sort((a, b) => (voteCounts[b] as number) - (voteCounts[a] as number) || a - b);
    for (const i of others.slice(0, minClustered - chosen.length)) chosen.push(i);
    chosen.sort((a, b) => a - b);
  }
  return Int32Array.from(chosen);
}

/** Base clusters: non-empty, in the order of their initial centres. */
export interface BaseClusters {
  /** Base cluster of each clustered point. */
  readonly labels: Int32Array;
  readonly centresX: Float64Array;
  readonly centresY: Float64Array;
  readonly sizes: Float64Array;
}

/**
 * Base clusters (reference step 5): k-means with k = baseK on the 2-D points, initial centres
 * the first k distinct points in order, stopping when centres move < baseMinMove or after
 * baseMaxIterations; with k or fewer distinct points each distinct point is its own cluster.
 */
export function computeBaseClusters(xs: Float64Array, ys: Float64Array, options: ClusteringOptions = {}): BaseClusters {
  const k = options.baseK ?? defaults.baseK;
  const n = xs.length;
  const distinct = firstDistinctPoints(xs, ys, k + 1);
  if (distinct.length <= k) {
    const index = new Map<string, number>();
    distinct.forEach((p, c) => index.set(`${xs[p] as number},${ys[p] as number}`, c));
    const labels = new Int32Array(n);
    const sizes = new Float64Array(distinct.length);
    for (let i = 0; i < n; i += 1) {
      const c = index.get(`${xs[i] as number},${ys[i] as number}`) as number;
      labels[i] = c;
      sizes[c] = (sizes[c] as number) + 1;
    }
    return {
      labels,
      centresX: Float64Array.from(distinct, (p) => xs[p] as number),
      centresY: Float64Array.from(distinct, (p) => ys[p] as number),
      sizes,
    };
  }
  const init = distinct.slice(0, k);
  const result = kmeans2d(
    xs,
    ys,
    Float64Array.from(init, (p) => xs[p] as number),
    Float64Array.from(init, (p) => ys[p] as number),
    { maxIterations: options.baseMaxIterations ?? defaults.baseMaxIterations, minMove: options.baseMinMove ?? defaults.baseMinMove },
  );
  const compact = compactLabels(result.labels, k);
  return {
    labels: compact.labels,
    centresX: Float64Array.from(compact.kept, (c) => result.centresX[c] as number),
    centresY: Float64Array.from(compact.kept, (c) => result.centresY[c] as number),
    sizes: Float64Array.from(compact.kept, (c) => result.sizes[c] as number),
  };
}

/** Renumbers labels 0..m-1 dropping empty clusters, keeping order. */
export function compactLabels(labels: Int32Array, k: number): { labels: Int32Array; kept: number[] } {
  const used = new Uint8Array(k);
  for (const c of labels) used[c] = 1;
  const kept: number[] = [];
  const map = new Int32Array(k).fill(-1);
  for (let c = 0; c < k; c += 1) {
    if (used[c] === 1) {
      map[c] = kept.length;
      kept.push(c);
    }
  }
  return { labels: labels.map((c) => map[c] as number), kept };
}

/** Group clustering of the base clusters and the silhouette of each k tried. */
export interface GroupClustering {
  readonly k: number;
  /** Group of each base cluster. */
  readonly groupOfBase: Int32Array;
  readonly silhouettes: readonly { readonly k: number; readonly silhouette: number }[];
}

/**
 * Groups (reference step 6): weighted k-means (weights = base sizes) on the base centres for
 * k = 2 .. min(maxGroups, 2 + floor(n_base / 12)), at most groupMaxIterations iterations
 * (earlier when no label changes), initial centres the first k distinct base centres; k is the
 * one with the best mean silhouette on the base centres (unweighted), the smaller k on ties.
 * Fewer than two distinct centres make one group.
 */
export function computeGroups(base: BaseClusters, options: ClusteringOptions = {}): GroupClustering {
  const nBase = base.centresX.length;
  if (nBase === 0) return { k: 0, groupOfBase: new Int32Array(0), silhouettes: [] };
  const maxGroups = options.maxGroups ?? defaults.maxGroups;
  const distinct = firstDistinctPoints(base.centresX, base.centresY, maxGroups);
  const kMax = Math.min(maxGroups, 2 + Math.floor(nBase / 12), distinct.length);
  if (kMax < 2) return { k: 1, groupOfBase: new Int32Array(nBase), silhouettes: [] };
  const silhouettes: { k: number; silhouette: number }[] = [];
  let best: { k: number; labels: Int32Array; silhouette: number } | null = null;
  for (let k = 2; k <= kMax; k += 1) {
    const init = distinct.slice(0, k);
    const result = kmeans2d(
      base.centresX,
      base.centresY,
      Float64Array.from(init, (p) => base.centresX[p] as number),
      Float64Array.from(init, (p) => base.centresY[p] as number),
      { weights: base.sizes, maxIterations: options.groupMaxIterations ?? defaults.groupMaxIterations },
    );
    const compact = compactLabels(result.labels, k);
    const silhouette = meanSilhouette(base.centresX, base.centresY, compact.labels);
    silhouettes.push({ k, silhouette });
    if (best === null || silhouette > best.silhouette) best = { k: compact.kept.length, labels: compact.labels, silhouette };
  }
  const chosen = best as { k: number; labels: Int32Array };
  return { k: chosen.k, groupOfBase: chosen.labels, silhouettes };
}

/** Clustering of the participants: group per participant (-1 when not clustered). */
export interface ParticipantClustering {
  readonly k: number;
  readonly groupOf: Int32Array;
  readonly clustered: Int32Array;
  readonly base: BaseClusters;
  readonly silhouettes: readonly { readonly k: number; readonly silhouette: number }[];
}

/** Steps 4-6 of the reference: who is clustered, base clusters, groups; a participant's group is its base cluster's. */
export function clusterParticipants(projection: Projection, voteCounts: Int32Array, nStatements: number, options: ClusteringOptions = {}): ParticipantClustering {
  const clustered = selectClusteredParticipants(voteCounts, nStatements, options);
  const xs = Float64Array.from(clustered, (i) => projection.x[i] as number);
  const ys = Float64Array.from(clustered, (i) => projection.y[i] as number);
  const base = computeBaseClusters(xs, ys, options);
  const groups = computeGroups(base, options);
  const groupOf = new Int32Array(voteCounts.length).fill(-1);
  clustered.forEach((p, idx) => {
    groupOf[p] = groups.groupOfBase[base.labels[idx] as number] as number;
  });
  return { k: groups.k, groupOf, clustered, base, silhouettes: groups.silhouettes };
}
