/** Days per chunk of a DayTable: a chunk of 56 counters is 57 KB, allocated once and never copied. */
const CHUNK_DAYS = 128;

/**
 * Per-day counters for one scope (the alliance or one seat), kept as running totals: row d
 * holds, for each of `width` counters, the sum of every day up to and including d. The sum
 * over any window of days is then the difference of two rows, O(width) instead of
 * O(days × width), and one day's value is the difference of two consecutive rows. Facts
 * arriving in time order add to the last row (O(1)); a fact dated in the past adds to every
 * row from its day on (O(days since), for one counter). Rows live in fixed chunks of days, so
 * growing never copies. Counters only ever hold integers (far below 2^53), so totals and
 * their differences are exact: the same numbers whatever the order in which facts arrived.
 */
export class DayTable {
  readonly width: number;
  /** Absolute chunk number (floor(day / CHUNK_DAYS)) of chunks[0]; rows before the first fact's day hold zeros. */
  private firstChunk = 0;
  private chunks: Float64Array[] = [];
  /** The last day whose row is filled; later days have the same totals. */
  private lastDay = Number.NEGATIVE_INFINITY;

  constructor(width: number) {
    this.width = width;
  }

  /** Adds `value` to counter `index` on `day`: O(1) on the latest day, O(days since) for an earlier day. */
  add(day: number, index: number, value: number): void {
    if (day > this.lastDay) this.extendTo(day);
    else if (day < this.firstChunk * CHUNK_DAYS) this.prependTo(day);
    const w = this.width;
    let k = Math.floor(day / CHUNK_DAYS);
    let row = day - k * CHUNK_DAYS;
    for (let d = day; d <= this.lastDay; k++, row = 0) {
      const chunk = this.chunks[k - this.firstChunk] as Float64Array;
      for (; row < CHUNK_DAYS && d <= this.lastDay; row++, d++) {
        const at = row * w + index;
        chunk[at] = (chunk[at] as number) + value;
      }
    }
  }

  /** Adds the counters of days in (fromExclusive, toInclusive] into `out`, in O(width). */
  sumInto(out: Float64Array, fromExclusive: number, toInclusive: number): void {
    if (this.chunks.length === 0) return;
    const last = Math.min(toInclusive, this.lastDay);
    if (fromExclusive >= last) return;
    const w = this.width;
    const hiChunk = this.rowChunk(last);
    const hi = this.rowOffset(last);
    if (fromExclusive < this.firstChunk * CHUNK_DAYS) {
      if (last < this.firstChunk * CHUNK_DAYS) return;
      for (let i = 0; i < w; i++) out[i] = (out[i] as number) + (hiChunk[hi + i] as number);
    } else {
      const loChunk = this.rowChunk(fromExclusive);
      const lo = this.rowOffset(fromExclusive);
      for (let i = 0; i < w; i++) out[i] = (out[i] as number) + ((hiChunk[hi + i] as number) - (loChunk[lo + i] as number));
    }
  }

  /** The value of one counter on one day. */
  get(day: number, index: number): number {
    const firstDay = this.firstChunk * CHUNK_DAYS;
    if (this.chunks.length === 0 || day < firstDay || day > this.lastDay) return 0;
    const total = this.rowChunk(day)[this.rowOffset(day) + index] as number;
    return day === firstDay ? total : total - (this.rowChunk(day - 1)[this.rowOffset(day - 1) + index] as number);
  }

  private rowChunk(day: number): Float64Array {
    return this.chunks[Math.floor(day / CHUNK_DAYS) - this.firstChunk] as Float64Array;
  }

  private rowOffset(day: number): number {
    return (day - Math.floor(day / CHUNK_DAYS) * CHUNK_DAYS) * this.width;
  }

  /** Fills the rows after the last one up to `day` with the last totals (nothing happened on those days). */
  private extendTo(day: number): void {
    const size = CHUNK_DAYS * this.width;
    if (this.chunks.length === 0) {
      this.firstChunk = Math.floor(day / CHUNK_DAYS);
      this.chunks.push(new Float64Array(size));
      // Rows before the first fact's day hold zeros, which are their totals.
      this.lastDay = day;
      return;
    }
    while (Math.floor(day / CHUNK_DAYS) >= this.firstChunk + this.chunks.length) this.chunks.push(new Float64Array(size));
    const w = this.width;
    const source = this.rowChunk(this.lastDay);
    const from = this.rowOffset(this.lastDay);
    for (let d = this.lastDay + 1; d <= day; d++) copyRow(source, from, this.rowChunk(d), this.rowOffset(d), w);
    this.lastDay = day;
  }

  /** Adds chunks of zero rows before the first one: nothing happened on those days. */
  private prependTo(day: number): void {
    const size = CHUNK_DAYS * this.width;
    while (day < this.firstChunk * CHUNK_DAYS) {
      this.chunks.unshift(new Float64Array(size));
      this.firstChunk--;
    }
  }
}

function copyRow(source: Float64Array, from: number, target: Float64Array, to: number, width: number): void {
  for (let i = 0; i < width; i++) target[to + i] = source[from + i] as number;
}
