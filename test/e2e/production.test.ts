// The built server as an operator starts it (`node dist/node/server/main.js`): the README's
// production recipe serves no demo and prints no clerk access, whatever the units file; only
// `--demo` (what `npm start` passes) or DEMO=1 turns the demo on; a yes/no it can't read, or
// no SMTP outside the demo, stops the start with a message and a non-zero exit.
//
// Run: `npm run build && npx vitest run test/e2e/production.test.ts` (part of `npm test`).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
import { packageRoot } from '../../src/server/config.js';
import { freePort } from '../server/smtp-sink.js';
import { startBuiltServer, type Running } from './harness/built-server.js';

const ORIGIN = 'https://www.tjrn.jus.br';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The recipe's flags on a free port and a fresh data directory; the units file is the default (the demo's own units). */
function flags(...more: string[]): { args: string[]; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-prod-'));
  return { args: ['--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...more], dataDir };
}

async function status(base: URL, page: string): Promise<number> {
  return (await fetch(new URL(page, base))).status;
}

async function stop(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  expect(await running.exited).toBe(0);
}

describe('the production recipe (no --demo)', () => {
  it.each([
    ['DEMO unset', {}],
    ['DEMO=false', { DEMO: 'false' }],
  ])('%s: no demo pages and no clerk access printed, with the demo units file', { timeout: 20_000 }, async (_name, env) => {
    // SMTP configured (its server need not be up to start) and the court's origin, as the README says.
    const smtp = `smtp://127.0.0.1:${await freePort()}`;
    const { args } = flags();
    const running = await startBuiltServer(args, { ...env, ALLOWED_ORIGINS: ORIGIN, SMTP_URL: smtp, MAIL_FROM: 'balcao@tjrn.jus.br' }, children);
    for (const page of ['', 'index.html', 'atendente.html', 'atendente']) expect(await status(running.url, page), `/${page}`).toBe(404);
    expect(await status(running.url, 'api/units/plantao-judiciario')).toBe(200);
    expect(await status(running.url, 'balcao-virtual.js')).toBe(200);
    await stop(running);
    expect(running.stdout()).not.toMatch(/token=|atendente|demonstração/i);
    expect(running.stderr()).not.toMatch(/token=|atendente/i);
  });
});

describe('the demo', () => {
  it('npm start passes --demo: the demo page, and a signed-in clerk page printed on stdout only', { timeout: 20_000 }, async () => {
    const start = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
    const [node, main, ...startArgs] = (start.split('&&').pop() ?? '').trim().split(/\s+/);
    expect([node, main, startArgs]).toEqual(['node', 'dist/node/server/main.js', ['--demo']]);
    const { args, dataDir } = flags(...startArgs);
    const running = await startBuiltServer(args, {}, children);
    expect(await status(running.url, '')).toBe(200);
    const clerkPage = new URL(/Página do servidor \(atendente[^)]*\): (http:\S+)/.exec(running.stdout())?.[1] ?? 'http://x/');
    expect(clerkPage.pathname).toBe('/atendente.html');
    expect(await status(running.url, clerkPage.pathname.slice(1))).toBe(200);
    const token = clerkPage.hash.replace(/^#token=/, '');
    expect(new LocalClerkAuth(await loadOrCreateSecret(dataDir)).verify(token, Date.now())).toMatchObject({ unit: 'plantao-judiciario' });
    expect(running.stdout()).toContain(`Página de demonstração (cidadão): ${running.url.href}`);
    await stop(running);
    expect(running.stderr()).not.toContain(token);
  });

  it('DEMO=1 turns it on too', { timeout: 20_000 }, async () => {
    const byEnv = await startBuiltServer(flags().args, { DEMO: 'YES' }, children);
    expect(await status(byEnv.url, '')).toBe(200);
    await stop(byEnv);
  });
});

describe('a start the server refuses', () => {
  it.each([
    ['DEMO=maybe', [], { DEMO: 'maybe' }, 'Valor inválido para DEMO: "maybe". Use 1, true ou yes para ligar; 0, false ou no para desligar.'],
    ['--demo=talvez', ['--demo=talvez'], {}, 'Valor inválido para --demo: "talvez".'],
    ['DEMO=0 npm start (--demo beside an explicit no)', ['--demo'], { DEMO: '0' }, 'DEMO diz que não e --demo diz que sim'],
    ['no SMTP outside the demo', [], { ALLOWED_ORIGINS: ORIGIN }, 'Sem SMTP configurado, as mensagens escritas não chegariam às unidades.'],
    ['SMTP_ALLOW_PLAIN=talvez', [], { SMTP_URL: 'smtp://127.0.0.1:587', MAIL_FROM: 'balcao@tjrn.jus.br', SMTP_ALLOW_PLAIN: 'talvez' }, 'Valor inválido para SMTP_ALLOW_PLAIN: "talvez".'],
  ])('%s: exits 2, saying why', { timeout: 20_000 }, async (_name, more, env, message) => {
    const failed = await startBuiltServer(flags(...more).args, env, children).then(
      () => new Error('it started'),
      (error: unknown) => error as Error,
    );
    expect(failed.message.startsWith('exited 2: ')).toBe(true);
    expect(failed.message).toContain(message);
  });
});
