// The counter test's world: one Chromium per side for the whole file (../harness/chromium.ts:
// fake camera and microphone, the flags that keep WebRTC on loopback), a court's own site on
// another origin embedding the built script with one tag, and a snapshot of dist/
// (../harness/built-server.ts: a build started meanwhile empties dist/ first, the test keeps
// the files it started with).
//
// Each test gets a `Counter`: a private coturn on 127.0.0.1 (restartable, ../harness/turn.ts),
// and the real Balcão server configured the way an operator does it (readConfig with flags
// and TURN_* variables, a units file with one 24-hour relay-only unit, a data directory;
// `--demo`, for the clerk's page below),
// logging into memory; the clerk's token is minted by the same code as
// `npm run clerk-token`. The clerk's page is the demo's atendente.html served by that server
// (`#token=…` in the fragment); the citizen's page is the court's.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type TestContext } from 'vitest';
import { clerkToken } from '../../../src/server/clerk-token.js';
import { readConfig, type ServerConfig } from '../../../src/server/config.js';
import { memoryLogger } from '../../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../../src/server/server.js';
import { snapshotDist } from '../harness/built-server.js';
import { launchCallBrowser, type CallBrowser } from '../harness/chromium.js';
import { html, startStaticServer } from '../harness/static-server.js';
import { startRestartableTurn, type RestartableTurn } from '../harness/turn.js';
import { EVERY_DAY } from '../harness/units.js';
import { recordPeerConnections } from './page-scripts.js';
import { CitizenPage, ClerkPage, ProductPage } from './pages.js';

export const UNIT = 'plantao-balcao-e2e';
export const UNIT_NAME = 'Plantão Judiciário (teste de ponta a ponta)';
export const CLERK_NAME = 'Carlos Eduardo Lima';
/** The unit's mailbox (units file `email`): where the written channel's messages go. */
export const UNIT_EMAIL = 'plantao@tribunal.example.jus.br';
/** The clerk call grace of these tests (--clerk-call-grace-seconds): a closed clerk tab sends the citizen back to the line after it. */
export const CLERK_CALL_GRACE_SECONDS = 3;

const UNITS = [
  {
    id: UNIT,
    name: UNIT_NAME,
    timezone: 'America/Fortaleza',
    hours: EVERY_DAY,
    holidays: 'none',
    relayOnly: true,
    email: UNIT_EMAIL,
    phone: '+55 84 3616-9999',
  },
];

export interface World {
  readonly citizenBrowser: CallBrowser;
  readonly clerkBrowser: CallBrowser;
  /** http://127.0.0.1:<port>: the court's site (an allowed origin of every server). */
  readonly courtOrigin: string;
  /** The copy of dist/ the servers hand out. */
  readonly publicDir: string;
  close(): Promise<void>;
}

/** The court's page for a Balcão server on 127.0.0.1:`port`: the script tag and the element, nothing else. */
function courtPage(port: string): string {
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Tribunal de Justiça — Plantão</title>
<link rel="icon" href="data:,">
<script type="module" src="http://127.0.0.1:${port}/balcao-virtual.js"></script></head>
<body><h1>Plantão Judiciário</h1><balcao-virtual unidade="${UNIT}"></balcao-virtual></body></html>`;
}

export async function startWorld(): Promise<World> {
  const publicDir = snapshotDist();
  // The court's site: `/vara/<port>` embeds the script of the Balcão server on that port.
  const court = await startStaticServer((pathname) => {
    const port = /^\/vara\/(\d{2,5})$/.exec(pathname)?.[1];
    return port ? html(courtPage(port)) : undefined;
  });
  const courtOrigin = court.origin;

  const [citizenBrowser, clerkBrowser] = await Promise.all([launchCallBrowser(), launchCallBrowser()]);
  await Promise.all([citizenBrowser.context.addInitScript(recordPeerConnections), clerkBrowser.context.addInitScript(recordPeerConnections)]);
  return {
    citizenBrowser,
    clerkBrowser,
    courtOrigin,
    publicDir,
    async close() {
      await Promise.all([citizenBrowser.close(), clerkBrowser.close()]);
      await court.close();
      rmSync(publicDir, { recursive: true, force: true });
    },
  };
}

/** Strings that must never leave the citizen's page except over the call's data channel. */
export interface Needles {
  readonly [what: string]: string;
}

/**
 * One test's coturn, Balcão server and pages. Closed when the test finishes; on failure the
 * error says what both pages showed, their errors and the server's last log lines.
 */
export class Counter {
  readonly logs: string[];
  server: BalcaoServer;
  url: URL;
  readonly citizens: CitizenPage[] = [];
  readonly clerks: ClerkPage[] = [];
  /** The clerk's token, minted by `npm run clerk-token`'s code with the server's own secret. */
  token = '';
  /** Whether a failure message already carries `explain()`. */
  explained = false;

  private constructor(
    readonly world: World,
    readonly turn: RestartableTurn,
    readonly config: ServerConfig,
    readonly dir: string,
    private readonly logger: ReturnType<typeof memoryLogger>,
    server: BalcaoServer,
    url: URL,
  ) {
    this.logs = logger.lines;
    this.server = server;
    this.url = url;
  }

  /**
   * `flags`: more server flags (e.g. a higher join rate limit for the measurements); `env`:
   * more environment variables for readConfig (e.g. SMTP_URL and MAIL_FROM for the written channel).
   */
  static async open(world: World, context: TestContext, flags: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Promise<Counter> {
    const dir = mkdtempSync(path.join(tmpdir(), 'balcao-counter-'));
    const unitsFile = path.join(dir, 'units.json');
    writeFileSync(unitsFile, JSON.stringify(UNITS));
    const turn = await startRestartableTurn();
    const serverFlags = ['--host', '127.0.0.1', '--port', '0', '--units', unitsFile, '--data', path.join(dir, 'data'), '--allowed-origins', world.courtOrigin];
    const turnEnv = { TURN_URLS: turn.url, TURN_SECRET: turn.ice.turnSecret };
    const config: ServerConfig = {
      // --demo: the clerk's page is the demo's atendente.html (and without SMTP_URL in `env`, e-mails are .eml files).
      ...readConfig([...serverFlags, '--demo', '--clerk-call-grace-seconds', String(CLERK_CALL_GRACE_SECONDS), '--grace-minutes', '1', ...flags], { ...env, ...turnEnv }),
      publicDir: world.publicDir,
    };
    const logger = memoryLogger();
    const server = createServer(config, { logger });
    const url = await server.start();
    const counter = new Counter(world, turn, config, dir, logger, server, url);
    context.onTestFinished(async ({ task }) => {
      // Any failure (a plain expect too) says what the pages showed, before they close; a timed-out `until` already did.
      if (task.result?.state === 'fail' && !counter.explained) console.error(`What the pages showed when the test failed:\n${await counter.explain()}`);
      await counter.close();
    });
    const minted = await clerkToken(['--unit', UNIT, '--name', CLERK_NAME, ...serverFlags], {}, Date.now());
    if (minted.code !== 0) throw new Error(`clerk-token: ${minted.out}`);
    counter.token = minted.out.trim();
    return counter;
  }

  /** The hosts (`127.0.0.1:port`) pages may talk to: this server and the court's site. */
  get hosts(): string[] {
    return [this.url.host, new URL(this.world.courtOrigin).host];
  }

  get pages(): ProductPage[] {
    return [...this.citizens.map((c) => c.side), ...this.clerks.map((c) => c.side)];
  }

  /** The court's page in the citizen's browser; `initScripts` run before the page's own (e.g. a blocked camera). */
  async openCitizen(initScripts: readonly (() => void)[] = []): Promise<CitizenPage> {
    const side = await ProductPage.open(this.world.citizenBrowser, `citizen ${this.citizens.length + 1}`, `${this.world.courtOrigin}/vara/${this.url.port}`, initScripts);
    const citizen = new CitizenPage(side);
    this.citizens.push(citizen);
    return citizen;
  }

  /** The clerk's page of the demo, signed in by the token in the fragment, in the clerk's browser. */
  async openClerk(): Promise<ClerkPage> {
    const address = `${new URL(`atendente.html?unidade=${UNIT}`, this.url).href}#token=${encodeURIComponent(this.token)}`;
    const side = await ProductPage.open(this.world.clerkBrowser, `clerk ${this.clerks.length + 1}`, address);
    const clerk = new ClerkPage(side);
    this.clerks.push(clerk);
    await this.until('the clerk signed in ("Conectado · atendendo")', async () => (await clerk.connectionState()) === 'Conectado · atendendo');
    return clerk;
  }

  /** Stops the Balcão server (clients are told, sockets closed), runs `meanwhile`, and starts it again on the same port and data directory. */
  async restartServer(meanwhile: () => Promise<void>): Promise<void> {
    await this.server.stop(200);
    try {
      await meanwhile();
    } finally {
      this.server = createServer({ ...this.config, port: Number(this.url.port) }, { logger: this.logger });
      await this.server.start();
    }
  }

  /**
   * Polls `check` until it is true; on timeout, fails with `what` (a function: read at that
   * moment, e.g. with the last value seen) and what the pages show.
   */
  async until(what: string | (() => string), check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    try {
      await expect.poll(check, { timeout: timeoutMs, interval: 100 }).toBe(true);
    } catch (error) {
      const said = typeof what === 'string' ? what : what();
      this.explained = true;
      throw new Error(`Not within ${timeoutMs} ms: ${said}\n${await this.explain()}`, { cause: error });
    }
  }

  /** Both pages' visible text and errors, and the server's last log lines: for failure messages. */
  async explain(): Promise<string> {
    const pages = await Promise.all(
      this.pages.map(async (side) => {
        const text = (await side.text()).slice(0, 2_500);
        const errors = [...side.pageErrors, ...side.consoleErrors].slice(-15).join('\n    ');
        return `--- ${side.label} (${side.page.isClosed() ? 'closed' : side.page.url()})\n  shows: ${text}\n  errors: ${errors || 'none'}`;
      }),
    );
    return `${pages.join('\n')}\n--- server log (last 15)\n${this.logs.slice(-15).join('')}`;
  }

  /** Where each needle appears in the data directory's files (the SQLite database and its WAL included). */
  dataFilesContaining(needles: Needles): string[] {
    const dataDir = this.config.dataDir;
    const found: string[] = [];
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(path.join(dataDir, file));
      for (const [what, needle] of Object.entries(needles)) if (bytes.includes(Buffer.from(needle))) found.push(`${what} in ${file}`);
    }
    return found;
  }

  /** The data directory's files (to show the search above looked somewhere). */
  dataFiles(): string[] {
    return readdirSync(this.config.dataDir);
  }

  async close(): Promise<void> {
    await Promise.all(this.pages.map((side) => side.close().catch(() => undefined)));
    await this.server.stop(200);
    await this.turn.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
