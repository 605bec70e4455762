// What a call is set up with: the court's ICE servers and the session descriptions relayed
// over the line sockets for an ICE restart (PeerJS can't renegotiate a connection).

import { isRecord } from './guards.js';
import { isText } from './text-guards.js';

/** One ICE server as RTCPeerConnection takes it: the court's STUN/TURN, with time-limited TURN credentials. */
export interface IceServer {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** What both sides of a call pass to PeerJS (`config`): only the court's servers, never a public default. */
export interface IceConfig {
  readonly iceServers: readonly IceServer[];
  /** `relay` when the unit requires calls through the TURN relay (neither side sees the other's address). */
  readonly iceTransportPolicy: 'all' | 'relay';
}

/**
 * A session description relayed between the two sides of a call in progress, over the
 * line sockets: for an ICE restart (PeerJS can't renegotiate a connection). Sent whole,
 * after ICE gathering, so no candidates travel separately.
 */
export interface RtcDescription {
  readonly type: 'offer' | 'answer';
  readonly sdp: string;
}

/** Longest SDP relayed (a two-track offer with relay candidates is 3–6 kB). */
export const MAX_SDP_LENGTH = 12_000;

/** `{ type: 'offer' | 'answer', sdp }` with nothing else kept, or null. */
export function parseRtcDescription(json: unknown): RtcDescription | null {
  if (!isRecord(json) || (json.type !== 'offer' && json.type !== 'answer')) return null;
  if (typeof json.sdp !== 'string' || json.sdp.length === 0 || json.sdp.length > MAX_SDP_LENGTH) return null;
  return { type: json.type, sdp: json.sdp };
}

/** `{ type: 'rtc', description }` (both sockets, both ways), or null. */
export function parseRtcMessage(json: Record<string, unknown>): { type: 'rtc'; description: RtcDescription } | null {
  const description = parseRtcDescription(json.description);
  return description ? { type: 'rtc', description } : null;
}

/** An ICE configuration as the court's server sends it (`called`, `in-call`, `calling`), or null. */
export function parseIce(json: unknown): IceConfig | null {
  if (!isRecord(json) || !Array.isArray(json.iceServers)) return null;
  if (json.iceTransportPolicy !== 'all' && json.iceTransportPolicy !== 'relay') return null;
  const iceServers: IceServer[] = [];
  for (const server of json.iceServers as unknown[]) {
    if (!isRecord(server) || !Array.isArray(server.urls) || !server.urls.every((u) => isText(u, 512))) return null;
    if (server.username !== undefined && typeof server.username !== 'string') return null;
    if (server.credential !== undefined && typeof server.credential !== 'string') return null;
    iceServers.push({
      urls: [...(server.urls as string[])],
      ...(server.username === undefined ? {} : { username: server.username }),
      ...(server.credential === undefined ? {} : { credential: server.credential }),
    });
  }
  return { iceServers, iceTransportPolicy: json.iceTransportPolicy };
}
