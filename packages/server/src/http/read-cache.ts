/**
 * A bounded cache of reads by key: the first caller loads, everyone asking for the same key
 * meanwhile or later shares the answer; a failed load is forgotten; beyond `maxEntries` the
 * least recently used entry goes. Keys must name everything the answer depends on (for
 * alliance reads: the stamp of loadViewerStamped), so a hit is never stale. Values are shared:
 * callers must not change them.
 */
export class ReadCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries: number) {}

  /** The cached answer for the key, or the loader's (which is then kept). */
  load<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place: most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const loading = loader();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return loading;
  }

  /** How many answers are kept. */
  get size(): number {
    return this.entries.size;
  }
}
