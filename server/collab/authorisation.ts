/**
 * Who may open which drafting room, decided in `onAuthenticate` before Hocuspocus loads the
 * document or sends a byte of it: the session cookie on the upgrade request names the person,
 * core/access decides write, read or nothing. The session is decided first, so a signed-out
 * caller learns nothing about which motions exist, and a draft the person may not read is
 * refused exactly as one that does not exist (the API answers 404 for both). Read-only
 * connections have their updates refused by Hocuspocus and their presence dropped here;
 * everyone's presence name and colour are stamped from the server, never taken from the client.
 */
import type {
  beforeHandleAwarenessPayload,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
} from '@hocuspocus/server';
import { parse as parseCookies } from 'hono/utils/cookie';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { motionAccess, type Actor, type MotionFacts } from '../../core/access/policy';
import { CloseWith } from './close-with';
import { CLOSE, parseDocumentName, STATELESS, type CloseReason } from '../../schemas/collab';
import type { Workflow } from '../../schemas/profile';
import { hashToken, SESSION_COOKIE, type Authenticator } from '../commands/auth';
import { profileOf } from '../commands/context';
import { log } from '../log';
import type { Store } from '../store/types';

/** What a connection carries after authentication. */
export interface CollabContext {
  /** The client's address, from the socket (upgrade.ts), for the log. */
  address: string;
  actor: Actor;
  /** The session the connection was opened with, so signing out can close it. */
  sessionHash: string;
  /** Stamped into every awareness state the connection sends. */
  user: { name: string; color: string };
}

/** Logs a refusal (rate-limited per address: a client can ask again at will) and makes it. */
function refusal(close: CloseReason, why: string, address: string, documentName: string) {
  log.warn(
    'collab.refused',
    { reason: close.reason, why, address, documentName },
    { per: address },
  );
  return new CloseWith(close);
}

// Distinct, readable on white, and the same for a person on every device.
const COLOURS = ['#b3261e', '#1d6fb8', '#2e7d32', '#8e24aa', '#c15c00', '#00796b', '#5d4037'];

function colourOf(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length] as string;
}

export class Authorisation implements Extension {
  // Before persistence and everything else: nothing may load for a refused connection.
  priority = 1000;

  constructor(
    private readonly store: Store,
    private readonly auth: Authenticator,
  ) {}

  async onAuthenticate({
    documentName,
    requestHeaders,
    connectionConfig,
    context,
  }: onAuthenticatePayload): Promise<Omit<CollabContext, 'address'>> {
    const { address } = context as Pick<CollabContext, 'address'>;
    const token = parseCookies(requestHeaders.get('cookie') ?? '', SESSION_COOKIE)[SESSION_COOKIE];
    const signed = await this.auth.signedIn(token);
    if (!signed || !token) throw refusal(CLOSE.signedOut, 'signed-out', address, documentName);
    const motionId = parseDocumentName(documentName);
    const motion = motionId === null ? null : await this.store.getMotion(motionId);
    const edition = motion ? await this.store.getEdition(motion.editionId) : null;
    if (!motion || !edition) {
      throw refusal(CLOSE.unknownDocument, 'no-such-motion', address, documentName);
    }
    const access = motionAccess(signed.actor, motion, profileOf(edition.profile).workflow);
    if (access === 'none') {
      throw refusal(CLOSE.unknownDocument, 'not-shared', address, documentName);
    }
    connectionConfig.readOnly = access !== 'write';
    return {
      actor: signed.actor,
      sessionHash: hashToken(token),
      user: { name: signed.actor.name, color: colourOf(signed.actor.userId) },
    };
  }

  async beforeHandleAwareness({
    connection,
    context,
    states,
  }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (!connection) return; // the server's own (direct connection) awareness
    if (connection.readOnly || !context) {
      states.clear();
      return;
    }
    for (const state of states.values()) state.user = { ...context.user };
  }
}

/**
 * Re-decides every open connection to a document after its motion or a person's memberships
 * changed: a frozen text turns writers read-only, a lost right closes the connection. `person`,
 * when given, replaces that person's actor in their connections' context first. Clients are told
 * by a stateless message so they can reload the motion and lock the editor — this process's
 * clients only, once their rights have changed here: access-review.ts runs this on every process.
 */
export function reviewConnections(
  hocuspocus: Hocuspocus,
  documentName: string,
  motion: MotionFacts,
  workflow: Workflow,
  person?: Actor,
): void {
  const document = hocuspocus.documents.get(documentName);
  if (!document) return;
  for (const connection of document.getConnections()) {
    const context = connection.context as CollabContext;
    if (person && context.actor.userId === person.userId) context.actor = person;
    const access = motionAccess(context.actor, motion, workflow);
    if (access === 'none') {
      // "Forbidden", not "no such motion": the person was in the room, so knows the motion.
      connection.close(CLOSE.forbidden as unknown as CloseEvent);
      continue;
    }
    connection.readOnly = access !== 'write';
    // Presence shown before is taken down too: read-only people are not shown at all.
    const clients = document.connections.get(connection)?.clients;
    if (connection.readOnly && clients) {
      removeAwarenessStates(document.awareness, [...clients], null);
    }
  }
  document.relayStateless(JSON.stringify({ type: STATELESS.motionChanged }));
}

/**
 * Closes the drafting connections opened with a session, or with any of a person's sessions:
 * signing out (or changing the password, which ends every session) leaves the rooms too.
 */
export function closeSessions(
  hocuspocus: Hocuspocus,
  which: { sessionHash: string } | { userId: string },
): void {
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      const context = connection.context as CollabContext;
      const ended =
        'sessionHash' in which
          ? context.sessionHash === which.sessionHash
          : context.actor.userId === which.userId;
      if (ended) connection.close(CLOSE.signedOut as unknown as CloseEvent);
    }
  }
}
