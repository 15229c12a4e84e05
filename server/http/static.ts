/**
 * The built client (`npm run build` → dist/client): its files, and index.html for every other
 * non-API path so deep links work. Without a build, a small page says how to make one.
 *
 * Files are read synchronously and kept in memory (the build is a few megabytes), never through
 * libuv's thread pool: password hashing shares that pool, and a flood of sign-ins once held a
 * CSS file back for 11.6 s. A file is read again when its size or time changes (a new build).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export const NO_BUILD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redline</title>
<style>
  body { font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
  h1 { color: #b00020; }
  code { background: #f3f3f3; padding: 0.1rem 0.3rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>Redline</h1>
<p>The server is running, but the browser app has not been built: run <code>npm run build</code>
(or start with <code>npm start</code>, which builds it first).</p>
</body>
</html>
`;

/** Files read so far, by absolute path, with the size and time they had then. */
const files = new Map<string, { size: number; mtimeMs: number; bytes: Uint8Array<ArrayBuffer> }>();

/** A file's bytes from memory, read again when it changed; null when it is not a file. */
function fileBytes(file: string): Uint8Array<ArrayBuffer> | null {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) return null;
  const known = files.get(file);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.bytes;
  const bytes = new Uint8Array(readFileSync(file));
  files.set(file, { size: info.size, mtimeMs: info.mtimeMs, bytes });
  return bytes;
}

/**
 * Answers a GET for `path` from `root`: the file when there is one, else index.html, else the
 * "run npm run build" page. Never leaves `root`.
 */
export function staticResponse(root: string, path: string): Response {
  const base = resolve(root);
  const index = fileBytes(join(base, 'index.html'));
  if (!index) return html(NO_BUILD_PAGE);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '/';
  }
  const file = resolve(base, `.${decoded}`);
  const bytes = file.startsWith(base + sep) && !decoded.includes('\0') ? fileBytes(file) : null;
  if (bytes) {
    // Vite puts content hashes in asset names, so they may be cached for good.
    const immutable = decoded.startsWith('/assets/');
    return new Response(bytes, {
      headers: {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  }
  return html(index);
}

function html(body: string | Uint8Array<ArrayBuffer>): Response {
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
