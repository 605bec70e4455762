// The HTTP server around the app: the line, its sockets, and the upgrade routing, with
// explicit start() and stop() so tests start and stop real servers on port 0.

import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { createApp, originAllowed } from './app.js';
import { LocalClerkAuth, loadOrCreateSecret, type ClerkAuth } from './clerk-auth.js';
import { DEMO_MAIL_FROM, type ServerConfig } from './config.js';
import { acquireDataLock, type DataLock } from './data-lock.js';
import type { Line, LineConfig } from './line/line.js';
import { LineService } from './line/service.js';
import { SqliteLineStore } from './line/sqlite-store.js';
import type { LineStore } from './line/store.js';
import { createLineSockets, type LineSockets } from './line-socket.js';
import { createSignaling, type Signaling, type SignalingOptions } from './signaling.js';
import { refuseUpgrade } from './upgrade-refusal.js';
import { countedWarning, jsonLogger, type Logger } from './logger.js';
import { fixedWindowLimiter } from './rate-limit.js';
import { loadUnitsFile, type UnitDirectory } from './units.js';
import { SqliteOutbox, type Outbox } from './mail/outbox.js';
import { createMailTransport, type MailConfig, type MailTransport } from './mail/transport.js';
import { MailWorker, type MailTiming } from './mail/worker.js';

export interface BalcaoServer {
  /**
   * Takes the data directory's lock (DataDirBusyError when another server holds it), listens,
   * then opens the data; resolves with the base URL (http://host:port/).
   */
  start(): Promise<URL>;
  /** Stops accepting, tells connected clients, lets requests in flight finish (up to `graceMs`), closes the store, frees the data directory. */
  stop(graceMs?: number): Promise<void>;
  readonly url: URL | undefined;
  /** The line (for tests and tools); undefined before start(). */
  readonly line: Line | undefined;
  /** The written channel's outbox (for tests and tools); undefined before start(). */
  readonly outbox: Outbox | undefined;
}

export interface ServerOptions {
  readonly logger?: Logger;
  /** Units to serve; read from `config.unitsFile` when absent. */
  readonly units?: UnitDirectory;
  /** Clerk sign-in; the local signed tokens by default. */
  readonly auth?: ClerkAuth;
  readonly lineConfig?: Partial<LineConfig>;
  /** The line's store; `<dataDir>/balcao.sqlite` by default (tests inject a slow one). Closed by `stop()`. */
  readonly lineStore?: LineStore;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** How often deadlines are checked; 1 s by default. */
  readonly tickMs?: number;
  /** Signaling limits (message rate and size per socket, open sockets); see SignalingOptions for defaults. */
  readonly signaling?: Partial<Pick<SignalingOptions, 'messagesPerSecond' | 'maxPayloadBytes' | 'concurrentLimit'>>;
  /** The delivery worker's timings (tests shorten them); see DEFAULT_MAIL_TIMING. */
  readonly mailTiming?: Partial<MailTiming>;
  /** The outbox; `<dataDir>/outbox.sqlite` by default (tests inject a failing one). */
  readonly outbox?: Outbox;
  /** Where e-mails go; built from `config.mail` by default. */
  readonly mailTransport?: MailTransport;
  /** Told the path of each .eml file written when no SMTP is configured (the demo prints it). */
  readonly onMailFile?: (file: string) => void;
  /** A message pending longer than this is listed for the unit's managers (ms); 1 hour by default. */
  readonly pendingAlertMs?: number;
}

export function createServer(config: ServerConfig, options: ServerOptions = {}): BalcaoServer {
  const logger = options.logger ?? jsonLogger();
  const now = options.now ?? Date.now;
  let http: Server | undefined;
  let url: URL | undefined;
  let line: LineService | undefined;
  let sockets: LineSockets | undefined;
  let signaling: Signaling | undefined;
  let unsubscribe: (() => void) | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let outbox: Outbox | undefined;
  let transport: MailTransport | undefined;
  let worker: MailWorker | undefined;
  /** Held from start() to the end of stop(). */
  let dataLock: DataLock | undefined;

  /** Browsers send Origin on every WebSocket; other clients (tools, tests) don't. */
  function upgradeOriginAllowed(origin: string | undefined, req: IncomingMessage): boolean {
    const host = req.headers.host ?? '';
    return origin === undefined || originAllowed(config, origin, `http://${host}`) || origin === `https://${host}`;
  }

  /** Line and clerk upgrades refused, logged as counts (a flood writes a line a minute). */
  const upgradeRefused = countedWarning(logger, 'upgrade_refused');

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    // Signaling checks Origin itself, with the peer's id and token, before the handshake.
    if (signaling && pathname === signaling.upgradePath) {
      signaling.handleUpgrade(req, socket, head);
      return;
    }
    socket.on('error', () => socket.destroy());
    if (!upgradeOriginAllowed(req.headers.origin, req)) {
      upgradeRefused('origin');
      refuseUpgrade(socket, 403);
      return;
    }
    if (pathname === '/api/line' && sockets) sockets.handleUpgrade('citizen', req, socket, head);
    else if (pathname === '/api/clerk' && sockets) sockets.handleUpgrade('clerk', req, socket, head);
    else refuseUpgrade(socket, 404);
  }

  /** Opens the data directory's contents (the secret, the line, the outbox) and builds the app; the caller holds the lock. */
  async function open(server: Server, units: UnitDirectory): Promise<{ app: RequestListener; line: LineService; mailer: MailWorker }> {
    const auth = options.auth ?? new LocalClerkAuth(await loadOrCreateSecret(config.dataDir));
    const service = new LineService({
      store: options.lineStore ?? new SqliteLineStore(path.join(config.dataDir, 'balcao.sqlite')),
      units,
      logger,
      now,
      ...(config.ice ? { ice: config.ice } : {}),
      config: {
        ...(config.graceMs === undefined ? {} : { graceMs: config.graceMs }),
        ...(config.maxWaitingPerUnit === undefined ? {} : { maxWaitingPerUnit: config.maxWaitingPerUnit }),
        ...(config.clerkCallGraceMs === undefined ? {} : { clerkCallGraceMs: config.clerkCallGraceMs }),
        ...options.lineConfig,
      },
    });
    line = service;
    await service.ready;
    sockets = createLineSockets(service, auth, logger, now);
    const peers = createSignaling(server, { ...options.signaling, directory: service, logger, originAllowed: upgradeOriginAllowed });
    signaling = peers;
    unsubscribe = service.subscribe((notice) => {
      if (notice.to === 'signaling') peers.disconnect(notice.peerId, notice.reason);
    });
    const joinLimiter = fixedWindowLimiter(config.joinsPerAddress, 10 * 60_000, now);
    const mailConfig: MailConfig = config.mail ?? { transport: { kind: 'files', dir: path.join(config.dataDir, 'mail') }, from: DEMO_MAIL_FROM };
    const box = options.outbox ?? new SqliteOutbox({ file: path.join(config.dataDir, 'outbox.sqlite') });
    outbox = box;
    transport = options.mailTransport ?? createMailTransport(mailConfig.transport, options.onMailFile);
    const mailer = new MailWorker({
      outbox: box,
      units,
      transport,
      from: { name: mailConfig.fromName ?? 'Balcão Virtual', address: mailConfig.from },
      logger,
      now,
      ...(options.mailTiming ? { timing: options.mailTiming } : {}),
    });
    worker = mailer;
    const hourMs = 3_600_000;
    const messages = {
      units,
      outbox: box,
      logger,
      auth,
      addressLimiter: fixedWindowLimiter(config.messagesPerAddress ?? 10, hourMs, now),
      unitLimiter: fixedWindowLimiter(config.messagesPerUnit ?? 300, hourMs, now),
      limitWindowSeconds: hourMs / 1000,
      pendingAlertMs: options.pendingAlertMs ?? hourMs,
      wake: () => mailer.wake(),
      now,
    };
    return { app: createApp({ config, units, logger, line: service, joinLimiter, signaling: peers, messages }), line: service, mailer };
  }

  /** Undoes a start that failed half-way (the port taken, a damaged database). */
  async function abandon(server: Server, lock: DataLock): Promise<void> {
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    sockets?.close();
    sockets = undefined;
    unsubscribe?.();
    await signaling?.close();
    signaling = undefined;
    transport?.close();
    transport = undefined;
    worker = undefined;
    if (!options.outbox) await outbox?.close();
    outbox = undefined;
    await line?.close();
    line = undefined;
    lock.release();
  }

  return {
    get url() {
      return url;
    },
    get line() {
      return line;
    },
    get outbox() {
      return outbox;
    },
    async start() {
      if (http || dataLock) throw new Error('server already started');
      const units = options.units ?? (await loadUnitsFile(config.unitsFile));
      const relayOnly = [...units.values()].find((u) => u.relayOnly);
      if (relayOnly && !(config.ice?.turnUrls.length && config.ice.turnSecret)) {
        throw new Error(`a unidade "${relayOnly.id}" exige chamadas só pelo relay (relayOnly), mas não há TURN configurado: defina TURN_URLS e TURN_SECRET.`);
      }
      // The data directory's lock first (a second process on it stops here), then the port (a
      // port already taken stops here), and only then the data itself.
      const lock = acquireDataLock(config.dataDir, now);
      dataLock = lock;
      if (lock.previous && lock.previous.stoppedAt === undefined) logger.log('warn', 'previous_process_not_stopped', { pid: lock.previous.pid });
      const server = createHttpServer({ requestTimeout: 30_000, headersTimeout: 20_000 });
      server.keepAliveTimeout = 5_000;
      // Until the data is open (a moment), requests are asked to come back.
      let opened: Awaited<ReturnType<typeof open>> | undefined;
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (opened) opened.app(req, res);
        else res.writeHead(503, { 'Retry-After': '1', Connection: 'close', 'Content-Length': '0' }).end();
      });
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (opened) onUpgrade(req, socket, head);
        else refuseUpgrade(socket, 503);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.port, config.host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        opened = await open(server, units);
      } catch (error) {
        dataLock = undefined;
        await abandon(server, lock);
        throw error;
      }
      http = server;
      const { line: current, mailer } = opened;
      /** A tick still running (a slow store) is not stacked upon. */
      let ticking: Promise<void> | undefined;
      ticker = setInterval(() => {
        ticking ??= current
          .tick()
          .catch((error: unknown) => logger.log('error', 'line_tick_failed', { kind: error instanceof Error ? error.name : 'unknown' }))
          .finally(() => (ticking = undefined));
      }, options.tickMs ?? 1000);
      ticker.unref();
      mailer.start();
      // Files outside the demo (MAIL_TRANSPORT=files): nothing is sent, a warning in every start's log.
      const mailKind = config.mail?.transport.kind ?? 'files';
      logger.log(mailKind === 'files' && !config.demoDir ? 'warn' : 'info', 'mail_started', { transport: mailKind });
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
      logger.log('info', 'server_started', { port, units: units.size });
      return url;
    },
    async stop(graceMs = 5_000) {
      const server = http;
      if (!server) return;
      http = undefined;
      clearInterval(ticker);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets?.close();
      const peersClosed = signaling?.close();
      unsubscribe?.();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await Promise.all([closed, peersClosed]);
      clearTimeout(timer);
      signaling = undefined;
      // Requests in flight are done: the worker finishes the e-mail it is sending (or gives its leases back).
      await worker?.stop(graceMs);
      worker = undefined;
      transport?.close();
      transport = undefined;
      if (!options.outbox) await outbox?.close();
      outbox = undefined;
      await line?.close();
      line = undefined;
      dataLock?.release();
      dataLock = undefined;
      logger.log('info', 'server_stopped');
    },
  };
}
