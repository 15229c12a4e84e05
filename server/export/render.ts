/**
 * An export document in a file format, with its content type and a file name: the one place the
 * server and the CLI turn core/export's document model into bytes (PDF by printing the HTML).
 */
import { renderDocx } from '../../core/export/docx';
import { renderHtml } from '../../core/export/html';
import { renderMarkdown } from '../../core/export/markdown';
import type { ExportDocument, ExportFormat } from '../../core/export/model';
import { renderText } from '../../core/export/text';
import { createPdfRenderer, type PdfRenderer } from './pdf';

/** A rendered export, ready to send or write. */
export interface ExportFile {
  /** Safe ASCII: lower-case letters, digits and dashes, then the extension. */
  filename: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

/** The document formats, in the order usage messages list them. */
export const DOCUMENT_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf'] as const;
/** The tracking table's formats. */
export const TABLE_FORMATS = ['csv', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** The Content-Type of each format (text always UTF-8). */
export const CONTENT_TYPE: Readonly<Record<ExportFormat | TableFormat, string>> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const MAX_NAME = 80;

/** The bytes on a plain ArrayBuffer, as responses take them (a view of a shared one is copied). */
const ownBytes = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : bytes.slice();

/**
 * A file name from words ("Open selection of MPs", "labour-2024") and an extension: accents
 * dropped, everything but letters and digits a dash, never empty, never a path.
 */
export function exportFileName(parts: readonly string[], ext: string): string {
  const slug = parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'export'}.${ext}`;
}

/**
 * Renders `doc` in `format`. PDF prints the HTML with `pdf`; without one, a renderer is made for
 * this document alone and closed after it (the CLI; the server passes its long-lived one).
 */
export async function renderExport(
  doc: ExportDocument,
  format: ExportFormat,
  pdf?: PdfRenderer,
): Promise<Omit<ExportFile, 'filename'>> {
  const contentType = CONTENT_TYPE[format];
  switch (format) {
    case 'txt':
      return { contentType, body: renderText(doc) };
    case 'md':
      return { contentType, body: renderMarkdown(doc) };
    case 'html':
      return { contentType, body: renderHtml(doc) };
    case 'docx':
      return { contentType, body: ownBytes(await renderDocx(doc)) };
    case 'pdf': {
      const renderer = pdf ?? createPdfRenderer();
      try {
        const bytes = await renderer.render(renderHtml(doc), { title: doc.title });
        return { contentType, body: ownBytes(bytes) };
      } finally {
        if (!pdf) await renderer.close();
      }
    }
  }
}
