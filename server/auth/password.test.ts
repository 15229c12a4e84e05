import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  HASHING_CONCURRENCY,
  HASHING_QUEUE,
  hashingLoad,
  hashPassword,
  verifyPassword,
} from './password';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts every hash and refuses malformed stored values', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$1$1$$')).toBe(false);
    // A stored cost no hash of ours has is refused, not computed.
    expect(await verifyPassword('x', 'scrypt$1099511627776$8$1$c2FsdA$aGFzaA')).toBe(false);
  });

  it('runs a bounded number of hashes at once and refuses more than a bounded queue', async () => {
    const extra = 5;
    const started = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE + extra }, () =>
      hashPassword('flood').then(
        () => 'hashed',
        (error: unknown) => error,
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(hashingLoad()).toEqual({ active: HASHING_CONCURRENCY, waiting: HASHING_QUEUE });
    const results = await Promise.all(started);
    const refused = results.filter((r) => r !== 'hashed');
    expect(refused).toHaveLength(extra);
    for (const error of refused) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 503, id: 'busy' });
    }
    expect(hashingLoad()).toEqual({ active: 0, waiting: 0 });
  });
});
