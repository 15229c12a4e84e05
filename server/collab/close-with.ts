/**
 * The error a Hocuspocus hook throws to close a connection with one of our close codes. It has no
 * message and a one-line stack: Hocuspocus prints the message of every error a hook throws, and
 * the whole error when it closes a connection for one, so a client repeating a refused message
 * would fill the log with stack traces. What matters is logged by us instead, escaped and
 * rate-limited (server/log.ts).
 */
import type { CloseReason } from '../../schemas/collab';

export class CloseWith extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(close: CloseReason) {
    super();
    this.code = close.code;
    this.reason = close.reason;
    this.stack = `CloseWith: ${close.code} ${close.reason}`;
  }
}
