/**
 * Seeded random redlines for the round-trip property test and the benchmarks: word inserts,
 * deletes and replacements, rewrites, units added and deleted, several units at once — the
 * proposed rulebook relabelled the way a person would renumber it.
 */
import { renderTokens, tokenize } from '../../diff/words';
import { labelAt, levelKind, markerLike } from '../../rulebook/labels';
import { cloneRulebook, reindex, walkUnits } from '../../rulebook/tree';
import type { Rulebook, Unit } from '../../rulebook/types';
import type { Profile } from '../../../schemas/profile';

/** mulberry32: a small, fast PRNG so every run with the same seed edits the same way. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words with punctuation, apostrophes and quotes, so quoting and anchoring are exercised.
const WORDS = [
  'members',
  'the',
  'CLP',
  'shall',
  'NEC',
  "member's",
  'ballot,',
  'vote.',
  'one-third',
  '“Party”',
  'branches;',
  '(including',
  'affiliates)',
  'per',
  'cent',
  '50%',
  'Conference',
  'delegates’',
  'open',
  'selection',
  'trigger',
  'and',
  'of',
  'a',
  'not',
  'may',
  'must',
  'within',
  '12',
  'months',
  '"sitting',
  'MP"',
  'ballot',
  'shall',
  'be',
  'held',
  'in',
  'accordance',
  'with',
  'rules',
];

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const words = (rng: () => number, n: number) => Array.from({ length: n }, () => pick(rng, WORDS));

function newUnit(rng: () => number, depth: number, marker: string): Unit {
  return {
    kind: 'unit',
    depth,
    label: '',
    marker,
    title: '',
    text: renderTokens(words(rng, 3 + Math.floor(rng() * 12))),
    path: [],
    address: '' as Unit['address'],
    children: [],
    start: { line: 0, column: 0, offset: 0 },
    end: { line: 0, column: 0, offset: 0 },
    sourceLines: [],
    blankBefore: 1,
  };
}

/** Edits the words of a text: inserts, deletes and replacements at random places. */
function editWords(rng: () => number, text: string): string {
  const tokens = tokenize(text);
  const edits = 1 + Math.floor(rng() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rng() * (tokens.length + 1));
    const r = rng();
    if (r < 0.4 || tokens.length === 0)
      tokens.splice(at, 0, ...words(rng, 1 + Math.floor(rng() * 3)));
    else if (r < 0.7) {
      const n = 1 + Math.floor(rng() * 2);
      if (!tokens.slice(at, at + n).includes('\n')) tokens.splice(at, n);
    } else if (tokens[at] !== undefined && tokens[at] !== '\n')
      tokens.splice(at, 1, ...words(rng, 1 + Math.floor(rng() * 2)));
  }
  const out = renderTokens(tokens)
    .replace(/^\n+|\n+$/g, '')
    .replace(/\n\n+/g, '\n');
  return out === '' ? pick(rng, WORDS) : out;
}

/** Relabels every numbered unit in sequence, keeping each level's kind and punctuation. */
function relabelAll(units: Unit[], depth: number, profile: Profile) {
  const kind = levelKind(profile, depth);
  units.forEach((u, i) => {
    if (u.kind === 'unit') {
      u.label = labelAt(i + 1, kind);
      u.marker = markerLike(u.marker || '1.', u.label);
    }
    relabelAll(u.children, depth + 1, profile);
  });
}

/** A proposed rulebook: `base` with `units` randomly chosen units edited, added or deleted. */
export function randomProposal(
  base: Rulebook,
  rng: () => number,
  units: number,
  profile: Profile,
): Rulebook {
  const proposed = cloneRulebook(base);
  const parents = new Map<Unit, Unit[]>();
  const index = (list: Unit[]) => {
    for (const u of list) {
      parents.set(u, list);
      index(u.children);
    }
  };
  index(proposed.chapters);
  const candidates = [...walkUnits(proposed.chapters)].filter((u) => u.kind !== 'chapter');
  const deleted = new Set<Unit>();
  for (let n = 0; n < units; n++) {
    const unit = pick(rng, candidates);
    if (deleted.has(unit)) continue;
    const siblings = parents.get(unit) as Unit[];
    const r = unit.kind === 'clause' ? rng() * 0.55 : rng();
    // A clause's own text cannot be restated as a block, so it needs a usable quote pair:
    // keep quote marks out of clause edits (units get them, and fall back to blocks).
    if (unit.kind === 'clause') unit.text = editWords(rng, unit.text).replace(/[‘’'“”"]/g, '');
    else if (r < 0.55) unit.text = editWords(rng, unit.text);
    else if (r < 0.65) unit.text = renderTokens(words(rng, 4 + Math.floor(rng() * 10)));
    else if (r < 0.75) {
      siblings.splice(siblings.indexOf(unit), 1);
      for (const u of walkUnits([unit])) deleted.add(u);
    } else if (r < 0.9) {
      siblings.splice(siblings.indexOf(unit) + 1, 0, newUnit(rng, unit.depth, unit.marker));
    } else {
      const child = newUnit(rng, unit.depth + 1, unit.children[0]?.marker ?? '1.');
      if (unit.kind === 'unit' && !unit.children[0]) child.marker = 'A.';
      unit.children.unshift(child);
      if (rng() < 0.3) child.children.push(newUnit(rng, unit.depth + 2, 'i.'));
    }
  }
  for (const chapter of proposed.chapters) {
    for (const clause of chapter.children) relabelAll(clause.children, 2, profile);
  }
  reindex(proposed);
  return proposed;
}

/** The content of a rulebook as comparable lines: address, marker and text of every unit. */
export function outline(rulebook: Rulebook): string[] {
  return [...walkUnits(rulebook.chapters)].map(
    (u) => `${u.address} ${u.marker} ${u.title} | ${u.text}`,
  );
}
