// One call, one side: a PeerJS peer on the court's signaling server, one media connection
// (the clerk calls, the citizen answers), and our own data channel on that same connection
// for chat, the identification, the microphone/camera switches and the goodbye.
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
// - It sets no `onnegotiationneeded` handler, so an ICE restart we drive with
//   createOffer({ iceRestart: true }) is never answered by PeerJS; it cannot renegotiate
//   either (an OFFER for an existing connection id closes it and builds a new one), hence
//   the relay. Nothing here triggers `negotiationneeded` (no track added or removed:
//   audio-only uses replaceTrack(null)).
// - `peer.connect()` would be a second RTCPeerConnection: a second TURN allocation and a
//   second ICE restart, which the relay (one description, no connection id) cannot
//   address. So chat goes over a negotiated data channel (fixed id, no in-band handshake,
//   no `ondatachannel`) on the media connection, whose SCTP transport PeerJS already
//   negotiates for its own channel. One connection to recover; incoming PeerJS data
//   connections are refused.
// - `MediaConnection` 'close' fires when PeerJS's own channel closes: the other side hung
//   up or its page closed the connection (tens of ms). A page that vanishes sends nothing:
//   its side goes `disconnected` ~5 s later, `failed` ~15 s later, which recovery handles.
// - 'stream' fires once per remote track with the same stream: emitted once.
// - `peer.destroy()` skips every second connection to the same peer (it removes from the
//   array it iterates): each connection is closed first.
// - The signaling socket never reconnects by itself: on 'disconnected' we call
//   `peer.reconnect()` with backoff and jitter, the media going on meanwhile. PeerJS drops the
//   WebSocket close code, so we listen on its socket (`peer.socket._socket`, internal): 4000
//   (another tab took over the id) ends the call `replaced` with no reconnection (the tabs
//   would take turns kicking each other out); 4001 (the line ended the ticket or session)
//   ends it `line-ended`, as the line's `done` would.
// - PeerJS checks WebRTC support at import by building (never using) an RTCPeerConnection
//   configured with Google STUN: no packet is sent (no description, no gathering).
//
// Recovery (`disconnected` > disconnectGraceMs, or `failed`): the clerk (the offerer) makes
// an ICE restart offer, waits for gathering, sends the whole description on the relay, and
// applies the citizen's answer; again with backoff until `recoveryBudgetMs`, then `failed`.
// An offer without candidates (the TURN server still down) is sent all the same: it tells
// the citizen the clerk is alive. The citizen answers every offer (the newest wins) and gives
// up when no offer comes (`citizenSilenceMs`: the clerk's page is gone) or at the budget.
// Once back, each side pauses and resumes its video encoding: the other side's key frame
// requests were lost in the outage and it asks again only ~3 s later (measured: the picture
// came back 3.4 s after the connection; with the fresh key frame, 0.4 s).
//
// Goodbye: `bye` on the channel, then the connections close (PeerJS's channel closing tells
// the other side in tens of ms); 'pagehide' (tab closed, navigation) hangs up the same way.
// A crash or a lost network says nothing: the connection state and the budgets end the call.
//
// Ownership: the session owns its peer, connections, channel and timers; `localStream`'s
// tracks are stopped when the call ends unless `ownsLocalStream` is false. After `ended`
// nothing is left running.

import { Peer, type CallOption, type MediaConnection, type PeerError } from 'peerjs';
import { CloseCode } from '../core/protocol/close-codes.js';
import { MAX_CHAT_LENGTH, parseChannelMessage, type ChannelMessage } from '../core/protocol/data-channel.js';
import { parseRtcDescription, type RtcDescription } from '../core/protocol/rtc.js';
import { Emitter } from './emitter.js';
import { peerOptions } from './peer-options.js';
import { QualityMeter } from './quality.js';
import { fitSdp } from './sdp.js';
import type {
  CallEvents,
  CallRole,
  CallState,
  CallTiming,
  CitizenCallOptions,
  ClerkCallOptions,
  EndReason,
  JsonObject,
  MediaState,
} from './types.js';

export const DEFAULT_TIMING: CallTiming = {
  connectTimeoutMs: 30_000,
  disconnectGraceMs: 3_000,
  gatherTimeoutMs: 3_000,
  answerTimeoutMs: 5_000,
  restartConnectTimeoutMs: 3_000,
  restartDelaysMs: [1_000, 2_000, 4_000],
  recoveryBudgetMs: 40_000,
  citizenSilenceMs: 12_000,
  citizenOfferGapMs: 20_000,
  recallDelayMs: 1_000,
  signalingDelaysMs: [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000],
  statsIntervalMs: 3_000,
};

/** SCTP stream of our negotiated channel: clear of PeerJS's own channel (0 or 1). */
const CHANNEL_ID = 42;

/** PeerJS 1.5.5 internals this module reads: the signaling WebSocket, for its close code. */
interface PeerInternals {
  readonly socket?: { readonly _socket?: WebSocket };
}

/** Named timeouts, all cleared at once when the call ends. */
class Timers {
  readonly #named = new Map<string, ReturnType<typeof setTimeout>>();
  set(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    this.#named.set(
      name,
      setTimeout(() => {
        this.#named.delete(name);
        fn();
      }, ms),
    );
  }
  has(name: string): boolean {
    return this.#named.has(name);
  }
  clear(name: string): void {
    clearTimeout(this.#named.get(name));
    this.#named.delete(name);
  }
  clearAll(): void {
    for (const timer of this.#named.values()) clearTimeout(timer);
    this.#named.clear();
  }
}

export class CallSession extends Emitter<CallEvents> {
  readonly role: CallRole;
  readonly #options: ClerkCallOptions & Partial<Pick<CitizenCallOptions, 'identification'>>;
  readonly #timing: CallTiming;
  readonly #peer: Peer;
  readonly #timers = new Timers();
  readonly #meter = new QualityMeter();
  readonly #unrelay: () => void;
  #state: CallState = 'connecting';
  #reason: EndReason | undefined;
  #media: MediaConnection | undefined;
  #channel: RTCDataChannel | undefined;
  #remoteStream: MediaStream | undefined;
  #everConnected = false;
  #recovering = false;
  #restarts = 0;
  #signalingFailures = 0;
  #signalingUp = false;
  #answerWaiter: ((description: RtcDescription | undefined) => void) | undefined;
  #offerSeq = 0;
  #answering: Promise<void> = Promise.resolve();
  #identificationSent = false;
  #identificationReceived = false;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #waits = 0;
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
    const server = typeof options.server === 'string' ? new URL(options.server) : options.server;
    const peer = new Peer(options.peerId, peerOptions(server, options.peerToken, options.ice));
    this.#peer = peer;
    this.#watchSignalingSocket();
    peer.on('open', () => this.#onSignalingOpen());
    peer.on('disconnected', () => this.#onSignalingLost());
    peer.on('error', (error) => this.#onPeerError(error));
    peer.on('close', () => this.#end('failed'));
    peer.on('call', (call) => this.#onIncomingCall(call));
    // Chat is on the media connection's own channel: PeerJS data connections are never used.
    peer.on('connection', (connection) => connection.close());
    this.#unrelay = options.relay.onDescription((description) => this.#onDescription(description));
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
    return this.#restarts;
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

  #watchSignalingSocket(): void {
    const ws = (this.#peer as unknown as PeerInternals).socket?._socket;
    ws?.addEventListener('close', (event) => {
      if (event.code === CloseCode.replaced) this.#end('replaced');
      else if (event.code === CloseCode.ended) this.#end('line-ended');
    });
  }

  #onSignalingOpen(): void {
    if (this.#reason) return;
    this.#signalingFailures = 0;
    this.#signalingUp = true;
    this.#timers.clear('signaling');
    this.emit('signaling', 'open');
    if (this.role === 'clerk' && !this.#media && !this.#timers.has('recall')) this.#placeCall();
  }

  #onSignalingLost(): void {
    // PeerJS says 'disconnected' before our listener hears the close code (4000/4001 end the
    // call): decide in a moment.
    this.#timers.set('signaling', 0, () => this.#reconnectSignaling());
  }

  #reconnectSignaling(): void {
    if (this.#reason) return;
    if (this.#signalingUp) this.emit('signaling', 'reconnecting');
    this.#signalingUp = false;
    const delays = this.#timing.signalingDelaysMs;
    const base = delays[Math.min(this.#signalingFailures, delays.length - 1)] ?? 1_000;
    this.#signalingFailures += 1;
    // Jitter: after a server restart every page comes back, not all in the same instant.
    this.#timers.set('signaling', base * (0.5 + Math.random() / 2), () => {
      if (this.#reason || !this.#peer.disconnected || this.#peer.destroyed) return;
      this.#peer.reconnect();
      this.#watchSignalingSocket();
    });
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
    this.#adoptChannel(pc.createDataChannel('balcao', { negotiated: true, id: CHANNEL_ID, ordered: true }));
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
    const channel = this.#channel;
    if (channel?.readyState !== 'open') return false;
    try {
      channel.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
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
    // Candidates from now on belong to ICE restarts, which travel whole on the relay.
    pc.onicecandidate = null;
    this.#recovering = false;
    for (const name of ['connect', 'grace', 'budget', 'silence']) this.#timers.clear(name);
    this.#setState('connected');
    if (back) void this.#freshKeyFrame(pc);
    this.#statsTimer ??= setInterval(() => void this.#sampleQuality(), this.#timing.statsIntervalMs);
  }

  /**
   * After an outage the other side's decoder waits for a key frame: its requests (PLI) sent
   * during the outage were lost, and it asks again only ~3 s later, so the picture stayed
   * frozen that long. Pausing and resuming the video encoding makes the encoder start over
   * with a key frame at once. No renegotiation (setParameters only).
   */
  async #freshKeyFrame(pc: RTCPeerConnection): Promise<void> {
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const toggle = async (active: boolean): Promise<void> => {
        const parameters = sender.getParameters();
        for (const encoding of parameters.encodings) encoding.active = active;
        await sender.setParameters(parameters);
      };
      await toggle(false).then(() => toggle(true)).catch(() => undefined);
    }
  }

  #troubled(failed: boolean): void {
    if (this.#state === 'connected') this.#setState('reconnecting');
    if (this.role === 'citizen' && !this.#timers.has('silence')) {
      this.#timers.set('silence', this.#timing.citizenSilenceMs, () => this.#end('failed'));
    }
    if (failed) this.#startRecovery();
    else if (!this.#recovering && !this.#timers.has('grace')) this.#timers.set('grace', this.#timing.disconnectGraceMs, () => this.#startRecovery());
  }

  #startRecovery(): void {
    this.#timers.clear('grace');
    if (this.#recovering || this.#reason) return;
    this.#recovering = true;
    const budget = this.#timing.recoveryBudgetMs + (this.role === 'citizen' ? 5_000 : 0);
    this.#timers.set('budget', budget, () => this.#end('failed'));
    if (this.role === 'clerk') void this.#restartLoop();
  }

  async #restartLoop(): Promise<void> {
    const delays = this.#timing.restartDelaysMs;
    for (let attempt = 0; this.#recovering && !this.#reason; attempt++) {
      this.#restarts += 1;
      const connected = await this.#restartIce().catch(() => false);
      if (connected || !this.#recovering || this.#reason) return;
      await this.#wait(delays[Math.min(attempt, delays.length - 1)] ?? 1_000);
    }
  }

  /** One ICE restart from the clerk's side: true when the connection is back. */
  async #restartIce(): Promise<boolean> {
    const media = this.#media;
    const pc = media?.peerConnection;
    if (!pc) return false;
    pc.onicecandidate = null;
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    if (pc.signalingState !== 'stable') return false;
    const gathered = this.#gathered(pc);
    await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
    await gathered;
    const sdp = fitSdp(pc.localDescription?.sdp ?? '');
    if (!sdp || media !== this.#media || this.#reason) return false;
    const answer = new Promise<RtcDescription | undefined>((resolve) => {
      this.#answerWaiter = resolve;
      this.#timers.set('answer', this.#timing.answerTimeoutMs, () => resolve(undefined));
    });
    this.#options.relay.send({ type: 'offer', sdp });
    const description = await answer;
    this.#answerWaiter = undefined;
    this.#timers.clear('answer');
    if (media !== this.#media || this.#reason) return false;
    // (Read again: the awaits above let the state change; TypeScript still narrows it to 'stable'.)
    const offering = (pc.signalingState as RTCSignalingState) === 'have-local-offer';
    if (!description) {
      // No answer: back to the description that works (the old pair may have come back by itself).
      if (offering) await pc.setLocalDescription({ type: 'rollback' });
      return false;
    }
    if (!offering) return false;
    await pc.setRemoteDescription(description);
    return this.#until(pc, 'connectionstatechange', () => pc.connectionState === 'connected', this.#timing.restartConnectTimeoutMs);
  }

  #onDescription(input: RtcDescription): void {
    const description = parseRtcDescription(input);
    if (!description || this.#reason) return;
    if (this.role === 'clerk') {
      if (description.type === 'answer') this.#answerWaiter?.(description);
      return;
    }
    if (description.type !== 'offer') return;
    if (this.#state !== 'connected') this.#timers.set('silence', this.#timing.citizenOfferGapMs, () => this.#end('failed'));
    const seq = ++this.#offerSeq;
    this.#answering = this.#answering.then(() => this.#answerOffer(description, seq)).catch(() => undefined);
  }

  /** The citizen's side of an ICE restart: answer the newest offer, gathered, on the relay. */
  async #answerOffer(offer: RtcDescription, seq: number): Promise<void> {
    const media = this.#media;
    const pc = media?.peerConnection;
    if (!pc || seq !== this.#offerSeq || this.#reason) return;
    pc.onicecandidate = null;
    if (pc.signalingState !== 'stable') await pc.setLocalDescription({ type: 'rollback' });
    await pc.setRemoteDescription(offer);
    const gathered = this.#gathered(pc);
    await pc.setLocalDescription();
    await gathered;
    // A newer offer came meanwhile: it gets the answer.
    if (seq !== this.#offerSeq || media !== this.#media || this.#reason) return;
    const sdp = fitSdp(pc.localDescription?.sdp ?? '');
    if (sdp) this.#options.relay.send({ type: 'answer', sdp });
  }

  /**
   * The end of the gathering that the next setLocalDescription starts: call before it. The
   * state is not looked at now (it may still say 'complete' from the gathering before).
   */
  #gathered(pc: RTCPeerConnection): Promise<boolean> {
    return this.#until(pc, 'icegatheringstatechange', () => pc.iceGatheringState === 'complete', this.#timing.gatherTimeoutMs, false);
  }

  /** Resolves true once `test()` holds (checked now unless `checkNow` is false, and on each `event`), false after `ms`. */
  #until(target: EventTarget, event: string, test: () => boolean, ms: number, checkNow = true): Promise<boolean> {
    return new Promise((resolve) => {
      if (checkNow && test()) return resolve(true);
      const name = `wait-${++this.#waits}`;
      const finish = (ok: boolean): void => {
        target.removeEventListener(event, check);
        this.#timers.clear(name);
        resolve(ok);
      };
      const check = (): void => {
        if (test()) finish(true);
      };
      target.addEventListener(event, check);
      this.#timers.set(name, ms, () => finish(false));
    });
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.#timers.set(`wait-${++this.#waits}`, ms, resolve));
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
    this.#recovering = false;
    this.#timers.clearAll();
    clearInterval(this.#statsTimer);
    this.#answerWaiter?.(undefined);
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
