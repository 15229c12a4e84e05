/**
 * A fixed-window rate limiter per key (an IP address, an e-mail): at most `limit` attempts in
 * each `windowMs`. Memory stays bounded: when more than `maxKeys` keys are tracked, expired
 * windows are swept, and if that is not enough the oldest entries go first — but never one that
 * has used up its attempts, or flooding the table with other keys would give a target's tries
 * back. Such keys are dropped only past ten times `maxKeys`, which takes `limit` counted attempts
 * each (for sign-in, each of those a password hash, themselves limited per address).
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

  /** Gives back one attempt of `key` (one that turned out not to count, such as a success). */
  refund(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) {
      if (now - w.start >= this.options.windowMs) this.windows.delete(key);
    }
    // Maps iterate in insertion order: what is left first is the oldest.
    const evict = (spent: boolean, bound: number) => {
      for (const [key, w] of this.windows) {
        if (this.windows.size <= bound) break;
        if (spent || w.count < this.options.limit) this.windows.delete(key);
      }
    };
    evict(false, this.maxKeys);
    evict(true, this.maxKeys * 10);
  }
}

/**
 * The key an address is limited by: an IPv4 address as it is (also when written IPv4-mapped,
 * `::ffff:192.0.2.1`), an IPv6 address by its /64 — one subscriber's network, in which a client
 * can pick any address it likes.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
