// PeerJS options from the Balcão server's URL. Every option PeerJS would otherwise default
// is set: its defaults are the public cloud (0.peerjs.com), Google STUN and PeerJS's own
// TURN, which would send ids, signaling and maybe media abroad (LGPD). `config` is always
// given, even with no ICE server at all (a call on one network).

import type { PeerJSOption } from 'peerjs';
import type { IceConfig } from '../core/protocol/rtc.js';

/** The key the server's PeerServer expects (signaling.ts). */
export const PEER_KEY = 'balcao';

/** RTCPeerConnection's configuration: the court's servers, copied (PeerJS must not share our objects). */
export function rtcConfiguration(ice: IceConfig): RTCConfiguration {
  return {
    iceServers: ice.iceServers.map((s) => ({
      urls: [...s.urls],
      ...(s.username === undefined ? {} : { username: s.username }),
      ...(s.credential === undefined ? {} : { credential: s.credential }),
    })),
    iceTransportPolicy: ice.iceTransportPolicy,
  };
}

/** Options for `new Peer(id, …)` talking to `server` (its signaling is at `peerjs/` under the server's base path). */
export function peerOptions(server: URL, token: string, ice: IceConfig): PeerJSOption {
  const secure = server.protocol === 'https:';
  return {
    host: server.hostname,
    port: server.port ? Number(server.port) : secure ? 443 : 80,
    secure,
    // PeerJS adds a trailing '/' and then 'peerjs': `/base/peerjs/peerjs?key=…` (signaling.upgradePath).
    path: new URL('peerjs', server).pathname,
    key: PEER_KEY,
    token,
    config: rtcConfiguration(ice),
    debug: 0,
    referrerPolicy: 'no-referrer',
  };
}
