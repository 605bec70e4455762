// The built product (dist/, from `npm run build`) for the e2e tests: the server as a process
// (`node dist/node/server/main.js`, what `npm start` runs), and a snapshot of dist/ for an
// in-process server to hand out (a build started meanwhile empties dist/ first: a test
// keeps the files it started with).

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../../src/server/config.js';

export const DIST = path.join(packageRoot, 'dist');
export const MAIN = path.join(DIST, 'node', 'server', 'main.js');

/** Throws, saying to build first, when one of `files` (paths under dist/) is missing. */
export function requireBuilt(files: readonly string[]): void {
  for (const file of files) {
    if (!existsSync(path.join(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test builds before it runs the e2e suite).`);
  }
}

export interface Running {
  readonly child: ChildProcess;
  readonly url: URL;
  /** Everything the process wrote to stderr (its JSON logs). */
  readonly stderr: () => string;
  /** Everything the process wrote to stdout (the start-up lines for the terminal). */
  readonly stdout: () => string;
  /** The exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The environment that runs a process `seconds` ahead of the machine's clock, its clock
 * running on (libfaketime, Debian's `faketime`, preloaded into the process itself so that
 * signals reach it; monotonic time left alone, see PITFALLS).
 */
function clockAhead(seconds: number): Record<string, string> {
  const library = readdirSync('/usr/lib')
    .map((dir) => path.join('/usr/lib', dir, 'faketime', 'libfaketime.so.1'))
    .find((file) => existsSync(file));
  if (!library) throw new Error('libfaketime is missing: install it (`apt-get install faketime`; .ci/run does).');
  return { LD_PRELOAD: library, FAKETIME: `+${seconds}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

export interface StartOptions {
  /** The process's clock this many seconds ahead of the machine's (a restart "later" without the wait). */
  readonly clockAheadSeconds?: number | undefined;
  /** The script to run, `dist/node/server/main.js` by default (a copy elsewhere, a path through a symlink). */
  readonly script?: string;
}

/**
 * Starts `node dist/node/server/main.js` with `args` (and `env` over this process's
 * environment); resolves when it says it is up ("no ar: <url>"), rejects if it exits first
 * (with "exited <code>: <its stderr>").
 * The child goes into `children` at once (the test's afterEach kills them).
 */
export function startBuiltServer(args: readonly string[], env: Readonly<Record<string, string>>, children: ChildProcess[], options: StartOptions = {}): Promise<Running> {
  const ahead = options.clockAheadSeconds === undefined ? {} : clockAhead(options.clockAheadSeconds);
  const child = spawn(process.execPath, [options.script ?? MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, ...ahead } });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /no ar: (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: new URL(m[1]), stderr: () => err, stdout: () => out, exited });
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

/** Scripts that the built scripts under `dir` import (`"./x.js"`, `` `./chunks/y.js` ``) and that are not there. */
function missingImports(dir: string): string[] {
  const missing = new Set<string>();
  const scripts = ['.', 'chunks'].flatMap((sub) => readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, sub, f)));
  for (const script of scripts) {
    for (const [, target = ''] of readFileSync(script, 'utf8').matchAll(/["'`](\.\.?\/[\w./-]+\.js)["'`]/g)) {
      const file = path.resolve(path.dirname(script), target);
      if (!existsSync(file)) missing.add(path.relative(dir, file));
    }
  }
  return [...missing];
}

/** A copy of dist/'s public files (no source maps, no node/ or types/) in a temporary directory; remove it when done. */
export function snapshotDist(): string {
  requireBuilt(['balcao-virtual.js', 'balcao-virtual-atendente.js']);
  const publicDir = mkdtempSync(path.join(tmpdir(), 'balcao-counter-dist-'));
  cpSync(DIST, publicDir, { recursive: true, filter: (source) => !source.endsWith('.map') && !/[/\\](node|types)$/.test(source) });
  const missing = missingImports(publicDir);
  if (missing.length > 0) {
    rmSync(publicDir, { recursive: true, force: true });
    throw new Error(`dist/ is incomplete (a build running meanwhile?): ${missing.join(', ')}. Run \`npm run build\` and try again.`);
  }
  return publicDir;
}
