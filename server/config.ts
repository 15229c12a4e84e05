/**
 * Server configuration from the environment. Read and checked once at start-up, so a typo in
 * `PORT` stops the server with a clear message instead of a listen error or a random port.
 */

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the database file lives (`redline.db`); created when missing. */
  dataDir: string;
  /**
   * `DATABASE_URL` (`postgres://user:password@host:5432/database`): store everything in that
   * PostgreSQL database instead of SQLite in `dataDir`. Unset: SQLite.
   */
  databaseUrl?: string;
  /** Origins, besides the server's own host, allowed to open a collaboration socket. */
  allowedOrigins: string[];
  /**
   * Log every update before acknowledging it (the default). `REDLINE_WRITE_THROUGH=off` exists
   * only so benchmarks can measure what durability costs (R2); an acknowledged edit can then be
   * lost in a crash.
   */
  writeThrough: boolean;
  /** WebSocket connection attempts allowed per client address per minute. */
  connectionsPerMinute?: number;
  /**
   * What an empty database starts with (`REDLINE_SEED`): `demo` (the default) the sample
   * rulebook, demo bodies and accounts and example motions; `edition` the sample rulebook only;
   * `none` nothing. A real installation uses `edition` or `none`: demo passwords are public.
   */
  seed?: SeedMode;
  /**
   * `TRUST_PROXY=on`: the server runs behind one reverse proxy that terminates TLS; its
   * `X-Forwarded-Proto` decides whether cookies are Secure and which origin is ours, and its
   * `X-Forwarded-For` is the client's address for rate limits. Off (the default), those headers
   * are ignored: anyone can send them.
   */
  trustProxy?: boolean;
  /**
   * `REDIS_URL` (`redis://host:port`): when set, several server processes sharing one database
   * keep their open documents in step through this Redis. Unset: one process, no Redis.
   */
  redisUrl?: string;
}

export type SeedMode = 'demo' | 'edition' | 'none';

/** A setting that cannot be used; the message is written for the person who set it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_PORT = 3000;
const DEFAULT_DATA_DIR = './data';
// Not 0.0.0.0: a development server should not be reachable from the network unless asked.
const DEFAULT_HOST = 'localhost';

/**
 * Reads `PORT`, `HOST`, `DATA_DIR` and `ALLOWED_ORIGINS` from an environment (normally
 * `process.env`). Unset or empty values take the defaults — `PORT=` in an env file means "not
 * set". Throws {@link ConfigError} for a value that cannot be used.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    port: readPort(env['PORT']),
    host: readHost(env['HOST']),
    dataDir: readDataDir(env['DATA_DIR']),
    databaseUrl: readDatabaseUrl(env['DATABASE_URL']),
    allowedOrigins: readOrigins(env['ALLOWED_ORIGINS']),
    writeThrough:
      readChoice(env['REDLINE_WRITE_THROUGH'], ['on', 'off'], 'REDLINE_WRITE_THROUGH') === 'on',
    seed: readChoice<SeedMode>(env['REDLINE_SEED'], ['demo', 'edition', 'none'], 'REDLINE_SEED'),
    connectionsPerMinute: readCount(
      env['COLLAB_CONNECTIONS_PER_MINUTE'],
      600,
      'COLLAB_CONNECTIONS_PER_MINUTE',
    ),
    redisUrl: readRedisUrl(env['REDIS_URL']),
    trustProxy: readChoice(env['TRUST_PROXY'], ['off', 'on'], 'TRUST_PROXY') === 'on',
  };
}

/** `redis://host:port` exactly (no credentials, database or options), or undefined when unset. */
function readRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  const port = url ? Number(url.port) : NaN;
  if (
    !url ||
    url.protocol !== 'redis:' ||
    url.hostname === '' ||
    !/^\d{1,5}$/.test(url.port) ||
    !(port >= 1 && port <= 65535) ||
    url.username !== '' ||
    url.password !== '' ||
    !['', '/'].includes(url.pathname) ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new ConfigError(
      `REDIS_URL must look like redis://127.0.0.1:6379 (host and port), got ${JSON.stringify(raw)}`,
    );
  }
  return `redis://${url.host}`;
}

function readCount(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) {
    throw new ConfigError(
      `${name} must be a whole number from 1 to 9999999, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

/** One of `choices` (the first when unset or empty). */
function readChoice<T extends string>(
  raw: string | undefined,
  choices: readonly T[],
  name: string,
): T {
  if (raw === undefined || raw === '') return choices[0] as T;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be ${choices.join(' or ')}, got ${JSON.stringify(raw)}`);
}

/** A postgres:// URL, or undefined when unset (the SQLite store). */
function readDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  // A socket directory may come as ?host=/var/run/postgresql instead of a host name.
  const host = url?.hostname || url?.searchParams.get('host');
  if (!url || raw.trim() !== raw || !['postgres:', 'postgresql:'].includes(url.protocol) || !host) {
    // Never print a password into a log.
    if (url?.password) url.password = '***';
    throw new ConfigError(
      `DATABASE_URL must look like postgres://user:password@127.0.0.1:5432/redline, got ${url ? JSON.stringify(url.href) : 'something that is not a URL'}`,
    );
  }
  return raw;
}

function readDataDir(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_DATA_DIR;
  if (raw.trim() !== raw) {
    throw new ConfigError(
      `DATA_DIR must be a directory path without leading or trailing spaces, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

// An origin is scheme://host[:port] with nothing after it: the browser's Origin header exactly.
function readOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const origin = part.trim();
    let parsed: URL | null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        `ALLOWED_ORIGINS must be a comma-separated list of origins like https://redline.example.org, got ${JSON.stringify(origin)}`,
      );
    }
    return origin;
  });
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  // Digits only: Number() would accept '0x50', '1e3' and ' 80 ', which nobody means as a port.
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new ConfigError(
      `PORT must be a whole number from 1 to 65535, got ${JSON.stringify(raw)}`,
    );
  }
  return port;
}

function readHost(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_HOST;
  if (/\s/.test(raw)) {
    throw new ConfigError(
      `HOST must be a host name or IP address without spaces, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}
