/**
 * Scale-out: several server processes serve the same motions. Each process keeps its open
 * documents in step with the others through Redis (@hocuspocus/extension-redis); the database
 * they share stays the only truth (Redis keeps nothing).
 *
 * Who logs what. Persistence logs an update in `beforeSync`, which Hocuspocus runs only for
 * messages from a client socket. Updates relayed through Redis are applied without a connection,
 * so they never reach `beforeSync`: every update is logged once, by the process whose client sent
 * it. The rare repeats that remain (a client that reconnects to the other process sends its whole
 * state again as SyncStep2) are harmless: applying a Yjs update twice changes nothing, so the log
 * is idempotent on replay, exactly as with one process.
 *
 * Compaction. One process's document may lack updates another process logged a moment ago (they
 * are still crossing Redis), yet its compaction deletes every logged row up to its own last
 * sequence number and replaces the snapshot. So with several processes the snapshot written is
 * the merge of the stored snapshot, the stored rows it deletes and the in-memory document
 * ({@link mergingCompaction}): nothing logged is ever dropped, whoever compacts. Two compactions
 * of one document must not interleave (each would overwrite the other's snapshot), which the
 * extension's per-document Redis lock prevents; where the extension gives up at once when the lock
 * is taken, we wait for it a while ({@link SharedRedis}) and only then skip, which is safe because
 * the log still holds every update.
 */
import { Redis } from '@hocuspocus/extension-redis';
import type {
  afterStoreDocumentPayload,
  beforeUnloadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import * as Y from 'yjs';
import { z } from 'zod';
import { ConfigError } from '../config';
import type { Store } from '../store/types';
import { accessChangeSchema, type AccessRelay } from './access-review';
import { replayStored } from './replay';

/** Redis channel and key namespace, so other programs on the same Redis are not disturbed. */
const PREFIX = 'redline';
/** A store lock outlives a process that dies holding it by at most this long. */
const LOCK_TTL_MS = 5_000;
/** How long a store waits for another process's store of the same document to finish. */
const LOCK_WAIT_MS = 2_500;
const LOCK_RETRY_MS = 25;
/**
 * How long a document stays loaded after its last change so the other processes can fetch that
 * change (a SyncStep1/SyncStep2 exchange: a few ms through a nearby Redis). The extension's 1 s
 * default would also delay every server-side draft edit (`editDraft`) by a second.
 */
const DISCONNECT_DELAY_MS = 250;
/** How long a newly loaded document waits for the state another process holds in memory. */
const INITIAL_SYNC_MS = 2_000;

/**
 * Unique per process start: the extension drops messages carrying its own identifier, so two
 * processes must never share one (a restarted process gets a new one too).
 */
export function instanceIdentifier(): string {
  return `redline-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/**
 * The extension, waiting for the store lock instead of skipping the store at once, and not
 * holding documents back for other processes when none has them open.
 */
export class SharedRedis extends Redis {
  /** Whether another process is subscribed to the document's channel (we may be too). */
  private async openElsewhere(documentName: string): Promise<boolean> {
    try {
      const [, subscribers] = (await this.pub.pubsub('NUMSUB', `${PREFIX}:${documentName}`)) as [
        string,
        number | string,
      ];
      const own = this.instance.documents.has(documentName) ? 1 : 0;
      return Number(subscribers) > own;
    } catch {
      return true;
    }
  }

  /**
   * The extension keeps a server-side change (origin "local": `editDraft`, seeding) waiting
   * `disconnectDelay` after its store so other processes can fetch it first. With no other
   * process on the document there is nobody to wait for, and without this every draft edit
   * (and the demo seed, dozens of them) would be that much slower.
   */
  override async afterStoreDocument(payload: afterStoreDocumentPayload): Promise<void> {
    if (!(await this.openElsewhere(payload.documentName))) {
      // Without a "local" origin the extension only releases its lock.
      return super.afterStoreDocument({ ...payload, lastTransactionOrigin: undefined });
    }
    return super.afterStoreDocument(payload);
  }

  /** As above: the wait before unloading is for other processes, so none, none. */
  override async beforeUnloadDocument(payload: beforeUnloadDocumentPayload): Promise<void> {
    if (await this.openElsewhere(payload.documentName)) {
      await super.beforeUnloadDocument(payload);
    }
  }

  override async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        return await super.onStoreDocument(payload);
      } catch (error) {
        // SkipFurtherHooksError: another process holds the lock. Past the deadline let it
        // through: Hocuspocus then skips this store, and the log keeps every update.
        if (!isLockTaken(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
      }
    }
  }
}

const isLockTaken = (error: unknown) =>
  error instanceof Error && error.name === 'SkipFurtherHooksError';

/**
 * The Redis extension for `url` (`redis://host:port`, checked by the config). A Redis that is
 * down is waited for, not given up on: commands queue until it answers, and each change of
 * connection state is logged once.
 */
export function redisExtension(
  url: string,
  log: (message: string) => void = console.warn,
): SharedRedis {
  const { hostname: host, port } = new URL(url);
  const extension = new SharedRedis({
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: Number(port),
    prefix: PREFIX,
    identifier: instanceIdentifier(),
    lockTimeout: LOCK_TTL_MS,
    disconnectDelay: DISCONNECT_DELAY_MS,
    awaitInitialSyncTimeout: INITIAL_SYNC_MS,
    // null: a queued command waits for Redis to come back rather than failing after 20
    // reconnection attempts, which would break the extension's one reply subscription for good.
    options: { maxRetriesPerRequest: null, connectTimeout: 5_000 },
  });
  for (const [role, client] of [
    ['publisher', extension.pub],
    ['subscriber', extension.sub],
  ] as const) {
    let down = false;
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      log(`redline: Redis ${role} at ${url} is not answering (${error.message}); retrying`);
    });
    client.on('ready', () => {
      if (down) log(`redline: Redis ${role} at ${url} is answering again`);
      down = false;
    });
  }
  return extension;
}

/** How long a starting process waits for Redis to answer before giving up. */
const START_PING_MS = 5_000;

/**
 * Resolves once Redis answers a PING; throws a {@link ConfigError} naming the address when it
 * does not within {@link START_PING_MS}. At start only: a process that cannot reach Redis would
 * otherwise listen and then leave every document waiting to load. Later outages are waited out.
 */
export async function redisAnswers(extension: SharedRedis, url: string): Promise<void> {
  const { host } = new URL(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${START_PING_MS / 1000} s`)),
      START_PING_MS,
    );
  });
  try {
    await Promise.race([extension.pub.ping(), timeout]);
  } catch (error) {
    extension.pub.disconnect();
    extension.sub.disconnect();
    throw new ConfigError(`cannot connect to Redis at ${host}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `store` whose `compact` writes the merge of the stored snapshot, the stored rows it deletes and
 * the given state, so a process that has not yet received another process's latest updates
 * cannot drop them from the database. Costs one load and one Y.Doc per compaction.
 */
export function mergingCompaction(
  store: Store,
  warn: (message: string) => void = console.warn,
): Store {
  const compact: Store['compact'] = async (docName, state, uptoSeq) => {
    const stored = await store.loadDocument(docName);
    const doc = new Y.Doc();
    try {
      replayStored(
        doc,
        { snapshot: stored.snapshot, updates: stored.updates.filter(({ seq }) => seq <= uptoSeq) },
        warn,
      );
      Y.applyUpdate(doc, state);
      await store.compact(docName, Y.encodeStateAsUpdate(doc), uptoSeq);
    } finally {
      doc.destroy();
    }
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'compact') return compact;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

const accessMessage = z.object({ from: z.string(), change: accessChangeSchema });

/**
 * Changes of access to and from the other processes, on one Redis channel beside the extension's
 * document channels. Publishing uses the extension's connection; listening needs a connection of
 * its own (a subscribed Redis connection can do nothing else). A process ignores its own messages.
 */
export function accessRelay(
  extension: SharedRedis,
  warn: (message: string) => void = console.warn,
): AccessRelay {
  const channel = `${PREFIX}:access`;
  const from = extension.configuration.identifier;
  const sub = extension.pub.duplicate();
  return {
    async publish(change) {
      await extension.pub.publish(channel, JSON.stringify({ from, change }));
    },
    subscribe(handler) {
      sub.on('message', (_channel: string, raw: string) => {
        let parsed;
        try {
          parsed = accessMessage.safeParse(JSON.parse(raw));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) {
          warn(`redline: ignored a malformed access message on ${channel}`);
          return;
        }
        if (parsed.data.from !== from) void handler(parsed.data.change);
      });
      sub.subscribe(channel).catch((error: Error) => {
        warn(`redline: cannot listen for access changes on ${channel}: ${error.message}`);
      });
    },
    async close() {
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
