/**
 * Helpers for tests and benchmarks that talk to a running server: signing in as a demo account,
 * JSON calls with the session cookie, Hocuspocus providers over `ws` that send the cookie on the
 * upgrade request (as a browser does), and bounded waits.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { readFileSync } from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket, { type ClientOptions } from 'ws';
import * as Y from 'yjs';
import { AMENDMENT, DOC } from '../../schemas/collab';
import { DEMO_PASSWORD } from '../seed';

// Hocuspocus message types (see @hocuspocus/common), as the client sees them arrive.
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, stateless: 5, syncStatus: 8 } as const;

const PROVIDER_VERSION = JSON.parse(
  readFileSync(
    new URL('../../node_modules/@hocuspocus/provider/package.json', import.meta.url),
    'utf8',
  ),
).version as string;

/** A raw Hocuspocus message to `address` (a document name), its body written by `write`. */
export function rawMessage(address: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, address);
  write(e);
  return encoding.toUint8Array(e);
}

/** The message a provider opens a document with: Auth, an empty token, its version. */
export function authMessage(address: string): Uint8Array {
  return rawMessage(address, (e) => {
    encoding.writeVarUint(e, MESSAGE.auth);
    encoding.writeVarUint(e, 0); // Token
    encoding.writeVarString(e, '');
    encoding.writeVarString(e, PROVIDER_VERSION);
  });
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Reasons the server gave for refusing the document. */
  refusals: string[];
  /** Reasons of the closes the provider saw: the server closing the document, or the socket. */
  closes: string[];
  /** The type of every message the server sent for this document, in order of arrival. */
  received: number[];
  /** How many of this client's updates the server answered "not applied" (read-only). */
  refusedUpdates: number;
  /** Stateless messages the server broadcast to the document, as sent. */
  stateless: string[];
  destroy(): void;
}

/** The collaboration URL of a server at `httpUrl`. */
export const collabUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/collab`;

/**
 * The `ws` WebSocket class, or a subclass sending `cookie` on the upgrade request: the provider
 * constructs the socket itself, and a browser would send the session cookie there.
 */
export function webSocketWithCookie(cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[], options?: ClientOptions) {
      super(address, protocols ?? [], { ...options, headers: { ...options?.headers, ...headers } });
      // Destroying a provider whose socket is still connecting makes ws emit an error after the
      // provider has let go of it; with no listener left that would be an uncaught exception.
      this.on('error', () => undefined);
    }
  };
}

/** A provider on the document `documentName`, with its own socket; `cookie` names the person. */
export function connect(httpUrl: string, documentName: string, cookie?: string): Client {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: collabUrl(httpUrl),
    WebSocketPolyfill: webSocketWithCookie(cookie),
    // Tests restart servers; reconnect quickly and never give up within a test.
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  const client: Client = {
    doc,
    provider: undefined as unknown as HocuspocusProvider,
    refusals: [],
    closes: [],
    received: [],
    refusedUpdates: 0,
    stateless: [],
    destroy() {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    document: doc,
    onAuthenticationFailed: ({ reason }) => client.refusals.push(reason),
    onClose: ({ event }) => client.closes.push(event.reason),
    onStateless: ({ payload }) => client.stateless.push(payload),
    onMessage: ({ event }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      client.received.push(type);
      if (type === MESSAGE.syncStatus && decoding.readVarInt(decoder) !== 1) {
        client.refusedUpdates++;
      }
    },
  });
  client.provider = provider;
  provider.attach();
  return client;
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

/**
 * JSON over HTTP with the status, for API calls in tests; `cookie` (from {@link signIn}) is the
 * session to send. Sent like a script, without Origin, which the CSRF check lets through. A
 * download (an attachment, or any answer that is not JSON) comes back as its text.
 */
export async function call<T = unknown>(
  httpUrl: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${httpUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  const download = res.headers.has('content-disposition');
  const parsed = text && json && !download ? (JSON.parse(text) as unknown) : text || null;
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** The `name=value` of the session cookie a response sets, or '' when it sets none. */
export function sessionCookie(headers: Headers): string {
  return (headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Signs in (a seeded demo account unless `password` says otherwise) and answers the session
 * cookie to pass to {@link call} and {@link connect}. Each sign-in counts against the server's
 * attempt limit for that e-mail, so sign in once per test file and keep the cookie.
 */
export async function signIn(
  httpUrl: string,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<string> {
  const res = await call(httpUrl, 'POST', '/api/auth/sign-in', { email, password });
  const cookie = sessionCookie(res.headers);
  if (res.status !== 200 || !cookie) {
    throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return cookie;
}
