// A call's PeerJS peer on the court's signaling server, kept connected.
//
// PeerJS 1.5.5, read in node_modules/peerjs/dist/bundler.mjs:
// - The signaling socket never reconnects by itself: on 'disconnected' we call
//   `peer.reconnect()` with backoff and jitter, the media going on meanwhile. PeerJS drops the
//   WebSocket close code, so we listen on its socket (`peer.socket._socket`, internal): 4000
//   (another tab took over the id) ends the call `replaced` with no reconnection (the tabs
//   would take turns kicking each other out); 4001 (the line ended the ticket or session)
//   ends it `line-ended`, as the line's `done` would.
// - PeerJS checks WebRTC support at import by building (never using) an RTCPeerConnection
//   configured with Google STUN: no packet is sent (no description, no gathering).

import { Peer } from 'peerjs';
import { CloseCode } from '../core/protocol/close-codes.js';
import { peerOptions } from './peer-options.js';
import type { Timers } from './timers.js';
import type { CallTiming, ClerkCallOptions, EndReason } from './types.js';

/** PeerJS 1.5.5 internals read here: the signaling WebSocket, for its close code. */
interface PeerInternals {
  readonly socket?: { readonly _socket?: WebSocket };
}

/** What the signaling needs of its call (its functions are called unbound). */
export interface SignalingHost {
  readonly timing: CallTiming;
  readonly timers: Timers;
  /** The call has ended. */
  readonly over: () => boolean;
  /** Signaling is open (again). */
  readonly opened: () => void;
  /** Signaling was lost after being open: the call goes on meanwhile. */
  readonly lost: () => void;
  /** Ends the call (the close codes 4000 and 4001). */
  readonly end: (reason: EndReason) => void;
}

/** The call's peer, connected to signaling and reconnected whenever it drops (timer `signaling`). */
export function openSignaling(options: ClerkCallOptions, { timers, timing, over, opened, lost, end }: SignalingHost): Peer {
  const server = typeof options.server === 'string' ? new URL(options.server) : options.server;
  const peer = new Peer(options.peerId, peerOptions(server, options.peerToken, options.ice));
  let failures = 0;
  let up = false;

  const watchSocket = (): void => {
    (peer as unknown as PeerInternals).socket?._socket?.addEventListener('close', (event) => {
      if (event.code === CloseCode.replaced) end('replaced');
      else if (event.code === CloseCode.ended) end('line-ended');
    });
  };

  const reconnect = (): void => {
    if (over()) return;
    if (up) lost();
    up = false;
    const delays = timing.signalingDelaysMs;
    const base = delays[Math.min(failures, delays.length - 1)] ?? 1_000;
    failures += 1;
    // Jitter: after a server restart every page comes back, not all in the same instant.
    timers.set('signaling', base * (0.5 + Math.random() / 2), () => {
      if (over() || !peer.disconnected || peer.destroyed) return;
      peer.reconnect();
      watchSocket();
    });
  };

  watchSocket();
  peer.on('open', () => {
    if (over()) return;
    failures = 0;
    up = true;
    timers.clear('signaling');
    opened();
  });
  // PeerJS says 'disconnected' before our listener hears the close code (4000/4001 end the
  // call): decide in a moment.
  peer.on('disconnected', () => timers.set('signaling', 0, reconnect));
  return peer;
}
