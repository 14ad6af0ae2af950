import type { ServerContext } from "../context";
import { recomputeAlignmentMap } from "../use-cases/alignment/recompute-alignment-map";

/** Default wait between a change to a map and its recomputation: votes arriving meanwhile share one run. */
export const defaultAlignmentDebounceMs = 1500;

/**
 * Recomputes alignment maps off the request path, debounced per map: the first change schedules
 * a run after debounceMs, later changes before it fire join that run, and a change during a run
 * schedules one more. Each run computes from the database and writes only if newer
 * (recomputeAlignmentMap), so several server instances can each recompute the maps whose votes
 * they received without coordination.
 */
export class AlignmentRecomputer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private closed = false;

  constructor(
    private readonly ctx: ServerContext,
    /** Milliseconds from the first change to the run; tests set 0 or call flush(). */
    public debounceMs = defaultAlignmentDebounceMs,
  ) {}

  /** Schedules a recomputation of the map unless one is pending already. */
  schedule(mapId: string): void {
    if (this.closed || this.pending.has(mapId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(mapId);
      void this.run(mapId);
    }, this.debounceMs);
    timer.unref();
    this.pending.set(mapId, timer);
  }

  /** True while a run for the map is scheduled or under way. */
  isBusy(mapId: string): boolean {
    return this.pending.has(mapId) || this.running.has(mapId);
  }

  /** Runs every scheduled recomputation now and waits until none is left (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      for (const [mapId, timer] of [...this.pending]) {
        clearTimeout(timer);
        this.pending.delete(mapId);
        void this.run(mapId);
      }
      await Promise.all([...this.running.values()]);
    }
  }

  /** Stops scheduling and waits for runs under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.again.clear();
    await Promise.all([...this.running.values()]);
  }

  private run(mapId: string): Promise<void> {
    const current = this.running.get(mapId);
    if (current) {
      this.again.add(mapId);
      return current;
    }
    const run = (async () => {
      try {
        await recomputeAlignmentMap(this.ctx, mapId);
      } catch (error) {
        this.ctx.log(`Recomputing alignment map ${mapId} failed: ${(error as Error).stack ?? String(error)}`);
      } finally {
        this.running.delete(mapId);
        if (this.again.delete(mapId)) this.schedule(mapId);
      }
    })();
    this.running.set(mapId, run);
    return run;
  }
}

const recomputers = new WeakMap<ServerContext, AlignmentRecomputer>();

/** The server process's recomputer for a context (one per running app). */
export function alignmentRecomputerFor(ctx: ServerContext): AlignmentRecomputer {
  let recomputer = recomputers.get(ctx);
  if (!recomputer) {
    recomputer = new AlignmentRecomputer(ctx);
    recomputers.set(ctx, recomputer);
  }
  return recomputer;
}
