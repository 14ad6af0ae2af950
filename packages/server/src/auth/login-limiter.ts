/**
 * Counts failed sign-ins per key (address, email) in a sliding window; after `limit` failures
 * the key is refused until enough failures leave the window.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly windowMs = 15 * 60_000) {}

  /** Milliseconds until the key may try again after `limit` failures, or 0 when it may try now. */
  retryAfter(key: string, now: number, limit: number): number {
    const recent = this.prune(key, now);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + this.windowMs - now;
  }

  recordFailure(key: string, now: number): void {
    const recent = this.prune(key, now);
    recent.push(now);
    this.failures.set(key, recent);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent;
  }
}
