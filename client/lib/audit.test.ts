import { describe, expect, it } from 'vitest';
import { actionLabel, detailParts } from './audit';

describe('audit wording', () => {
  it('names known actions and keeps unknown ones', () => {
    expect(actionLabel('motion-created')).toBe('Started the motion');
    expect(actionLabel('reading-finished')).toBe('Finished reading the text as submitted');
    expect(actionLabel('something-new')).toBe('something-new');
  });

  it('words a transition with labels and the note', () => {
    const parts = detailParts(
      {
        action: 'transition',
        detail: { event: 'adopt', from: 'draft', to: 'adopted', note: 'GC, 12 for' },
      },
      {
        state: (id) => ({ draft: 'Draft', adopted: 'Adopted' })[id] ?? id,
        event: (id) => (id === 'adopt' ? 'Record adoption' : id),
      },
    );
    expect(parts).toEqual(['Record adoption', 'Draft → Adopted', '“GC, 12 for”']);
  });

  it('lists other details as key: value, leaving out empty and nested values', () => {
    expect(
      detailParts({
        action: 'invite-accepted',
        detail: { role: 'member', newAccount: true, nested: { a: 1 }, empty: '' },
      }),
    ).toEqual(['role: member', 'newAccount: yes']);
  });
});
