// A private coturn on 127.0.0.1 that can be stopped and started again on the same port with
// the same secret: a network outage for the call tests. Killing coturn drops every TURN
// allocation, so the calls through it can only come back by an ICE restart (new
// allocations), which is what the recovery test must prove; pausing it (SIGSTOP) would
// keep the allocations and let the old candidate pair resume by itself.
//
// Built on ../webrtc/turn.ts's `launch`: the same flags, for the same reasons (see that file).

import { randomBytes } from 'node:crypto';
import type { IceSettings } from '../../../src/server/ice.js';
import { findBinary, freePort, launch, type TurnServer } from '../webrtc/turn.js';

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
