/** The one Hocuspocus instance of a server process, with Redline's extensions. */
import { Hocuspocus, type onStoreDocumentPayload } from '@hocuspocus/server';
import type { Authenticator } from '../commands/auth';
import type { Store } from '../store/types';
import { Authorisation } from './authorisation';
import { Persistence } from './persistence';
import { mergingCompaction, redisExtension } from './redis';
import { UpdateGuard } from './update-guard';

/** Hocuspocus stores (compacts) a document this long after its last change… */
const STORE_DEBOUNCE_MS = 2_000;
/** …but at least this often while people keep typing. */
const STORE_MAX_DEBOUNCE_MS = 10_000;

/**
 * Builds the Hocuspocus instance (no server of its own: sockets come from our HTTP server's
 * upgrade handler). Durability does not depend on the debounce: updates are logged on arrival.
 * With `redisUrl`, several processes sharing one database serve the same documents (redis.ts
 * explains why logging and compaction stay correct then).
 */
export function createCollab(
  store: Store,
  auth: Authenticator,
  writeThrough = true,
  redisUrl?: string,
): Hocuspocus {
  return new Hocuspocus({
    name: 'redline',
    quiet: true,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: STORE_MAX_DEBOUNCE_MS,
    // Order matters among equal priorities (1000): authorisation first; Redis's store lock runs
    // before Persistence (priority 100) stores.
    extensions: [
      new Authorisation(store, auth),
      new UpdateGuard(),
      ...(redisUrl ? [redisExtension(redisUrl)] : []),
      new Persistence(redisUrl ? mergingCompaction(store) : store, { writeThrough }),
    ],
  });
}

/**
 * Stores (compacts) every open document now and waits for it; for shutdown. Hocuspocus's own
 * `flushPendingStores` starts the pending stores but does not let us wait for them.
 */
export async function storeAllDocuments(hocuspocus: Hocuspocus): Promise<void> {
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
