// What the counter test's pages run inside the browser (functions sent as text: no class
// syntax, no imports): an init script that wraps RTCPeerConnection and records each
// configuration handed to WebRTC, the signaling and ICE gathering states of each connection
// (a second offer is an ICE restart; a connection that never gathered never sent a packet);
// readers for those records, the selected candidate pair and inbound RTP, a <video>'s
// painted frames and the page's visible text; init scripts that block the camera and the
// microphone. Driven from pages.ts.

/** What the init script keeps about one RTCPeerConnection of the page. */
export interface RtcConnectionRecord {
  /** The configuration given to `new RTCPeerConnection(…)`, as JSON (credentials included: ours are time-limited TURN ones). */
  readonly configuration: unknown;
  /** Every signaling state it went through: a second `have-local-offer` / `have-remote-offer` is an ICE restart. */
  readonly signaling: string[];
  /** Every ICE gathering state it went through: only `new` means it never gathered a candidate (so never sent a packet). */
  readonly gathering: string[];
  /** Its signaling state when read (`closed` once closed). */
  readonly now?: string;
}

export interface RtcRecord {
  readonly connections: RtcConnectionRecord[];
}

export interface CandidateSeen {
  readonly type: string;
  readonly address: string;
}

export interface ConnectionSeen {
  readonly connectionState: string;
  readonly local: CandidateSeen | null;
  readonly remote: CandidateSeen | null;
  /** inbound-rtp per kind: packets received (and frames decoded for video). */
  readonly inbound: readonly { kind: string; packets: number; frames: number }[];
}

declare global {
  interface Window {
    __balcaoRtc?: RtcRecord;
    __balcaoPeerConnections?: RTCPeerConnection[];
    __balcaoFrames?: WeakMap<HTMLVideoElement, number>;
  }
}

/**
 * Runs in every page before its scripts: `RTCPeerConnection` becomes a Proxy that records
 * each configuration, signaling and gathering states, then builds the real thing
 * (`instanceof`, statics and PeerJS's own wrapping keep working). No class syntax: the
 * function is sent to the browser as text.
 */
export function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  if (typeof Native !== 'function' || window.__balcaoRtc) return;
  const record: RtcRecord = { connections: [] };
  const connections: RTCPeerConnection[] = [];
  window.__balcaoRtc = record;
  window.__balcaoPeerConnections = connections;
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      const entry = { configuration: JSON.parse(JSON.stringify(args[0] ?? null)) as unknown, signaling: [pc.signalingState as string], gathering: [pc.iceGatheringState as string] };
      record.connections.push(entry);
      connections.push(pc);
      pc.addEventListener('signalingstatechange', () => entry.signaling.push(pc.signalingState));
      pc.addEventListener('icegatheringstatechange', () => entry.gathering.push(pc.iceGatheringState));
      return pc;
    },
  });
}

/** The page's RTC record, each connection with its state now. */
export function readRtc(): RtcRecord {
  const pcs = window.__balcaoPeerConnections ?? [];
  return { connections: (window.__balcaoRtc?.connections ?? []).map((c, i) => ({ ...c, now: pcs[i]?.signalingState ?? 'unknown' })) };
}

/** Init script: getUserMedia refuses whenever video is asked for (NotAllowedError, as a blocked camera); the microphone alone works. */
export function denyCamera(): void {
  const devices = navigator.mediaDevices;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints?: MediaStreamConstraints) =>
    constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : real(constraints);
}

/** Init script: every getUserMedia refuses (NotAllowedError), as when both the camera and the microphone are blocked. */
export function denyCameraAndMicrophone(): void {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
}

/** The page's text as a person sees it, shadow roots included (hidden elements, styles and scripts left out). */
export function visibleText(): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text) parts.push(text);
      return;
    }
    if (node instanceof Element) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName) || (node instanceof HTMLElement && node.hidden)) return;
      if (node.shadowRoot) return walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(document.body);
  return parts.join(' ');
}

/** Every connected RTCPeerConnection of the page: its selected candidate pair and what it receives. */
export async function connectionsSeen(): Promise<ConnectionSeen[]> {
  const seen: ConnectionSeen[] = [];
  for (const pc of window.__balcaoPeerConnections ?? []) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    let pairId: string | undefined;
    const inbound: { kind: string; packets: number; frames: number }[] = [];
    stats.forEach((s: { type: string; selectedCandidatePairId?: string; kind?: string; packetsReceived?: number; framesDecoded?: number }) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
      if (s.type === 'inbound-rtp') inbound.push({ kind: s.kind ?? '', packets: s.packetsReceived ?? 0, frames: s.framesDecoded ?? 0 });
    });
    const pair = pairId ? (stats.get(pairId) as { localCandidateId: string; remoteCandidateId: string } | undefined) : undefined;
    const candidate = (id: string | undefined): CandidateSeen | null => {
      const c = id ? (stats.get(id) as { candidateType: string; address?: string; ip?: string } | undefined) : undefined;
      return c ? { type: c.candidateType, address: c.address ?? c.ip ?? '' } : null;
    };
    seen.push({ connectionState: pc.connectionState, local: candidate(pair?.localCandidateId), remote: candidate(pair?.remoteCandidateId), inbound });
  }
  return seen;
}

export interface VideoSeen {
  readonly width: number;
  readonly currentTime: number;
  readonly paused: boolean;
  readonly hidden: boolean;
  /** Frames painted since the test first looked (requestVideoFrameCallback). */
  readonly frames: number;
}

/** Reads a <video>, and from the first read on counts its painted frames. */
export function readVideo(video: HTMLVideoElement): VideoSeen {
  const counts = (window.__balcaoFrames ??= new WeakMap());
  if (!counts.has(video)) {
    counts.set(video, 0);
    const tick = (): void => {
      counts.set(video, (counts.get(video) ?? 0) + 1);
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  }
  return { width: video.videoWidth, currentTime: video.currentTime, paused: video.paused, hidden: video.hidden, frames: counts.get(video) ?? 0 };
}
