import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
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

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('readConfig', () => {
  it('uses PORT 8080 and the demo units by default', () => {
    const config = readConfig([], {});
    expect(config.port).toBe(8080);
    expect(config.unitsFile).toMatch(/demo[/\\]units\.json$/);
    expect(config.allowedOrigins).toEqual([]);
    expect(config.demoDir).toMatch(/demo$/);
    expect([config.graceMs, config.maxWaitingPerUnit, config.joinsPerAddress]).toEqual([180_000, 200, 20]);
  });

  it('reads the line’s limits from flags or environment', () => {
    const config = readConfig(['--grace-minutes=5', '--max-waiting', '50'], { JOINS_PER_ADDRESS: '8', GRACE_MINUTES: '9' });
    expect([config.graceMs, config.maxWaitingPerUnit, config.joinsPerAddress]).toEqual([300_000, 50, 8]);
  });

  it('prefers flags over environment', () => {
    const config = readConfig(['--port', '9001', '--units=/x/u.json', '--no-demo'], { PORT: '9000', ALLOWED_ORIGINS: 'https://a.jus.br, https://b.jus.br' });
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
    expect(() => readConfig(argv, env)).toThrow(ConfigError);
    expect(() => readConfig(argv, env)).toThrow(message);
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
    const result = await main(['--units', file, '--port', '0'], {}, io);
    expect(result.code).toBe(2);
    expect(result.stop).toBeUndefined();
    expect(err.join('')).toContain('Unidade "vara-civel-natal": campo "timezone" inválido');
    expect(out.join('')).toBe('');
  });

  it('starts, prints the demo URL and a signed-in clerk page, and stops', async () => {
    const file = unitsFile(JSON.stringify(unitsJson));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-main-'));
    const { io, out } = capture();
    const result = await main(['--units', file, '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {}, io);
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
    await result.stop?.();
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
    const result = await main(['--units', unitsFile(JSON.stringify(unitsJson)), '--port', String(port), '--host', '127.0.0.1'], {}, io);
    blocker.close();
    expect(result.code).toBe(1);
    expect(err.join('')).toContain(`A porta ${port} já está em uso`);
  });
});
