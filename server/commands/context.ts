/** What commands work with: the store, the Hocuspocus instance, the parser and parsed editions. */
import type { Hocuspocus } from '@hocuspocus/server';
import type { AccessReview } from '../collab/access-review';
import { randomBytes } from 'node:crypto';
import { profiles } from '../../core/profiles';
import { parseRulebook } from '../../core/rulebook/parse';
import type { Rulebook } from '../../core/rulebook/types';
import type { Profile } from '../../schemas/profile';
import { notFound } from '../errors';
import type { EditionRow, Store } from '../store/types';
import type { Parser } from '../workers/pool';

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
  /** Reads rulebook sources and motion text in a worker thread, off the event loop. */
  parser: Parser;
  /** Parsed editions by id; editions are immutable, so a parse is good forever. */
  editions: Map<string, LoadedEdition>;
  /** The units each stored draft cites, with the motion's `updatedAt` they were read at. */
  draftUnits: Map<string, { updatedAt: string; units: string[] }>;
}

/** Builds the context commands share. */
export function commandContext(
  store: Store,
  collab: { hocuspocus: Hocuspocus; access: AccessReview },
  parser: Parser,
): CommandContext {
  return { store, ...collab, parser, editions: new Map(), draftUnits: new Map() };
}

/** The profile of an edition row; an unknown profile id is a bug in the stored data. */
export function profileOf(id: string): Profile {
  const profile = profiles[id];
  if (!profile) throw new Error(`Edition uses unknown profile ${JSON.stringify(id)}`);
  return profile;
}

/** An edition with its parsed rulebook and profile, or a 404. */
export async function loadEdition(ctx: CommandContext, id: string): Promise<LoadedEdition> {
  const cached = ctx.editions.get(id);
  if (cached) return cached;
  const row = await ctx.store.getEdition(id);
  if (!row) throw notFound('edition-not-found', `No edition ${JSON.stringify(id)}`);
  const profile = profileOf(row.profile);
  const { rulebook } = parseRulebook(row.source, { profile });
  const loaded = { row, rulebook, profile };
  ctx.editions.set(id, loaded);
  return loaded;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lower-case letters and digits (motion ids must match MOTION_ID). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  // 256 is not a multiple of 36; the slight bias is harmless for identifiers.
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
