/**
 * A fixed-window rate limiter per key (an IP address, an e-mail): at most `limit` attempts in
 * each `windowMs`. Memory stays bounded: when more than `maxKeys` keys are tracked, expired
 * windows are swept, and if that is not enough the oldest entries go first.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one attempt for `key`; `retryAfterMs` > 0 means refuse it. */
  take(key: string): { allowed: boolean; retryAfterMs: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, count: 0 };
      this.windows.delete(key);
      this.windows.set(key, window);
      if (this.windows.size > this.maxKeys) this.sweep(now);
    }
    window.count++;
    if (window.count <= this.options.limit) return { allowed: true, retryAfterMs: 0 };
    return { allowed: false, retryAfterMs: window.start + this.options.windowMs - now };
  }

  /** Forgets `key`'s attempts (a sign-in that succeeded: only failures should add up). */
  forget(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) {
      if (now - w.start >= this.options.windowMs) this.windows.delete(key);
    }
    // Maps iterate in insertion order: what is left first is the oldest.
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
