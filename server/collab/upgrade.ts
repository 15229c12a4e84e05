/**
 * WebSocket upgrades on `/collab`, on the same HTTP server and port as the API. Checks the Origin
 * before upgrading (a foreign page must not open a socket with the user's cookies) and caps the
 * message size. Every message is addressed to a document (its first varString); one that is not
 * addressed to a well-formed motion name never reaches Hocuspocus, which prints the names of
 * documents it refuses verbatim. Everything else after the upgrade is Hocuspocus's.
 */
import { IncomingMessage as HocuspocusMessage, OutgoingMessage } from '@hocuspocus/server';
import type { Hocuspocus } from '@hocuspocus/server';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE, parseMessageAddress } from '../../schemas/collab';
import { log } from '../log';
import { originAllowed, requestOrigin } from '../origin';
import { addressKey, RateLimiter } from '../rate-limit';

export const COLLAB_PATH = '/collab';
const MAX_PAYLOAD = 2 * 1024 * 1024;
/** Enough for a conference hall of viewers behind one NAT address; config can raise it. */
export const DEFAULT_CONNECTIONS_PER_MINUTE = 600;

/** A Fetch `Request` with the upgrade request's URL and headers, which Hocuspocus v4 wants. */
function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, v);
      } catch {
        // A header the Fetch API refuses is of no use to the hooks; drop it.
      }
    }
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
    headers,
  });
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
}

/** The address a Hocuspocus message starts with, read as Hocuspocus reads it; null when it cannot be. */
function addressOf(data: Uint8Array): string | null {
  try {
    return new HocuspocusMessage(data).readVarString();
  } catch {
    return null;
  }
}

/**
 * Refuses a message not addressed to a motion, logged (escaped, rate-limited per client). A name
 * is answered as Hocuspocus answers a refused document, so a provider stops asking rather than
 * reconnecting; a message without one closes the socket.
 */
function refuseMessage(ws: WebSocket, to: string | null, address: string, bytes: number): void {
  log.warn('collab.bad-address', { address, documentName: to, bytes }, { per: address });
  if (to === null) return ws.close(CLOSE.badMessage.code, CLOSE.badMessage.reason);
  // A name that is not a motion's names no motion.
  ws.send(
    new OutgoingMessage(to).writePermissionDenied(CLOSE.unknownDocument.reason).toUint8Array(),
  );
}

function refuse(socket: Duplex, status: number, text: string, headers = ''): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${headers}Content-Length: 0\r\n\r\n`,
  );
}

/**
 * Routes upgrade requests on `/collab` to Hocuspocus. Returns a function that closes every
 * socket and stops accepting new ones.
 */
export function attachCollab(
  server: Server,
  hocuspocus: Hocuspocus,
  allowedOrigins: readonly string[],
  connectionsPerMinute = DEFAULT_CONNECTIONS_PER_MINUTE,
  trustProxy = false,
): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  // Per address: a reconnecting client needs a handful a minute; a flood is refused before any
  // WebSocket work is done.
  const attempts = new RateLimiter({ limit: connectionsPerMinute, windowMs: 60_000 });
  let accepting = true;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!accepting) return refuse(socket, 503, 'Service Unavailable');
    if (path !== COLLAB_PATH) return refuse(socket, 404, 'Not Found');
    const origin = requestOrigin(
      (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(',') : value;
      },
      { encrypted: 'encrypted' in req.socket, remoteAddress: req.socket.remoteAddress },
      trustProxy,
    );
    const attempt = attempts.take(addressKey(origin.address));
    if (!attempt.allowed) {
      const seconds = Math.ceil(attempt.retryAfterMs / 1000);
      return refuse(socket, 429, 'Too Many Requests', `Retry-After: ${seconds}\r\n`);
    }
    if (!originAllowed(req.headers.origin, origin, allowedOrigins)) {
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Oversized or malformed frames surface as 'error' then 'close'; the close is what matters.
      ws.on('error', () => undefined);
      // Hocuspocus v4 is transport-neutral: it sends on the socket, we hand it what arrives.
      // The client's address is every hook's context, for the log.
      const { address } = origin;
      const connection = hocuspocus.handleConnection(ws, toFetchRequest(req), { address });
      ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const bytes = toBytes(data);
        const to = addressOf(bytes);
        if (to !== null && parseMessageAddress(to) !== null) connection.handleMessage(bytes);
        else refuseMessage(ws, to, address, bytes.length);
      });
      ws.on('close', (code: number, reason: Buffer) =>
        connection.handleClose({ code, reason: reason.toString() } as CloseEvent),
      );
    });
  };
  server.on('upgrade', onUpgrade);
  return () => {
    accepting = false;
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
