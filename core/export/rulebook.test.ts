import { describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { motionFromDraft, type DraftAmendment } from '../amendments/draft';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { walkUnits } from '../rulebook/tree';
import type { Unit } from '../rulebook/types';
import type { Block, Run } from './model';
import { alignSiblings, rulebookDocument, summaryLine } from './rulebook';

const profile = labourProfile;
const runsOf = (b: Block): Run[] =>
  b.kind === 'unit' ? b.unit.runs : b.kind === 'paragraph' || b.kind === 'heading' ? b.runs : [];
const marks = (b: Block) => new Set(runsOf(b).flatMap((r) => (r.mark ? [r.mark] : [])));

describe('rulebookDocument on a 60,000-word edition', () => {
  const base = parseRulebook(generateRulebook({ words: 60_000, seed: 11 }), { profile }).rulebook;
  const all = [...walkUnits(base.chapters)];
  const subClauses = all.filter((u) => u.depth === 2);
  const at = (i: number) => subClauses[Math.floor((i * subClauses.length) / 6)] as Unit;
  const amendments: DraftAmendment[] = [
    {
      id: 'a',
      kind: 'amend',
      target: at(0).path.join('.'),
      order: 1,
      // The first word replaced: a deletion and an insertion in one unit.
      text: `Replaced ${at(0).text.split(' ').slice(1).join(' ')}`,
    },
    { id: 'b', kind: 'delete', target: at(2).path.join('.'), order: 2, text: '' },
    { id: 'c', kind: 'insert', target: at(4).path.join('.'), order: 3, text: 'A new sub-clause.' },
  ];
  const draft = motionFromDraft(base, amendments, profile);

  it('marks exactly the changed units, however many later units are renumbered', () => {
    expect(draft.diagnostics).toEqual([]);
    const proposed = draft.proposed!;
    const doc = rulebookDocument(
      { rulebook: proposed, base, profile, amendments: [] },
      { redline: true },
    );
    expect(doc.redline).toBe(true);
    const units = doc.blocks.filter((b) => b.kind === 'unit');
    const removed = [...walkUnits([at(2)])].length;
    const numberedNow = [...walkUnits(proposed.chapters)].filter((u) => u.kind === 'unit').length;
    expect(units).toHaveLength(numberedNow + removed);
    const changed = doc.blocks.filter((b) => marks(b).size > 0);
    // One amended unit (ins and del), the deleted unit and its sub-units (del), one new unit (ins).
    expect(changed).toHaveLength(1 + removed + 1);
    expect(changed.filter((b) => marks(b).has('del') && marks(b).has('ins'))).toHaveLength(1);
    expect(changed.filter((b) => [...marks(b)].join() === 'ins')).toHaveLength(1);
    expect(changed.filter((b) => [...marks(b)].join() === 'del')).toHaveLength(removed);
  });

  it('prints every unit, clean, without a diff', () => {
    const doc = rulebookDocument(
      { rulebook: base, base, profile, amendments: [] },
      { redline: false },
    );
    expect(doc.redline).toBe(false);
    expect(doc.blocks.filter((b) => b.kind === 'unit')).toHaveLength(
      all.filter((u) => u.kind === 'unit').length,
    );
    expect(doc.blocks.some((b) => marks(b).size > 0)).toBe(false);
    // Chapters are level 1 headings and clauses level 2, each with its path as id.
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings).toHaveLength(all.filter((u) => u.kind !== 'unit').length);
    expect(headings[0]).toMatchObject({ level: 1, id: base.chapters[0]!.path.join('.') });
  });

  it('is a plain rulebook when asked for a redline without a base', () => {
    const doc = rulebookDocument(
      { rulebook: base, base: null, profile, amendments: [] },
      { redline: true },
    );
    expect(doc.redline).toBe(false);
    expect(doc.subtitle).toBeUndefined();
  });
});

describe('alignSiblings', () => {
  const rulebook = (units: string[]) =>
    parseRulebook(
      `# Chapter 1: A\n\n## Clause I. B\n\n${units.map((t, i) => `${i + 1}. ${t}`).join('\n\n')}\n`,
      { profile },
    ).rulebook.chapters[0]!.children[0]!.children;
  const show = (pairs: ReturnType<typeof alignSiblings>) =>
    pairs.map((p) => `${p.before?.label ?? '-'}>${p.now?.label ?? '-'}`);
  const words = [
    'The NEC shall issue procedural rules.',
    'Each CLP may submit one rule change.',
    'The CAC shall prepare the agenda.',
    'A candidate shall be selected by ballot.',
  ];

  it('matches renumbered units by their text', () => {
    const base = rulebook(words);
    expect(show(alignSiblings(base, rulebook([words[0]!, words[2]!, words[3]!])))).toEqual([
      '1>1',
      '2>-',
      '3>2',
      '4>3',
    ]);
    expect(
      show(alignSiblings(base, rulebook([words[0]!, 'Something new.', ...words.slice(1)]))),
    ).toEqual(['1>1', '->2', '2>3', '3>4', '4>5']);
  });

  it('pairs an edited unit in place, and by likeness when the counts differ', () => {
    const base = rulebook(words);
    const edited = [words[0]!, 'Each CLP may submit two rule changes.', words[2]!, words[3]!];
    expect(show(alignSiblings(base, rulebook(edited)))).toEqual(['1>1', '2>2', '3>3', '4>4']);
    // Sub-clause 2 deleted and 3 edited: the edit pairs with 3, not with the deleted 2.
    const both = [words[0]!, 'The CAC shall prepare the final agenda.', words[3]!];
    expect(show(alignSiblings(base, rulebook(both)))).toEqual(['1>1', '2>-', '3>2', '4>3']);
  });
});

describe('summaryLine', () => {
  it('cites the units in the profile style, and the whole rulebook for the empty path', () => {
    const line = {
      motionId: 'm',
      title: 'Open selection',
      body: 'Anytown CLP',
      conference: 2026,
      card: 2,
      words: 'CARRIED',
    };
    expect(summaryLine({ ...line, units: ['5.IV.5.B.i', '5.IV.5.B.ii'] }, profile)).toBe(
      'Conference 2026, card vote 2 — Open selection (Anytown CLP): Chapter 5, Clause IV, Sub-clauses 5.B.i and 5.B.ii',
    );
    expect(summaryLine({ ...line, units: [''] }, profile)).toBe(
      'Conference 2026, card vote 2 — Open selection (Anytown CLP): the whole rulebook',
    );
    expect(summaryLine({ ...line, units: [] }, profile)).toBe(
      'Conference 2026, card vote 2 — Open selection (Anytown CLP)',
    );
  });
});
