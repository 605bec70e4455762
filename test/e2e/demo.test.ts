// End to end: the built script (dist/, made by `npm run build`) served by the real server,
// in headless Chromium, as a court page uses it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, readConfig } from '../../src/server/config.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';
import { DIST, requireBuilt } from './harness/built-server.js';
import { CHROMIUM_PATH } from './harness/chromium.js';
import { html, startStaticServer, type StaticServer } from './harness/static-server.js';

const dist = path.join(DIST, 'balcao-virtual.js');

let browser: Browser;
let server: BalcaoServer;
let serverUrl: URL;
let courtSite: StaticServer;
let courtUrl: URL;

/** A court's own site on another origin, embedding the widget with one script tag. */
function startCourtSite(scriptUrl: () => string): Promise<StaticServer> {
  return startStaticServer(() =>
    html(`<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>TJ</title>
<script type="module" src="${scriptUrl()}"></script></head>
<body><h1>Vara Cível</h1><p>Telefone: (84) 3616-9000</p>
<balcao-virtual unidade="vara-civel-natal"></balcao-virtual>
<balcao-virtual unidade="nao-existe" email="contato@tjrn.jus.br"></balcao-virtual></body></html>`),
  );
}

async function statusTexts(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('balcao-virtual')].every((el) => el.shadowRoot?.querySelector('.card') && !el.shadowRoot.querySelector('.loading')),
  );
  return page.$$eval('balcao-virtual', (els) => els.map((el) => (el.shadowRoot?.querySelector('.card')?.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

beforeAll(async () => {
  requireBuilt(['balcao-virtual.js']);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const script = (): string => new URL('balcao-virtual.js', serverUrl).href;
  courtSite = await startCourtSite(script);
  courtUrl = new URL(courtSite.url);
  const config = { ...readConfig(['--port', '0', '--host', '127.0.0.1', '--demo'], {}), allowedOrigins: [courtUrl.origin] };
  server = createServer(config, { logger: memoryLogger() });
  serverUrl = await server.start();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await courtSite?.close();
});

describe('the demo page, from npm start', () => {
  it('shows every unit under the strict CSP with Trusted Types, with no console error and no foreign request', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    const errors: string[] = [];
    const hosts = new Set<string>();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => hosts.add(new URL(r.url()).host));
    await page.goto(serverUrl.href, { waitUntil: 'networkidle' });
    const texts = await statusTexts(page);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain('Plantão Judiciário (24 horas)');
    expect(texts[0]).toContain('Aberto agora · atendimento 24 horas');
    expect(texts[5]).toContain('Fechado · sem atendimento por vídeo no momento');
    for (const text of texts) expect(text).toMatch(/Aberto agora|Fechado/);
    expect(errors).toEqual([]);
    expect([...hosts]).toEqual([serverUrl.host]);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});

describe('a court page on another origin', () => {
  it('loads the script with one tag; the widget talks to the server the script came from', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(courtUrl.href, { waitUntil: 'networkidle' });
    const [natal, unknown] = await statusTexts(page);
    expect(natal).toContain('1ª Vara Cível da Comarca de Natal');
    expect(natal).toMatch(/Aberto agora · atendimento até|Fechado · (abre|sem data)/);
    expect(unknown).toContain('Não encontramos esta unidade no Balcão Virtual.');
    expect(unknown).toContain('contato@tjrn.jus.br');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps working when the page loads the script twice', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(courtUrl.href, { waitUntil: 'networkidle' });
    // A second copy of the script (another URL, so another module instance) defines nothing twice.
    await page.addScriptTag({ type: 'module', url: `${new URL('balcao-virtual.js', serverUrl).href}?again` });
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => customElements.get('balcao-virtual')?.name)).toBeTruthy();
    const [natal] = await statusTexts(page);
    expect(natal).toMatch(/Aberto agora|Fechado/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is refused to an origin not on the allowed list (the script itself is not handed out)', async () => {
    const other = await startCourtSite(() => new URL('balcao-virtual.js', serverUrl).href);
    const page = await browser.newPage();
    // Same host, other port: another origin, not in the allowed list.
    await page.goto(`http://localhost:${new URL(other.url).port}/`, { waitUntil: 'load' });
    const scriptLoaded = await page.evaluate(() => customElements.get('balcao-virtual') !== undefined);
    expect(scriptLoaded).toBe(false);
    await page.close();
    await other.close();
  });
});

describe('the package', () => {
  it('exports balcao-virtual/core to Node with no DOM and no build step of the user', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { openingStatus, parseUnit, parseCnj, courtHolidays } from 'balcao-virtual/core';
         const unit = parseUnit({ id: 'v', name: 'V', timezone: 'America/Fortaleza', hours: { mon: [['08:00', '14:00']] } });
         const s = openingStatus(unit, new Date('2026-11-23T12:00:00Z'));
         console.log(JSON.stringify({ open: s.open, closesAt: s.closesAt, nov20: courtHolidays(2026).some((h) => h.date === '2026-11-20'), cnj: parseCnj('00000014220268200001')?.formatted, window: typeof window }));`,
      ],
      { cwd: packageRoot, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({
      open: true,
      closesAt: '2026-11-23T17:00:00.000Z',
      nov20: true,
      cnj: '0000001-42.2026.8.20.0001',
      window: 'undefined',
    });
  });

  it('ships production Lit (no dev-mode code) in the script courts load', () => {
    const code = readFileSync(dist, 'utf8');
    expect(code).not.toContain('Lit is in dev mode');
    expect(code).toContain('customElements.define');
  });
});
