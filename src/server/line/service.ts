// The line's rules composed over a store: the service the HTTP and socket layers use. Its
// steps run one at a time in the order they were asked for (as one process's line always
// did); each step is a few atomic calls of the store, never a transaction across an `await`.

import { openingStatus } from '../../core/index.js';
import type { JoinRequest, LineState, Outcome, RtcDescription, Ticket } from '../../core/protocol/index.js';
import type { ClerkIdentity } from '../clerk-auth.js';
import { NO_ICE_SERVERS, type IceSettings } from '../ice.js';
import type { Logger } from '../logger.js';
import type { UnitDirectory } from '../units.js';
import * as calling from './calling.js';
import { Fanout, unitOf, type LineContext } from './context.js';
import { checkDeadlines } from './deadlines.js';
import { clerksServing, estimateMinutes, serviceMean } from './estimates.js';
import { DayExpiry } from './expiry.js';
import { join, leave } from './joining.js';
import {
  DEFAULT_LINE_CONFIG,
  type AttendanceRecord,
  type ClerkSession,
  type Line,
  type LineConfig,
  type LineNotice,
} from './line.js';
import { MemoryClerkPresence, MemoryPairing, MemoryPeerRegistry, type ClerkPresence, type Pairing, type PeerRegistry } from './memory.js';
import * as presence from './presence.js';
import { recover } from './recovery.js';
import type { LineStore } from './store.js';
import { tallyUnstaffed, UnitPhases, UnstaffedTally, unstaffedMinutes } from './unstaffed.js';

export interface LineServiceOptions {
  readonly store: LineStore;
  readonly units: UnitDirectory;
  readonly logger: Logger;
  readonly config?: Partial<LineConfig>;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** STUN/TURN for calls; none by default (one network, loopback). */
  readonly ice?: IceSettings;
  readonly presence?: ClerkPresence;
  readonly peers?: PeerRegistry;
  readonly pairing?: Pairing;
}

export class LineService implements Line {
  readonly ready: Promise<void>;
  private readonly ctx: LineContext;
  private readonly expiry = new DayExpiry();
  /** The last step asked for: the next one runs after it settles. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: LineServiceOptions) {
    const now = options.now ?? Date.now;
    this.ctx = {
      store: options.store,
      config: { ...DEFAULT_LINE_CONFIG, ...options.config },
      now,
      units: options.units,
      logger: options.logger,
      ice: options.ice ?? NO_ICE_SERVERS,
      presence: options.presence ?? new MemoryClerkPresence(),
      peers: options.peers ?? new MemoryPeerRegistry(),
      pairing: options.pairing ?? new MemoryPairing(),
      out: new Fanout(options.logger),
      unstaffed: new UnstaffedTally(new UnitPhases(), now()),
    };
    this.ready = this.step(() => recover(this.ctx, this.expiry));
  }

  verifyPeer(id: string, token: string): boolean {
    return this.ctx.peers.verify(id, token);
  }

  mayTalk(src: string, dst: string): boolean {
    return this.ctx.pairing.mayTalk(src, dst);
  }

  join(unit: string, request: JoinRequest): Promise<Ticket> {
    return this.step(() => join(this.ctx, unit, request));
  }

  leave(ticketId: string): Promise<void> {
    return this.step(() => leave(this.ctx, ticketId));
  }

  citizenPresent(ticketId: string, replacing = false): Promise<void> {
    return this.step(() => presence.citizenPresent(this.ctx, ticketId, replacing));
  }

  citizenAway(ticketId: string): Promise<void> {
    return this.step(() => presence.citizenAway(this.ctx, ticketId));
  }

  answer(ticketId: string): Promise<void> {
    return this.step(() => calling.answer(this.ctx, ticketId));
  }

  relayFromCitizen(ticketId: string, description: RtcDescription): Promise<void> {
    return this.step(() => calling.relayFromCitizen(this.ctx, ticketId, description));
  }

  relayFromClerk(sessionId: string, description: RtcDescription): Promise<void> {
    return this.step(() => calling.relayFromClerk(this.ctx, sessionId, description));
  }

  clerkPresent(identity: ClerkIdentity): Promise<ClerkSession> {
    return this.step(() => presence.clerkPresent(this.ctx, identity));
  }

  clerkAway(sessionId: string): Promise<void> {
    return this.step(() => presence.clerkAway(this.ctx, sessionId));
  }

  callNext(sessionId: string): Promise<void> {
    return this.step(() => calling.callNext(this.ctx, sessionId));
  }

  finish(sessionId: string, outcome: Outcome): Promise<void> {
    return this.step(() => calling.finish(this.ctx, sessionId, outcome));
  }

  callDropped(sessionId: string): Promise<void> {
    return this.step(() => calling.callDropped(this.ctx, sessionId));
  }

  setPaused(sessionId: string, paused: boolean): Promise<void> {
    return this.step(() => presence.setPaused(this.ctx, sessionId, paused));
  }

  unitState(unitId: string): Promise<LineState> {
    return this.step(async () => {
      const unit = unitOf(this.ctx, unitId);
      const waiting = await this.ctx.store.countWaiting(unitId);
      const serving = await clerksServing(this.ctx, unitId);
      return {
        open: openingStatus(unit, new Date(this.ctx.now())).open,
        waiting,
        clerksServing: serving,
        estimatedWaitMinutes: estimateMinutes(await serviceMean(this.ctx, unitId), waiting + 1, serving),
      };
    });
  }

  tick(): Promise<void> {
    return this.step(async () => {
      const now = this.ctx.now();
      await checkDeadlines(this.ctx, now);
      await tallyUnstaffed(this.ctx, now);
      await this.expiry.run(this.ctx, now);
    });
  }

  unstaffedMinutes(unit: string): Promise<readonly { day: string; minutes: number }[]> {
    return this.step(() => unstaffedMinutes(this.ctx, unit));
  }

  attendances(unit: string, limit = 1000): Promise<readonly AttendanceRecord[]> {
    return this.step(async () => {
      const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
      const rows = await this.ctx.store.attendances(unit, limit);
      return rows.map((r) => ({
        unit: r.unit,
        subject: r.subject,
        sealed: r.sealed,
        lawyer: r.lawyer,
        libras: r.libras,
        joinedAt: new Date(r.joinedAt).toISOString(),
        calledAt: iso(r.calledAt),
        startedAt: iso(r.startedAt),
        endedAt: new Date(r.endedAt).toISOString(),
        waitSeconds: r.waitSeconds,
        durationSeconds: r.durationSeconds,
        outcome: r.outcome,
        clerkId: r.clerkId,
      }));
    });
  }

  subscribe(listener: (notice: LineNotice) => void): () => void {
    return this.ctx.out.subscribe(listener);
  }

  close(): Promise<void> {
    if (this.closed) return this.queue.then(() => undefined);
    this.closed = true;
    // After every step asked for: the tally pending since the last flush is written first.
    const done = this.queue.then(async () => {
      try {
        await this.ctx.unstaffed.flush(this.ctx, this.ctx.unstaffed.lastTick);
      } finally {
        await this.ctx.store.close();
      }
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Runs `work` after every step asked for before it. */
  private step<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
