import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows `limit` attempts per window and says when to retry', () => {
    let t = 1_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.take('b').allowed).toBe(true);
    t += 30_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    t += 30_000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps memory bounded under many keys', () => {
    let t = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 1_000; i++) {
      limiter.take(`k${i}`);
      t += 1;
    }
    expect(
      (limiter as unknown as { windows: Map<string, unknown> }).windows.size,
    ).toBeLessThanOrEqual(100);
  });
});
