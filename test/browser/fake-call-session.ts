// A call session played by the test, for <balcao-virtual-chamada>: the test emits what the
// real session would (`emit`), every method call is recorded, and listeners are counted so
// that a test can see the view let go of the session. Its media behave as the real
// session's: the switches flip `localMedia` without an event, "Só áudio" stops and removes
// the camera track, hanging up ends the call ('state' then 'ended').
import type { CallViewSession } from '../../src/call-ui/call-view.js';
import type { CallEvents, CallRole, CallState, EndReason, MediaState } from '../../src/call/types.js';

type Listener = (value: never) => void;

/** A stream whose video is a canvas with frames advancing, and whose sound is a silent tone. */
export interface TestStream {
  readonly stream: MediaStream;
  stop(): void;
}

const running = new Set<TestStream>();

/** A live stream from a canvas (a moving bar) and, when `audio`, a silent oscillator. */
export function canvasStream({ audio = true, video = true } = {}): TestStream {
  const tracks: MediaStreamTrack[] = [];
  let frames: ReturnType<typeof setInterval> | undefined;
  let context: AudioContext | undefined;
  if (video) {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    let x = 0;
    const draw = (): void => {
      g.fillStyle = '#234';
      g.fillRect(0, 0, 160, 120);
      g.fillStyle = '#fc0';
      g.fillRect(x, 40, 20, 40);
      x = (x + 4) % 160;
    };
    draw();
    tracks.push(...canvas.captureStream(15).getVideoTracks());
    frames = setInterval(draw, 66);
  }
  if (audio) {
    context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = 0;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    tracks.push(...destination.stream.getAudioTracks());
  }
  const stream = new MediaStream(tracks);
  const handle: TestStream = {
    stream,
    stop() {
      clearInterval(frames);
      for (const track of stream.getTracks()) track.stop();
      void context?.close();
      running.delete(handle);
    },
  };
  running.add(handle);
  return handle;
}

/** Stops every test stream still running (after each test). */
export function stopTestStreams(): void {
  for (const handle of [...running]) handle.stop();
}

export interface FakeSessionOptions {
  readonly role?: CallRole;
  readonly state?: CallState;
  /** This side's media as the call starts (audio only: the local stream has no video track). */
  readonly audioOnly?: boolean;
  /** The other side's stream is there from the start. */
  readonly remote?: boolean;
}

export class FakeCallSession implements CallViewSession {
  readonly role: CallRole;
  state: CallState;
  endReason: EndReason | undefined;
  readonly localStream: MediaStream;
  remoteStream: MediaStream | undefined;
  localMedia: MediaState;
  /** Every method the view called, with its argument: `setMicrophoneEnabled(false)`. */
  readonly calls: string[] = [];
  /** What `sendChat` answers: false as when the data channel is down. */
  chatWorks = true;
  readonly #listeners = new Map<keyof CallEvents, Set<Listener>>();
  readonly #streams: TestStream[] = [];

  constructor(options: FakeSessionOptions = {}) {
    this.role = options.role ?? 'citizen';
    this.state = options.state ?? 'connecting';
    const local = canvasStream({ video: !options.audioOnly });
    this.#streams.push(local);
    this.localStream = local.stream;
    this.localMedia = { microphone: true, camera: !options.audioOnly, audioOnly: Boolean(options.audioOnly) };
    if (options.remote) this.remoteStream = this.newRemoteStream();
  }

  /** A fresh stream as the other side would send it (stopped with the session). */
  newRemoteStream(options?: { audio?: boolean; video?: boolean }): MediaStream {
    const remote = canvasStream(options);
    this.#streams.push(remote);
    return remote.stream;
  }

  on<K extends keyof CallEvents>(type: K, listener: (value: CallEvents[K]) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  }

  /** How many listeners are subscribed now (all events, or one). */
  listenerCount(type?: keyof CallEvents): number {
    if (type) return this.#listeners.get(type)?.size ?? 0;
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }

  /** What the real session emits; `state` and `remote-stream` also update the getters. */
  emit<K extends keyof CallEvents>(type: K, value: CallEvents[K]): void {
    if (type === 'state') this.state = value as CallState;
    if (type === 'ended') this.endReason = value as EndReason;
    if (type === 'remote-stream') this.remoteStream = value as MediaStream;
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as (v: CallEvents[K]) => void)(value);
  }

  /** The call ends as the real session ends it: the reason set, then 'state', then 'ended'. */
  end(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.emit('state', 'ended');
    this.emit('ended', reason);
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.calls.push(`setMicrophoneEnabled(${enabled})`);
    if (this.endReason) return;
    this.localMedia = { ...this.localMedia, microphone: enabled };
  }

  setCameraEnabled(enabled: boolean): void {
    this.calls.push(`setCameraEnabled(${enabled})`);
    if (this.endReason || this.localMedia.audioOnly) return;
    this.localMedia = { ...this.localMedia, camera: enabled };
  }

  switchToAudioOnly(): void {
    this.calls.push('switchToAudioOnly()');
    if (this.endReason || this.localMedia.audioOnly) return;
    for (const track of this.localStream.getVideoTracks()) {
      track.stop();
      this.localStream.removeTrack(track);
    }
    this.localMedia = { ...this.localMedia, camera: false, audioOnly: true };
  }

  sendChat(text: string): boolean {
    this.calls.push(`sendChat(${JSON.stringify(text)})`);
    if (this.endReason || !this.chatWorks || text.trim() === '') return false;
    this.emit('chat', { from: 'local', text, at: Date.now() });
    return true;
  }

  hangUp(): void {
    this.calls.push('hangUp()');
    this.end('hung-up-local');
  }

  /** Stops every stream of this session. */
  stop(): void {
    for (const stream of this.#streams) stream.stop();
  }
}
