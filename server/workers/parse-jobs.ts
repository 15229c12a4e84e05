/**
 * The jobs the parse worker runs (see pool.ts): reading a rulebook source and reading motion text
 * against an edition. Plain functions over core/, here so they run in a worker thread, off the
 * server's event loop; entry.mjs loads this file there.
 */
import { motionFromText, type MotionFromText } from '../../core/amendments/from-text';
import type { Resolution } from '../../core/amendments/parse';
import { hasErrors, type Diagnostic } from '../../core/diagnostics';
import { wordCount } from '../../core/diff/words';
import { profiles } from '../../core/profiles';
import { parseRulebook } from '../../core/rulebook/parse';
import { walkUnits } from '../../core/rulebook/tree';
import type { Rulebook, RulebookMeta } from '../../core/rulebook/types';
import type { Profile } from '../../schemas/profile';
import { packParse, unpackParseSync } from '../store/edition-parse';

export interface ParseEditionTask {
  source: string;
  profileId: string;
  /** Also give the stored form when the source has errors (an edition already stored). */
  keepWithErrors: boolean;
}

export interface ParsedEdition {
  diagnostics: Diagnostic[];
  meta: RulebookMeta;
  /** The form stored with the edition (store/edition-parse.ts); null when refused for errors. */
  parsed: Uint8Array | null;
  units: number;
  words: number;
}

export interface ReadMotionTask {
  editionId: string;
  profileId: string;
  text: string;
  /** The person's choices on the fixes an earlier reading of the same text offered. */
  resolutions: readonly Resolution[];
  /** The edition's stored parse, sent only when this worker said it did not have it. */
  parsed?: Uint8Array;
}

export type ReadMotionAnswer = { read: MotionFromText } | { missing: true };

function profileOf(id: string): Profile {
  const profile = profiles[id];
  if (!profile) throw new Error(`Unknown profile ${JSON.stringify(id)}`);
  return profile;
}

/** Reads a rulebook source into the edition's stored form, with its size and diagnostics. */
export function parseEdition(task: ParseEditionTask): ParsedEdition {
  const { rulebook, diagnostics } = parseRulebook(task.source, {
    profile: profileOf(task.profileId),
  });
  let units = 0;
  let words = 0;
  for (const unit of walkUnits(rulebook.chapters)) {
    units++;
    words += wordCount(unit.title) + wordCount(unit.text);
  }
  const keep = task.keepWithErrors || !hasErrors(diagnostics);
  return {
    diagnostics,
    meta: rulebook.meta,
    parsed: keep ? packParse(rulebook) : null,
    units,
    words,
  };
}

/**
 * Editions read in this worker, by id: editions are immutable, so one reading is good for every
 * later motion. A few only, most recently used last, so memory stays bounded.
 */
const editions = new Map<string, Rulebook>();
const KEEP_EDITIONS = 4;

/** Reads motion text against an edition, or says the worker needs the edition's stored parse. */
export function readMotion(task: ReadMotionTask): ReadMotionAnswer {
  let rulebook = editions.get(task.editionId);
  if (!rulebook) {
    if (task.parsed === undefined) return { missing: true };
    rulebook = unpackParseSync(task.parsed);
  }
  editions.delete(task.editionId);
  editions.set(task.editionId, rulebook);
  for (const id of editions.keys()) {
    if (editions.size <= KEEP_EDITIONS) break;
    editions.delete(id);
  }
  return {
    read: motionFromText(task.text, rulebook, profileOf(task.profileId), task.resolutions),
  };
}
