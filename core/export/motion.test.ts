import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DraftAmendment } from '../amendments/draft';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { findUnit } from '../rulebook/tree';
import type { Block } from './model';
import { draftChanges, motionDocument, type MotionExportInput } from './motion';
import { diffRuns, formatDate, formatMeeting, splitLines } from './runs';
import { renderText } from './text';

const base = parseRulebook(
  readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const text = (path: string) => findUnit(base, path.split('.'))!.unit.text;
const input = (amendments: DraftAmendment[]): MotionExportInput => ({
  title: 'A motion',
  body: 'Anytown CLP',
  profile: labourProfile,
  rulebook: base,
  amendments,
  motionText: '',
  argument: '',
  meeting: null,
});
const headings = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'heading' ? [b.runs.map((r) => r.text).join('')] : []));

describe('motionDocument', () => {
  it('leaves out the rule as amended when clean, and the argument when there is none', () => {
    const amendments: DraftAmendment[] = [
      {
        id: 'a',
        kind: 'amend',
        target: '3.III.4',
        order: 1,
        text: text('3.III.4').replace('three', 'two'),
      },
    ];
    expect(headings(motionDocument(input(amendments), { redline: false }).blocks)).toEqual([
      'Current text',
      'Amendment',
    ]);
    expect(headings(motionDocument(input(amendments), { redline: true }).blocks)).toEqual([
      'Current text',
      'Amendment',
      'The rule as amended',
    ]);
  });

  it('labels units as they will be numbered, and says where they were', () => {
    const changes = draftChanges(
      base,
      [
        { id: 'd', kind: 'delete', target: '5.IV.2', order: 1, text: '' },
        { id: 'a', kind: 'amend', target: '5.IV.5.B.i', order: 2, text: 'one fifth or more.' },
        { id: 'i', kind: 'insert', target: '5.IV.7', order: 3, text: 'Last.' },
        { id: 'j', kind: 'insert', target: '5.IV.7', order: 4, text: 'After last.' },
      ],
      labourProfile,
    );
    expect(changes.problems).toEqual([]);
    expect(
      changes.list.map(
        (c) => `${c.kind} ${c.base.path.join('.')} → ${c.proposed?.path.join('.') ?? '-'}`,
      ),
    ).toEqual([
      'delete 5.IV.2 → -',
      'amend 5.IV.5.B.i → 5.IV.4.B.i',
      'context 5.IV.7 → 5.IV.6',
      'insert 5.IV.7 → 5.IV.7',
      'insert 5.IV.7 → 5.IV.8',
    ]);
    expect(changes.cited.map((u) => u.path.join('.'))).toEqual(['5.IV.2', '5.IV.5.B.i', '5.IV.7']);
  });

  it('still exports a draft that does not apply, saying why', () => {
    const doc = motionDocument(
      input([
        { id: 'a', kind: 'amend', target: '5.IV.99', order: 1, text: 'x' },
        { id: 'b', kind: 'amend', target: '5.IV.1', order: 2, text: `${text('5.IV.1')} More.` },
      ]),
      { redline: true },
    );
    const out = renderText(doc);
    expect(out).toContain(
      'This draft does not apply to the edition as it stands: Unexpected amendment of 5.IV.99',
    );
    expect(out).toContain('[+More.+]');
  });

  it('quotes a clause’s own text under its heading', () => {
    const clause = text('3.III');
    const out = renderText(
      motionDocument(
        input([{ id: 'c', kind: 'amend', target: '3.III', order: 1, text: `${clause} Always.` }]),
        { redline: true },
      ),
    );
    expect(out).toContain(`Clause III. Procedural rules for Party conference\n\n${clause}`);
    expect(out).toContain('[+Always.+]');
  });

  it('prints the meeting, the state and what is on record', () => {
    const doc = motionDocument(
      {
        ...input([]),
        meeting: {
          date: '2026-05-04',
          meeting: 'General Committee',
          for: 1,
          against: 0,
          abstain: 2,
        },
        stateLabel: 'Ruled out of order',
        progress: {
          version: 1,
          meeting: null,
          ruling: { label: 'Ruled out of order', note: 'Late', at: '2026-07-01' },
          position: null,
          result: null,
          year: 2026,
        },
      },
      { redline: false },
    );
    expect(doc.blocks[0]).toEqual({
      kind: 'fields',
      fields: [
        { label: 'Submitted by', value: [{ text: 'Anytown CLP' }] },
        { label: 'Rule book', value: [{ text: 'Labour Party Rule Book 2024' }] },
        {
          label: 'Meeting',
          value: [{ text: 'General Committee, 4 May 2026 — 1 for, 0 against, 2 abstentions' }],
        },
        { label: 'Status', value: [{ text: 'Ruled out of order' }] },
        { label: 'CAC ruling', value: [{ text: 'Ruled out of order — Late' }] },
      ],
    });
  });
});

describe('runs', () => {
  it('diffs words with a space between a deletion and its replacement', () => {
    expect(diffRuns('one third or more', 'one fifth or more')).toEqual([
      { text: 'one ' },
      { text: 'third', mark: 'del' },
      { text: ' ' },
      { text: 'fifth', mark: 'ins' },
      { text: ' or more' },
    ]);
    expect(diffRuns('a b', 'a b')).toEqual([{ text: 'a b' }]);
    expect(diffRuns('', 'new words')).toEqual([{ text: 'new words', mark: 'ins' }]);
  });

  it('keeps paragraph breaks without spaces around them, and splits lines there', () => {
    const runs = diffRuns('first para\nsecond para', 'first para\nnew para\nsecond para');
    expect(runs.map((r) => r.text).join('')).toBe('first para\nnew para\nsecond para');
    expect(splitLines(runs).map((line) => line.map((r) => r.text).join(''))).toEqual([
      'first para',
      'new para',
      'second para',
    ]);
  });

  it('formats dates from their digits and meetings with the right plural', () => {
    expect(formatDate('2026-05-14')).toBe('14 May 2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(
      formatMeeting({ date: '2026-12-01', meeting: 'AMM', for: 24, against: 3, abstain: 1 }),
    ).toBe('AMM, 1 December 2026 — 24 for, 3 against, 1 abstention');
  });
});
