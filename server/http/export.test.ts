/**
 * Exports through the real server: every route in every format answers a download with the right
 * type, name and content; PDFs are read back with pdftotext and page one is rendered to a PNG in
 * e2e/screenshots/ for people to look at; a private draft stays private in every format; a bad
 * query is a 400 that says what to send; without Chromium the PDF route says what to install;
 * and an XSS corpus in a title, a unit's text, an argument and an imported rulebook leaves no
 * script, event handler or javascript: URL in any HTML export and shows as text in the PDF.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentView, ApiError, Motion, MotionSummary } from '../../schemas/api';
import { DOC } from '../../schemas/collab';
import { editDraft } from '../commands/drafts';
import { createPdfRenderer, PDF_UNAVAILABLE_MESSAGE, chromiumPath } from '../export/pdf';
import { amendmentText, call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { stepRequest } from '../test/steps';
import { createApp } from './app';

const SCREENSHOTS = fileURLToPath(new URL('../../e2e/screenshots/', import.meta.url));
const SOURCE = readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), {
  encoding: 'utf8',
});
const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const DOCUMENT_TYPES = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
type DocumentFormat = keyof typeof DOCUMENT_TYPES;
const FORMATS = Object.keys(DOCUMENT_TYPES) as DocumentFormat[];

/** Payloads that must stay text (a subset of e2e/xss.test.ts's corpus, one of each shape). */
const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  'javascript:alert(1)',
  "'><iframe src=javascript:alert(1)>",
];
const XSS_TITLE = '<script>alert(1)</script>';
const XSS_EDITION = 'xss-export';

let server: TestServer;
let secretary = '';
let riverside = '';
let official = '';
let work = '';
/** Anytown's seeded draft (private to Anytown), and the XSS motion, submitted (public). */
let draft: Motion;
let xssId = '';

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

async function get(path: string, cookie: string): Promise<Download> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

/** A download that must be a 200 attachment of `type`, never cached. */
async function download(path: string, cookie: string, type: string): Promise<Download> {
  const res = await get(path, cookie);
  expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const disposition = res.headers.get('content-disposition') ?? '';
  expect(disposition).toMatch(/^attachment; filename="[a-z0-9-]+\.[a-z]+"; filename\*=UTF-8''/);
  expect(res.bytes.byteLength).toBeGreaterThan(0);
  return res;
}

/** Whitespace collapsed, so wrapped lines compare as running text. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function tempFile(name: string, bytes: Uint8Array): string {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text of a PDF, as pdftotext reads it. */
function pdfText(bytes: Uint8Array, name: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', tempFile(`${name}.pdf`, bytes), '-'], {
    encoding: 'utf8',
  });
}

/** Renders page one to e2e/screenshots/<name>.png and checks it is a real A4 page with content. */
function pageOne(bytes: Uint8Array, name: string): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pdf = tempFile(`${name}.pdf`, bytes);
  const png = join(SCREENSHOTS, `${name}.png`);
  rmSync(png, { force: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    join(SCREENSHOTS, name),
  ]);
  const image = readFileSync(png);
  expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
  // A4 at 60 dpi is 496 × 702 pixels, give or take rounding (IHDR: width, height from byte 16).
  expect(Math.abs(image.readUInt32BE(16) - 496)).toBeLessThanOrEqual(2);
  expect(Math.abs(image.readUInt32BE(20) - 702)).toBeLessThanOrEqual(2);
  // A blank page compresses to about a kilobyte; a page of text is several.
  expect(statSync(png).size).toBeGreaterThan(4_000);
}

/** The XML of a DOCX's main document, read back from the zip. */
function docxXml(bytes: Uint8Array): string {
  expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toContain('[Content_Types].xml');
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml in the DOCX');
  return strFromU8(xml);
}

/** The text of a DOCX's paragraphs (w:t runs), one paragraph a line. */
function docxText(bytes: Uint8Array): string {
  return docxXml(bytes)
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * S6 in an HTML page: no script element, and no tag with an event handler or a javascript: URL.
 * Text that merely reads like a tag is escaped (`&lt;`), so only real tags are looked into.
 */
function expectNoActiveContent(html: string, what: string): void {
  expect(html, what).not.toMatch(/<script/i);
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  expect(tags.length, what).toBeGreaterThan(0);
  for (const tag of tags) {
    expect(tag, what).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag, what).not.toMatch(/javascript:/i);
  }
  for (const tag of ['iframe', 'svg', 'img', 'object', 'embed']) {
    expect(html.toLowerCase(), `${what}: <${tag}`).not.toContain(`<${tag}`);
  }
}

/** Adopts and submits a motion as Anytown's secretary. */
async function submitAnytown(id: string): Promise<void> {
  const step = (body: unknown) =>
    call<Motion & ApiError>(server.url, 'POST', `/api/motions/${id}/transitions`, body, secretary);
  const adopted = await step(stepRequest('adopt'));
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  const submitted = await step({ event: 'submit' });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-export-'));
  server = await startTestServer();
  secretary = await signIn(server.url, 'secretary@anytown.example');
  riverside = await signIn(server.url, 'secretary@riverside.example');
  official = await signIn(server.url, 'official@conference.example');

  const list = await call<MotionSummary[]>(server.url, 'GET', '/api/motions', undefined, secretary);
  const seeded = list.body.find((m) => m.title === 'Open selection of MPs');
  if (!seeded) throw new Error('no seeded Anytown draft');
  draft = (await call<Motion>(server.url, 'GET', `/api/motions/${seeded.id}`, undefined, secretary))
    .body;
  expect(draft.state).toBe('draft');
  expect(draft.motionText).not.toBe('');

  // The XSS motion: payloads in its title, its amended unit and its argument; then submitted.
  const created = await call<Motion>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: XSS_TITLE, bodyId: 'anytown-clp' },
    secretary,
  );
  expect(created.status).toBe(201);
  xssId = created.body.id;
  const added = await call<AmendmentView>(
    server.url,
    'POST',
    `/api/motions/${xssId}/amendments`,
    { kind: 'amend', target: '3.III.4' },
    secretary,
  );
  expect(added.status).toBe(201);
  await editDraft(server.commands, xssId, (doc) => {
    amendmentText(doc, added.body.id)?.insert(0, `${XSS.join(' ')} `);
    doc.getText(DOC.argument).insert(0, `Because ${XSS.join(' and ')}.`);
  });
  await submitAnytown(xssId);

  // An imported rulebook with a payload in a unit's text.
  const imported = await call(
    server.url,
    'POST',
    '/api/editions',
    {
      id: XSS_EDITION,
      profile: 'labour',
      source: SOURCE.replace(
        '1. This organisation shall be known',
        `1. ${XSS.join(' ')} This organisation shall be known`,
      ),
    },
    official,
  );
  expect(imported.status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('an imported motion', () => {
  // The wording as agreed: "one third", straight quotes, its own spacing. The draft's own
  // instructions would quote the changed words only, in the house style.
  const wording =
    "Chapter 5, Clause IV, Sub-clause 5.B.i:  delete 'one third' and replace with 'one quarter'.";
  const text = `A quarter of branches\n\n${wording}\n\nSupporting argument: a third is too many.\n`;

  it('prints the wording as submitted while the draft says what it was read to say, else the draft', async () => {
    const imported = await call<Motion>(
      server.url,
      'POST',
      '/api/motions/import',
      { editionId: 'labour-2024', bodyId: 'riverside-clp', text },
      riverside,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.motionText).not.toContain(wording);
    const exported = async () =>
      (
        await download(
          `/api/motions/${imported.body.id}/export?format=txt`,
          riverside,
          DOCUMENT_TYPES.txt,
        )
      ).text;
    const agreed = await exported();
    expect(agreed).toContain(wording);
    expect(agreed).toContain('As submitted, word for word.');
    expect(squash(agreed)).not.toContain(squash(imported.body.motionText));
    expect(agreed).toContain('a third is too many');

    // Edited since: the draft's own instructions are the motion now, not the old wording.
    const [amendment] = imported.body.amendments;
    await editDraft(server.commands, imported.body.id, (doc) => {
      amendmentText(doc, amendment?.id ?? '')?.insert(0, 'Where possible, ');
    });
    const edited = await exported();
    expect(edited).not.toContain(wording);
    expect(edited).not.toContain('As submitted, word for word.');
    expect(edited).toContain('Where possible');
  });
});

describe('one motion', () => {
  const path = (format: string, redline = false) =>
    `/api/motions/${draft.id}/export?format=${format}${redline ? '&redline=1' : ''}`;
  // The citation and a few words of the instructions, as they must appear in every format.
  const instructionWords = () => squash(draft.motionText).split(' — ')[0] ?? '';

  it('as plain text: the title, the body, the instructions and the argument', async () => {
    const res = await download(path('txt'), secretary, DOCUMENT_TYPES.txt);
    expect(res.headers.get('content-disposition')).toContain(
      'filename="open-selection-of-mps-2024.txt"',
    );
    const text = squash(res.text);
    expect(text).toContain('Open selection of MPs');
    expect(text).toContain('Anytown CLP');
    expect(instructionWords()).toMatch(/^The Labour Party Rule Book 2024, Chapter 5, Clause IV/);
    expect(text).toContain(instructionWords());
    expect(text).toContain('replace with ‘one fifth’');
    expect(text).toContain('A third of branches is too high a bar');
  });

  it('as Markdown and HTML, clean and redline', async () => {
    const md = await download(path('md'), secretary, DOCUMENT_TYPES.md);
    expect(md.text).toMatch(/^# Open selection of MPs/m);
    expect(squash(md.text)).toContain('fifth');
    const html = await download(path('html'), secretary, DOCUMENT_TYPES.html);
    expect(html.text).toMatch(/^<!doctype html>/i);
    expect(html.text).toContain('<title>Open selection of MPs</title>');
    expect(html.text).toContain('@media print');
    expectNoActiveContent(html.text, 'motion HTML');
    // The export's own policy replaces the app's for this response only.
    expect(html.headers.get('content-security-policy')).toBe(EXPORT_CSP);
    // Opened as a printable page: shown, not saved, under the same policy.
    const page = await get(`${path('html')}&inline=1`, secretary);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-disposition')).toBe(
      `inline; filename="open-selection-of-mps-2024.html"; filename*=UTF-8''open-selection-of-mps-2024.html`,
    );
    expect(page.headers.get('content-security-policy')).toBe(EXPORT_CSP);
    expect(page.text).toBe(html.text);
    const json = await call(server.url, 'GET', `/api/motions/${draft.id}`, undefined, secretary);
    expect(json.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);

    const redline = await download(path('html', true), secretary, DOCUMENT_TYPES.html);
    expect(redline.headers.get('content-disposition')).toContain(
      'filename="open-selection-of-mps-2024-redline.html"',
    );
    expect(redline.text).not.toBe(html.text);
    // third → fifth: the old word struck through, the new one underlined.
    expect(redline.text).toMatch(/<del>[^<]*third[^<]*<\/del>/);
    expect(redline.text).toMatch(/<ins>[^<]*fifth[^<]*<\/ins>/);
  });

  it('as DOCX: a Word file that reads back with the title and instructions', async () => {
    const res = await download(path('docx'), secretary, DOCUMENT_TYPES.docx);
    const text = squash(docxText(res.bytes));
    expect(text).toContain('Open selection of MPs');
    expect(text).toContain(instructionWords());
    const redline = await download(path('docx', true), secretary, DOCUMENT_TYPES.docx);
    // Word's own marks for insertions and deletions, or underline and strike-through.
    expect(docxXml(redline.bytes)).toMatch(/<w:(ins|u|strike)\b/);
  });

  it('as PDF: the text reads back and page one renders', async () => {
    const res = await download(path('pdf'), secretary, DOCUMENT_TYPES.pdf);
    expect(new TextDecoder().decode(res.bytes.subarray(0, 5))).toBe('%PDF-');
    const text = squash(pdfText(res.bytes, 'motion'));
    expect(text).toContain('Open selection of MPs');
    expect(text).toContain(instructionWords());
    expect(text).toMatch(/Page 1 of \d+/);
    pageOne(res.bytes, 'export-motion');
    const redline = await download(path('pdf', true), secretary, DOCUMENT_TYPES.pdf);
    pageOne(redline.bytes, 'export-motion-redline');
  });

  it('a private draft is refused to outsiders in every format, and not found when missing', async () => {
    for (const format of FORMATS) {
      const res = await get(path(format), riverside);
      expect(res.status, format).toBe(404);
      expect((JSON.parse(res.text) as ApiError).error.id).toBe('motion-not-found');
      expect(res.text).not.toContain('fifth');
    }
    expect((await get(path('txt'), '')).status).toBe(401);
    const missing = await get('/api/motions/nosuchmotion1/export?format=txt', secretary);
    expect(missing.status).toBe(404);
  });

  it('a bad query is a 400 that says what to send', async () => {
    const bad = await get(`/api/motions/${draft.id}/export?format=rtf`, secretary);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      error: { id: 'invalid-request', message: 'format: expected one of txt, md, html, docx, pdf' },
    });
    const none = await get(`/api/motions/${draft.id}/export`, secretary);
    expect(none.status).toBe(400);
    expect((JSON.parse(none.text) as ApiError).error.message).toMatch(/^format: expected one of/);
    const redline = await get(`/api/motions/${draft.id}/export?format=txt&redline=yes`, secretary);
    expect(redline.status).toBe(400);
    expect((JSON.parse(redline.text) as ApiError).error.message).toBe(
      'redline: 1 for a redline, 0 (or leave it out) for the clean text',
    );
  });
});

describe('an edition', () => {
  it('the consolidated rulebook: the summary of amendments at the front, every format', async () => {
    const txt = await download(
      '/api/editions/labour-2025/export?format=txt',
      secretary,
      DOCUMENT_TYPES.txt,
    );
    expect(txt.headers.get('content-disposition')).toContain(
      'filename="labour-party-rule-book-2025.txt"',
    );
    const text = squash(txt.text);
    // Last year's carried motions, before the first rule.
    const summary = text.indexOf('The CAC elected every year');
    expect(summary).toBeGreaterThan(-1);
    expect(text).toContain('A reduced rate for members under 30');
    expect(summary).toBeLessThan(text.indexOf('This organisation shall be known'));
    expect(text).toContain('aged under 30');

    const redline = await download(
      '/api/editions/labour-2025/export?format=html&redline=1',
      secretary,
      DOCUMENT_TYPES.html,
    );
    expect(redline.text).toMatch(/<del\b[^>]*>[^<]*27/);
    expect(redline.text).toMatch(/<ins\b[^>]*>[^<]*30/);
    expectNoActiveContent(redline.text, 'rulebook HTML');
    for (const format of ['md', 'html', 'docx'] as const) {
      await download(
        `/api/editions/labour-2025/export?format=${format}`,
        secretary,
        DOCUMENT_TYPES[format],
      );
    }
    const docx = await download(
      '/api/editions/labour-2025/export?format=docx&redline=1',
      secretary,
      DOCUMENT_TYPES.docx,
    );
    expect(squash(docxText(docx.bytes))).toContain('The CAC elected every year');

    const pdf = await download(
      '/api/editions/labour-2025/export?format=pdf&redline=1',
      secretary,
      DOCUMENT_TYPES.pdf,
    );
    const pdfWords = squash(pdfText(pdf.bytes, 'rulebook'));
    expect(pdfWords).toContain('The CAC elected every year');
    expect(pdfWords).toContain('This organisation shall be known');
    pageOne(pdf.bytes, 'export-rulebook-redline');
  });

  it('the compendium: submitted motions the person may see, in agenda order, every format', async () => {
    const txt = await download(
      '/api/editions/labour-2024/compendium?format=txt',
      riverside,
      DOCUMENT_TYPES.txt,
    );
    const text = squash(txt.text);
    expect(text).toMatch(/^Rule changes to Conference \d{4} /);
    // Every submission, decided or not, by the chapter it amends; no private draft.
    const order = [
      'A reduced rate for members under 30', // Chapter 2
      'The CAC elected every year', // Chapter 3
      'NEC nominations from 1 per cent of CLPs', // Chapter 4
      'Trigger ballot reform (NEC)', // Chapter 5
      'Independent examination of CLP accounts', // Chapter 6
    ].map((t) => text.lastIndexOf(t));
    expect(order.every((i) => i > -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('Conference may revisit a rule after one year');
    expect(text).not.toContain('Open selection of MPs');
    expect(text).not.toContain('A trigger ballot of all members');
    expect(text).toContain(XSS_TITLE);

    for (const format of ['md', 'html', 'docx'] as const) {
      for (const redline of [false, true]) {
        await download(
          `/api/editions/labour-2024/compendium?format=${format}${redline ? '&redline=1' : ''}`,
          riverside,
          DOCUMENT_TYPES[format],
        );
      }
    }
    const pdf = await download(
      '/api/editions/labour-2024/compendium?format=pdf',
      riverside,
      DOCUMENT_TYPES.pdf,
    );
    expect(squash(pdfText(pdf.bytes, 'compendium'))).toContain('The CAC elected every year');
    pageOne(pdf.bytes, 'export-compendium');
  });

  it('the results sheet: each card vote with its figures and outcome, every format', async () => {
    const txt = await download(
      '/api/editions/labour-2024/results?format=txt',
      riverside,
      DOCUMENT_TYPES.txt,
    );
    expect(txt.headers.get('content-disposition')).toContain(
      'filename="labour-party-rule-book-2024-results.txt"',
    );
    const text = squash(txt.text);
    expect(text).toContain('NEC nominations from 1 per cent of CLPs');
    expect(text).toMatch(/NOT CARRIED/);
    expect(text).toMatch(/CARRIED/);
    for (const format of ['md', 'html', 'docx'] as const) {
      await download(
        `/api/editions/labour-2024/results?format=${format}`,
        riverside,
        DOCUMENT_TYPES[format],
      );
    }
    const pdf = await download(
      '/api/editions/labour-2024/results?format=pdf',
      riverside,
      DOCUMENT_TYPES.pdf,
    );
    expect(squash(pdfText(pdf.bytes, 'results'))).toContain('NOT CARRIED');
    pageOne(pdf.bytes, 'export-results');
  });

  it('answers 404 for an edition that does not exist and 400 for a bad query', async () => {
    const missing = await get('/api/editions/no-such-edition/export?format=txt', secretary);
    expect(missing.status).toBe(404);
    expect((JSON.parse(missing.text) as ApiError).error.id).toBe('edition-not-found');
    const bad = await get('/api/editions/labour-2024/results?format=csv', secretary);
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.text) as ApiError).error.message).toBe(
      'format: expected one of txt, md, html, docx, pdf',
    );
  });
});

describe('the tracking table', () => {
  it('as CSV and JSON, only the motions the person may see', async () => {
    const csv = await download(
      '/api/motions/export?format=csv',
      riverside,
      'text/csv; charset=utf-8',
    );
    expect(csv.headers.get('content-disposition')).toContain('filename="redline-motions.csv"');
    expect(csv.text).toContain('Conference may revisit a rule after one year');
    expect(csv.text).toContain('A trigger ballot of all members'); // Riverside's own draft
    expect(csv.text).not.toContain('Open selection of MPs'); // Anytown's private draft
    const json = await download(
      '/api/motions/export?format=json',
      secretary,
      'application/json; charset=utf-8',
    );
    const rows = JSON.parse(json.text) as unknown;
    expect(Array.isArray(rows)).toBe(true);
    expect(json.text).toContain('Open selection of MPs');
    expect(json.text).not.toContain('A trigger ballot of all members');
    const bad = await get('/api/motions/export?format=xlsx', secretary);
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.text) as ApiError).error.message).toBe(
      'format: expected one of csv, json',
    );
  });
});

describe('the PDF printer', () => {
  it('prints jobs beyond its concurrency in turn, each whole', async () => {
    const renderer = createPdfRenderer({ concurrency: 1 });
    try {
      const pdfs = await Promise.all(
        [1, 2, 3].map((n) => renderer.render(`<p>Document ${n}</p>`, { title: `Job ${n}` })),
      );
      pdfs.forEach((pdf, i) => {
        const text = squash(pdfText(pdf, `job-${i + 1}`));
        expect(text).toContain(`Job ${i + 1} Document ${i + 1}`);
      });
    } finally {
      await renderer.close();
    }
    await expect(renderer.render('<p>x</p>')).rejects.toThrow('PDF renderer is closed');
  });

  it('runs no script and fetches nothing but the document', async () => {
    let fetched = 0;
    const beacon = createServer((_req, res) => {
      fetched++;
      res.end('x');
    });
    await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;
    const renderer = createPdfRenderer();
    try {
      // Hand-made HTML, as if a renderer had let something through.
      const html = `<!doctype html><html><head><title>t</title>
        <meta http-equiv="refresh" content="0; url=${url}/refresh">
        <link rel="stylesheet" href="${url}/style.css"><style>@import url("${url}/import.css");
        body { background: url("${url}/background.png"); }</style></head>
        <body><p>Printed text</p><img src="${url}/image.png"><iframe src="${url}/frame"></iframe>
        <script>document.body.append('SCRIPT RAN'); fetch('${url}/script');</script>
        <img src="x" onerror="document.body.append('HANDLER RAN')"></body></html>`;
      const pdf = await renderer.render(html, { title: '<b>Header</b> & title' });
      const text = squash(pdfText(pdf, 'printer'));
      expect(text).toContain('Printed text');
      expect(text).not.toContain('RAN');
      // The header shows the title as text; the footer numbers the pages.
      expect(text).toContain('<b>Header</b> & title');
      expect(text).toContain('Page 1 of 1');
      expect(fetched).toBe(0);
    } finally {
      await renderer.close();
      await new Promise((resolve) => beacon.close(resolve));
    }
  });
});

describe('without Chromium', () => {
  const missing = join(tmpdir(), 'redline-no-such-chromium');

  it('the PDF route answers 503 pdf-unavailable saying what to install; other formats work', async () => {
    const app = createApp({
      commands: server.commands,
      auth: server.auth,
      pdf: createPdfRenderer({ executablePath: missing }),
    });
    const request = (format: string) =>
      app.request(`/api/motions/${draft.id}/export?format=${format}`, {
        headers: { cookie: secretary },
      });
    const res = await request('pdf');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { id: 'pdf-unavailable', message: PDF_UNAVAILABLE_MESSAGE },
    });
    expect(PDF_UNAVAILABLE_MESSAGE).toContain('apt-get install -y chromium');
    expect(PDF_UNAVAILABLE_MESSAGE).toContain('CHROMIUM_PATH');
    expect(PDF_UNAVAILABLE_MESSAGE).toContain('Print → Save as PDF');
    expect((await request('html')).status).toBe(200);
  });

  it('CHROMIUM_PATH names the browser, read at each launch: installing it later works', async () => {
    const before = process.env['CHROMIUM_PATH'];
    const renderer = createPdfRenderer();
    try {
      process.env['CHROMIUM_PATH'] = missing;
      expect(chromiumPath()).toBe(missing);
      await expect(renderer.render('<p>x</p>')).rejects.toMatchObject({
        status: 503,
        id: 'pdf-unavailable',
      });
      process.env['CHROMIUM_PATH'] = '/usr/bin/chromium';
      const pdf = await renderer.render('<p>Now it prints</p>');
      expect(squash(pdfText(pdf, 'later'))).toContain('Now it prints');
    } finally {
      await renderer.close();
      if (before === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = before;
    }
  });
});

describe('an XSS corpus', () => {
  it('no HTML export carries a script, an event handler or a javascript: URL', async () => {
    const pages = [
      `/api/motions/${xssId}/export?format=html`,
      `/api/motions/${xssId}/export?format=html&redline=1`,
      '/api/editions/labour-2024/compendium?format=html',
      '/api/editions/labour-2024/compendium?format=html&redline=1',
      '/api/editions/labour-2024/results?format=html',
      `/api/editions/${XSS_EDITION}/export?format=html`,
      `/api/editions/${XSS_EDITION}/export?format=html&redline=1`,
    ];
    for (const page of pages) {
      const res = await download(page, riverside, DOCUMENT_TYPES.html);
      expect(res.headers.get('content-security-policy')).toBe(EXPORT_CSP);
      expectNoActiveContent(res.text, page);
      // The payloads are there, as text (the results sheet lists only card votes).
      if (!page.includes('results')) expect(res.text, page).toContain('&lt;img src=x onerror=');
    }
  });

  it('the PDF shows the payloads as text', async () => {
    const motion = await download(
      `/api/motions/${xssId}/export?format=pdf&redline=1`,
      riverside,
      DOCUMENT_TYPES.pdf,
    );
    const text = squash(pdfText(motion.bytes, 'xss-motion'));
    expect(text).toContain(XSS_TITLE);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('javascript:alert(1)');
    pageOne(motion.bytes, 'export-xss-motion');
    const rulebook = await download(
      `/api/editions/${XSS_EDITION}/export?format=pdf`,
      riverside,
      DOCUMENT_TYPES.pdf,
    );
    expect(squash(pdfText(rulebook.bytes, 'xss-rulebook'))).toContain(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('text, Markdown and DOCX carry the payloads as plain text', async () => {
    const txt = await download(
      `/api/motions/${xssId}/export?format=txt`,
      riverside,
      DOCUMENT_TYPES.txt,
    );
    expect(txt.text).toContain(XSS_TITLE);
    const docx = await download(
      `/api/motions/${xssId}/export?format=docx`,
      riverside,
      DOCUMENT_TYPES.docx,
    );
    expect(docxXml(docx.bytes)).not.toMatch(/<script/i);
    expect(docxText(docx.bytes)).toContain(XSS_TITLE);
  });
});
