import { describe, expect, it } from "vitest";
import { clusterParticipants, compactLabels, computeBaseClusters, computeGroups, selectClusteredParticipants } from "./clustering";
import { createRandom } from "../random";

describe("selectClusteredParticipants", () => {
  it("takes everyone with min(7, n_statements) votes", () => {
    const counts = Int32Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 7 : 6));
    expect(Array.from(selectClusteredParticipants(counts, 50))).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 1, 3, 5, 7, 9].sort((a, b) => a - b));
    expect(Array.from(selectClusteredParticipants(counts, 6))).toHaveLength(20);
  });

  it("tops up with the most active voters (ties in participant order), never with non-voters", () => {
    const counts = Int32Array.of(9, 1, 3, 0, 3, 2, 0, 8);
    expect(Array.from(selectClusteredParticipants(counts, 50, { minClustered: 5 }))).toEqual([0, 2, 4, 5, 7]);
    expect(Array.from(selectClusteredParticipants(counts, 50))).toEqual([0, 1, 2, 4, 5, 7]);
  });
});

describe("computeBaseClusters", () => {
  it("makes each distinct point its own cluster when there are at most k", () => {
    const xs = Float64Array.of(1, 2, 1, 3);
    const ys = Float64Array.of(0, 0, 0, 0);
    const base = computeBaseClusters(xs, ys);
    expect(Array.from(base.labels)).toEqual([0, 1, 0, 2]);
    expect(Array.from(base.sizes)).toEqual([2, 1, 1]);
  });

  it("runs k-means from the first k distinct points otherwise, dropping empty clusters", () => {
    const random = createRandom(3);
    const xs = Float64Array.from({ length: 400 }, () => random() * 10);
    const ys = Float64Array.from({ length: 400 }, () => random() * 10);
    const base = computeBaseClusters(xs, ys, { baseK: 30 });
    expect(base.centresX.length).toBeLessThanOrEqual(30);
    expect(Array.from(base.sizes).reduce((a, b) => a + b, 0)).toBe(400);
    expect(Array.from(base.sizes).every((s) => s > 0)).toBe(true);
  });
});

describe("computeGroups", () => {
  it("finds two well separated camps and tries k = 2..min(5, 2 + floor(n_base/12))", () => {
    const random = createRandom(11);
    const xs = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? -5 : 5) + random());
    const ys = Float64Array.from({ length: 60 }, () => random());
    const base = computeBaseClusters(xs, ys);
    const groups = computeGroups(base);
    expect(groups.k).toBe(2);
    expect(groups.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6].slice(0, Math.min(5, 2 + Math.floor(60 / 12)) - 1));
    const labels = Array.from(base.labels, (b) => groups.groupOfBase[b]);
    expect(new Set(labels.slice(0, 30)).size).toBe(1);
    expect(new Set(labels.slice(30)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[59]);
  });

  it("makes one group from fewer than two distinct centres and none from nothing", () => {
    expect(computeGroups(computeBaseClusters(Float64Array.of(1, 1), Float64Array.of(1, 1))).k).toBe(1);
    expect(computeGroups(computeBaseClusters(new Float64Array(0), new Float64Array(0))).k).toBe(0);
  });
});

describe("clusterParticipants", () => {
  it("gives unclustered participants -1", () => {
    const projection = { x: Float64Array.of(-1, 1, 0), y: Float64Array.of(0, 0, 0) };
    const r = clusterParticipants(projection, Int32Array.of(7, 7, 0), 10);
    expect(Array.from(r.groupOf)).toEqual([0, 1, -1]);
  });
});

describe("compactLabels", () => {
  it("renumbers without gaps, in order", () => {
    expect(compactLabels(Int32Array.of(3, 0, 3), 4)).toEqual({ labels: Int32Array.of(1, 0, 1), kept: [0, 3] });
  });
});
