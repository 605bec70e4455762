// One call, one side: a PeerJS peer on the court's signaling server (./signaling.ts), one
// media connection (the clerk calls, the citizen answers), our own data channel on that same
// connection (./channel.ts) for chat, the identification, the microphone/camera switches and
// the goodbye, and the recovery of that connection when it drops (./recovery.ts).
//
// PeerJS 1.5.5, read in node_modules/peerjs/dist/bundler.mjs, and what this module does about it:
// - Its Negotiator sets `oniceconnectionstatechange` and, on `failed`, closes the media
//   connection (a dead end: the call could be recovered). We replace that handler with
//   nothing as soon as the RTCPeerConnection exists and watch `connectionState` ourselves
//   (in Chromium 156 `iceConnectionState` never reaches `failed` anyway).
// - Its `onicecandidate` trickles every candidate through the signaling server (CANDIDATE)
//   until `iceConnectionState` is `completed`. After the first `connected` (or before our
//   first ICE restart) we set it to null: restart candidates travel inside the whole
//   description on the line's `rtc` relay, never over signaling (which may be down).
// - `MediaConnection` 'close' fires when PeerJS's own channel closes: the other side hung
//   up or its page closed the connection (tens of ms). A page that vanishes sends nothing:
//   its side goes `disconnected` ~5 s later, `failed` ~15 s later, which recovery handles.
// - 'stream' fires once per remote track with the same stream: emitted once.
// - `peer.destroy()` skips every second connection to the same peer (it removes from the
//   array it iterates): each connection is closed first.
//
// Goodbye: `bye` on the channel, then the connections close (PeerJS's channel closing tells
// the other side in tens of ms); 'pagehide' (tab closed, navigation) hangs up the same way.
// A crash or a lost network says nothing: the connection state and the budgets end the call.
//
// Ownership: the session owns its peer, connections, channel and timers; `localStream`'s
// tracks are stopped when the call ends unless `ownsLocalStream` is false. After `ended`
// nothing is left running.

import type { CallOption, MediaConnection, Peer, PeerError } from 'peerjs';
// First: it brings PeerJS, which then comes first in the call's chunk (smaller, compressed).
import { openSignaling } from './signaling.js';
import { MAX_CHAT_LENGTH, parseChannelMessage, type ChannelMessage } from '../core/protocol/data-channel.js';
import { openChannel, sendOn } from './channel.js';
import { Emitter } from './emitter.js';
import { QualityMeter } from './quality.js';
import { freshKeyFrame, recovery, type Recovery } from './recovery.js';
import { DEFAULT_TIMING, Timers } from './timers.js';
import type { CallEvents, CallRole, CallState, CallTiming, CitizenCallOptions, ClerkCallOptions, EndReason, JsonObject, MediaState } from './types.js';

export class CallSession extends Emitter<CallEvents> {
  readonly role: CallRole;
  readonly #options: ClerkCallOptions & Partial<Pick<CitizenCallOptions, 'identification'>>;
  readonly #timing: CallTiming;
  readonly #peer: Peer;
  readonly #timers = new Timers();
  readonly #meter = new QualityMeter();
  readonly #recovery: Recovery;
  readonly #unrelay: () => void;
  #state: CallState = 'connecting';
  #reason: EndReason | undefined;
  #media: MediaConnection | undefined;
  #channel: RTCDataChannel | undefined;
  #remoteStream: MediaStream | undefined;
  #everConnected = false;
  #identificationSent = false;
  #identificationReceived = false;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #local: MediaState = { microphone: true, camera: true, audioOnly: false };

  constructor(role: CallRole, options: ClerkCallOptions | CitizenCallOptions) {
    super();
    this.role = role;
    this.#options = options;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    const stream = options.localStream;
    this.#local = {
      microphone: stream.getAudioTracks().some((t) => t.enabled),
      camera: stream.getVideoTracks().some((t) => t.enabled),
      audioOnly: stream.getVideoTracks().length === 0,
    };
    // What the signaling and the recovery need of the call (one object for both).
    const host = {
      role,
      timing: this.#timing,
      timers: this.#timers,
      relay: options.relay,
      media: () => this.#media,
      over: () => this.#reason !== undefined,
      connected: () => this.#state === 'connected',
      end: (reason: EndReason) => this.#end(reason),
      opened: () => this.#onSignalingOpen(),
      lost: () => this.emit('signaling', 'reconnecting'),
    };
    const peer = openSignaling(options, host);
    this.#peer = peer;
    this.#recovery = recovery(host);
    peer.on('error', (error) => this.#onPeerError(error));
    peer.on('close', () => this.#end('failed'));
    peer.on('call', (call) => this.#onIncomingCall(call));
    // Chat is on the media connection's own channel: PeerJS data connections are never used.
    peer.on('connection', (connection) => connection.close());
    this.#unrelay = options.relay.onDescription((description) => this.#recovery.onDescription(description));
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) queueMicrotask(() => this.#end('line-ended'));
      else signal.addEventListener('abort', this.#onAbort);
    }
    this.#timers.set('connect', this.#timing.connectTimeoutMs, () => {
      if (!this.#everConnected) this.#end('failed');
    });
    // A tab closed or navigated away says goodbye: the other side learns at once instead of
    // ~15 s later (a crash still gives nothing: recovery and the citizen's silence handle it).
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  get state(): CallState {
    return this.#state;
  }

  /** Why the call ended; undefined while it goes on. */
  get endReason(): EndReason | undefined {
    return this.#reason;
  }

  get localStream(): MediaStream {
    return this.#options.localStream;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#remoteStream;
  }

  /** This side's microphone and camera switches. */
  get localMedia(): MediaState {
    return this.#local;
  }

  /** ICE restarts attempted so far (diagnostics). */
  get iceRestarts(): number {
    return this.#recovery.restarts;
  }

  /** The media connection's RTCPeerConnection, for diagnostics (getStats); undefined before the call or after it. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#media?.peerConnection ?? undefined;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    if (this.#reason) return;
    for (const track of this.localStream.getAudioTracks()) track.enabled = enabled;
    this.#setLocal({ ...this.#local, microphone: enabled });
  }

  /** Camera off/on (the track keeps running, sending black frames): the other side is told. */
  setCameraEnabled(enabled: boolean): void {
    if (this.#reason || this.#local.audioOnly) return;
    for (const track of this.localStream.getVideoTracks()) track.enabled = enabled;
    this.#setLocal({ ...this.#local, camera: enabled });
  }

  /** Stops the camera for the rest of the call (a weak connection): the other side shows an avatar. */
  switchToAudioOnly(): void {
    if (this.#reason || this.#local.audioOnly) return;
    const pc = this.peerConnection;
    for (const sender of pc?.getSenders() ?? []) {
      if (sender.track?.kind === 'video') void sender.replaceTrack(null).catch(() => undefined);
    }
    for (const track of this.localStream.getVideoTracks()) {
      track.stop();
      this.localStream.removeTrack(track);
    }
    this.#setLocal({ ...this.#local, camera: false, audioOnly: true });
  }

  /**
   * Sends a chat message; false (nothing sent) when it is empty, longer than MAX_CHAT_LENGTH,
   * or the channel is not open (keep the text and offer to try again).
   */
  sendChat(text: string): boolean {
    if (this.#reason || text.trim() === '' || text.length > MAX_CHAT_LENGTH) return false;
    if (!this.#send({ type: 'chat', text })) return false;
    this.emit('chat', { from: 'local', text, at: Date.now() });
    return true;
  }

  /** Says goodbye on the channel, closes every connection and the peer. Idempotent. */
  hangUp(): void {
    this.#end('hung-up-local');
  }

  /** For an element going away: hangs up if the call goes on; otherwise nothing. Idempotent. */
  destroy(): void {
    this.#end('hung-up-local');
  }

  // ── Signaling ──────────────────────────────────────────────────────────────

  #onSignalingOpen(): void {
    this.emit('signaling', 'open');
    if (this.role === 'clerk' && !this.#media && !this.#timers.has('recall')) this.#placeCall();
  }

  #onPeerError(error: PeerError<string>): void {
    if (this.#reason) return;
    switch (error.type) {
      case 'peer-unavailable':
        // The citizen's peer was not on the server yet (the OFFER expired): call again.
        if (this.role === 'clerk' && !this.#everConnected) {
          this.#dropMedia();
          this.#timers.set('recall', this.#timing.recallDelayMs, () => this.#placeCall());
        }
        return;
      case 'browser-incompatible':
      case 'invalid-id':
      case 'invalid-key':
      case 'unavailable-id':
      case 'ssl-unavailable':
        if (!this.#everConnected) this.#end('failed');
        return;
      default:
        // network / socket / server: the reconnection handles them; webrtc: the connection state does.
        return;
    }
  }

  // ── Media connection ───────────────────────────────────────────────────────

  #placeCall(): void {
    if (this.#reason || this.#media || !this.#peer.open) return;
    // Receive both kinds whatever the clerk sends (a clerk without a camera still sees the citizen).
    const options: CallOption & { constraints: RTCOfferOptions } = { constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true } };
    const media = this.#peer.call(this.#options.remotePeerId, this.localStream, options);
    if (media) this.#adopt(media);
  }

  #onIncomingCall(call: MediaConnection): void {
    if (this.role !== 'citizen' || this.#reason || call.peer !== this.#options.remotePeerId) {
      call.close();
      return;
    }
    // A new call from the clerk (it called again) replaces the one before.
    this.#dropMedia();
    call.answer(this.localStream);
    this.#adopt(call);
  }

  #adopt(media: MediaConnection): void {
    this.#media = media;
    const pc = media.peerConnection;
    // PeerJS closes the call when iceConnectionState is 'failed': we recover instead.
    pc.oniceconnectionstatechange = null;
    pc.addEventListener('connectionstatechange', () => {
      if (media === this.#media) this.#onConnectionState(pc);
    });
    this.#adoptChannel(openChannel(pc));
    media.on('stream', (stream) => {
      if (media !== this.#media || this.#reason || stream === this.#remoteStream) return;
      this.#remoteStream = stream;
      this.emit('remote-stream', stream);
    });
    media.on('close', () => {
      if (media === this.#media) this.#end(this.#state === 'reconnecting' ? 'failed' : 'hung-up-remote');
    });
    // ICE candidate and description errors: the connection state tells whether the call lives.
    media.on('error', () => undefined);
  }

  /** Closes the current media connection without ending the call (a call placed again). */
  #dropMedia(): void {
    const media = this.#media;
    const channel = this.#channel;
    this.#media = undefined;
    this.#channel = undefined;
    channel?.close();
    media?.close();
  }

  #adoptChannel(channel: RTCDataChannel): void {
    this.#channel = channel;
    channel.addEventListener('open', () => {
      if (channel !== this.#channel) return;
      this.#send({ type: 'media', ...this.#local });
      const identification = this.#options.identification;
      if (this.role === 'citizen' && identification && !this.#identificationSent) {
        this.#identificationSent = this.#send({ type: 'identification', data: identification as JsonObject });
      }
    });
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (channel === this.#channel) this.#onMessage(parseChannelMessage(event.data));
    });
    channel.addEventListener('close', () => {
      if (channel === this.#channel) this.#end(this.#state === 'reconnecting' ? 'failed' : 'hung-up-remote');
    });
  }

  #send(message: ChannelMessage): boolean {
    return sendOn(this.#channel, message);
  }

  #onMessage(message: ChannelMessage | null): void {
    if (!message || this.#reason) return;
    switch (message.type) {
      case 'chat':
        this.emit('chat', { from: 'remote', text: message.text, at: Date.now() });
        return;
      case 'identification':
        // Only the citizen identifies, once.
        if (this.role !== 'clerk' || this.#identificationReceived) return;
        this.#identificationReceived = true;
        this.emit('identification', message.data);
        return;
      case 'media':
        this.emit('remote-media', { microphone: message.microphone, camera: message.camera, audioOnly: message.audioOnly });
        return;
      case 'bye':
        this.#end('hung-up-remote');
        return;
    }
  }

  #setLocal(next: MediaState): void {
    this.#local = next;
    this.#send({ type: 'media', ...next });
  }

  // ── Connection state and recovery ──────────────────────────────────────────

  #onConnectionState(pc: RTCPeerConnection): void {
    if (this.#reason) return;
    switch (pc.connectionState) {
      case 'connected':
        this.#connected(pc);
        return;
      case 'disconnected':
        this.#troubled(false);
        return;
      case 'failed':
        this.#troubled(true);
        return;
      default:
        return;
    }
  }

  #connected(pc: RTCPeerConnection): void {
    const back = this.#state === 'reconnecting';
    this.#everConnected = true;
    this.#recovery.back(pc);
    for (const name of ['connect', 'grace', 'budget', 'silence']) this.#timers.clear(name);
    this.#setState('connected');
    if (back) void freshKeyFrame(pc);
    this.#statsTimer ??= setInterval(() => void this.#sampleQuality(), this.#timing.statsIntervalMs);
  }

  #troubled(failed: boolean): void {
    if (this.#state === 'connected') this.#setState('reconnecting');
    this.#recovery.troubled(failed);
  }

  async #sampleQuality(): Promise<void> {
    const pc = this.peerConnection;
    if (!pc || this.#state !== 'connected') return;
    const report = await pc.getStats().catch(() => undefined);
    if (!report || this.#state !== 'connected') return;
    const sendingVideo = !this.#local.audioOnly && this.#local.camera;
    this.emit('quality', this.#meter.sample(report, Date.now(), sendingVideo));
  }

  // ── The end ────────────────────────────────────────────────────────────────

  readonly #onAbort = (): void => this.#end('line-ended');
  readonly #onPageHide = (): void => this.#end('hung-up-local');

  #setState(state: CallState): void {
    if (this.#state === state || this.#state === 'ended') return;
    this.#state = state;
    this.emit('state', state);
  }

  #end(reason: EndReason): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#recovery.stop();
    this.#timers.clearAll();
    clearInterval(this.#statsTimer);
    this.#unrelay();
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    // Goodbye first (the other side learns at once), then every connection, then the peer.
    if (reason !== 'hung-up-remote') this.#send({ type: 'bye' });
    this.#dropMedia();
    for (const list of Object.values(this.#peer.connections) as { close(): void }[][]) {
      for (const connection of [...list]) connection.close();
    }
    this.#peer.destroy();
    if (this.#options.ownsLocalStream !== false) for (const track of this.localStream.getTracks()) track.stop();
    this.#setState('ended');
    this.emit('ended', reason);
  }
}
