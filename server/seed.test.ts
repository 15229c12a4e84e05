/** What each seed mode leaves in a fresh database, through the real server and store. */
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test/server';

describe('REDLINE_SEED', () => {
  it.each([
    ['demo', 1, true],
    ['edition', 1, false],
    ['none', 0, false],
  ] as const)('%s: %i edition(s), demo people %s', async (seed, editions, people) => {
    const server = await startTestServer({ seed });
    try {
      const { store } = server.commands;
      expect(await store.listEditions()).toHaveLength(editions);
      expect((await store.findUserByEmail('member@anytown.example')) !== null).toBe(people);
      expect((await store.listBodies()).length > 0).toBe(people);
      expect((await store.listMotions()).length > 0).toBe(people);
      // Whatever the seed, the first start offers the admin's one-time link.
      expect(server.adminLink).toMatch(/#\/welcome\//);
    } finally {
      await server.stop();
    }
  });
});
