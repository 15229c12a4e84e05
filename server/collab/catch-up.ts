/**
 * Scale-out only: a person who opens a document this process already holds sees everything the
 * database holds, not only what reached this process through Redis. An update another process
 * acknowledged is in the database before its client hears "saved", but its relay through Redis is
 * sent afterwards, and a process killed in between never sends it: this process's copy would lack
 * an acknowledged edit until it next loaded the document (R1). So before a new connection is set
 * up on a loaded document, what the store holds is applied to it. Applying a Yjs update the
 * document already has changes nothing, so this only ever adds what was missing; the updates it
 * adds were logged by the process that received them and are not logged again (only client
 * messages reach Persistence's `beforeSync`).
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { log } from '../log';
import type { Store } from '../store/types';
import { replayStored } from './replay';

export class CatchUp implements Extension {
  constructor(private readonly store: Store) {}

  /**
   * Runs after Authorisation's (the list order): a refused connection reads nothing. A failure
   * here must not refuse the person: the document is then as current as Redis made it.
   */
  async onAuthenticate({ instance, documentName }: onAuthenticatePayload): Promise<void> {
    const document = instance.documents.get(documentName);
    if (!document || document.isLoading) return;
    try {
      replayStored(document, await this.store.loadDocument(documentName), (message) =>
        log.warn('collab.catch-up-skipped', { documentName, message }),
      );
    } catch (error) {
      log.warn('collab.catch-up-failed', { documentName, error: String(error) });
    }
  }
}
