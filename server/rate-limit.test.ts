import { describe, expect, it } from 'vitest';
import { addressKey, RateLimiter } from './rate-limit';

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
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 1_000; i++) {
      limiter.take(`k${i}`);
      t += 1;
    }
    expect(
      (limiter as unknown as { windows: Map<string, unknown> }).windows.size,
    ).toBeLessThanOrEqual(100);
  });

  it('cannot be made to forget a key that used up its attempts by flooding it with others', () => {
    let t = 0;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 4; i++) limiter.take('target');
    expect(limiter.take('target').allowed).toBe(false);
    // Ten thousand other keys, each tried once, all within the target's window.
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`other${i}@example.org`);
      t += 1;
    }
    expect(limiter.take('target').allowed).toBe(false);
    const size = (limiter as unknown as { windows: Map<string, unknown> }).windows.size;
    expect(size).toBeLessThanOrEqual(101);
    // Its window still ends when it would have.
    t = 60_000;
    expect(limiter.take('target').allowed).toBe(true);
  });

  it('gives back an attempt that did not count', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => 0 });
    limiter.take('a');
    limiter.refund('a');
    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });
});

describe('addressKey', () => {
  it('limits IPv4 by address and IPv6 by its /64', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('local')).toBe('local');
  });
});
