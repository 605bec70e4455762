// A private coturn (TURN relay) on 127.0.0.1 for end-to-end WebRTC tests: `startTurn` (one
// relay for a file) and `startRestartableTurn` (one that can be killed and started again on
// the same port with the same secret: a network outage for the call tests).
//
// Why a relay: Chromium gathers no host candidate on the loopback interface, so two
// headless Chromiums on one machine only meet through a non-loopback interface (eth0),
// which the tests must never target. With `iceTransportPolicy: 'relay'` and this TURN
// server as the only ICE server, every packet a page sends goes to 127.0.0.1:<port>, and
// coturn relays between two relay sockets on 127.0.0.1: nothing leaves loopback. It is
// also exactly how a court's `relayOnly` unit runs in production (time-limited
// credentials from `static-auth-secret`, TURN REST API).
//
// What is configured, and why:
// - `-n`: no configuration file (never /etc/turnserver.conf); everything is on the command
//   line. `--no-cli` (its telnet CLI has no password by default), no TLS/DTLS, no web
//   admin, no RFC 5780, `--no-software-attribute`.
// - `--use-auth-secret --static-auth-secret`: a random secret per server; give `ice` to
//   createServer's config, the line mints `<expiry>:bv` / HMAC-SHA1 credentials.
// - Peers: coturn refuses loopback peers by default; `--allow-loopback-peers` lifts that,
//   then every IPv4 and IPv6 address is denied except 127.0.0.1 (`allowed-peer-ip` wins
//   over `denied-peer-ip`). The whole IPv6 range, including `::ffff:0:0/96`, is denied on
//   purpose: 4.6.1 checks an IPv4-mapped peer such as `::ffff:127.0.0.1` against no IPv4
//   rule (CVE-2026-27624). So this relay can reach nothing but its own 127.0.0.1 sockets.
//   `--allow-loopback-peers` must never appear in a production configuration.
// - Port: a free one, picked at random (three attempts); relay ports come from coturn's
//   default range (49152–65535), whose busy ports it skips. Several servers can run at once.
// - The process gets SIGKILL if the test process dies (`setpriv --pdeathsig`, and an
//   'exit' hook), so no relay outlives a crashed run.
//
// Needs the Debian package `coturn` (`apt-get install -y coturn`): 4.6.1 on bookworm.
// Installing it may start the system service on 0.0.0.0:3478 on a machine booted with
// systemd; these tests don't use it (`systemctl disable --now coturn` if unwanted).
//
// Start-up takes 0.03–0.15 s; ready means a STUN Binding request answered (UDP) or a TCP
// connection accepted on the port.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IceSettings } from '../../../src/server/ice.js';

export interface TurnOptions {
  /**
   * How browsers reach the relay: `udp` (default, the usual case) or `tcp` (what a court
   * behind a firewall that blocks UDP offers). Relayed traffic is UDP either way.
   */
  readonly transport?: 'udp' | 'tcp';
  /** Lifetime of the credentials the server mints; 10 minutes by default. */
  readonly ttlSeconds?: number;
  /** The coturn binary: `$TURNSERVER`, else `turnserver` on PATH (/usr/bin/turnserver from the package). */
  readonly binary?: string;
  /** How long to wait for the relay to answer STUN; 10 s by default. */
  readonly readyTimeoutMs?: number;
}

export interface TurnServer {
  /** The one TURN URL, `turn:127.0.0.1:<port>?transport=udp|tcp`. */
  readonly url: string;
  readonly port: number;
  /** The shared secret (coturn's `static-auth-secret`). */
  readonly secret: string;
  /** For createServer's config (`ice`): this relay only, no STUN. */
  readonly ice: IceSettings;
  /** Everything coturn logged so far (for failure messages). */
  log(): string;
  /** SIGTERM, then SIGKILL after 2 s; removes its temporary directory. Idempotent. */
  stop(): Promise<void>;
}

export class TurnUnavailableError extends Error {
  override readonly name = 'TurnUnavailableError';
}

const MAX_LOG = 64 * 1024;

function findBinary(explicit: string | undefined): string {
  const candidates = explicit
    ? [explicit]
    : process.env.TURNSERVER
      ? [process.env.TURNSERVER]
      : (process.env.PATH ?? '/usr/bin:/usr/sbin').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'turnserver'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  throw new TurnUnavailableError(
    `coturn is not installed (no executable ${explicit ?? process.env.TURNSERVER ?? 'turnserver on PATH'}). ` +
      'The WebRTC end-to-end tests relay calls through a private coturn on 127.0.0.1: run `apt-get install -y coturn`.',
  );
}

/** `setpriv` (util-linux) lets the child die with us; absent elsewhere, then the 'exit' hook alone. */
function findSetpriv(): string | undefined {
  for (const file of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return undefined;
}

/** A port free on 127.0.0.1 for `transport` right now (coturn binds it a few ms later). */
async function freePort(transport: 'udp' | 'tcp'): Promise<number> {
  if (transport === 'tcp') {
    const server = createTcpServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (!address || typeof address === 'string') throw new Error('no TCP port');
    return address.port;
  }
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** One STUN Binding request (RFC 5389) over UDP; true when a Binding success response with our transaction id arrives. */
function stunAnswers(port: number, timeoutMs: number): Promise<boolean> {
  const socket = createSocket('udp4');
  const transaction = randomBytes(12);
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transaction]);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(transaction)) done(true);
    });
    socket.send(request, port, '127.0.0.1');
  });
}

/** Whether a TCP connection to 127.0.0.1:port is accepted. */
function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function args(options: { port: number; secret: string; dir: string; transport: 'udp' | 'tcp' }): string[] {
  return [
    '-n',
    '--listening-ip=127.0.0.1',
    `--listening-port=${options.port}`,
    '--relay-ip=127.0.0.1',
    options.transport === 'udp' ? '--no-tcp' : '--no-udp',
    '--no-tls',
    '--no-dtls',
    '--no-tcp-relay',
    '--use-auth-secret',
    `--static-auth-secret=${options.secret}`,
    '--realm=balcao.test',
    '--fingerprint',
    '--no-cli',
    '--no-rfc5780',
    '--no-stun-backward-compatibility',
    '--no-software-attribute',
    '--no-multicast-peers',
    '--allow-loopback-peers',
    '--denied-peer-ip=0.0.0.0-255.255.255.255',
    '--denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    '--allowed-peer-ip=127.0.0.1',
    `--userdb=${path.join(options.dir, 'turndb.sqlite')}`,
    `--pidfile=${path.join(options.dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
}

/** Starts a private coturn on 127.0.0.1; throws TurnUnavailableError when coturn is not installed. */
export async function startTurn(options: TurnOptions = {}): Promise<TurnServer> {
  const binary = findBinary(options.binary);
  const transport = options.transport ?? 'udp';
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let lastError = '';
  // A port picked free can be taken before coturn binds it: a few attempts.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(transport);
    try {
      return await launch(binary, port, transport, options.ttlSeconds ?? 600, readyTimeoutMs);
    } catch (error) {
      if (error instanceof TurnUnavailableError) throw error;
      lastError = String(error);
    }
  }
  throw new Error(`coturn did not start on 127.0.0.1: ${lastError}`);
}

/**
 * Starts coturn on `port` and waits until it answers; `secret` is random unless given (a
 * restart on the same port keeps it, so credentials already minted stay valid). `stop`
 * sends `signal` (SIGKILL: a crash that drops every allocation at once).
 */
async function launch(
  binary: string,
  port: number,
  transport: 'udp' | 'tcp',
  ttlSeconds: number,
  readyTimeoutMs: number,
  secret = randomBytes(24).toString('base64url'),
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<TurnServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'balcao-turn-'));
  const setpriv = findSetpriv();
  const turnArgs = args({ port, secret, dir, transport });
  const child: ChildProcess = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', binary, ...turnArgs], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir })
    : spawn(binary, turnArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-MAX_LOG);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exitCode: number | string | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    });
    child.once('error', (error) => {
      exitCode = error.message;
      resolve();
    });
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (exitCode === undefined) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`turnserver exited (${String(exitCode)}) before answering on 127.0.0.1:${port}:\n${output}`);
    }
    if (transport === 'udp' ? await stunAnswers(port, 100) : await tcpAccepts(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`turnserver did not answer on 127.0.0.1:${port} within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const url = `turn:127.0.0.1:${port}?transport=${transport}`;
  return {
    url,
    port,
    secret,
    ice: { stunUrls: [], turnUrls: [url], turnSecret: secret, turnTtlSeconds: ttlSeconds },
    log: () => output,
    stop,
  };
}

// Restartable: killing coturn drops every TURN allocation, so the calls through it can only
// come back by an ICE restart (new allocations), which is what the recovery tests must
// prove; pausing it (SIGSTOP) would keep the allocations and let the old candidate pair
// resume by itself.

export interface RestartableTurn {
  readonly url: string;
  readonly port: number;
  /** For createServer's config (`ice`). */
  readonly ice: IceSettings;
  /** Whether coturn runs now. */
  readonly running: boolean;
  /** Kills coturn (SIGKILL: a crash, every allocation lost). */
  kill(): Promise<void>;
  /** Starts coturn again on the same port with the same secret; resolves when it answers STUN. */
  start(): Promise<void>;
  /** Stops coturn for good and removes its directory. Idempotent. */
  stop(): Promise<void>;
  log(): string;
}

/** A coturn over UDP on 127.0.0.1 (a random free port), restartable on that port. */
export async function startRestartableTurn(readyTimeoutMs = 10_000): Promise<RestartableTurn> {
  const binary = findBinary(undefined);
  const secret = randomBytes(24).toString('base64url');
  const port = await freePort('udp');
  const logs: string[] = [];
  let current: TurnServer | undefined;
  let stopped = false;

  async function start(): Promise<void> {
    if (current || stopped) return;
    current = await launch(binary, port, 'udp', 600, readyTimeoutMs, secret, 'SIGKILL');
  }

  async function kill(): Promise<void> {
    const server = current;
    if (!server) return;
    current = undefined;
    logs.push(server.log());
    await server.stop();
  }

  await start();
  const url = `turn:127.0.0.1:${port}?transport=udp`;
  return {
    url,
    port,
    ice: { stunUrls: [], turnUrls: [url], turnSecret: secret, turnTtlSeconds: 600 },
    get running() {
      return current !== undefined;
    },
    kill,
    start,
    async stop() {
      await kill();
      stopped = true;
    },
    log: () => [...logs, current?.log() ?? ''].join(''),
  };
}
