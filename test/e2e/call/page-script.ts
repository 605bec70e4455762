// The page side of the call tests: bundled with src/call (and PeerJS) by ../harness/bundle.ts
// and served by pages.ts. It plays the part of the widget / clerk element: the line socket
// (a real WebSocket to the Balcão server, reconnecting with the same hello after a server
// restart, as the widget does), the camera (fake devices), and one CallSession whose relay
// is that line socket. Every session event goes to a log with Date.now() (both browsers
// share the machine's clock). The line's `done` aborts the session's signal, as the flow's
// CallStart.signal does.

import { answerCitizenCall, startClerkCall, type CallSession, type DescriptionRelay, type JsonObject, type MediaState, type QualityLevel } from '../../../src/call/index.js';
import type { RtcDescription } from '../../../src/core/protocol/index.js';
import type { ConnectionInfo, HarnessApi, LogEntry, StartOptions, VideoState } from './page-api.js';

const entries: LogEntry[] = [];
const log = (type: string, detail?: unknown): void => {
  entries.push(detail === undefined ? { at: Date.now(), type } : { at: Date.now(), type, detail: String(detail) });
};

type LineMessage = { readonly type: string; readonly [key: string]: unknown };

class LineSocket {
  readonly messages: LineMessage[] = [];
  readonly #listeners = new Set<(description: RtcDescription) => void>();
  #ws: WebSocket | undefined;

  constructor(
    private readonly url: string,
    private readonly hello: object,
    private readonly onMessage: (message: LineMessage) => void,
  ) {
    this.#open();
  }

  #open(): void {
    const ws = new WebSocket(this.url);
    this.#ws = ws;
    ws.addEventListener('open', () => ws.send(JSON.stringify(this.hello)));
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as LineMessage;
      this.messages.push(message);
      if (message.type === 'rtc') for (const listener of this.#listeners) listener(message.description as RtcDescription);
      this.onMessage(message);
    });
    ws.addEventListener('close', () => {
      log('line-closed');
      setTimeout(() => this.#open(), 200);
    });
  }

  send(message: object): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(message));
  }

  relay(): DescriptionRelay {
    return {
      send: (description) => {
        log('relay-send', description.type);
        this.send({ type: 'rtc', description });
      },
      onDescription: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
    };
  }
}

let line: LineSocket | undefined;
let stream: MediaStream | undefined;
let session: CallSession | undefined;
let startedAt = 0;
const lineDone = new AbortController();
const chat: { from: string; text: string }[] = [];
let identification: JsonObject | null = null;
let remoteMedia: MediaState | null = null;
const quality: QualityLevel[] = [];
let remoteStreams = 0;
const video = { frames: 0, firstFrameAt: null as number | null };

function remoteVideo(): HTMLVideoElement {
  return document.querySelector<HTMLVideoElement>('#remote')!;
}

function watchFrames(element: HTMLVideoElement): void {
  const onFrame = (): void => {
    if (video.firstFrameAt === null) {
      video.firstFrameAt = Date.now();
      log('first-frame');
    }
    video.frames++;
    element.requestVideoFrameCallback(onFrame);
  };
  element.requestVideoFrameCallback(onFrame);
}

function attach(s: CallSession, label: string): void {
  s.on('state', (state) => log(`${label}state`, state));
  s.on('ended', (reason) => log(`${label}ended`, reason));
  s.on('signaling', (state) => log(`${label}signaling`, state));
}

function candidate(stat: Record<string, unknown> | undefined): ConnectionInfo['candidates'][number] {
  return { type: String(stat?.candidateType), address: String(stat?.address ?? stat?.ip), protocol: String(stat?.protocol) };
}

const api: HarnessApi = {
  connectLine(path, server, hello) {
    const url = new URL(path, server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    line = new LineSocket(url.href, hello, (message) => {
      if (message.type === 'done') lineDone.abort();
    });
  },
  lineSend(message) {
    line?.send(message);
  },
  lineMessages() {
    return line?.messages.slice() ?? [];
  },
  async getMedia(audio, withVideo, width = 640) {
    stream = await navigator.mediaDevices.getUserMedia({ audio, video: withVideo ? { width, height: (width * 3) / 4 } : false });
    return stream.getTracks().map((t) => t.kind).sort();
  },
  start(options: StartOptions) {
    if (!line || !stream) throw new Error('line socket and media first');
    const common = {
      server: options.server,
      peerId: options.peerId,
      peerToken: options.peerToken,
      remotePeerId: options.remotePeerId,
      ice: options.ice,
      localStream: stream,
      relay: line.relay(),
      signal: lineDone.signal,
      ...(options.timing ? { timing: options.timing } : {}),
    };
    startedAt = Date.now();
    log('start', options.role);
    const s =
      options.role === 'clerk'
        ? startClerkCall(common)
        : answerCitizenCall({ ...common, ...(options.identification ? { identification: options.identification } : {}) });
    session = s;
    attach(s, '');
    s.on('remote-stream', (remote) => {
      remoteStreams++;
      log('remote-stream', remote.getTracks().map((t) => t.kind).sort().join(','));
      const element = remoteVideo();
      element.srcObject = remote;
      element.play().catch((error: unknown) => log('play-error', error));
      watchFrames(element);
    });
    s.on('chat', (message) => chat.push({ from: message.from, text: message.text }));
    s.on('identification', (data) => {
      identification = data;
      log('identification');
    });
    s.on('remote-media', (media) => {
      remoteMedia = media;
      log('remote-media', JSON.stringify(media));
    });
    s.on('quality', (q) => quality.push(q.level));
  },
  startIntruder(options) {
    // Another tab with the same ticket: its own (empty) stream, its own relay that goes nowhere.
    const intruder = answerCitizenCall({
      server: options.server,
      peerId: options.peerId,
      peerToken: options.peerToken,
      remotePeerId: options.remotePeerId,
      ice: options.ice,
      localStream: new MediaStream(),
      relay: { send: () => undefined, onDescription: () => () => undefined },
      timing: { connectTimeoutMs: 5_000 },
    });
    attach(intruder, 'intruder-');
  },
  snapshot() {
    if (!session) throw new Error('no session');
    return {
      state: session.state,
      reason: session.endReason,
      startedAt,
      iceRestarts: session.iceRestarts,
      chat: chat.slice(),
      identification,
      remoteMedia,
      quality: quality.slice(),
      remoteStreams,
    };
  },
  log: () => entries.slice(),
  video(): VideoState {
    const element = remoteVideo();
    const remote = element.srcObject instanceof MediaStream ? element.srcObject : null;
    return {
      videoWidth: element.videoWidth,
      currentTime: element.currentTime,
      paused: element.paused,
      painted: video.frames,
      firstFrameAt: video.firstFrameAt,
      remoteTracks: remote ? remote.getTracks().map((t) => `${t.kind}:${t.readyState}`).sort() : [],
    };
  },
  async connection() {
    const pc = session?.peerConnection;
    if (!pc) return null;
    const stats = [...(await pc.getStats()).values()] as Record<string, unknown>[];
    const byId = new Map(stats.map((s) => [s.id, s]));
    const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = transport ? byId.get(transport.selectedCandidatePairId) : undefined;
    const config = pc.getConfiguration();
    return {
      iceTransportPolicy: config.iceTransportPolicy,
      iceServerUrls: (config.iceServers ?? []).flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls])),
      connectionState: pc.connectionState,
      selected: pair ? { local: candidate(byId.get(pair.localCandidateId)), remote: candidate(byId.get(pair.remoteCandidateId)) } : null,
      candidates: stats.filter((s) => s.type === 'local-candidate' || s.type === 'remote-candidate').map(candidate),
      inbound: stats.filter((s) => s.type === 'inbound-rtp').map((s) => ({ kind: String(s.kind), packets: Number(s.packetsReceived ?? 0) })),
    };
  },
  async diagnostics() {
    const pc = session?.peerConnection;
    if (!pc) return 'no connection';
    const pick = (o: Record<string, unknown>, keys: string[]): string => keys.map((k) => `${k}=${String(o[k])}`).join(' ');
    const lines = [`pc ${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}`];
    for (const s of (await pc.getStats()).values() as Iterable<Record<string, unknown>>) {
      if (s.type === 'outbound-rtp' && s.kind === 'video') lines.push(`out ${pick(s, ['framesEncoded', 'framesSent', 'bytesSent', 'qualityLimitationReason', 'pliCount', 'firCount', 'nackCount', 'frameWidth', 'targetBitrate', 'active'])}`);
      if (s.type === 'inbound-rtp' && s.kind === 'video') lines.push(`in ${pick(s, ['framesReceived', 'framesDecoded', 'framesDropped', 'keyFramesDecoded', 'packetsReceived', 'packetsLost', 'pliCount', 'nackCount', 'freezeCount'])}`);
      if (s.type === 'candidate-pair' && s.nominated) lines.push(`pair ${pick(s, ['state', 'availableOutgoingBitrate', 'currentRoundTripTime', 'bytesSent', 'bytesReceived'])}`);
    }
    return lines.join('\n');
  },
  sendChat(text) {
    return session?.sendChat(text) ?? false;
  },
  control(control) {
    if (!session) return;
    log('control', control);
    switch (control) {
      case 'hangUp':
        return session.hangUp();
      case 'destroy':
        return session.destroy();
      case 'switchToAudioOnly':
        return session.switchToAudioOnly();
      case 'muteMic':
        return session.setMicrophoneEnabled(false);
      case 'unmuteMic':
        return session.setMicrophoneEnabled(true);
      case 'cameraOff':
        return session.setCameraEnabled(false);
      case 'cameraOn':
        return session.setCameraEnabled(true);
    }
  },
};

window.harness = api;
