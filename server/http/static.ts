/**
 * The built client (`npm run build` → dist/client): its files, and index.html for every other
 * non-API path so deep links work. Without a build, a small page says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

/**
 * Answers a GET for `path` from `root`: the file when there is one, else index.html, else the
 * "run npm run build" page. Never leaves `root`.
 */
export async function staticResponse(root: string, path: string): Promise<Response> {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!existsSync(index)) return html(NO_BUILD_PAGE);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '/';
  }
  const file = resolve(base, `.${decoded}`);
  if (file.startsWith(base + sep) && !decoded.includes('\0')) {
    try {
      if ((await stat(file)).isFile()) {
        // Vite puts content hashes in asset names, so they may be cached for good.
        const immutable = decoded.startsWith('/assets/');
        return new Response(new Uint8Array(await readFile(file)), {
          headers: {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        });
      }
    } catch {
      // Not there: fall through to the app shell.
    }
  }
  return html(await readFile(index, 'utf8'));
}

function html(body: string): Response {
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
