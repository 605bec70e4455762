// The call module, loaded lazily (`import()`) when a call starts: it brings PeerJS. Nothing
// in the initial chunk may import it statically.
//
//   const call = startClerkCall({ server, peerId, peerToken, remotePeerId: calling.citizenPeerId,
//     ice: calling.ice, localStream, relay });            // on the line's 'answered'
//   const call = answerCitizenCall({ server, peerId: ticket.peerId, peerToken: ticket.peerToken,
//     remotePeerId: called.clerkPeerId, ice: called.ice, localStream, relay, identification, signal });
//   call.on('remote-stream', (stream) => (video.srcObject = stream));
//   call.on('ended', (reason) => …);

import { CallSession } from './session.js';
import type { CitizenCallOptions, ClerkCallOptions } from './types.js';

export { CallSession } from './session.js';
export { DEFAULT_TIMING } from './timers.js';
export { MAX_CHAT_LENGTH } from '../core/protocol/data-channel.js';
export { peerOptions, rtcConfiguration } from './peer-options.js';
export { qualityLevel } from './quality.js';
export type * from './types.js';

/** The clerk's side: connects to signaling and calls the citizen (media + the call's data channel). */
export function startClerkCall(options: ClerkCallOptions): CallSession {
  return new CallSession('clerk', options);
}

/** The citizen's side: connects to signaling and answers the call from `remotePeerId` only, with `localStream`. */
export function answerCitizenCall(options: CitizenCallOptions): CallSession {
  return new CallSession('citizen', options);
}
