// The line's state that lives in the process, behind small interfaces so a court running
// two servers can share it (the signaling hot path reads the peers and pairs synchronously).

import { timingSafeEqual } from 'node:crypto';

/** Live PeerJS ids (tickets in the line, clerk sessions) and their tokens. */
export interface PeerRegistry {
  add(peerId: string, token: string): void;
  remove(peerId: string): void;
  /** Whether `peerId` is live and `token` is its token (compared in constant time). */
  verify(peerId: string, token: string): boolean;
}

/** Peers that may signal each other: a citizen and the clerk of a call in progress. */
export interface Pairing {
  pair(citizenPeer: string, clerkPeer: string): void;
  /** Unpairs `peer` and its partner. */
  unpair(peer: string): void;
  mayTalk(src: string, dst: string): boolean;
}

/** Clerk sessions whose socket is connected now. */
export interface ClerkPresence {
  arrive(sessionId: string): void;
  leave(sessionId: string): void;
  isPresent(sessionId: string): boolean;
  /**
   * Sessions not back since this process started. The restart closed their sockets, not the
   * clerk: the page may take its whole reconnection backoff (up to 30 s) to come back while
   * the call goes on peer to peer, so their calls wait for the session's grace, not the call's.
   */
  markAwaySinceStart(sessionId: string): void;
  isAwaySinceStart(sessionId: string): boolean;
  /** The session ended: forgotten. */
  forget(sessionId: string): void;
}

/** Constant-time comparison of two secrets. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class MemoryPeerRegistry implements PeerRegistry {
  private readonly peers = new Map<string, string>();
  add(peerId: string, token: string): void {
    this.peers.set(peerId, token);
  }
  remove(peerId: string): void {
    this.peers.delete(peerId);
  }
  verify(peerId: string, token: string): boolean {
    const expected = this.peers.get(peerId);
    return expected !== undefined && sameSecret(expected, token);
  }
}

export class MemoryPairing implements Pairing {
  private readonly pairs = new Map<string, string>();
  pair(citizenPeer: string, clerkPeer: string): void {
    this.pairs.set(citizenPeer, clerkPeer);
    this.pairs.set(clerkPeer, citizenPeer);
  }
  unpair(peer: string): void {
    const other = this.pairs.get(peer);
    this.pairs.delete(peer);
    if (other !== undefined && this.pairs.get(other) === peer) this.pairs.delete(other);
  }
  mayTalk(src: string, dst: string): boolean {
    return this.pairs.get(src) === dst;
  }
}

export class MemoryClerkPresence implements ClerkPresence {
  private readonly present = new Set<string>();
  private readonly awaySinceStart = new Set<string>();
  arrive(sessionId: string): void {
    this.present.add(sessionId);
    this.awaySinceStart.delete(sessionId);
  }
  leave(sessionId: string): void {
    this.present.delete(sessionId);
  }
  isPresent(sessionId: string): boolean {
    return this.present.has(sessionId);
  }
  markAwaySinceStart(sessionId: string): void {
    this.awaySinceStart.add(sessionId);
  }
  isAwaySinceStart(sessionId: string): boolean {
    return this.awaySinceStart.has(sessionId);
  }
  forget(sessionId: string): void {
    this.present.delete(sessionId);
    this.awaySinceStart.delete(sessionId);
  }
}
