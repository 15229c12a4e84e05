import { describe, it, expect } from 'vitest';
import { createApp } from './app';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

describe('createApp', () => {
  it('serves the placeholder page with strict security headers', async () => {
    const res = await createApp().request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<title>Redline</title>');
    expect(html).toContain('npm run -s redline -- check motions/rulebooks/labour/2024.md');
    // Self-contained: nothing the CSP would block.
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });

  it('answers the health check', async () => {
    const res = await createApp().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await createApp().request('/x');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.json()).toEqual({
      error: { id: 'not-found', message: 'No route GET /x' },
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
    app.get('/boom', () => {
      throw new Error('secret detail');
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({
      error: { id: 'internal', message: 'Internal server error' },
    });
    expect(body).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});
