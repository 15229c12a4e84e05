import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AMENDMENT, DOC, META } from '../../schemas/collab';
import { readAmendments, readMeta, toDraft } from './draft-doc';

function seeded(): Y.Doc {
  const doc = new Y.Doc();
  const amendments = doc.getMap<Y.Map<unknown>>(DOC.amendments);
  const add = (id: string, kind: string, target: string, order: number, text?: string) => {
    const m = new Y.Map<unknown>();
    m.set(AMENDMENT.kind, kind);
    m.set(AMENDMENT.target, target);
    m.set(AMENDMENT.order, order);
    if (text !== undefined) m.set(AMENDMENT.text, new Y.Text(text));
    amendments.set(id, m);
  };
  add('b', 'delete', '5.IV.3', 2);
  add('a', 'amend', '5.IV.2', 1, 'new words');
  add('c', 'bogus', '5.IV.4', 3);
  doc.getMap(DOC.meta).set(META.title, 'Open selection');
  return doc;
}

describe('reading the motion doc', () => {
  it('lists valid amendments in order', () => {
    const list = readAmendments(seeded());
    expect(list.map((a) => [a.id, a.kind, a.target, a.text !== null])).toEqual([
      ['a', 'amend', '5.IV.2', true],
      ['b', 'delete', '5.IV.3', false],
    ]);
  });

  it('builds the draft for motionFromDraft', () => {
    expect(toDraft(readAmendments(seeded()))).toEqual([
      { id: 'a', kind: 'amend', target: '5.IV.2', order: 1, text: 'new words' },
      { id: 'b', kind: 'delete', target: '5.IV.3', order: 2, text: '' },
    ]);
  });

  it('reads meta with defaults', () => {
    expect(readMeta(seeded())).toEqual({ title: 'Open selection', body: '' });
  });
});
