// What the test page exposes as `window.harness` (page-script.ts, bundled with src/call for
// the page) and the Node side drives through page.evaluate (pages.ts). Types only.

import type { IceConfig } from '../../../src/core/protocol/index.js';
import type { CallRole, CallState, CallTiming, EndReason, JsonObject, MediaState, QualityLevel } from '../../../src/call/index.js';

export interface LogEntry {
  readonly at: number;
  readonly type: string;
  readonly detail?: string;
}

export interface StartOptions {
  readonly role: CallRole;
  /** The Balcão server's URL (href). */
  readonly server: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly remotePeerId: string;
  readonly ice: IceConfig;
  readonly identification?: JsonObject;
  readonly timing?: Partial<CallTiming>;
}

export interface VideoState {
  readonly videoWidth: number;
  readonly currentTime: number;
  readonly paused: boolean;
  /**
   * Frames painted so far (requestVideoFrameCallback). Only the page in front of its
   * browser paints (and decodes): tests side by side would each need their own browsers.
   */
  readonly painted: number;
  readonly firstFrameAt: number | null;
  /** `kind:readyState` of the remote stream's tracks, sorted. */
  readonly remoteTracks: readonly string[];
}

export interface CandidateInfo {
  readonly type: string;
  readonly address: string;
  readonly protocol: string;
}

export interface ConnectionInfo {
  readonly iceTransportPolicy: RTCIceTransportPolicy | undefined;
  readonly iceServerUrls: readonly string[];
  readonly connectionState: RTCPeerConnectionState;
  readonly selected: { readonly local: CandidateInfo; readonly remote: CandidateInfo } | null;
  readonly candidates: readonly CandidateInfo[];
  readonly inbound: readonly { readonly kind: string; readonly packets: number }[];
}

export interface SessionSnapshot {
  readonly state: CallState;
  readonly reason: EndReason | undefined;
  readonly startedAt: number;
  readonly iceRestarts: number;
  readonly chat: readonly { readonly from: string; readonly text: string }[];
  readonly identification: JsonObject | null;
  readonly remoteMedia: MediaState | null;
  readonly quality: readonly QualityLevel[];
  readonly remoteStreams: number;
}

export type Control = 'hangUp' | 'destroy' | 'switchToAudioOnly' | 'muteMic' | 'unmuteMic' | 'cameraOff' | 'cameraOn';

export interface HarnessApi {
  /** Opens this page's line socket (reconnecting with the same hello, as the widget does). */
  connectLine(path: '/api/line' | '/api/clerk', server: string, hello: object): void;
  lineSend(message: object): void;
  /** Every message the line socket received, in order. */
  lineMessages(): readonly { readonly type: string; readonly [key: string]: unknown }[];
  /** Fake camera (`width`×3/4, 640 by default) and/or microphone. */
  getMedia(audio: boolean, video: boolean, width?: number): Promise<string[]>;
  /** Starts the session (clerk: calls; citizen: answers) with the line socket as its relay. */
  start(options: StartOptions): void;
  /** A second session on the same peer id (another tab): for the 'replaced' case. */
  startIntruder(options: StartOptions): void;
  snapshot(): SessionSnapshot;
  log(): readonly LogEntry[];
  video(): VideoState;
  connection(): Promise<ConnectionInfo | null>;
  /** RTP stats in short, for failure messages. */
  diagnostics(): Promise<string>;
  sendChat(text: string): boolean;
  control(control: Control): void;
}

declare global {
  interface Window {
    harness: HarnessApi;
  }
}
