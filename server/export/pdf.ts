/**
 * PDF from an export's HTML, printed by headless Chromium (Debian's `chromium`; playwright cannot
 * download browsers here). One browser is launched on the first job and reused: a launch costs
 * about a second, a page a few milliseconds. Each job gets its own context with JavaScript off and
 * every request but the document itself refused, so nothing in an export can run or fetch.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { unavailable } from '../errors';

/** Where Chromium is unless `CHROMIUM_PATH` says otherwise. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What to do when there is no Chromium: install it, or print the HTML export from a browser. */
export const PDF_UNAVAILABLE_MESSAGE =
  'PDF export needs Chromium: install it with `apt-get install -y chromium` or set CHROMIUM_PATH; ' +
  "meanwhile use your browser's Print → Save as PDF on the HTML export";

/** The flags this project always runs Chromium with (no sandbox: containers; nothing phoning home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// The document is served at this address inside the browser only; `.invalid` never resolves.
const DOCUMENT_URL = 'https://export.invalid/document.html';
// The same policy as the HTML export's download: styles inline, images only as data: URLs.
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface PdfOptions {
  /** The Chromium binary; defaults to `CHROMIUM_PATH`, else /usr/bin/chromium, read per launch. */
  executablePath?: string;
  /** How long loading and printing one document may take (launching has the same limit). */
  timeoutMs?: number;
  /** Jobs printed at once; the others wait their turn (each page holds a whole document). */
  concurrency?: number;
  /** The browser is closed after this long without a job, and relaunched on the next one. */
  idleMs?: number;
}

export interface PdfJob {
  /** Printed small in the page header; plain text. */
  title?: string;
}

export interface PdfRenderer {
  /** The PDF of a complete HTML page: A4, backgrounds printed, page numbers in the footer. */
  render(html: string, job?: PdfJob): Promise<Uint8Array>;
  /** Closes the browser (if one is running) and refuses further jobs. */
  close(): Promise<void>;
}

/** The Chromium binary a launch would use now. */
export function chromiumPath(options: PdfOptions = {}): string {
  return options.executablePath ?? (process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

// Chromium fills the header and footer templates itself; their elements need explicit sizes.
const headerTemplate = (title: string) =>
  `<div style="font-size:8px;font-family:sans-serif;color:#555;width:100%;padding:0 15mm;">${escapeHtml(title)}</div>`;
const FOOTER_TEMPLATE =
  '<div style="font-size:8px;font-family:sans-serif;color:#555;width:100%;text-align:center;">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** Rejects with a 503 `pdf-timeout` saying `message` after `ms` unless `work` settles first. */
function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable('pdf-timeout', message)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Loads the document into a page of `context` and prints it. */
async function printIn(context: BrowserContext, html: string, job: PdfJob): Promise<Uint8Array> {
  let served = false;
  await context.route('**/*', (route) => {
    const request = route.request();
    if (!request.isNavigationRequest()) return route.abort('blockedbyclient');
    if (request.url() === DOCUMENT_URL && !served) {
      served = true;
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': DOCUMENT_CSP },
        body: html,
      });
    }
    // Any other navigation (a meta refresh, a frame): 204 keeps the document where it is; an
    // aborted navigation would leave the page that Chromium then fails to print.
    return route.fulfill({ status: 204, body: '' });
  });
  const page = await context.newPage();
  await page.goto(DOCUMENT_URL, { waitUntil: 'load' });
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(job.title ?? ''),
    footerTemplate: FOOTER_TEMPLATE,
    margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
    // Bookmarks from the headings. Not `tagged`: it makes a 125-page rulebook 2.5 times larger
    // and slower to print; the HTML and DOCX exports are the accessible ones.
    outline: true,
  });
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * A PDF renderer with its own lazily launched browser. The server makes one and closes it on
 * shutdown; the CLI makes one per run. A missing Chromium is an AppError 503 `pdf-unavailable`
 * whose message says what to install.
 */
export function createPdfRenderer(options: PdfOptions = {}): PdfRenderer {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const idleMs = options.idleMs ?? 120_000;
  let browser: Promise<Browser> | null = null;
  let closed = false;
  let running = 0;
  const waiting: (() => void)[] = [];
  let idleTimer: NodeJS.Timeout | undefined;

  const launch = (): Promise<Browser> => {
    const executablePath = chromiumPath(options);
    // Thrown, not a rejected promise: nothing is kept, so the next job looks again.
    if (!existsSync(executablePath)) throw unavailable('pdf-unavailable', PDF_UNAVAILABLE_MESSAGE);
    const launching = chromium
      .launch({
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: timeoutMs,
        // The server's own SIGTERM/SIGINT handling closes the browser (close below).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      })
      .then((b) => {
        // A crashed browser is forgotten, so the next job launches a fresh one.
        b.on('disconnected', () => {
          if (browser === launching) browser = null;
        });
        return b;
      })
      .catch((error: unknown) => {
        browser = null;
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw unavailable(
          'pdf-unavailable',
          `${PDF_UNAVAILABLE_MESSAGE} (Chromium at ${executablePath} did not start: ${reason})`,
        );
      });
    return launching;
  };

  const closeBrowser = async () => {
    const current = browser;
    browser = null;
    if (current) await current.then((b) => b.close()).catch(() => undefined);
  };

  // A finished job hands its slot straight to the next waiting one, so `running` never overshoots.
  const acquire = async () => {
    clearTimeout(idleTimer);
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) return next();
    running--;
    if (running === 0) {
      idleTimer = setTimeout(() => void closeBrowser(), idleMs);
      idleTimer.unref();
    }
  };

  /** Prints in a fresh context; closing the context (on timeout too) ends everything in it. */
  const print = async (html: string, job: PdfJob): Promise<Uint8Array> => {
    browser ??= launch();
    const context = await (await browser).newContext({ javaScriptEnabled: false });
    try {
      return await within(
        printIn(context, html, job),
        timeoutMs,
        `PDF export took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`,
      );
    } finally {
      await context.close().catch(() => undefined);
    }
  };

  return {
    async render(html, job = {}) {
      if (closed) throw new Error('PDF renderer is closed');
      await acquire();
      try {
        return await print(html, job);
      } finally {
        release();
      }
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      await closeBrowser();
    },
  };
}
