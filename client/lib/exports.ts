/**
 * Which exports the app offers and their addresses: the server renders every export (text,
 * Markdown, HTML, Word, PDF; CSV and JSON for the tracking table), so the client only builds the
 * link and names the result. Pure, so it is unit-tested.
 */

export type DocumentFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf';
export type TableFormat = 'csv' | 'json';
export type Format = DocumentFormat | TableFormat;

/** What people call each format, in the order the menu offers them. */
export const FORMAT_LABEL: Readonly<Record<Format, string>> = {
  docx: 'Word (.docx)',
  pdf: 'PDF',
  html: 'Web page (.html)',
  txt: 'Plain text (for a portal or e-mail)',
  md: 'Markdown',
  csv: 'Spreadsheet (.csv)',
  json: 'JSON',
};

/** One thing that can be exported, and the formats it comes in. */
export interface ExportTarget {
  /** What the menu calls it: "This motion", "Compendium". */
  label: string;
  /** The route without its query: `/api/motions/<id>/export`. */
  path: string;
  formats: readonly Format[];
  /** Whether a redline (changes shown) version exists. */
  redline: boolean;
}

const enc = encodeURIComponent;
const DOCUMENTS: readonly DocumentFormat[] = ['docx', 'pdf', 'html', 'txt', 'md'];

/** One motion in the submission format. */
export const motionExport = (motionId: string): ExportTarget => ({
  label: 'This motion',
  path: `/api/motions/${enc(motionId)}/export`,
  formats: DOCUMENTS,
  redline: true,
});

/** The exports of an edition: the rulebook as it stands, the compendium and the results sheet. */
export const editionExports = (editionId: string): ExportTarget[] => [
  {
    label: 'The rulebook',
    path: `/api/editions/${enc(editionId)}/export`,
    formats: DOCUMENTS,
    redline: true,
  },
  {
    label: 'Compendium of motions',
    path: `/api/editions/${enc(editionId)}/compendium`,
    formats: DOCUMENTS,
    redline: true,
  },
  {
    label: 'Results sheet',
    path: `/api/editions/${enc(editionId)}/results`,
    formats: DOCUMENTS,
    redline: false,
  },
];

/** The tracking table of every motion the person may see. */
export const trackingExport: ExportTarget = {
  label: 'Tracking table',
  path: '/api/motions/export',
  formats: ['csv', 'json'],
  redline: false,
};

/** The address of an export in a format, with the redline when asked and offered. */
export function exportUrl(target: ExportTarget, format: Format, redline: boolean): string {
  const query = new URLSearchParams({ format });
  if (redline && target.redline) query.set('redline', '1');
  return `${target.path}?${query.toString()}`;
}

/**
 * The file name to save as: the server's (Content-Disposition, RFC 6266 `filename*` first),
 * else a fallback; never a path.
 */
export function downloadName(disposition: string | null, fallback: string): string {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '');
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '');
  let name = fallback;
  try {
    if (star?.[1]) name = decodeURIComponent(star[1].trim());
    else if (plain?.[1]) name = plain[1].trim();
  } catch {
    name = fallback;
  }
  return name.replace(/[/\\]/g, '_') || fallback;
}

/** "1.2 MB", "340 kB", "812 bytes": how much has arrived. */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
