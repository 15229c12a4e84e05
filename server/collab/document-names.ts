/**
 * Refuses connections to documents that are not motion drafts, or whose motion does not exist,
 * before Hocuspocus loads or sends anything. (Accounts arrive later; for now everyone may edit.)
 */
import type { Extension, onConnectPayload } from '@hocuspocus/server';
import { CLOSE, parseDocumentName } from '../../schemas/collab';
import type { Store } from '../store/types';

/** Thrown into Hocuspocus: `reason` reaches the provider as its authentication-failed reason. */
class RefusedDocument extends Error {
  readonly code: number = CLOSE.unknownDocument.code;
  readonly reason: string = CLOSE.unknownDocument.reason;
}

export class DocumentNames implements Extension {
  // Before persistence and everything else: an unknown name must not reach onLoadDocument.
  priority = 1000;

  constructor(private readonly store: Store) {}

  async onConnect({ documentName }: onConnectPayload): Promise<void> {
    const motionId = parseDocumentName(documentName);
    if (motionId === null || (await this.store.getMotion(motionId)) === null) {
      throw new RefusedDocument(`${CLOSE.unknownDocument.reason}: ${documentName}`);
    }
  }
}
