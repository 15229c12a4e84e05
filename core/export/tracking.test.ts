import { describe, expect, it } from 'vitest';
import type { MotionSummary, ProgressView } from '../../schemas/api';
import { csvField, TRACKING_HEADER, trackingCsv, trackingJson } from './tracking';

const noProgress: ProgressView = {
  version: 0,
  meeting: null,
  ruling: null,
  position: null,
  result: null,
  year: null,
};

function summary(over: Partial<MotionSummary>): MotionSummary {
  return {
    id: 'm1',
    editionId: 'labour-2024',
    title: 'Open selection',
    bodyId: 'anytown',
    body: 'Anytown CLP',
    state: 'draft',
    stateLabel: 'Draft',
    access: 'read',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-05-14T18:30:00.000Z',
    units: [],
    progress: noProgress,
    identical: [],
    ...over,
  };
}

/** A strict RFC 4180 reader, to check that what the writer quotes reads back as it was. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined) throw new Error('unterminated quote');
        if (d === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          field += d;
          i++;
        }
      }
      const next = text.slice(i, i + 2);
      if (next !== '\r\n' && text[i] !== ',') throw new Error(`text after a closing quote at ${i}`);
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.slice(i, i + 2) === '\r\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '\n' || c === '\r' || c === '"')
        throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('missing final CRLF');
  return rows;
}

const decided = summary({
  id: 'm2',
  title: 'Card votes, "weighted"\nby section',
  body: 'Bigtown, Central & West CLP',
  state: 'not-carried',
  stateLabel: 'Not carried',
  units: ['5.IV.5.B.i', '5.IV.5.B.ii'],
  progress: {
    version: 1,
    meeting: { date: '2026-05-14', meeting: 'General Committee', for: 24, against: 3, abstain: 1 },
    ruling: { label: 'Ruled in order', note: 'Accepted; see "CAC report 2"', at: '2026-07-01' },
    position: { position: 'alternative', label: 'NEC alternative', alternative: 'm3' },
    result: {
      card: 8,
      sections: { clp: { for: 29.16, against: 70.84 }, affiliates: { for: 0, against: 100 } },
      forPercent: 14.58,
      againstPercent: 85.42,
      carried: false,
      words: 'NOT CARRIED',
    },
    year: 2026,
  },
});
const nec = summary({
  id: 'm3',
  title: 'NEC: trigger ballots',
  body: 'NEC',
  stateLabel: 'Submitted',
});

describe('trackingCsv', () => {
  it('writes the header and one CRLF-terminated row per motion', () => {
    const csv = trackingCsv([summary({}), decided, nec]);
    expect(csv.split('\r\n')[0]).toBe(
      'id,title,body,state,units,ruling,ruling reason,NEC position,card vote,for %,against %,result,conference year,updated',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([...TRACKING_HEADER]);
    expect(rows[1]).toEqual([
      'm1',
      'Open selection',
      'Anytown CLP',
      'Draft',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '2026-05-14T18:30:00.000Z',
    ]);
    expect(rows[2]).toEqual([
      'm2',
      'Card votes, "weighted"\nby section',
      'Bigtown, Central & West CLP',
      'Not carried',
      '5.IV.5.B.i; 5.IV.5.B.ii',
      'Ruled in order',
      'Accepted; see "CAC report 2"',
      'NEC alternative: NEC: trigger ballots',
      '8',
      '14.58',
      '85.42',
      'NOT CARRIED',
      '2026',
      '2026-05-14T18:30:00.000Z',
    ]);
  });

  it('quotes a field only when it must, doubling its quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('defuses fields a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvField('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('a=1')).toBe('a=1');
    const rows = parseCsv(trackingCsv([summary({ title: '=cmd|" /C calc"!A0', body: '@evil' })]));
    expect(rows[1]?.[1]).toBe(`'=cmd|" /C calc"!A0`);
    expect(rows[1]?.[2]).toBe("'@evil");
  });
});

describe('trackingJson', () => {
  it('has the same columns as the CSV, typed, in a stable pretty form', () => {
    const json = trackingJson([decided, nec]);
    expect(json).toBe(trackingJson([decided, nec]));
    expect(json.endsWith('}\n]\n')).toBe(true);
    const rows = JSON.parse(json) as Record<string, unknown>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'title',
      'body',
      'state',
      'units',
      'ruling',
      'rulingReason',
      'necPosition',
      'cardVote',
      'forPercent',
      'againstPercent',
      'result',
      'conferenceYear',
      'updated',
    ]);
    expect(Object.keys(rows[0] ?? {})).toHaveLength(TRACKING_HEADER.length);
    expect(rows[0]).toMatchObject({
      title: 'Card votes, "weighted"\nby section',
      units: ['5.IV.5.B.i', '5.IV.5.B.ii'],
      cardVote: 8,
      forPercent: 14.58,
      againstPercent: 85.42,
      conferenceYear: 2026,
    });
    expect(rows[1]).toMatchObject({ cardVote: null, forPercent: null, result: '', units: [] });
    expect(json).toContain('\n  {\n    "id": "m2",');
  });
});
