import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp as createAppWith } from './app';

const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// No build here: pages are the "run npm run build" page.
const createApp = (options: Parameters<typeof createAppWith>[0] = {}) =>
  createAppWith({ clientDir: '/nonexistent/redline-client', ...options });

describe('createApp', () => {
  it('says how to build the client when there is no build, with security headers', async () => {
    const res = await createApp().request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<title>Redline</title>');
    expect(html).toContain('npm run build');
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });

  it('serves the built client: files, and index.html for other pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-client-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="/assets/a.js"></script>');
      writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
      writeFileSync(join(tmpdir(), 'redline-secret.txt'), 'secret');
      const app = createApp({ clientDir: dir });
      const js = await app.request('/assets/a.js');
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await js.text()).toBe('console.log(1)');
      const deep = await app.request('/motions/abcdef123456');
      expect(await deep.text()).toContain('/assets/a.js');
      const escape = await app.request('/%2e%2e/redline-secret.txt');
      expect(await escape.text()).not.toContain('secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the health check', async () => {
    const res = await createApp().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await createApp().request('/api/x');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.json()).toEqual({
      error: { id: 'not-found', message: 'No route GET /api/x' },
    });
  });

  it('names the method in a 404', async () => {
    const res = await createApp().request('/healthz', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { id: 'not-found', message: 'No route POST /healthz' },
    });
  });

  it('turns unexpected errors into a generic 500 without leaking them', async () => {
    const logged: unknown[] = [];
    const app = createApp({ logError: (error) => logged.push(error) });
    // POST: every GET outside /api is the client's (index.html).
    app.post('/boom', () => {
      throw new Error('secret detail');
    });
    const res = await app.request('/boom', { method: 'POST' });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({
      error: { id: 'internal', message: 'Internal server error' },
    });
    expect(body).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});
