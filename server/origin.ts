/**
 * Which web pages may talk to this server, and what a request says about where it came from: one
 * rule for the WebSocket upgrade and the HTTP API. Behind a TLS proxy (`TRUST_PROXY=on`) the
 * scheme and the client's address are the ones the proxy reports; otherwise the socket's, and
 * forwarded headers (which anyone can send) are ignored.
 */

/** Where a request came from, as far as this server can tell. */
export interface RequestOrigin {
  /** The scheme the browser used: `https` through a TLS proxy even though the socket is plain. */
  scheme: 'http' | 'https';
  /** The Host header: the name and port the browser asked for. */
  host: string | undefined;
  /** The client's address, for rate limits. */
  address: string;
}

/** The last value of a comma-separated forwarded header: what the proxy nearest us added. */
function lastOf(value: string | undefined): string | undefined {
  const last = value?.split(',').at(-1)?.trim();
  return last === '' ? undefined : last;
}

/**
 * Reads a request's scheme, host and client address. `header` reads a request header; `socket` is
 * what the connection itself says. With `trustProxy`, `X-Forwarded-Proto` and `X-Forwarded-For`
 * (their last entries: one proxy in front) win over the socket.
 */
export function requestOrigin(
  header: (name: string) => string | undefined,
  socket: { encrypted: boolean; remoteAddress: string | undefined },
  trustProxy: boolean,
): RequestOrigin {
  const forwardedProto = trustProxy
    ? lastOf(header('x-forwarded-proto'))?.toLowerCase()
    : undefined;
  const forwardedFor = trustProxy ? lastOf(header('x-forwarded-for')) : undefined;
  const scheme =
    forwardedProto === 'https' || forwardedProto === 'http'
      ? forwardedProto
      : socket.encrypted
        ? 'https'
        : 'http';
  return {
    scheme,
    host: header('host'),
    address: forwardedFor ?? socket.remoteAddress ?? 'local',
  };
}

/**
 * True when a browser page at `origin` may call us (open a socket, send a mutating request): the
 * origin the request itself was made to — scheme, host and port — or one of `allowed`. An
 * `https://` page may not call an `http://` server of the same host, nor the other way round. No
 * Origin header means no browser (nothing to forge), so it is allowed.
 */
export function originAllowed(
  origin: string | undefined,
  request: Pick<RequestOrigin, 'scheme' | 'host'>,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  if (request.host === undefined || !URL.canParse(origin)) return false;
  const own = `${request.scheme}://${request.host}`;
  return URL.canParse(own) && new URL(origin).origin === new URL(own).origin;
}
