import { describe, expect, it } from 'vitest';
import type { AmendmentView, MotionVersion, VersionText } from '../../schemas/api';
import type { MotionVersions } from '../../schemas/api';
import {
  amendmentLabel,
  compareVersions,
  defaultPair,
  versionChoices,
  versionText,
} from './versions';

const amend = (target: string, text: string, id = target): AmendmentView => ({
  id,
  kind: 'amend',
  target,
  marker: '',
  text,
});

const text = (number: number, motionText: string, amendments: AmendmentView[]): VersionText => ({
  number,
  motionText,
  argument: '',
  amendments,
});

const version = (
  number: number,
  motionText: string,
  amendments: AmendmentView[],
): MotionVersion => ({
  ...text(number, motionText, amendments),
  at: `2026-11-0${number}T10:00:00Z`,
  meeting: {
    date: `2026-11-0${number}`,
    meeting: 'General Committee',
    for: 20 + number,
    against: 3,
    abstain: 0,
  },
});

const v1 = version(1, 'Chapter 1 — delete “one third” and replace with “one fifth”.', [
  amend('1.V.4', 'The financial year shall run from 1 April to 31 March.'),
]);
const v2 = version(2, 'Chapter 1 — delete “one third” and replace with “one sixth”.', [
  amend('1.V.4', 'The financial year shall run from 1 April to 31 March each year.'),
]);

describe('versions', () => {
  it('offers each version with its meeting, then the open draft', () => {
    const view: MotionVersions = { versions: [v1, v2], draft: text(0, '', []) };
    expect(versionChoices(view)).toEqual([
      {
        number: 1,
        label: 'Version 1 — General Committee on 1 November 2026, 21–3–0',
        short: 'Version 1',
      },
      {
        number: 2,
        label: 'Version 2 — General Committee on 2 November 2026, 22–3–0',
        short: 'Version 2',
      },
      { number: 0, label: 'The draft as it stands', short: 'The draft' },
    ]);
    expect(versionText(view, 0)).toBe(view.draft);
    expect(versionText(view, 2)).toBe(v2);
    expect(versionText({ versions: [v1], draft: null }, 0)).toBeUndefined();
  });

  it('compares the latest two by default, and nothing with fewer than two', () => {
    expect(defaultPair(versionChoices({ versions: [v1, v2], draft: null }))).toEqual([1, 2]);
    expect(defaultPair(versionChoices({ versions: [v1, v2], draft: text(0, '', []) }))).toEqual([
      2, 0,
    ]);
    expect(defaultPair(versionChoices({ versions: [v1], draft: null }))).toBeNull();
    expect(defaultPair([])).toBeNull();
  });

  it('redlines the motion text and each amendment word by word', () => {
    const c = compareVersions(v1, v2);
    expect(c.changed).toBe(true);
    expect(c.motionText).toEqual([
      { kind: 'same', text: 'Chapter 1 — delete “one third” and replace with “one' },
      { kind: 'del', text: 'fifth”.' },
      { kind: 'ins', text: 'sixth”.' },
    ]);
    expect(c.amendments).toEqual([
      {
        key: 'amend 1.V.4',
        kind: 'amend',
        target: '1.V.4',
        marker: '',
        status: 'changed',
        spans: [
          { kind: 'same', text: 'The financial year shall run from 1 April to 31' },
          { kind: 'del', text: 'March.' },
          { kind: 'ins', text: 'March each year.' },
        ],
      },
    ]);
  });

  it('matches amendments by kind and unit, not by id or order, and shows added and dropped ones', () => {
    const before = text(1, 'same', [
      amend('2.I.1', 'Kept as it was.', 'a'),
      { id: 'b', kind: 'delete', target: '2.I.2', marker: '', text: '' },
      amend('2.I.3', 'Dropped later.', 'c'),
    ]);
    const after = text(2, 'same', [
      { id: 'x', kind: 'insert', target: '2.I.1', marker: '1A', text: 'A new unit.' },
      { id: 'y', kind: 'delete', target: '2.I.2', marker: '', text: '' },
      amend('2.I.1', 'Kept as it was.', 'z'),
    ]);
    const c = compareVersions(before, after);
    expect(c.motionText).toEqual([{ kind: 'same', text: 'same' }]);
    expect(c.amendments.map((a) => [a.key, a.status, a.spans])).toEqual([
      ['insert 2.I.1', 'added', [{ kind: 'ins', text: 'A new unit.' }]],
      ['delete 2.I.2', 'same', []],
      ['amend 2.I.1', 'same', [{ kind: 'same', text: 'Kept as it was.' }]],
      ['amend 2.I.3', 'removed', [{ kind: 'del', text: 'Dropped later.' }]],
    ]);
    expect(c.changed).toBe(true);
  });

  it('tells two new units after the same unit apart by their order', () => {
    const insert = (id: string, t: string): AmendmentView => ({
      id,
      kind: 'insert',
      target: '2.I.1',
      marker: '',
      text: t,
    });
    const c = compareVersions(
      text(1, '', [insert('a', 'First new.'), insert('b', 'Second new.')]),
      text(2, '', [insert('c', 'First new.'), insert('d', 'Second, changed.')]),
    );
    expect(c.amendments.map((a) => [a.key, a.status])).toEqual([
      ['insert 2.I.1', 'same'],
      ['insert 2.I.1 #2', 'changed'],
    ]);
  });

  it('says when two versions are the same', () => {
    expect(compareVersions(v1, { ...v1, number: 2 }).changed).toBe(false);
  });

  it('labels an amendment by what it does', () => {
    expect(amendmentLabel({ kind: 'amend', target: '1.V.4', marker: '' })).toBe('1.V.4');
    expect(amendmentLabel({ kind: 'insert', target: '5.IV.5.E', marker: 'F' })).toBe(
      'New unit F after 5.IV.5.E',
    );
    expect(amendmentLabel({ kind: 'insert', target: '5.IV.5.E', marker: '' })).toBe(
      'New unit after 5.IV.5.E',
    );
    expect(amendmentLabel({ kind: 'delete', target: '5.IV.7', marker: '' })).toBe('5.IV.7 deleted');
  });
});
