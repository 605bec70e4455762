// The call module's public types: what the citizen's flow and the clerk's element pass in
// and hear back. No runtime code here.

import type { JsonObject, MediaState } from '../core/protocol/data-channel.js';
import type { IceConfig, RtcDescription } from '../core/protocol/rtc.js';

export type { JsonObject, JsonValue, MediaState } from '../core/protocol/data-channel.js';

/** `connecting` → `connected` ⇄ `reconnecting` → `ended` (`ended` is final). */
export type CallState = 'connecting' | 'connected' | 'reconnecting' | 'ended';

/**
 * Why a call ended:
 * - `hung-up-local`: this side hung up (`hangUp()`, `destroy()`);
 * - `hung-up-remote`: the other side said goodbye, or its connection closed;
 * - `failed`: no connection within the set-up time, or none again within the recovery budget;
 * - `line-ended`: the line ended the ticket or session (`signal` aborted, or the signaling
 *   server closed this peer with 4001);
 * - `replaced`: another tab took this peer id over on the signaling server (close 4000): this
 *   tab must not fight back.
 */
export type EndReason = 'hung-up-local' | 'hung-up-remote' | 'failed' | 'line-ended' | 'replaced';

export type CallRole = 'clerk' | 'citizen';

/**
 * How the call's session descriptions travel for an ICE restart: the line socket's `rtc`
 * relay (`{ type: 'rtc', description }` both ways). Wire it to the socket of this side:
 * `send` writes the command, `onDescription` hears `rtc` events; it returns the unsubscribe.
 * Descriptions are whole (gathered), never trickled candidates: at most a few per minute.
 */
export interface DescriptionRelay {
  send(description: RtcDescription): void;
  onDescription(listener: (description: RtcDescription) => void): () => void;
}

/** Timings of set-up and recovery, in milliseconds (tests shorten them). */
export interface CallTiming {
  /** From start to the first media connection, else `failed`. */
  readonly connectTimeoutMs: number;
  /** `disconnected` this long before an ICE restart (`failed` restarts at once). */
  readonly disconnectGraceMs: number;
  /** Longest wait for ICE gathering before a description is sent as it is. */
  readonly gatherTimeoutMs: number;
  /** The clerk's wait for the citizen's answer to a restart offer. */
  readonly answerTimeoutMs: number;
  /** After an answer is applied, the wait for `connected`. */
  readonly restartConnectTimeoutMs: number;
  /** Pauses between restart attempts (the last one repeats). */
  readonly restartDelaysMs: readonly number[];
  /** From the start of a recovery to `failed` (the citizen waits 5 s more: the clerk leads). */
  readonly recoveryBudgetMs: number;
  /** Citizen: no restart offer this long after the connection dropped → `failed` (the clerk is gone). */
  readonly citizenSilenceMs: number;
  /** Citizen: longest gap between two restart offers before `failed`. */
  readonly citizenOfferGapMs: number;
  /** Clerk: the citizen's peer was not on the signaling server yet (`peer-unavailable`): call again after this. */
  readonly recallDelayMs: number;
  /** Signaling reconnection backoff (the last one repeats), each with jitter (×0.5–1). */
  readonly signalingDelaysMs: readonly number[];
  /** Connection quality sampled this often while connected. */
  readonly statsIntervalMs: number;
}

interface CallOptionsBase {
  /** The Balcão Virtual server: signaling at `peerjs/` on it (host, port, TLS and base path from this URL). */
  readonly server: URL | string;
  /** This side's PeerJS id and token, issued by the line (ticket or clerk session). */
  readonly peerId: string;
  readonly peerToken: string;
  /** The other side's PeerJS id (`calling.citizenPeerId` / `called.clerkPeerId`). */
  readonly remotePeerId: string;
  /** The court's ICE servers for this call (`calling.ice` / `called.ice`); never a public default. */
  readonly ice: IceConfig;
  /**
   * The camera and/or microphone (audio only, or even no track, works: the other side's
   * media still arrives). The session mutes tracks (`enabled`) and stops the video track
   * on `switchToAudioOnly()`.
   */
  readonly localStream: MediaStream;
  /**
   * Whether the session stops every track of `localStream` when the call ends (camera
   * light off). True by default: the stream was opened for this call. Pass false when the
   * caller keeps using it (a preview that outlives the call).
   */
  readonly ownsLocalStream?: boolean;
  readonly relay: DescriptionRelay;
  /** Aborted when the line says the call is over (done, left, requeued): ends with `line-ended`. */
  readonly signal?: AbortSignal;
  readonly timing?: Partial<CallTiming>;
}

export type ClerkCallOptions = CallOptionsBase;

export interface CitizenCallOptions extends CallOptionsBase {
  /**
   * The sealed-case identification: a JSON-serializable object sent once over the call's
   * encrypted data channel when it opens, and nowhere else (not PeerJS metadata, not the
   * server, not an event of this side, not a log).
   */
  readonly identification?: object;
}

export interface ChatMessage {
  readonly from: 'local' | 'remote';
  readonly text: string;
  /** Date.now() when sent or received. */
  readonly at: number;
}


export type QualityLevel = 'good' | 'weak' | 'poor';

export interface CallQuality {
  readonly level: QualityLevel;
  /** Round-trip time of the selected candidate pair, ms (null before it is known). */
  readonly rttMs: number | null;
  /** Fraction 0–1 of packets lost since the last sample (the worse of received and, as the other side reports, sent). */
  readonly packetLoss: number | null;
  /** What this side sent since the last sample, kbit/s. */
  readonly outgoingKbps: number | null;
  /** The sender's bandwidth estimate, kbit/s. */
  readonly availableOutgoingKbps: number | null;
}

/** What a session emits (`session.on(type, listener)`). */
export interface CallEvents {
  state: CallState;
  /** Once, with the reason, after `state` became `ended`. */
  ended: EndReason;
  /** The other side's stream, once per stream (PeerJS says it once per track). */
  'remote-stream': MediaStream;
  /** Chat, both ways (`from`), in order. */
  chat: ChatMessage;
  /** Clerk only: the citizen's sealed-case identification, as the citizen's side sent it (validate before use). */
  identification: JsonObject;
  /** The other side's microphone/camera switches (show an avatar when `audioOnly` or `!camera`). */
  'remote-media': MediaState;
  /** Every few seconds while connected. */
  quality: CallQuality;
  /** The signaling socket (not the media): `reconnecting` while the server is unreachable, the call goes on. */
  signaling: 'open' | 'reconnecting';
}
