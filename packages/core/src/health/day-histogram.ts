/**
 * A multiset of UTC day numbers with O(log n) insert, remove and k-th smallest: a running
 * histogram by day over a Fenwick tree. The health engine keeps the raising days of the open
 * tensions in one, so the median age of open tensions needs no scan and no sort.
 */
export class DayHistogram {
  private base = 0;
  private size = 0;
  /** counts[i]: how many days equal base + i. */
  private counts = new Int32Array(0);
  /** Fenwick tree over counts, 1-indexed. */
  private tree = new Int32Array(1);
  private total = 0;

  /** How many days the multiset holds. */
  get count(): number {
    return this.total;
  }

  /** Adds `delta` (±1) occurrences of `day`. */
  add(day: number, delta: number): void {
    if (this.size === 0 || day < this.base || day >= this.base + this.size) this.grow(day);
    const i = day - this.base;
    this.counts[i] = (this.counts[i] as number) + delta;
    this.total += delta;
    const tree = this.tree;
    for (let j = i + 1; j <= this.size; j += j & -j) tree[j] = (tree[j] as number) + delta;
  }

  /** The k-th smallest day (k from 0); undefined when k is out of range. */
  kth(k: number): number | undefined {
    if (k < 0 || k >= this.total) return undefined;
    const tree = this.tree;
    let pos = 0;
    let remaining = k + 1;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && (tree[next] as number) < remaining) {
        pos = next;
        remaining -= tree[next] as number;
      }
    }
    return this.base + pos;
  }

  private grow(day: number): void {
    const low = this.size === 0 ? day - 32 : Math.min(this.base, day - Math.max(32, this.size));
    const high = this.size === 0 ? day + 256 : Math.max(this.base + this.size, day + 1 + Math.max(256, this.size));
    const size = high - low;
    const counts = new Int32Array(size);
    if (this.size > 0) counts.set(this.counts, this.base - low);
    // Linear-time Fenwick build from the counts.
    const tree = new Int32Array(size + 1);
    for (let j = 1; j <= size; j++) {
      tree[j] = (tree[j] as number) + (counts[j - 1] as number);
      const parent = j + (j & -j);
      if (parent <= size) tree[parent] = (tree[parent] as number) + (tree[j] as number);
    }
    this.base = low;
    this.size = size;
    this.counts = counts;
    this.tree = tree;
  }
}
