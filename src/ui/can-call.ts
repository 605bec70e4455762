// Whether this browser can make a WebRTC call at all: an old browser has no
// RTCPeerConnection, and a page served without HTTPS has no navigator.mediaDevices. Read
// through the flow's media environment, so tests can play a browser without WebRTC.

import { mediaEnvironment } from './media-choice.js';

export function canCall(): boolean {
  const env = mediaEnvironment();
  return env.peerConnection && env.getUserMedia !== undefined;
}
