// The call tests' world, shared by call.test.ts and measure.ts: a relay-only unit, a
// Balcão server with a private coturn (restartable), the page server, one Chromium per side,
// and `pairUp`, which brings a clerk and a citizen to the point where the call starts, the
// way the product does.

import { randomBytes } from 'node:crypto';
import type { TestContext } from 'vitest';
import { parseUnits } from '../../../src/core/index.js';
import type { CalledEvent, ClerkEvent, Ticket } from '../../../src/core/protocol/index.js';
import { LocalClerkAuth } from '../../../src/server/clerk-auth.js';
import type { ServerConfig } from '../../../src/server/config.js';
import { memoryLogger } from '../../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../../src/server/server.js';
import { testConfig } from '../../server/helpers.js';
import type { JsonObject } from '../../../src/call/index.js';
import { launchCallBrowser, type CallBrowser } from '../harness/chromium.js';
import { startRestartableTurn, type RestartableTurn } from '../harness/turn.js';
import { EVERY_DAY } from '../harness/units.js';
import type { StartOptions } from './page-api.js';
import { CallSide, startPageServer, type PageServer } from './pages.js';

export const UNIT = 'plantao-relay';
const units = new Map(
  parseUnits([{ id: UNIT, name: 'Plantão Judiciário (relay)', timezone: 'America/Fortaleza', holidays: 'none', relayOnly: true, hours: EVERY_DAY }]).map((u) => [u.id, u]),
);
export const auth = new LocalClerkAuth(randomBytes(32));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The page server and one browser per side, for a whole file. */
export interface World {
  readonly pages: PageServer;
  readonly clerkBrowser: CallBrowser;
  readonly citizenBrowser: CallBrowser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const [pages, clerkBrowser, citizenBrowser] = await Promise.all([startPageServer(), launchCallBrowser(), launchCallBrowser()]);
  return {
    pages,
    clerkBrowser,
    citizenBrowser,
    async close() {
      await Promise.all([clerkBrowser.close(), citizenBrowser.close()]);
      await pages.close();
    },
  };
}

/** A coturn and a Balcão server using it; `restart()` stops the server and starts a new one on the same port and data. */
export interface Setup {
  readonly turn: RestartableTurn;
  readonly url: URL;
  server: BalcaoServer;
  restart(downtimeMs: number): Promise<void>;
}

/**
 * What one test opened (pages, servers, relays), closed when it finishes. The tests run one
 * at a time: side by side (each with its own browsers, since only the page in front of a
 * browser paints and decodes video) the two cores were saturated and nothing was gained.
 */
export class Scope {
  readonly #pages: CallSide[] = [];
  readonly #setups: Setup[] = [];

  constructor(
    readonly world: World,
    context: TestContext,
  ) {
    context.onTestFinished(() => this.close());
  }

  async open(browser: CallBrowser, label: string): Promise<CallSide> {
    const side = await CallSide.open(browser, this.world.pages, label);
    this.#pages.push(side);
    return side;
  }

  /** A coturn and a server; `extraOrigins`: other test pages allowed to connect (measure.ts's bare PeerJS page). */
  async setup(extraOrigins: readonly string[] = []): Promise<Setup> {
    const turn = await startRestartableTurn();
    // Every join comes from 127.0.0.1: room for measure.ts's twenty-odd calls.
    const config: ServerConfig = testConfig({ allowedOrigins: [this.world.pages.origin, ...extraOrigins], ice: turn.ice, joinsPerAddress: 1_000 });
    const server = createServer(config, { units, auth, logger: memoryLogger() });
    const url = await server.start();
    const setup: Setup = {
      turn,
      url,
      server,
      async restart(downtimeMs) {
        await setup.server.stop(200);
        await sleep(downtimeMs);
        setup.server = createServer({ ...config, port: Number(url.port) }, { units, auth, logger: memoryLogger() });
        await setup.server.start();
      },
    };
    this.#setups.push(setup);
    return setup;
  }

  /** Closes the pages opened so far (a test may pair up several times). */
  async closePages(): Promise<void> {
    await Promise.all(this.#pages.splice(0).map((side) => side.close()));
  }

  async close(): Promise<void> {
    await this.closePages();
    await Promise.all(
      this.#setups.splice(0).map(async (s) => {
        await s.server.stop(200);
        await s.turn.stop();
      }),
    );
  }
}

export interface Paired {
  readonly clerk: CallSide;
  readonly citizen: CallSide;
  readonly ticket: Ticket;
  readonly clerkStart: StartOptions;
  readonly citizenStart: StartOptions;
}

export interface PairOptions {
  readonly audio: boolean;
  readonly video: boolean;
  /** Camera width (×3/4 high); 320 in the tests: the machine (2 cores) runs other suites too. */
  readonly width?: number;
  readonly identification?: JsonObject;
}

/**
 * As the product runs it: a ticket, the citizen's page on `/api/line`, the clerk's page on
 * `/api/clerk`, call-next, both cameras, then the citizen's "Entrar" (`answer` on the line
 * and the session started in the same click) and, on `answered`, the clerk's call.
 */
export async function pairUp(scope: Scope, setup: Setup, options: PairOptions): Promise<Paired> {
  const { url } = setup;
  const res = await fetch(new URL(`api/units/${UNIT}/queue`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'case-info', sealed: options.identification !== undefined, lawyer: false, libras: false }),
  });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
  const ticket = (await res.json()) as Ticket;
  const [clerk, citizen] = await Promise.all([scope.open(scope.world.clerkBrowser, 'clerk'), scope.open(scope.world.citizenBrowser, 'citizen')]);

  await citizen.connectLine('/api/line', url, { type: 'hello', ticketId: ticket.ticketId });
  await citizen.lineMessage('waiting');
  await clerk.connectLine('/api/clerk', url, { type: 'hello', token: auth.mint({ unit: UNIT, name: 'Maria Aparecida Souza' }, Date.now()) });
  const session = await clerk.lineMessage<Extract<ClerkEvent, { type: 'session' }>>('session');
  await clerk.lineSend({ type: 'call-next' });
  const called = await citizen.lineMessage<CalledEvent>('called');
  const calling = await clerk.lineMessage<Extract<ClerkEvent, { type: 'calling' }>>('calling');
  const width = options.width ?? 320;
  await Promise.all([clerk.getMedia(true, true, width), citizen.getMedia(options.audio, options.video, width)]);

  const citizenStart: StartOptions = {
    role: 'citizen',
    server: url.href,
    peerId: ticket.peerId,
    peerToken: ticket.peerToken,
    remotePeerId: called.clerkPeerId,
    ice: called.ice,
    ...(options.identification ? { identification: options.identification } : {}),
  };
  await citizen.lineSend({ type: 'answer' });
  await citizen.start(citizenStart);
  await clerk.lineMessage('answered');
  const clerkStart: StartOptions = { role: 'clerk', server: url.href, peerId: session.peerId, peerToken: session.peerToken, remotePeerId: calling.citizenPeerId, ice: calling.ice };
  await clerk.start(clerkStart);
  return { clerk, citizen, ticket, clerkStart, citizenStart };
}
