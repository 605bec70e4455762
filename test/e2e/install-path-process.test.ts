// The built server installed as a court's IT team installs it: a release directory under a
// path with a dot-directory (`~/.cache/…`, as npm and many home-directory installs have),
// started through a symlink (`current → releases/r1`, switched on each deploy). The server
// starts, prints its URL and serves the widget's scripts; the token tool, started through the
// same symlink, prints a token.
//
// The release is a copy of dist/ (without source maps and types) and package.json, with a
// symlink to this checkout's node_modules: node resolves a module's imports from its real
// path, so the copy finds its packages there.
//
// Run: `npm run build && npx vitest run test/e2e/install-path-process.test.ts` (part of `npm test`).

import { execFile, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
import { packageRoot } from '../../src/server/config.js';
import { freePort } from '../server/smtp-sink.js';
import { DIST, requireBuilt, startBuiltServer } from './harness/built-server.js';
import { EVERY_DAY } from './harness/units.js';

const UNIT = 'vara-unica-instalacao';
const UNITS = [{ id: UNIT, name: 'Vara Única (teste da instalação)', timezone: 'America/Fortaleza', hours: EVERY_DAY, holidays: 'none', email: 'vara@tribunal.example.jus.br' }];

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

let root = '';
/** `<root>/.cache/balcao/current`, a symlink to `releases/r1`. */
let current = '';
let units = '';
let dataDir = '';
let env: Record<string, string> = {};

beforeAll(async () => {
  requireBuilt(['balcao-virtual.js', 'node/server/main.js', 'node/server/clerk-token.js']);
  root = mkdtempSync(path.join(tmpdir(), 'balcao-install-'));
  const base = path.join(root, '.cache', 'balcao');
  const release = path.join(base, 'releases', 'r1');
  mkdirSync(release, { recursive: true });
  cpSync(DIST, path.join(release, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.map') && !/[/\\]types$/.test(source) });
  cpSync(path.join(packageRoot, 'package.json'), path.join(release, 'package.json'));
  symlinkSync(realpathSync(path.join(packageRoot, 'node_modules')), path.join(release, 'node_modules'));
  current = path.join(base, 'current');
  symlinkSync(path.join('releases', 'r1'), current);
  units = path.join(root, 'units.json');
  writeFileSync(units, JSON.stringify(UNITS));
  dataDir = path.join(root, 'data');
  env = { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: 'balcao@tribunal.example.jus.br' };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an installed release', () => {
  it('starts through a symlinked directory under a dot-directory, and serves the widget', { timeout: 30_000 }, async () => {
    const script = path.join(current, 'dist', 'node', 'server', 'main.js');
    const args = ['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--units', units, '--no-demo'];
    const running = await startBuiltServer(args, env, children, { script });
    for (const file of ['balcao-virtual.js', 'balcao-virtual-atendente.js', `chunks/${readdirSync(path.join(DIST, 'chunks')).find((f) => f.endsWith('.js')) ?? ''}`]) {
      const res = await fetch(new URL(file, running.url));
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
    }
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('mints a clerk token with the tool started through the symlink', { timeout: 30_000 }, async () => {
    const tool = path.join(current, 'dist', 'node', 'server', 'clerk-token.js');
    const { stdout } = await promisify(execFile)(process.execPath, [tool, '--unit', UNIT, '--name', 'Maria Souza', '--units', units, '--data', dataDir, '--no-demo'], {
      env: { ...process.env, ...env },
    });
    const token = stdout.trim();
    expect(new LocalClerkAuth(await loadOrCreateSecret(dataDir)).verify(token, Date.now())).toMatchObject({ unit: UNIT, name: 'Maria Souza' });
  });
});
