import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServerContext } from "../context";
import { AlignmentRecomputer } from "./alignment-recompute";

const runs: string[] = [];
let release: (() => void) | null = null;
let failNext = false;

vi.mock("../use-cases/alignment/recompute-alignment-map", () => ({
  recomputeAlignmentMap: async (_ctx: unknown, mapId: string) => {
    runs.push(mapId);
    if (failNext) {
      failNext = false;
      throw new Error("database went away");
    }
    if (release === null) return { written: true, revision: 1, k: 2 };
    await new Promise<void>((resolve) => (release = resolve));
    return { written: true, revision: 1, k: 2 };
  },
}));

describe("the debounced alignment recomputer", () => {
  const logged: string[] = [];
  const ctx = { log: (line: string) => logged.push(line) } as unknown as ServerContext;

  beforeEach(() => {
    vi.useFakeTimers();
    runs.length = 0;
    logged.length = 0;
    release = null;
  });
  afterEach(() => vi.useRealTimers());

  it("runs once per map for every change inside the debounce window", async () => {
    const recomputer = new AlignmentRecomputer(ctx, 1500);
    for (let i = 0; i < 5; i++) recomputer.schedule("map-1");
    recomputer.schedule("map-2");
    await vi.advanceTimersByTimeAsync(1499);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.sort()).toEqual(["map-1", "map-2"]);
    recomputer.schedule("map-1");
    await vi.advanceTimersByTimeAsync(1500);
    expect(runs.filter((m) => m === "map-1")).toHaveLength(2);
  });

  it("a change during a run schedules exactly one more run, after the first finishes", async () => {
    const recomputer = new AlignmentRecomputer(ctx, 100);
    release = () => {};
    recomputer.schedule("map-1");
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(["map-1"]);
    expect(recomputer.isBusy("map-1")).toBe(true);
    // Changes while the run computes: the first sets a timer, which fires into the running run.
    recomputer.schedule("map-1");
    recomputer.schedule("map-1");
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(["map-1"]);
    const finish = release as () => void;
    release = null;
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(["map-1", "map-1"]);
    expect(recomputer.isBusy("map-1")).toBe(false);
  });

  it("flush runs what is pending now; close drops what is pending; a failure is logged, not thrown", async () => {
    const recomputer = new AlignmentRecomputer(ctx, 60_000);
    recomputer.schedule("map-1");
    await recomputer.flush();
    expect(runs).toEqual(["map-1"]);
    failNext = true;
    recomputer.schedule("map-2");
    await recomputer.flush();
    expect(logged.join("\n")).toContain("Recomputing alignment map map-2 failed: Error: database went away");
    recomputer.schedule("map-3");
    await recomputer.close();
    recomputer.schedule("map-4");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toEqual(["map-1", "map-2"]);
  });
});
