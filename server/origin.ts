/** Which web pages may talk to this server: one rule for the WebSocket and the HTTP API. */

/**
 * True when a browser page at `origin` may call us (open a socket, send a mutating request):
 * the request's own host, or one of `allowed`. No Origin header means no browser (nothing to forge), so it is allowed.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
