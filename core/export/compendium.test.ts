import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProgressView } from '../../schemas/api';
import { labourProfile, libdemProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { findUnit } from '../rulebook/tree';
import { compendiumDocument, resultsDocument, type CompendiumMotion } from './compendium';
import type { Block } from './model';
import { renderText } from './text';

const base = parseRulebook(
  readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const text = (path: string) => findUnit(base, path.split('.'))!.unit.text;
const none: ProgressView = {
  version: 1,
  meeting: null,
  ruling: null,
  position: null,
  result: null,
  year: 2026,
};

function motion(id: string, title: string, target: string, over: Partial<CompendiumMotion> = {}) {
  return {
    id,
    title,
    body: `${id} CLP`,
    motionText: `Change ${target}.`,
    argument: '',
    amendments: [
      { id: 'a', kind: 'amend' as const, target, order: 1, text: `${text(target)} Changed.` },
    ],
    stateLabel: 'Submitted',
    progress: none,
    identical: [],
    ...over,
  };
}
const titles = (blocks: Block[], level: number) =>
  blocks.flatMap((b) => (b.kind === 'heading' && b.level === level ? [b.runs[0]?.text ?? ''] : []));

describe('compendiumDocument', () => {
  it('puts motions in agenda order: chapter and clause first touched, then title', () => {
    const doc = compendiumDocument(
      {
        title: 'Conference',
        profile: labourProfile,
        rulebook: base,
        motions: [
          motion('e', 'zebra', '5.IV.1'),
          motion('d', 'Apple', '5.IV.7'),
          motion('c', 'Middle', '5.I.1'),
          motion('b', 'Later chapter first typed', '6.I.1'),
          motion('a', 'Conference', '3.III.4'),
          { ...motion('z', 'Nothing found', '5.IV.1'), amendments: [] },
        ],
      },
      { redline: false },
    );
    expect(doc.blocks[0]).toEqual({ kind: 'toc' });
    expect(titles(doc.blocks, 2)).toEqual([
      'Conference',
      'Middle',
      'Apple',
      'zebra',
      'Later chapter first typed',
      'Nothing found',
    ]);
    expect(titles(doc.blocks, 1)).toEqual([
      'Chapter 3: Party conference',
      'Chapter 5: Selections, rights and responsibilities of candidates for elected public office',
      'Chapter 6: Rules for CLPs',
      'Other rule changes',
    ]);
  });

  it('prints identical submissions once, under all their bodies, however the links are given', () => {
    const doc = compendiumDocument(
      {
        title: 'Conference',
        profile: labourProfile,
        rulebook: base,
        motions: [
          motion('x', 'Same', '5.IV.1', { identical: ['y'] }),
          motion('y', 'Same', '5.IV.1', {
            identical: ['z', 'not-on-the-agenda'],
            progress: { ...none, ruling: { label: 'Ruled out of order', note: 'Late', at: '' } },
          }),
          motion('z', 'Same too', '5.IV.1', {
            progress: { ...none, ruling: { label: 'Ruled in order', note: '', at: '' } },
          }),
        ],
      },
      { redline: false },
    );
    expect(titles(doc.blocks, 2)).toEqual(['Same']);
    const out = renderText(doc);
    expect(out).toContain('Submitted by:      x CLP, y CLP, z CLP');
    expect(out).toContain('Also submitted as: Same too (z CLP)');
    // Rulings differ within the group: each body's is shown.
    expect(out).toContain(
      'CAC ruling:        x CLP: none; y CLP: Ruled out of order — Late; z CLP: Ruled in order',
    );
  });
});

describe('resultsDocument', () => {
  const result = (card: number, clp: number, aff: number): ProgressView['result'] => ({
    card,
    sections: {
      clp: { for: clp, against: 100 - clp },
      affiliates: { for: aff, against: 100 - aff },
    },
    forPercent: (clp + aff) / 2,
    againstPercent: 100 - (clp + aff) / 2,
    carried: (clp + aff) / 2 > 50,
    words: (clp + aff) / 2 > 50 ? 'CARRIED' : 'NOT CARRIED',
  });

  it('prints one line per card vote in card order, with the bodies of a grouped motion', () => {
    const doc = resultsDocument({
      title: 'Conference 2026',
      profile: labourProfile,
      rulebook: base,
      motions: [
        motion('m1', 'Open selection', '5.IV.1', {
          identical: ['m2'],
          progress: { ...none, result: result(8, 29.16, 0) },
        }),
        motion('m2', 'Open selection', '5.IV.1', {
          progress: { ...none, result: result(8, 29.16, 0) },
        }),
        motion('m3', 'Earlier card', '6.I.1', { progress: { ...none, result: result(2, 60, 70) } }),
        motion('m4', 'No vote', '3.III.4'),
      ],
    });
    const lines = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs[0]?.text] : []));
    expect(lines).toEqual([
      'Card vote 2 — Earlier card — m3 CLP — 65.00% for, 35.00% against — CARRIED',
      'Card vote 8 — Open selection — m1 CLP, m2 CLP — 14.58% for, 85.42% against — NOT CARRIED',
    ]);
    expect(doc.blocks[3]).toEqual({
      kind: 'table',
      header: ['Section', 'For', 'Against', 'Weight'],
      rows: [
        [[{ text: 'CLPs' }], [{ text: '29.16%' }], [{ text: '70.84%' }], [{ text: '50%' }]],
        [[{ text: 'Affiliates' }], [{ text: '0.00%' }], [{ text: '100.00%' }], [{ text: '50%' }]],
      ],
    });
  });

  it('uses the profile’s sections and words (one section, two-thirds)', () => {
    const doc = resultsDocument({
      title: 'Federal Conference',
      profile: libdemProfile,
      rulebook: base,
      motions: [
        motion('l1', 'Notice', '5.IV.1', {
          progress: {
            ...none,
            result: {
              card: 1,
              sections: { conference: { for: 200, against: 100 } },
              forPercent: 66.67,
              againstPercent: 33.33,
              carried: true,
              words: 'PASSED',
            },
          },
        }),
      ],
    });
    const out = renderText(doc);
    expect(out).toContain('Card vote 1 — Notice — l1 CLP — 66.67% for, 33.33% against — PASSED');
    expect(out).toContain('Conference  66.67%  33.33%   100%');
  });

  it('says so when no card vote is recorded', () => {
    const doc = resultsDocument({
      title: 'C',
      profile: labourProfile,
      rulebook: base,
      motions: [],
    });
    expect(renderText(doc)).toContain('No card votes recorded.');
  });
});
