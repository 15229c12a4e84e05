/**
 * Password hashing with Node's own scrypt: memory-hard, no native dependency. Hashes carry their
 * parameters (`scrypt$N$r$p$salt$hash`), so raising the cost later still verifies old ones.
 *
 * scrypt runs on libuv's thread pool (four threads), which file reads and DNS share: a flood of
 * sign-ins would otherwise queue everything else behind it (a CSS file once took 11.6 s). Only a
 * few hashes run at once, a bounded number wait, and past that a sign-in is told to try again.
 */
import pLimit from 'p-limit';
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { availableParallelism } from 'node:os';
import { unavailable } from '../errors';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * Hashes running at once: at most half the thread pool, so the other half stays free, and one
 * core fewer than the machine has, so the event loop keeps a core for everything else (on two
 * cores, two hashes at once pushed /healthz's p99 past 300 ms).
 */
export const HASHING_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Hashes waiting their turn; more are refused (each is tens of milliseconds of a core). */
export const HASHING_QUEUE = 32;
const hashing = pLimit(HASHING_CONCURRENCY);

/** How many hashes run and wait now (for tests and the health of the sign-in path). */
export function hashingLoad(): { active: number; waiting: number } {
  return { active: hashing.activeCount, waiting: hashing.pendingCount };
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // Counted together: a task just queued has not started yet, even when a slot is free.
  if (hashing.activeCount + hashing.pendingCount >= HASHING_CONCURRENCY + HASHING_QUEUE) {
    return Promise.reject(
      unavailable('busy', 'Too many people are signing in at once; try again in a few seconds'),
    );
  }
  // scrypt needs 128·N·r bytes; allow twice that so the default 32 MiB cap does not refuse it.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r };
  return hashing(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

/** Hashes a password for storage. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; compares in constant time, false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const [cost, blockSize, parallel] = [Number(n), Number(r), Number(p)];
  // Parameters come from storage: refuse anything that could not be ours rather than spend on it.
  const sane =
    cost <= 2 ** 20 && Number.isInteger(Math.log2(cost)) && blockSize <= 16 && parallel <= 4;
  if (!sane) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), cost, blockSize, parallel);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
