// What every rule of the line works with: the store, the process's own state (presence,
// peers, pairs, the notices going out), the units, the clock and the configuration.

import type { Unit } from '../../core/index.js';
import type { CitizenEvent, ClerkEvent } from '../../core/protocol/index.js';
import type { IceSettings } from '../ice.js';
import type { Logger } from '../logger.js';
import type { UnitDirectory } from '../units.js';
import { LineError, type LineConfig, type LineNotice } from './line.js';
import type { ClerkPresence, Pairing, PeerRegistry } from './memory.js';
import type { LineStore } from './store.js';
import type { UnstaffedTally } from './unstaffed.js';

export interface LineContext {
  readonly store: LineStore;
  readonly config: LineConfig;
  readonly now: () => number;
  readonly units: UnitDirectory;
  readonly logger: Logger;
  readonly ice: IceSettings;
  readonly presence: ClerkPresence;
  readonly peers: PeerRegistry;
  readonly pairing: Pairing;
  readonly out: Fanout;
  readonly unstaffed: UnstaffedTally;
}

export function unitOf(ctx: LineContext, unitId: string): Unit {
  const unit = ctx.units.get(unitId);
  if (!unit) throw new LineError('unit_not_found');
  return unit;
}

/** The notices going out to the sockets, in the order the rules emit them. */
export class Fanout {
  private readonly listeners = new Set<(notice: LineNotice) => void>();
  /** Last position message sent per ticket, so unchanged positions are not sent again. */
  private readonly lastSent = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  subscribe(listener: (notice: LineNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  citizen(ticketId: string, event: CitizenEvent): void {
    this.emit({ to: 'citizen', ticketId, event });
  }

  clerk(sessionId: string, event: ClerkEvent): void {
    this.emit({ to: 'clerk', sessionId, event });
  }

  /** A ticket or clerk session ended: its signaling socket closes. */
  signaling(peerId: string, reason: string): void {
    this.emit({ to: 'signaling', peerId, reason });
  }

  /** Sends a position unless the citizen's last one said the same. */
  citizenIfChanged(ticketId: string, event: CitizenEvent): void {
    const key = JSON.stringify(event);
    if (this.lastSent.get(ticketId) === key) return;
    this.lastSent.set(ticketId, key);
    this.citizen(ticketId, event);
  }

  /** The next position goes out even when unchanged (a new socket, a requeue, the end). */
  forgetPosition(ticketId: string): void {
    this.lastSent.delete(ticketId);
  }

  private emit(notice: LineNotice): void {
    for (const listener of this.listeners) {
      try {
        listener(notice);
      } catch (error) {
        this.logger.log('error', 'line_listener_failed', { kind: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }
}
