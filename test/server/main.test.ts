import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
import { clerkToken } from '../../src/server/clerk-token.js';
import { ConfigError, readConfig } from '../../src/server/config.js';
import { main } from '../../src/server/main.js';
import { loadUnitsFile } from '../../src/server/units.js';
import { unitsJson } from './helpers.js';

function unitsFile(content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'balcao-units-'));
  const file = path.join(dir, 'units.json');
  writeFileSync(file, content);
  return file;
}

/** Outside the demo the written channel needs SMTP or this explicit choice. */
const FILES = { MAIL_TRANSPORT: 'files' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('readConfig', () => {
  it('uses PORT 8080 and the demo units by default, with the demo off', () => {
    const config = readConfig([], FILES);
    expect(config.port).toBe(8080);
    expect(config.unitsFile).toMatch(/demo[/\\]units\.json$/);
    expect(config.allowedOrigins).toEqual([]);
    expect(config.demoDir).toBeUndefined();
    expect(config.trustProxy).toBe(false);
    expect([config.graceMs, config.maxWaitingPerUnit, config.joinsPerAddress]).toEqual([180_000, 200, 20]);
    expect(readConfig(['--demo'], {}).demoDir).toMatch(/demo$/);
  });

  it('serves the demo only when asked (--demo, DEMO), reading yes and no the same in flags and environment', () => {
    const demo = (argv: string[], env: Record<string, string>): boolean => readConfig(argv, { ...FILES, ...env }).demoDir !== undefined;
    for (const yes of ['1', 'true', 'yes', 'TRUE', 'Yes', ' yes ']) {
      expect(demo([], { DEMO: yes }), `DEMO=${yes}`).toBe(true);
      expect(demo([`--demo=${yes}`], {}), `--demo=${yes}`).toBe(true);
    }
    for (const no of ['0', 'false', 'no', 'FALSE', 'No', '']) {
      expect(demo([], { DEMO: no }), `DEMO=${no}`).toBe(false);
      if (no !== '') expect(demo([`--demo=${no}`], { DEMO: '1' }), `--demo=${no}`).toBe(false);
    }
    // `DEMO=0 npm start` (npm start passes --demo): refused, never the demo against an explicit no.
    for (const no of ['0', 'false', 'no']) expect(() => demo(['--demo'], { DEMO: no }), `--demo with DEMO=${no}`).toThrow('DEMO diz que não e --demo diz que sim');
    expect(demo(['--demo'], { DEMO: '' })).toBe(true);
    expect(demo(['--no-demo'], { DEMO: 'yes' })).toBe(false);
    expect(demo(['--demo', '--no-demo'], {})).toBe(false);
  });

  it.each([
    [['--demo=talvez'], {}, 'Valor inválido para --demo: "talvez". Use 1, true ou yes para ligar; 0, false ou no para desligar.'],
    [[], { DEMO: 'maybe' }, 'Valor inválido para DEMO: "maybe". Use 1, true ou yes para ligar; 0, false ou no para desligar.'],
    [[], { DEMO: 'on' }, 'Valor inválido para DEMO: "on"'],
    [['--no-demo=1'], {}, 'Opção desconhecida: --no-demo=1'],
    [[], { TRUST_PROXY: 'talvez' }, 'Valor inválido para --trust-proxy (TRUST_PROXY): "talvez"'],
  ])('refuses the yes/no %j %j, naming the setting and the values it takes', (argv, env, message) => {
    expect(() => readConfig(argv, { ...FILES, ...env })).toThrow(ConfigError);
    expect(() => readConfig(argv, { ...FILES, ...env })).toThrow(message);
  });

  it('reads TRUST_PROXY as a yes/no, a number of proxies or a list of addresses', () => {
    const trust = (value: string): unknown => readConfig(['--trust-proxy', value], FILES).trustProxy;
    expect([trust('false'), trust('No'), trust('TRUE'), trust('yes'), trust('2'), trust('0')]).toEqual([false, false, true, true, 2, 0]);
    expect(trust('loopback, 10.0.0.0/8, ::1')).toBe('loopback, 10.0.0.0/8, ::1');
    expect(readConfig([], { ...FILES, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('reads the line’s limits from flags or environment', () => {
    const config = readConfig(['--demo', '--grace-minutes=5', '--max-waiting', '50'], { JOINS_PER_ADDRESS: '8', GRACE_MINUTES: '9' });
    expect([config.graceMs, config.maxWaitingPerUnit, config.joinsPerAddress]).toEqual([300_000, 50, 8]);
  });

  it('prefers flags over environment', () => {
    const config = readConfig(['--port', '9001', '--units=/x/u.json', '--no-demo'], { ...FILES, PORT: '9000', DEMO: '1', ALLOWED_ORIGINS: 'https://a.jus.br, https://b.jus.br' });
    expect(config.port).toBe(9001);
    expect(config.unitsFile).toBe(path.resolve('/x/u.json'));
    expect(config.allowedOrigins).toEqual(['https://a.jus.br', 'https://b.jus.br']);
    expect(config.demoDir).toBeUndefined();
  });

  it.each([
    [['--port', 'oitenta'], {}, /Porta inválida: "oitenta"/],
    [[], { PORT: '70000' }, /Porta inválida/],
    [['--bogus'], {}, /Opção desconhecida: --bogus/],
    [['--units'], {}, /--units precisa de um valor/],
    [[], { ALLOWED_ORIGINS: 'https://tjrn.jus.br/' }, /Origem inválida.*sem barra final/],
    [['--grace-minutes', '0'], {}, /--grace-minutes \(GRACE_MINUTES\): "0".*inteiro positivo/],
    [[], { MAX_WAITING: 'muitos' }, /--max-waiting \(MAX_WAITING\): "muitos"/],
    [[], { JOINS_PER_ADDRESS: '-1' }, /JOINS_PER_ADDRESS/],
  ])('refuses %j %j with a message saying what to do', (argv, env, message) => {
    expect(() => readConfig(argv, { ...FILES, ...env })).toThrow(ConfigError);
    expect(() => readConfig(argv, { ...FILES, ...env })).toThrow(message);
  });
});

describe('loadUnitsFile', () => {
  it('reads a valid file', async () => {
    const units = await loadUnitsFile(unitsFile(JSON.stringify(unitsJson)));
    expect([...units.keys()]).toEqual(['vara-civel-natal']);
  });

  it('names the file, the unit and the field of a bad configuration', async () => {
    const bad = [{ ...unitsJson[0], hours: { mon: [['08:00', '25:00']] } }];
    const file = unitsFile(JSON.stringify(bad));
    await expect(loadUnitsFile(file)).rejects.toThrow(`${file}: Unidade "vara-civel-natal": campo "hours.mon[0][1]"`);
  });

  it('says when the file is not JSON or missing', async () => {
    await expect(loadUnitsFile(unitsFile('{ nope'))).rejects.toThrow(/não é JSON válido/);
    await expect(loadUnitsFile('/nonexistent/units.json')).rejects.toThrow(/Não foi possível ler.*ENOENT.*--units/);
  });
});

describe('main (npm start)', () => {
  it('stops start-up with the parseUnit message on a bad units file', async () => {
    const file = unitsFile(JSON.stringify([{ ...unitsJson[0], timezone: 'America/Natal' }]));
    const { io, err, out } = capture();
    const result = await main(['--units', file, '--port', '0'], FILES, io);
    expect(result.code).toBe(2);
    expect(result.stop).toBeUndefined();
    expect(err.join('')).toContain('Unidade "vara-civel-natal": campo "timezone" inválido');
    expect(out.join('')).toBe('');
  });

  it('with --demo, starts, prints the demo URL and a signed-in clerk page, and stops', async () => {
    const file = unitsFile(JSON.stringify(unitsJson));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const { io, out, err } = capture();
    const result = await main(['--units', file, '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--demo'], {}, io);
    expect(result.code).toBe(0);
    const printed = out.join('');
    const demoUrl = /Página de demonstração \(cidadão\): (http:\S+)/.exec(printed)?.[1];
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL('api/units/vara-civel-natal', demoUrl));
    expect(res.status).toBe(200);
    // The clerk's page: the token in the fragment (never sent to the server), valid for that unit.
    const clerkUrl = new URL(/Página do servidor \(atendente[^)]*\): (http:\S+)/.exec(printed)?.[1] ?? 'http://x/');
    expect(clerkUrl.pathname).toBe('/atendente.html');
    expect(clerkUrl.searchParams.get('unidade')).toBe('vara-civel-natal');
    const token = clerkUrl.hash.replace(/^#token=/, '');
    const identity = new LocalClerkAuth(await loadOrCreateSecret(dataDir)).verify(token, Date.now());
    expect(identity).toMatchObject({ unit: 'vara-civel-natal', name: 'Servidora Demonstração' });
    // The terminal only: never the JSON log (stderr, which a service manager keeps).
    expect(err.join('')).not.toContain(token);
    expect(err.join('')).not.toContain('#token=');
    await result.stop?.();
  });

  it.each([
    ['no DEMO', {}],
    ['DEMO=false', { DEMO: 'false' }],
    ['DEMO=no', { DEMO: 'no' }],
  ])('without --demo (%s): no demo pages and no clerk access printed, even with the demo units file', async (_name, env) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const { io, out, err } = capture();
    // The demo's own units file (the default): its units are no reason to turn the demo on.
    const result = await main(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { ...FILES, ...env }, io);
    expect(result.code).toBe(0);
    const printed = out.join('');
    expect(printed).not.toMatch(/token=|atendente|demonstração/i);
    expect(err.join('')).not.toMatch(/token=/);
    const base = /no ar: (http:\S+)/.exec(printed)?.[1] ?? '';
    for (const page of ['', 'index.html', 'atendente.html', 'atendente']) {
      const res = await fetch(new URL(page, base));
      expect(res.status, `/${page}`).toBe(404);
    }
    expect((await fetch(new URL('api/units/plantao-judiciario', base))).status).toBe(200);
    await result.stop?.();
  });

  it.each([
    [[], { DEMO: 'maybe' }, /Valor inválido para DEMO: "maybe"\. Use 1, true ou yes para ligar; 0, false ou no para desligar\./],
    [[], { MAIL_FROM: 'balcao@tjrn.jus.br' }, /Sem SMTP configurado, as mensagens escritas não chegariam às unidades.*MAIL_TRANSPORT=files/],
  ])('refuses to start with %j %j, saying why', async (argv, env, message) => {
    const { io, out, err } = capture();
    const result = await main(['--port', '0', '--host', '127.0.0.1', ...argv], env, io);
    expect(result.code).toBe(2);
    expect(result.stop).toBeUndefined();
    expect(err.join('')).toMatch(message);
    expect(out.join('')).toBe('');
  });

  it('says loudly at start that files chosen outside the demo reach nobody', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const { io, out } = capture();
    const result = await main(['--units', unitsFile(JSON.stringify(unitsJson)), '--port', '0', '--host', '127.0.0.1', '--data', dataDir], FILES, io);
    expect(result.code).toBe(0);
    expect(out.join('')).toContain(`ATENÇÃO: MAIL_TRANSPORT=files, cada e-mail vira um arquivo .eml em ${path.join(dataDir, 'mail')} e nada é enviado`);
    await result.stop?.();
  });

  it('the token tool needs no mail settings (npm run clerk-token without SMTP, outside the demo)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const { code, out } = await clerkToken(['--unit', 'vara-civel-natal', '--name', 'Maria Souza', '--units', unitsFile(JSON.stringify(unitsJson)), '--data', dataDir], {}, Date.now());
    expect(code).toBe(0);
    expect(new LocalClerkAuth(await loadOrCreateSecret(dataDir)).verify(out.trim(), Date.now())).toMatchObject({ unit: 'vara-civel-natal' });
  });

  it('refuses a second server on the same data directory, saying which and what to do', async () => {
    const file = unitsFile(JSON.stringify(unitsJson));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const args = ['--units', file, '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--no-demo'];
    // The production recipe: no demo, SMTP configured (nothing listens there; nothing is sent).
    const env = { SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'balcao@tribunal.example.jus.br' };
    const first = await main(args, env, capture().io);
    try {
      expect(first.code).toBe(0);
      const { io, err, out } = capture();
      const second = await main(args, env, io);
      expect(second).toEqual({ code: 1 });
      expect(err.join('')).toBe(`O diretório de dados ${dataDir} já está em uso por outro processo do Balcão Virtual. Dois processos no mesmo diretório dividiriam a fila: pare o outro processo, ou use outro diretório com --data (DATA_DIR).\n`);
      expect(out.join('')).toBe('');
    } finally {
      await first.stop?.();
    }
  });

  it('explains a port already in use', async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { io, err } = capture();
    const result = await main(['--units', unitsFile(JSON.stringify(unitsJson)), '--port', String(port), '--host', '127.0.0.1'], FILES, io);
    blocker.close();
    expect(result.code).toBe(1);
    expect(err.join('')).toContain(`A porta ${port} já está em uso`);
  });
});
