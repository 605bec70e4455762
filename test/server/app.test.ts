import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseUnit } from '../../src/core/index.js';
import type { BalcaoServer } from '../../src/server/server.js';
import { fakePublicDir, startTestServer } from './helpers.js';

let running: BalcaoServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const started = await startTestServer(overrides);
  running = started.server;
  return started;
}

describe('GET /api/units/:id', () => {
  it('answers the unit as JSON that the widget can parse back', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/units/vara-civel-natal', url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const json: unknown = await res.json();
    const unit = parseUnit(json);
    expect(unit.id).toBe('vara-civel-natal');
    expect(unit.hours.mon).toEqual([[480, 840]]);
    expect(unit.email).toBe('vara@tjrn.jus.br');
  });

  it('answers 404 with a JSON error in Portuguese for an unknown unit', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/units/nao-existe', url));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unit_not_found');
    expect(body.error.message).toMatch(/Unidade não encontrada/);
  });

  it('answers JSON errors for unknown API paths', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/nada', url));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('CORS', () => {
  it('allows a court page on an allowed origin, and says so per origin', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/units/vara-civel-natal', url), { headers: { origin: 'https://www.tjrn.jus.br' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.tjrn.jus.br');
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives no CORS permission to other origins and refuses their preflight', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/units/vara-civel-natal', url), { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(new URL('api/units/vara-civel-natal', url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(403);
  });

  it('answers an allowed preflight', async () => {
    const { url } = await start();
    const res = await fetch(new URL('api/units/vara-civel-natal', url), {
      method: 'OPTIONS',
      headers: { origin: 'https://www.tjrn.jus.br', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it("allows any origin when the list has '*'", async () => {
    const { url } = await start({ allowedOrigins: ['*'] });
    const res = await fetch(new URL('api/units/vara-civel-natal', url), { headers: { origin: 'https://other.jus.br' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://other.jus.br');
  });
});

describe('the widget script', () => {
  it('is served with revalidation, CORS for allowed origins and compression', async () => {
    const { url } = await start();
    const res = await fetch(new URL('balcao-virtual.js', url), {
      headers: { origin: 'https://www.tjrn.jus.br', 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.tjrn.jus.br');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toContain('export const widget');
  });

  it('serves the clerk element’s entry the same way, and no other top-level file', async () => {
    const { url } = await start();
    const clerk = await fetch(new URL('balcao-virtual-atendente.js', url));
    expect(clerk.status).toBe(200);
    expect(clerk.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(await clerk.text()).toContain('export const clerk');
    expect((await fetch(new URL('other.js', url))).status).toBe(404);
  });

  it('serves hashed chunks as immutable', async () => {
    const { url } = await start();
    const res = await fetch(new URL('chunks/en-abc123.js', url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
  });

  it('is served from a package installed under a dot-directory (~/.cache, ~/.npm, ~/.local)', async () => {
    const publicDir = path.join(mkdtempSync(path.join(tmpdir(), 'balcao-home-')), '.cache', 'balcao', 'dist');
    cpSync(fakePublicDir(), publicDir, { recursive: true });
    const { url } = await start({ publicDir });
    expect((await fetch(new URL('balcao-virtual.js', url))).status).toBe(200);
    expect((await fetch(new URL('balcao-virtual-atendente.js', url))).status).toBe(200);
    expect((await fetch(new URL('chunks/en-abc123.js', url))).status).toBe(200);
  });

  it('does not serve files outside the public directory', async () => {
    const { url } = await start();
    const res = await fetch(new URL('chunks/..%2f..%2fetc%2fpasswd', url));
    expect(res.status).toBe(404);
  });
});

describe('demo pages', () => {
  it('are served under a strict Content-Security-Policy with Trusted Types', async () => {
    const demoDir = mkdtempSync(path.join(tmpdir(), 'balcao-demo-'));
    writeFileSync(path.join(demoDir, 'index.html'), '<!doctype html><title>demo</title>');
    const { url } = await start({ demoDir });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain('trusted-types lit-html');
  });

  it('are absent when the demo is off', async () => {
    const { url } = await start({ demoDir: undefined });
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('logs', () => {
  it('are JSON lines with the route pattern, never the client address or the unit requested', async () => {
    const { url, logs } = await start();
    await fetch(new URL('api/units/vara-civel-natal?cpf=52998224725', url));
    await fetch(new URL('api/units/fulano-de-tal', url));
    const http = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'http');
    expect(http).toHaveLength(2);
    expect(http[0]).toMatchObject({ method: 'GET', route: '/api/units/:id', status: 200 });
    const all = logs.join('\n');
    expect(all).not.toContain('127.0.0.1');
    expect(all).not.toContain('52998224725');
    expect(all).not.toContain('fulano');
  });
});

describe('stop()', () => {
  it('closes the port', async () => {
    const { server, url } = await start();
    await server.stop();
    running = undefined;
    await expect(fetch(new URL('api/units/vara-civel-natal', url))).rejects.toThrow();
  });
});

