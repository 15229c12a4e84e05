/**
 * A small typed fetch client for the Redline HTTP API. Shapes come from schemas/api.ts through
 * `import type`, so nothing server-side reaches the bundle. A 401 `signed-out` from any call means
 * the session has ended: listeners (the app shell) are told, so it can ask the person to sign in.
 */
import type {
  ConsolidateRequest,
  Consolidated,
  ConsolidationPreview,
  EditionHistory,
  AcceptInvite,
  AmendmentView,
  ApiDiagnostic,
  ApiError,
  AuditView,
  BodyView,
  CreateBody,
  CreateMotion,
  Edition,
  EditionSummary,
  ImportMotion,
  ImportResolution,
  InviteCreated,
  InvitePreview,
  Me,
  MemberView,
  Motion,
  MotionConflictView,
  MotionSummary,
  MotionVersions,
  SearchHit,
  SessionUser,
  SubmittedReadingView,
  TransitionRequest,
} from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';
import type { Role } from '../../schemas/profile';

/** A diagnostic a refused request answered: place, message, rule, and its span and fix if any. */
export type ImportDiagnostic = ApiDiagnostic;

/** An API failure carrying the server's own message (shown to the user as is). */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly id: string,
    readonly diagnostics: ImportDiagnostic[] = [],
  ) {
    super(message);
  }
}

/** The readable message of any error, for the error note. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Whether an error is the server saying there is no live session (not a wrong password). */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiFailure && error.status === 401 && error.id === 'signed-out';
}

const signedOutListeners = new Set<() => void>();

/** Calls `listener` whenever an API call is refused for want of a session; returns the unsubscribe. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** Tells the listeners the session has ended (also used when the drafting room says so). */
export function reportSignedOut(): void {
  signedOutListeners.forEach((l) => l());
}

/** The body as JSON, or null when it is empty or not JSON (a proxy's HTML error page). */
function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      // Mutating requests must be JSON (the server's CSRF rule), even when there is nothing to say.
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiFailure('Cannot reach the Redline server. Check your connection.', 0, 'network');
  }
  const text = await response.text();
  if (!response.ok) throw failureOf(response, text);
  return parseJson(text) as T;
}

/** The error a refused request answered, as an ApiFailure; a 401 also ends the session here. */
function failureOf(response: Response, text: string): ApiFailure {
  const err =
    (parseJson(text) as (Partial<ApiError> & { diagnostics?: ImportDiagnostic[] }) | null) ?? {};
  const raw = err.error as ApiError['error'] | string | undefined;
  const message =
    typeof raw === 'string'
      ? raw
      : (raw?.message ?? `The server answered ${response.status} ${response.statusText}`);
  const id = typeof raw === 'object' && raw ? raw.id : 'http';
  const failure = new ApiFailure(message, response.status, id, err.diagnostics ?? []);
  if (isSignedOut(failure)) reportSignedOut();
  return failure;
}

/**
 * Fetches a file (an export) as it streams in, telling `onProgress` how many bytes have arrived;
 * refusals carry the server's message like every other call. `signal` cancels it.
 */
export async function download(
  url: string,
  signal: AbortSignal,
  onProgress: (bytes: number) => void,
): Promise<{ blob: Blob; disposition: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiFailure('Cannot reach the Redline server. Check your connection.', 0, 'network');
  }
  if (!response.ok) throw failureOf(response, await response.text());
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received);
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  return {
    blob: new Blob(chunks, { type }),
    disposition: response.headers.get('content-disposition'),
  };
}

const enc = encodeURIComponent;

/** The API calls the client makes, one function each. */
export const api = {
  // Accounts
  me: () => request<Me>('GET', '/api/auth/me'),
  signIn: (email: string, password: string) =>
    request<{ user: SessionUser }>('POST', '/api/auth/sign-in', { email, password }),
  signInWithLink: (token: string) =>
    request<{ user: SessionUser }>('POST', '/api/auth/link', { token }),
  signOut: () => request<null>('POST', '/api/auth/sign-out', {}),
  changePassword: (next: string, current?: string) =>
    request<null>(
      'POST',
      '/api/auth/password',
      current === undefined ? { next } : { current, next },
    ),
  invite: (token: string) => request<InvitePreview>('GET', `/api/invites/${enc(token)}`),
  acceptInvite: (token: string, body: AcceptInvite) =>
    request<null>('POST', `/api/invites/${enc(token)}/accept`, body),

  // Bodies and the audit log
  bodies: () => request<BodyView[]>('GET', '/api/bodies'),
  createBody: (body: CreateBody) => request<BodyView>('POST', '/api/bodies', body),
  members: (bodyId: string) => request<MemberView[]>('GET', `/api/bodies/${enc(bodyId)}/members`),
  setRole: (bodyId: string, userId: string, role: Role) =>
    request<null>('PUT', `/api/bodies/${enc(bodyId)}/members/${enc(userId)}`, { role }),
  removeMember: (bodyId: string, userId: string) =>
    request<null>('DELETE', `/api/bodies/${enc(bodyId)}/members/${enc(userId)}`),
  createInvite: (bodyId: string, role: Role) =>
    request<InviteCreated>('POST', `/api/bodies/${enc(bodyId)}/invites`, { role }),
  audit: () => request<AuditView[]>('GET', '/api/audit'),

  // Rulebooks
  editions: () => request<EditionSummary[]>('GET', '/api/editions'),
  edition: (id: string) => request<Edition>('GET', `/api/editions/${enc(id)}`),
  consolidationPreview: (id: string) =>
    request<ConsolidationPreview>('GET', `/api/editions/${enc(id)}/consolidation`),
  consolidate: (id: string, body: ConsolidateRequest) =>
    request<Consolidated>('POST', `/api/editions/${enc(id)}/consolidate`, body),
  editionHistory: (id: string) =>
    request<EditionHistory>('GET', `/api/editions/${enc(id)}/history`),
  search: (id: string, q: string) =>
    request<SearchHit[]>('GET', `/api/editions/${enc(id)}/search?q=${enc(q)}`),

  // Motions
  motions: () => request<MotionSummary[]>('GET', '/api/motions'),
  motion: (id: string) => request<Motion>('GET', `/api/motions/${enc(id)}`),
  motionEvents: (id: string) => request<AuditView[]>('GET', `/api/motions/${enc(id)}/events`),
  transition: (id: string, step: TransitionRequest) =>
    request<Motion>('POST', `/api/motions/${enc(id)}/transitions`, step),
  versions: (id: string) => request<MotionVersions>('GET', `/api/motions/${enc(id)}/versions`),
  /** The text an imported motion was submitted with, read again: what it is marked with. */
  reading: (id: string) => request<SubmittedReadingView>('GET', `/api/motions/${enc(id)}/reading`),
  finishReading: (id: string, resolutions: ImportResolution[]) =>
    request<Motion>('POST', `/api/motions/${enc(id)}/reading`, { resolutions }),
  conflicts: (id: string) =>
    request<MotionConflictView[]>('GET', `/api/motions/${enc(id)}/conflicts`),
  createMotion: (body: CreateMotion) => request<Motion>('POST', '/api/motions', body),
  importMotion: (body: ImportMotion) => request<Motion>('POST', '/api/motions/import', body),
  addAmendment: (motionId: string, kind: AmendmentKind, target: string) =>
    request<AmendmentView>('POST', `/api/motions/${enc(motionId)}/amendments`, { kind, target }),
  removeAmendment: (motionId: string, amendmentId: string) =>
    request<unknown>('DELETE', `/api/motions/${enc(motionId)}/amendments/${enc(amendmentId)}`),
};
