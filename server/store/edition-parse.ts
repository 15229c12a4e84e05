/**
 * An edition's stored parse as bytes: the stored form of its rulebook (core/rulebook/stored.ts),
 * gzipped. Writing a rulebook of millions of characters into SQLite happens on the event loop
 * (better-sqlite3 is synchronous): 13 MB of JSON took 270 ms, its gzip 1.2 MB a fraction of it.
 * The worker packs (and unpacks what it is sent); the server unpacks with gunzip on libuv's
 * thread pool, so only the JSON.parse of the stored form is left on the event loop.
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzipSync } from 'node:zlib';
import { restoreRulebook, storedRulebook } from '../../core/rulebook/stored';
import type { Rulebook } from '../../core/rulebook/types';

const gunzipAsync = promisify(gunzip);

/** The bytes stored for a parsed rulebook; level 1: most of the size for little of the time. */
export function packParse(rulebook: Rulebook): Uint8Array {
  return new Uint8Array(gzipSync(storedRulebook(rulebook), { level: 1 }));
}

/** The rulebook of stored bytes, decompressed here (for the worker). */
export function unpackParseSync(bytes: Uint8Array): Rulebook {
  return restoreRulebook(gunzipSync(bytes).toString('utf8'));
}

/** The rulebook of stored bytes, decompressed off the event loop (for the server). */
export async function unpackParse(bytes: Uint8Array): Promise<Rulebook> {
  return restoreRulebook((await gunzipAsync(bytes)).toString('utf8'));
}
