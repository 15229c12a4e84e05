/** Helpers for tests that talk to a running server: Hocuspocus providers over `ws`, bounded waits. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { AMENDMENT, DOC } from '../../schemas/collab';

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Reasons the server gave for refusing the document. */
  refusals: string[];
  destroy(): void;
}

/** The collaboration URL of a server at `httpUrl`. */
export const collabUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/collab`;

/** A provider on the document `documentName`, with its own socket. */
export function connect(httpUrl: string, documentName: string): Client {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: collabUrl(httpUrl),
    WebSocketPolyfill: WebSocket,
    // Tests restart servers; reconnect quickly and never give up within a test.
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  const refusals: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    document: doc,
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
  });
  provider.attach();
  return {
    doc,
    provider,
    refusals,
    destroy() {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/** Polls `condition` until true; rejects with `what` after `ms`. */
export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until the provider has synced and the server has acknowledged every local change. */
export function waitSaved(client: Client, ms = 10_000): Promise<void> {
  return waitFor(
    () => client.provider.synced && client.provider.unsyncedChanges === 0,
    ms,
    'the server to acknowledge every change',
  );
}

/** The Y.Text of an amendment in a client's copy of the draft, or null while it has not arrived. */
export function amendmentText(doc: Y.Doc, amendmentId: string): Y.Text | null {
  const amendment = doc.getMap(DOC.amendments).get(amendmentId);
  if (!(amendment instanceof Y.Map)) return null;
  const text: unknown = amendment.get(AMENDMENT.text);
  return text instanceof Y.Text ? text : null;
}

/** JSON over HTTP with the status, for API calls in tests. */
export async function call<T = unknown>(
  httpUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${httpUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
