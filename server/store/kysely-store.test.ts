import { describe, expect, it } from 'vitest';
import { CompiledQuery, type QueryResult } from 'kysely';
import { drive, driveSync, type Work } from './kysely-store';

/** Work of two statements that answers what it was handed back. */
function* twoSteps(): Work<string> {
  const a = yield CompiledQuery.raw('first');
  const b = yield CompiledQuery.raw('second');
  return `${String(a.rows[0])}+${String(b.rows[0])}`;
}

const answer = (query: CompiledQuery): QueryResult<unknown> => ({ rows: [query.sql] });

describe('driving a transaction', () => {
  it('hands each statement its answer, in order, synchronously or awaited', async () => {
    expect(driveSync(twoSteps(), answer)).toBe('first+second');
    expect(await drive(twoSteps(), async (q) => answer(q))).toBe('first+second');
  });

  it('stops at a failing statement and throws its error, so the transaction rolls back', async () => {
    const seen: string[] = [];
    const failing = (query: CompiledQuery) => {
      seen.push(query.sql);
      throw new Error('constraint');
    };
    expect(() => driveSync(twoSteps(), failing)).toThrow('constraint');
    await expect(drive(twoSteps(), async (q) => failing(q))).rejects.toThrow('constraint');
    expect(seen).toEqual(['first', 'first']);
  });
});
