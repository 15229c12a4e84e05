/**
 * A small typed fetch client for the Redline HTTP API. Shapes come from schemas/api.ts through
 * `import type`, so nothing server-side reaches the bundle.
 */
import type {
  AmendmentView,
  ApiError,
  CreateMotion,
  Edition,
  EditionSummary,
  ImportMotion,
  Motion,
  MotionSummary,
  SearchHit,
} from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';

export interface ImportDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  ruleId: string;
}

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
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure('Cannot reach the Redline server. Check your connection.', 0, 'network');
  }
  const text = await response.text();
  const data = parseJson(text);
  if (!response.ok) {
    const err = (data as (Partial<ApiError> & { diagnostics?: ImportDiagnostic[] }) | null) ?? {};
    const raw = err.error as ApiError['error'] | string | undefined;
    const message =
      typeof raw === 'string'
        ? raw
        : (raw?.message ?? `The server answered ${response.status} ${response.statusText}`);
    const id = typeof raw === 'object' && raw ? raw.id : 'http';
    throw new ApiFailure(message, response.status, id, err.diagnostics ?? []);
  }
  return data as T;
}

/** The API calls the client makes, one function each. */
export const api = {
  editions: () => request<EditionSummary[]>('GET', '/api/editions'),
  edition: (id: string) => request<Edition>('GET', `/api/editions/${encodeURIComponent(id)}`),
  search: (id: string, q: string) =>
    request<SearchHit[]>(
      'GET',
      `/api/editions/${encodeURIComponent(id)}/search?q=${encodeURIComponent(q)}`,
    ),
  motions: () => request<MotionSummary[]>('GET', '/api/motions'),
  motion: (id: string) => request<Motion>('GET', `/api/motions/${encodeURIComponent(id)}`),
  createMotion: (body: CreateMotion) => request<Motion>('POST', '/api/motions', body),
  importMotion: (body: ImportMotion) => request<Motion>('POST', '/api/motions/import', body),
  addAmendment: (motionId: string, kind: AmendmentKind, target: string) =>
    request<AmendmentView>('POST', `/api/motions/${encodeURIComponent(motionId)}/amendments`, {
      kind,
      target,
    }),
  removeAmendment: (motionId: string, amendmentId: string) =>
    request<unknown>(
      'DELETE',
      `/api/motions/${encodeURIComponent(motionId)}/amendments/${encodeURIComponent(amendmentId)}`,
    ),
};
