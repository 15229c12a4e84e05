import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, formatLine, MAX_FIELD_CHARS, type Level } from './log';

/** Anything a terminal or viewer acts on: controls, separators, format characters. */
const RAW_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const NASTY = {
  newline: 'motion.abc\n{"level":"error","event":"forged"}',
  carriageReturn: 'motion.abc\rOVERWRITTEN',
  escape: 'motion.\x1b[31mred\x1b[0m',
  del: 'motion.\x7fabc',
  csi: 'motion.\u009b31mred',
  nextLine: 'motion.abc\u0085forged',
  lineSeparator: 'motion.abc\u2028forged',
  paragraphSeparator: 'motion.abc\u2029forged',
  rtlOverride: 'motion.\u202egnp.exe',
  isolate: 'motion.\u2066abc\u2069',
  zeroWidth: 'motion.a\u200bb\u200dc\ufeff',
  tag: 'motion.\u{e0041}\u{e0042}',
};

describe('formatLine', () => {
  it('writes one line with no raw control, separator or format character, that reads back exactly', () => {
    for (const [what, name] of Object.entries(NASTY)) {
      const line = formatLine('warn', 'collab.refused', { name });
      expect(line, what).not.toMatch(RAW_UNSAFE);
      expect(line.split(/\r\n|\r|\n/), what).toHaveLength(1);
      expect(JSON.parse(line), what).toMatchObject({
        level: 'warn',
        event: 'collab.refused',
        name,
      });
    }
  });

  it('puts time, level and event first and leaves out undefined fields', () => {
    const line = formatLine('info', 'e', { a: 1, b: undefined, c: null }, new Date(0));
    expect(line).toBe(
      '{"time":"1970-01-01T00:00:00.000Z","level":"info","event":"e","a":1,"c":null}',
    );
  });

  it('cuts long strings and says how long they were', () => {
    const line = formatLine('warn', 'e', { name: 'x'.repeat(12_000) });
    const name = (JSON.parse(line) as { name: string }).name;
    expect(name.startsWith('x'.repeat(MAX_FIELD_CHARS))).toBe(true);
    expect(name).toContain('12000 characters');
    expect(line.length).toBeLessThan(400);
  });
});

describe('createLogger', () => {
  let lines: { level: Level; line: string }[];
  const write = (level: Level, line: string) => lines.push({ level, line });
  const events = () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);

  beforeEach(() => {
    lines = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs every event without a key', () => {
    const log = createLogger({ write, limit: 2 });
    for (let i = 0; i < 10; i++) log.error('e', { i });
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => l.level === 'error')).toBe(true);
  });

  it('rate-limits repeated events per key, then says how many were left out', () => {
    const log = createLogger({ write, limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 10_000; i++) log.warn('collab.refused', { i }, { per: '10.0.0.1' });
    log.warn('collab.refused', { i: 'other' }, { per: '10.0.0.2' });
    log.warn('collab.bad-name', {}, { per: '10.0.0.1' });
    expect(events().map((e) => [e['event'], e['i']])).toEqual([
      ['collab.refused', 0],
      ['collab.refused', 1],
      ['collab.refused', 2],
      ['collab.refused', 'other'],
      ['collab.bad-name', undefined],
    ]);

    vi.advanceTimersByTime(60_000);
    expect(events().slice(5)).toEqual([
      expect.objectContaining({
        level: 'warn',
        event: 'log.suppressed',
        of: 'collab.refused',
        per: '10.0.0.1',
        count: 9_997,
      }),
    ]);
    // A new window logs again; nothing more was left out, so no further summary.
    log.warn('collab.refused', { i: 'later' }, { per: '10.0.0.1' });
    vi.advanceTimersByTime(120_000);
    expect(
      events()
        .slice(6)
        .map((e) => e['i']),
    ).toEqual(['later']);
  });
});
