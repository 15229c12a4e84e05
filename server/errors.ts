/**
 * Errors the server answers on purpose: a stable id, an HTTP status and a message written for the
 * person using the API. Thrown by commands, translated to JSON at one boundary (http/app.ts).
 */
import type { Diagnostic } from '../core/diagnostics';

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly id: string,
    message: string,
    /** Content problems behind a 422, with their places in the text that was sent. */
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
  }
}

/** The request itself is malformed (a field is missing or has the wrong shape). */
export const invalidRequest = (message: string) => new AppError(400, 'invalid-request', message);

/** Something named in the request does not exist. */
export const notFound = (id: string, message: string) => new AppError(404, id, message);

/** The request is well-formed but its content cannot be used. */
export const unprocessable = (id: string, message: string, diagnostics?: Diagnostic[]) =>
  new AppError(422, id, message, diagnostics);

/** The request needs a signed-in person (or the credentials given are wrong). */
export const unauthorised = (id: string, message: string) => new AppError(401, id, message);

/** The person is signed in but may not do this. */
export const forbidden = (id: string, message: string) => new AppError(403, id, message);

/** The request conflicts with the current state (someone else changed it first). */
export const conflict = (id: string, message: string) => new AppError(409, id, message);

/** The change would make something larger than the profile allows. */
export const tooLarge = (id: string, message: string) => new AppError(413, id, message);

/** Too many attempts; try again later. */
export const tooMany = (message: string) => new AppError(429, 'too-many-attempts', message);

/** Something the server needs for this request is missing or not running (say what to install). */
export const unavailable = (id: string, message: string) => new AppError(503, id, message);
