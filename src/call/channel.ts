// The call's data channel: chat, the identification, the microphone/camera switches and the
// goodbye, on the media connection itself.
//
// Why not PeerJS's data connections: `peer.connect()` would be a second RTCPeerConnection, a
// second TURN allocation and a second ICE restart, which the relay (one description, no
// connection id) cannot address. So the channel is negotiated (fixed id, no in-band
// handshake, no `ondatachannel`) on the media connection, whose SCTP transport PeerJS already
// negotiates for its own channel. One connection to recover; incoming PeerJS data connections
// are refused.

import type { ChannelMessage } from '../core/protocol/data-channel.js';

/** SCTP stream of our negotiated channel: clear of PeerJS's own channel (0 or 1). */
const CHANNEL_ID = 42;

/** The call's channel on `pc` (both sides create the same one: it is negotiated). */
export function openChannel(pc: RTCPeerConnection): RTCDataChannel {
  return pc.createDataChannel('balcao', { negotiated: true, id: CHANNEL_ID, ordered: true });
}

/** Sends `message` if the channel is open: false when it could not. */
export function sendOn(channel: RTCDataChannel | undefined, message: ChannelMessage): boolean {
  if (channel?.readyState !== 'open') return false;
  try {
    channel.send(JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}
