/**
 * The tracking table — every motion with its state, units, ruling, position and result — as CSV
 * for a spreadsheet and JSON for scripts. Both have the same columns in the same order.
 */
import type { MotionSummary } from '../../schemas/api';

/** One row of the tracking table, typed (JSON keeps numbers and lists as they are). */
export interface TrackingRow {
  id: string;
  title: string;
  body: string;
  state: string;
  units: string[];
  ruling: string;
  rulingReason: string;
  necPosition: string;
  cardVote: number | null;
  forPercent: number | null;
  againstPercent: number | null;
  result: string;
  conferenceYear: number | null;
  updated: string;
}

/** The CSV header, in column order. */
export const TRACKING_HEADER = [
  'id',
  'title',
  'body',
  'state',
  'units',
  'ruling',
  'ruling reason',
  'NEC position',
  'card vote',
  'for %',
  'against %',
  'result',
  'conference year',
  'updated',
] as const;

/** The tracking table's rows, one per motion in the order given. */
export function trackingRows(motions: readonly MotionSummary[]): TrackingRow[] {
  const titles = new Map(motions.map((m) => [m.id, m.title]));
  return motions.map((m) => {
    const { ruling, position, result, year } = m.progress;
    const alternative = position?.alternative
      ? (titles.get(position.alternative) ?? position.alternative)
      : '';
    return {
      id: m.id,
      title: m.title,
      body: m.body,
      state: m.stateLabel,
      units: [...m.units],
      ruling: ruling?.label ?? '',
      rulingReason: ruling?.note ?? '',
      necPosition: position
        ? alternative
          ? `${position.label}: ${alternative}`
          : position.label
        : '',
      cardVote: result?.card ?? null,
      forPercent: result?.forPercent ?? null,
      againstPercent: result?.againstPercent ?? null,
      result: result?.words ?? '',
      conferenceYear: year,
      updated: m.updatedAt,
    };
  });
}

/**
 * The table as RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted and
 * their quotes doubled. A field a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) gets a leading single quote, so a motion titled "=HYPERLINK(…)" stays
 * text when the secretary opens the file.
 */
export function trackingCsv(motions: readonly MotionSummary[]): string {
  const lines = [TRACKING_HEADER.map(csvField).join(',')];
  for (const row of trackingRows(motions)) {
    const fixed = (n: number | null) => (n === null ? '' : n.toFixed(2));
    const cells = [
      row.id,
      row.title,
      row.body,
      row.state,
      row.units.join('; '),
      row.ruling,
      row.rulingReason,
      row.necPosition,
      row.cardVote === null ? '' : String(row.cardVote),
      fixed(row.forPercent),
      fixed(row.againstPercent),
      row.result,
      row.conferenceYear === null ? '' : String(row.conferenceYear),
      row.updated,
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One CSV field, defused against formula injection and quoted when it must be. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as pretty JSON: an array of rows with the CSV's columns as keys, in the same order. */
export function trackingJson(motions: readonly MotionSummary[]): string {
  return `${JSON.stringify(trackingRows(motions), null, 2)}\n`;
}
