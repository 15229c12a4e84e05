/**
 * Keeps open drafting connections in line with what the database now says about access. A
 * connection's rights are decided when it opens (authorisation.ts); afterwards a motion that is
 * frozen, a membership that changes or a session that ends must take effect on connections that
 * are already open — on every process serving the motion, not only on the one that handled the
 * request. With several processes each change is published on a Redis channel, and every other
 * process re-decides its own connections from the database (the message carries only ids, so a
 * process never acts on facts it did not read itself).
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { z } from 'zod';
import type { Actor } from '../../core/access/policy';
import { parseDocumentName, motionDocumentName } from '../../schemas/collab';
import { signedAs } from '../commands/auth';
import { profileOf } from '../commands/context';
import type { Store } from '../store/types';
import { closeSessions, reviewConnections } from './authorisation';

/**
 * What changed, by id: enough for any process to look the rest up. A schema, because other
 * processes send it: a motion's state changed (frozen, reopened, incorporated); a person's
 * memberships changed; one session ended (sign-out); every session of a person ended (password
 * changed).
 */
export const accessChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('motion'), motionId: z.string() }),
  z.object({ kind: z.literal('person'), userId: z.string() }),
  z.object({ kind: z.literal('session-ended'), sessionHash: z.string() }),
  z.object({ kind: z.literal('sessions-of'), userId: z.string() }),
]);
export type AccessChange = z.infer<typeof accessChangeSchema>;

/** Carries changes to the other processes (Redis when scaled out; nothing with one process). */
export interface AccessRelay {
  publish(change: AccessChange): Promise<void>;
  /** Calls `handler` for each change another process published. */
  subscribe(handler: (change: AccessChange) => Promise<void>): void;
  close(): Promise<void>;
}

export class AccessReview {
  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly store: Store,
    private readonly relay?: AccessRelay,
    private readonly logError: (error: unknown) => void = console.error,
  ) {
    relay?.subscribe((change) => this.apply(change).catch(this.logError));
  }

  /**
   * Applies `change` to this process's connections now, then tells the other processes. A relay
   * that fails is logged, not thrown: the change itself is already in the database, and every
   * connection that opens from now on is decided from there.
   */
  async changed(change: AccessChange): Promise<void> {
    await this.apply(change);
    await this.relay?.publish(change).catch(this.logError);
  }

  /** Stops listening to the other processes (on shutdown). */
  async close(): Promise<void> {
    await this.relay?.close();
  }

  private async apply(change: AccessChange): Promise<void> {
    switch (change.kind) {
      case 'motion':
        return this.reviewMotion(motionDocumentName(change.motionId));
      case 'person':
        return this.reviewPerson(change.userId);
      case 'session-ended':
        return closeSessions(this.hocuspocus, { sessionHash: change.sessionHash });
      case 'sessions-of':
        return closeSessions(this.hocuspocus, { userId: change.userId });
    }
  }

  private async reviewMotion(documentName: string, person?: Actor): Promise<void> {
    if (!this.hocuspocus.documents.has(documentName)) return;
    const motionId = parseDocumentName(documentName);
    const motion = motionId === null ? null : await this.store.getMotion(motionId);
    const edition = motion ? await this.store.getEdition(motion.editionId) : null;
    if (!motion || !edition) return;
    const { workflow } = profileOf(edition.profile);
    reviewConnections(this.hocuspocus, documentName, motion, workflow, person);
  }

  /** A member who became a viewer stops writing at once; one who was removed is disconnected. */
  private async reviewPerson(userId: string): Promise<void> {
    const user = await this.store.getUser(userId);
    if (!user) return;
    const { actor } = await signedAs(this.store, user);
    for (const name of [...this.hocuspocus.documents.keys()]) {
      await this.reviewMotion(name, actor);
    }
  }
}
