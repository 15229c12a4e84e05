/**
 * R5: randomized convergence through the real server. For each seed, five clients make random
 * edits (insert, delete, replace) in one amendment's text and in the motion's argument, while
 * clients drop off and come back at random (the same provider reconnecting, or a new one on any
 * process carrying the offline copy, as a reloaded page with local storage would). At the end every
 * client, a new client on every process, the store read directly after SIGKILL, and the processes
 * restarted on that store all hold the same draft. Both deployment modes.
 *
 * The seed fixes the edits and disconnects; the interleaving with the network is real. CI runs 3
 * seeds × 5 clients × 150 edits per mode; `REDLINE_LONG_RUN=1` runs 20 seeds × 5 × 1,000.
 * A failure names its seed; `REDLINE_CONVERGENCE_SEED=<n>` runs that seed alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { DOC } from '../../schemas/collab';
import { seededRandom } from '../../core/amendments/test/random-edits';
import {
  amendmentText,
  connect,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';
import {
  closeModes,
  createDraft,
  LONG_RUN,
  MODES,
  startMode,
  textOf,
  type Draft,
  type RunningMode,
} from '../test/modes';

const CLIENTS = 5;
const EDITS_PER_CLIENT = LONG_RUN ? 1_000 : 150;
const SEEDS: readonly number[] = seeds(process.env['REDLINE_CONVERGENCE_SEED']);
/** Bounds every wait for convergence; generous, as no test fails on wall time. */
const SETTLE_MS = 30_000;

/** The seed asked for, or the fixed ones: 501, 502, … so every CI run edits the same way. */
function seeds(asked: string | undefined): number[] {
  if (asked === undefined || asked === '') {
    return Array.from({ length: LONG_RUN ? 20 : 3 }, (_, i) => 501 + i);
  }
  if (!/^\d+$/.test(asked)) throw new Error(`REDLINE_CONVERGENCE_SEED is ${asked}, not a number`);
  return [Number(asked)];
}

const WORDS = ['members', 'shall', 'CLP', 'ballot,', 'vote.', '“Party”', 'within', '12', 'per'];

const open: Client[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  await closeModes();
});

/** The draft as the test compares it: the amendment's text and the argument. */
function contents(doc: Y.Doc, draft: Draft): string {
  const amendment = amendmentText(doc, draft.amendmentId)?.toString() ?? '<no amendment text>';
  return JSON.stringify({ amendment, argument: doc.getText(DOC.argument).toString() });
}

/** What the runs did, for the summary line. */
const tally = { drops: 0, reloads: 0, characters: 0 };

/** A client of the run: its provider may be replaced, its document (the person's copy) may not. */
interface Person {
  client: Client;
  online: boolean;
}

/** Runs one seed on `draft` and answers the contents every client converged on. */
async function runSeed(
  servers: RunningMode,
  cookie: string,
  draft: Draft,
  seed: number,
): Promise<string> {
  const rng = seededRandom(seed);
  const below = (n: number) => Math.floor(rng() * n);
  const { urls } = servers;
  const attach = (url: string) => {
    const c = connect(url, draft.documentName, cookie);
    open.push(c);
    return c;
  };

  const people: Person[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const client = attach(urls[i % urls.length] as string);
    await textOf(client, draft.amendmentId);
    people.push({ client, online: true });
  }
  const socket = (p: Person) => p.client.provider.configuration.websocketProvider;
  /**
   * Reconnects a provider that was disconnected. Gotcha: `connect()` before the old socket's close
   * event has arrived sees the status still "connected" and does nothing, and the close that
   * follows then does not reconnect either; so wait for "disconnected" first.
   */
  const comeBack = async (p: Person) => {
    await waitFor(() => socket(p).status === WebSocketStatus.Disconnected, 5_000, 'the close');
    void socket(p).connect();
    p.online = true;
  };

  const edit = (p: Person) => {
    const text =
      rng() < 0.7
        ? (amendmentText(p.client.doc, draft.amendmentId) as Y.Text)
        : p.client.doc.getText(DOC.argument);
    const op = rng();
    const at = below(text.length + 1);
    const phrase = () =>
      Array.from({ length: 1 + below(3) }, () => WORDS[below(WORDS.length)]).join(' ') + ' ';
    // Deletes are as likely as inserts overall, so the texts stay a few hundred characters long.
    if (op < 0.45 || text.length === 0) {
      text.insert(at, phrase());
    } else if (op < 0.8) {
      text.delete(Math.min(at, text.length - 1), 1 + below(12));
    } else {
      p.client.doc.transact(() => {
        const from = Math.min(at, text.length - 1);
        text.delete(from, 1 + below(8));
        text.insert(from, phrase());
      });
    }
  };

  for (let step = 0; step < CLIENTS * EDITS_PER_CLIENT; step++) {
    const p = people[below(CLIENTS)] as Person;
    const roll = rng();
    if (roll < 0.01) {
      // Drop off, or come back on the same provider.
      if (!p.online) await comeBack(p);
      else {
        socket(p).disconnect();
        p.online = false;
        tally.drops++;
      }
    } else if (roll < 0.014) {
      // Reload: a new provider on any process, with the person's copy (offline edits included).
      const next = attach(urls[below(urls.length)] as string);
      Y.applyUpdate(next.doc, Y.encodeStateAsUpdate(p.client.doc));
      p.client.destroy();
      open.splice(open.indexOf(p.client), 1);
      p.client = next;
      p.online = true;
      tally.reloads++;
    } else {
      edit(p);
    }
    // Let the network in: mostly a turn of the event loop, sometimes a few milliseconds.
    const pause = rng() < 0.1 ? below(8) : 0;
    await new Promise((r) => (pause ? setTimeout(r, pause) : setImmediate(r)));
  }

  for (const p of people) if (!p.online) await comeBack(p);
  for (const [i, p] of people.entries()) {
    await waitSaved(p.client, SETTLE_MS).catch((error: Error) => {
      const { provider, refusals, refusedUpdates } = p.client;
      const state = {
        status: socket(p).status,
        synced: provider.synced,
        unsynced: provider.unsyncedChanges,
        authenticated: provider.isAuthenticated,
        refusals,
        refusedUpdates,
        received: p.client.received.slice(-10),
      };
      throw new Error(`client ${i}: ${error.message}; ${JSON.stringify(state)}`, { cause: error });
    });
  }
  const first = people[0] as Person;
  const same = () =>
    people.every((p) => contents(p.client.doc, draft) === contents(first.client.doc, draft));
  await waitFor(same, SETTLE_MS, 'every client to hold the same draft').catch(() => {
    // Says how they differ.
    for (const [i, p] of people.entries()) {
      expect(contents(p.client.doc, draft), `client ${i}`).toBe(contents(first.client.doc, draft));
    }
  });
  const converged = contents(first.client.doc, draft);
  tally.characters += converged.length;
  // What each process holds in memory, as a newcomer sees it.
  for (const url of urls) {
    const fresh = attach(url);
    await textOf(fresh, draft.amendmentId);
    await waitFor(() => contents(fresh.doc, draft) === converged, SETTLE_MS, 'a newcomer').catch(
      () => expect(contents(fresh.doc, draft), `a new client on ${url}`).toBe(converged),
    );
  }
  for (const c of open.splice(0)) c.destroy();
  return converged;
}

/** Runs `body`, adding the seed (and how to replay it) to any failure. */
async function withSeed<T>(seed: number, mode: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `R5 ${mode}, seed ${seed} (replay: REDLINE_CONVERGENCE_SEED=${seed} npx vitest run ` +
        `server/collab/convergence.test.ts): ${message}`,
      { cause: error },
    );
  }
}

describe.each(MODES)('randomized convergence (%s)', (mode) => {
  it(
    `${SEEDS.length} seeds × ${CLIENTS} clients × ${EDITS_PER_CLIENT} edits: clients, server and store agree`,
    async () => {
      const started = Date.now();
      Object.assign(tally, { drops: 0, reloads: 0, characters: 0 });
      const servers = await startMode(mode);
      const { urls } = servers;
      const cookie = await signIn(urls[0] as string, 'member@anytown.example');
      const results: { seed: number; draft: Draft; converged: string }[] = [];
      for (const seed of SEEDS) {
        const draft = await createDraft(urls[0] as string, cookie, `Convergence ${seed}`);
        const converged = await withSeed(seed, mode, () => runSeed(servers, cookie, draft, seed));
        results.push({ seed, draft, converged });
      }

      // The store as a crash leaves it: every process killed, then read directly…
      for (let i = 0; i < urls.length; i++) await servers.kill(i);
      for (const { seed, draft, converged } of results) {
        await withSeed(seed, mode, async () => {
          const doc = await servers.readStored(draft.documentName);
          expect(contents(doc, draft), 'the store read directly').toBe(converged);
        });
      }
      // …and served again by the restarted processes.
      for (let i = 0; i < urls.length; i++) await servers.restart(i);
      for (const { seed, draft, converged } of results) {
        await withSeed(seed, mode, async () => {
          for (const url of urls) {
            const fresh = connect(url, draft.documentName, cookie);
            open.push(fresh);
            await textOf(fresh, draft.amendmentId);
            expect(contents(fresh.doc, draft), `reloaded from the store on ${url}`).toBe(converged);
          }
        });
      }
      console.log(
        `R5 ${mode}: ${SEEDS.length} seeds × ${CLIENTS} clients × ${EDITS_PER_CLIENT} edits ` +
          `(${tally.drops} drop-offs, ${tally.reloads} reloads, drafts of ~` +
          `${Math.round(tally.characters / SEEDS.length)} characters) converged everywhere in ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    (LONG_RUN ? 120_000 : 60_000) * SEEDS.length + 120_000,
  );
});
