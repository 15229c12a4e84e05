/** The one Hocuspocus instance of a server process, with Redline's extensions. */
import { Hocuspocus, type onStoreDocumentPayload } from '@hocuspocus/server';
import type { Authenticator } from '../commands/auth';
import type { Store } from '../store/types';
import { AccessReview } from './access-review';
import { Authorisation } from './authorisation';
import { CatchUp } from './catch-up';
import { Persistence } from './persistence';
import { accessRelay, mergingCompaction, redisAnswers, redisExtension } from './redis';
import { UpdateGuard } from './update-guard';

/** Hocuspocus stores (compacts) a document this long after its last change… */
const STORE_DEBOUNCE_MS = 2_000;
/** …but at least this often while people keep typing. */
const STORE_MAX_DEBOUNCE_MS = 10_000;

/** How long shutting down waits for open documents to unload before letting go of Redis. */
const UNLOAD_WAIT_MS = 2_000;

/** A process's collaboration side. */
export interface Collab {
  hocuspocus: Hocuspocus;
  access: AccessReview;
  /** The update log, for server-side edits to log through (and be counted toward the cap). */
  persistence: Persistence;
  /** Resolves once the collaboration side can serve (Redis answers); rejects when it cannot. */
  ready: Promise<void>;
  /** Stores every open document, then lets go of Redis; for shutdown. */
  close(): Promise<void>;
}

export interface CollabOptions {
  /** Log every update before acknowledging it (the default; off only for benchmarks). */
  writeThrough?: boolean;
  redisUrl?: string;
  /** Caps every draft below its profile's limit, never above; for tests. */
  maxDraftBytes?: number;
}

/**
 * Builds the Hocuspocus instance (no server of its own: sockets come from our HTTP server's
 * upgrade handler) and the access review that keeps its open connections in line with the
 * database. Durability does not depend on the debounce: updates are logged on arrival. With
 * `redisUrl`, several processes sharing one database serve the same documents (redis.ts explains
 * why logging and compaction stay correct then) and changes of access reach all of them.
 */
export function createCollab(
  store: Store,
  auth: Authenticator,
  { writeThrough = true, redisUrl, maxDraftBytes }: CollabOptions = {},
): Collab {
  const redis = redisUrl ? redisExtension(redisUrl) : undefined;
  const persistence = new Persistence(redis ? mergingCompaction(store) : store, {
    writeThrough,
    maxDraftBytes,
  });
  const hocuspocus = new Hocuspocus({
    name: 'redline',
    quiet: true,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: STORE_MAX_DEBOUNCE_MS,
    // Order matters among equal priorities (1000): authorisation first; Redis's store lock runs
    // before Persistence (priority 100) stores.
    extensions: [
      new Authorisation(store, auth),
      new UpdateGuard(),
      // Scale-out: a connection to a document held here first sees what the database holds.
      ...(redis ? [redis, new CatchUp(store)] : []),
      persistence,
    ],
  });
  const access = new AccessReview(hocuspocus, store, redis && accessRelay(redis));
  return {
    hocuspocus,
    access,
    persistence,
    // With Redis, a process that cannot reach it must not start serving.
    ready: redis && redisUrl ? redisAnswers(redis, redisUrl) : Promise.resolve(),
    async close() {
      await storeAllDocuments(hocuspocus);
      await access.close();
      if (!redis) return;
      // Unloading talks to Redis too (the extension's last publish, its lock release), so Redis
      // goes once the documents are gone, or after a bounded wait for them.
      const deadline = Date.now() + UNLOAD_WAIT_MS;
      while (hocuspocus.documents.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await redis.onDestroy();
    },
  };
}

/**
 * Stores (compacts) every open document now and waits for it; for shutdown. Hocuspocus's own
 * `flushPendingStores` starts the pending stores but does not let us wait for them.
 */
async function storeAllDocuments(hocuspocus: Hocuspocus): Promise<void> {
  await Promise.all(
    [...hocuspocus.documents.values()].map((document) => {
      const payload: onStoreDocumentPayload = {
        clientsCount: document.getConnectionsCount(),
        document,
        documentName: document.name,
        instance: hocuspocus,
        lastContext: {},
        lastTransactionOrigin: { source: 'local' },
      };
      return hocuspocus.storeDocumentHooks(document, payload, true);
    }),
  );
}
