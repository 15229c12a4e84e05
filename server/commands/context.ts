/** What commands work with: the store, the Hocuspocus instance, the parser and loaded editions. */
import { unpackParse } from '../store/edition-parse';
import type { Hocuspocus } from '@hocuspocus/server';
import type { AccessReview } from '../collab/access-review';
import type { Persistence } from '../collab/persistence';
import { randomBytes } from 'node:crypto';
import { profiles } from '../../core/profiles';
import type { Rulebook } from '../../core/rulebook/types';
import type { Profile } from '../../schemas/profile';
import { notFound } from '../errors';
import type { EditionRow, Store } from '../store/types';
import type { JobOptions, Parser } from '../workers/pool';

export interface LoadedEdition {
  row: EditionRow;
  rulebook: Rulebook;
  profile: Profile;
}

export interface CommandContext {
  store: Store;
  hocuspocus: Hocuspocus;
  /** Applies a change of access to open drafting connections, on every process. */
  access: AccessReview;
  /** The update log: server-side draft edits are logged (and counted toward the cap) through it. */
  persistence: Persistence;
  /** Reads rulebook sources and motion text in a worker thread, off the event loop. */
  parser: Parser;
  /**
   * Editions by id as loaded from their stored parse (or loading); editions are immutable, so a
   * loaded edition is good forever. A failed load is forgotten, to be tried again.
   */
  editions: Map<string, Promise<LoadedEdition>>;
  /** The units each stored draft cites, with the motion's `updatedAt` they were read at. */
  draftUnits: Map<string, { updatedAt: string; units: string[] }>;
}

/** Builds the context commands share. */
export function commandContext(
  store: Store,
  collab: { hocuspocus: Hocuspocus; access: AccessReview; persistence: Persistence },
  parser: Parser,
): CommandContext {
  const { hocuspocus, access, persistence } = collab;
  return {
    store,
    hocuspocus,
    access,
    persistence,
    parser,
    editions: new Map(),
    draftUnits: new Map(),
  };
}

/** The profile of an edition row; an unknown profile id is a bug in the stored data. */
export function profileOf(id: string): Profile {
  const profile = profiles[id];
  if (!profile) throw new Error(`Edition uses unknown profile ${JSON.stringify(id)}`);
  return profile;
}

/**
 * An edition with its rulebook and profile, or a 404. The rulebook comes from the parse stored
 * with the edition, never from parsing its source on a request (that took a minute for a 5 MB
 * rulebook, after every restart).
 */
export function loadEdition(ctx: CommandContext, id: string): Promise<LoadedEdition> {
  const cached = ctx.editions.get(id);
  if (cached) return cached;
  const loading = readStoredEdition(ctx, id);
  ctx.editions.set(id, loading);
  loading.catch(() => ctx.editions.delete(id));
  return loading;
}

async function readStoredEdition(ctx: CommandContext, id: string): Promise<LoadedEdition> {
  const row = await ctx.store.getEdition(id);
  if (!row) throw notFound('edition-not-found', `No edition ${JSON.stringify(id)}`);
  const profile = profileOf(row.profile);
  const parsed = await storedParse(ctx, row);
  return { row, rulebook: await unpackParse(parsed), profile };
}

/**
 * The parse stored with an edition. One stored before parses were (and not yet backfilled, say
 * by another process) is parsed now, in the worker, and stored: still never on the event loop.
 */
export async function storedParse(
  ctx: CommandContext,
  row: EditionRow,
  job?: JobOptions,
): Promise<Uint8Array> {
  const stored = await ctx.store.getEditionParse(row.id);
  if (stored !== null) return stored;
  const read = await ctx.parser.parseEdition(row.source, profileOf(row.profile), true, job);
  const { parsed } = read;
  if (parsed === null) throw new Error(`Edition ${row.id} could not be parsed`);
  if (await ctx.store.fillEditionParse(row.id, parsed, read)) return parsed;
  // Another process filled it first: use what is stored, so every process serves the same.
  return (await ctx.store.getEditionParse(row.id)) ?? parsed;
}

/**
 * Gives every edition stored without a parse (before migration 0005) its parse, once, at
 * start-up: afterwards no request and no restart parses a stored source. Answers how many.
 */
export async function backfillEditionParses(ctx: CommandContext): Promise<number> {
  const rows = await ctx.store.listEditionsWithoutParse();
  // Nobody waits at start-up, and the machine may be busy starting: a generous bound per edition.
  for (const row of rows) await storedParse(ctx, row, { timeoutMs: BACKFILL_TIMEOUT_MS });
  return rows.length;
}

const BACKFILL_TIMEOUT_MS = 5 * 60_000;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lower-case letters and digits (motion ids must match MOTION_ID). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  // 256 is not a multiple of 36; the slight bias is harmless for identifiers.
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
