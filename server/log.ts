/**
 * The server's log: one JSON line per event, `{"time","level","event",...fields}`, safe to print
 * whatever a client sent. JSON.stringify escapes C0 controls, quotes and backslashes; what it
 * leaves raw but terminals and log viewers act on is escaped too: DEL and the C1 controls (0x9B
 * is a CSI on some terminals), the line and paragraph separators, and the format characters (bidi
 * embeddings, overrides and isolates, zero-width characters, BOM, tags). Long strings are cut.
 * Events a client can repeat at will are rate-limited per key (its address): at most `limit`
 * lines a window, then one line saying how many were left out. pino and the like escape none of
 * the C1 or bidi characters, hence this small module.
 */
import { RateLimiter } from './rate-limit';

export type Level = 'info' | 'warn' | 'error';
export type Field = string | number | boolean | null | undefined;
export type Fields = Readonly<Record<string, Field>>;

/** Logs one event; with `per`, at most `limit` lines a window for this event and key. */
export type LogFunction = (event: string, fields?: Fields, options?: { per?: string }) => void;

export interface Logger {
  info: LogFunction;
  warn: LogFunction;
  error: LogFunction;
}

export interface LoggerOptions {
  /** Where a finished line goes; by default info to stdout, the rest to stderr. */
  write?: (level: Level, line: string) => void;
  /** Lines per event and key in each window. */
  limit?: number;
  windowMs?: number;
}

/** Longer strings are cut to this many characters (and say how long they were). */
export const MAX_FIELD_CHARS = 200;

// Cc: C0, DEL and C1; Cf: format characters (bidi, zero-width, soft hyphen, BOM, tags);
// Zl, Zp: U+2028 and U+2029, which some readers take for line breaks.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\uXXXX` for each UTF-16 unit: valid JSON, so a reader gets the original string back. */
function escapeUnsafe(json: string): string {
  return json.replace(UNSAFE, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) {
      out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    return out;
  });
}

function clip(value: Field): Field {
  if (typeof value !== 'string' || value.length <= MAX_FIELD_CHARS) return value;
  return `${value.slice(0, MAX_FIELD_CHARS)}… (${value.length} characters)`;
}

/**
 * One log line (no newline): JSON with every string cut to {@link MAX_FIELD_CHARS} and no
 * control, separator or format character left raw, so no field can forge a line or drive a
 * terminal. Undefined fields are left out.
 */
export function formatLine(level: Level, event: string, fields: Fields = {}, time = new Date()) {
  const entry: Record<string, Field> = { time: time.toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) entry[key] = clip(value);
  }
  return escapeUnsafe(JSON.stringify(entry));
}

function writeStd(level: Level, line: string): void {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * A logger. Events logged with `per` share a fixed window per event and key; past the limit they
 * are counted, and when the window ends one `log.suppressed` line says how many were left out.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? writeStd;
  const limiter = new RateLimiter({
    limit: options.limit ?? 20,
    windowMs: options.windowMs ?? 60_000,
    now: () => Date.now(),
  });
  const suppressed = new Map<string, number>();
  const at =
    (level: Level): LogFunction =>
    (event, fields = {}, { per } = {}) => {
      if (per === undefined) return write(level, formatLine(level, event, fields));
      const key = `${event}\0${per}`;
      const { allowed, retryAfterMs } = limiter.take(key);
      if (allowed) return write(level, formatLine(level, event, fields));
      const count = (suppressed.get(key) ?? 0) + 1;
      suppressed.set(key, count);
      if (count > 1) return;
      // Once per key and window; unref'd, so a pending summary never keeps the process alive.
      setTimeout(() => {
        const total = suppressed.get(key);
        suppressed.delete(key);
        write(level, formatLine(level, 'log.suppressed', { of: event, per, count: total }));
      }, retryAfterMs).unref();
    };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** The process's logger. */
export const log: Logger = createLogger();
