// The camera and microphone the citizen chose before joining (device-check.ts), and how the
// call opens them when the citizen presses "Entrar" (call-ui/citizen-call.ts): the chosen
// devices, else the default ones when a chosen one is gone; audio only when the camera is
// blocked, missing or busy; and, when nothing can be opened, an empty stream — the citizen
// still sees and hears the clerk and can write in the chat.
//
// The choice is kept in this tab's sessionStorage next to the ticket, so that a reload in the
// line keeps it: device ids and the "só áudio" switch only (never a device's label).
//
// Everything the browser provides here (getUserMedia, enumerateDevices, RTCPeerConnection,
// the user agent, the connection's hints) is read through `mediaEnvironment()`, which tests
// replace with `setMediaEnvironment()`.

import { unitUrl } from './server-api.js';

export interface MediaChoice {
  /** "Usar só áudio": no camera in the call. */
  readonly audioOnly: boolean;
  /** The chosen camera (a `MediaDeviceInfo.deviceId`); the browser's default when absent. */
  readonly cameraId?: string;
  /** The chosen microphone; the browser's default when absent. */
  readonly microphoneId?: string;
}

/** Nothing chosen yet (the flow starts with this very object: the device check tells it from a choice). */
export const NO_MEDIA_CHOICE: MediaChoice = Object.freeze({ audioOnly: false });

/**
 * What went wrong opening the devices; the stream says what is left:
 * - the camera, the call goes on with audio only: `camera-denied` (blocked by the person or
 *   the browser), `no-camera`, `busy` (in use by another program), `camera-failed`;
 * - the microphone, the clerk won't hear the citizen (the camera alone is kept when it was
 *   wanted and works): `microphone-denied`, `no-microphone`, `microphone-busy`, `microphone-failed`;
 * - both, an empty stream: `all-denied`, `no-devices`, `all-busy`;
 * - `unsupported`: this browser (or a page without HTTPS) has no getUserMedia; an empty stream.
 */
export type MediaProblem =
  | 'camera-denied'
  | 'no-camera'
  | 'busy'
  | 'camera-failed'
  | 'microphone-denied'
  | 'no-microphone'
  | 'microphone-busy'
  | 'microphone-failed'
  | 'all-denied'
  | 'no-devices'
  | 'all-busy'
  | 'unsupported';

export interface CallMedia {
  /** The tracks that could be opened (perhaps none). The caller stops them when done. */
  readonly stream: MediaStream;
  /** Whether the call goes without camera (chosen, or fallen back to). */
  readonly audioOnly: boolean;
  readonly problem?: MediaProblem;
}

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** `navigator.connection` (Network Information API, Chromium only). */
export interface ConnectionHints {
  readonly effectiveType?: string;
  readonly saveData?: boolean;
}

export interface MediaEnvironment {
  /** undefined in an old browser, or on a page without HTTPS (no `navigator.mediaDevices`). */
  readonly getUserMedia: GetUserMedia | undefined;
  readonly enumerateDevices: (() => Promise<MediaDeviceInfo[]>) | undefined;
  /** Where `devicechange` fires (a headset plugged in). */
  readonly deviceEvents: EventTarget | undefined;
  /** Whether RTCPeerConnection exists. */
  readonly peerConnection: boolean;
  /** Whether the page is a secure context (HTTPS or localhost): without it there is no camera. */
  readonly secure: boolean;
  readonly userAgent: string;
  readonly connection: ConnectionHints | undefined;
}

function browserEnvironment(): MediaEnvironment {
  const devices: MediaDevices | undefined = navigator.mediaDevices;
  return {
    getUserMedia: typeof devices?.getUserMedia === 'function' ? (constraints) => devices.getUserMedia(constraints) : undefined,
    enumerateDevices: typeof devices?.enumerateDevices === 'function' ? () => devices.enumerateDevices() : undefined,
    deviceEvents: devices,
    peerConnection: typeof RTCPeerConnection === 'function',
    secure: globalThis.isSecureContext !== false,
    userAgent: navigator.userAgent,
    connection: (navigator as Navigator & { readonly connection?: ConnectionHints }).connection,
  };
}

let replaced: Partial<MediaEnvironment> = {};

/** The browser's media functions, as tests may have replaced them. */
export function mediaEnvironment(): MediaEnvironment {
  return { ...browserEnvironment(), ...replaced };
}

/** Tests: replaces some of the browser's media functions (an explicit undefined removes one); none puts the real ones back. */
export function setMediaEnvironment(next?: Partial<MediaEnvironment>): void {
  replaced = next ?? {};
}

// ── Opening the devices ──────────────────────────────────────────────────────

type Failure = 'denied' | 'missing' | 'busy' | 'failed';

/** Why getUserMedia failed, by the error's name (older Chromium names included). */
export function failureOf(error: unknown): Failure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError': // Firefox on Windows, for a camera another program holds.
      return 'busy';
    default:
      return 'failed';
  }
}

const CAMERA_PROBLEM: Record<Failure, MediaProblem> = {
  denied: 'camera-denied',
  missing: 'no-camera',
  busy: 'busy',
  failed: 'camera-failed',
};

const MICROPHONE_PROBLEM: Record<Failure, MediaProblem> = {
  denied: 'microphone-denied',
  missing: 'no-microphone',
  busy: 'microphone-busy',
  failed: 'microphone-failed',
};

function constraintsFor(choice: MediaChoice, audio: boolean, video: boolean, byId: boolean): MediaStreamConstraints {
  const camera: MediaTrackConstraints =
    byId && choice.cameraId
      ? { deviceId: { exact: choice.cameraId }, width: { ideal: 640 }, height: { ideal: 480 } }
      : // A phone's front camera, at a size a weak connection can carry.
        { facingMode: { ideal: 'user' }, width: { ideal: 640 }, height: { ideal: 480 } };
  const microphone: MediaTrackConstraints | true = byId && choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true;
  return { audio: audio && microphone, video: video && camera };
}

type Attempt = { readonly stream: MediaStream } | { readonly failure: Failure };

/** The devices of the choice; the default ones when a chosen one is gone. */
async function attempt(getUserMedia: GetUserMedia, choice: MediaChoice, audio: boolean, video: boolean): Promise<Attempt> {
  const chosen = (audio && choice.microphoneId !== undefined) || (video && choice.cameraId !== undefined);
  try {
    return { stream: await getUserMedia(constraintsFor(choice, audio, video, true)) };
  } catch (error) {
    // A chosen device that is gone (unplugged, or its id changed) gives way to the default one.
    if (!chosen || failureOf(error) !== 'missing') return { failure: failureOf(error) };
  }
  try {
    return { stream: await getUserMedia(constraintsFor(choice, audio, video, false)) };
  } catch (error) {
    return { failure: failureOf(error) };
  }
}

/**
 * Opens the camera and microphone of `choice` for a call (or the check before joining),
 * falling back as far as it must: never rejects. Call it in the click that starts the call.
 */
export async function openCallMedia(
  choice: MediaChoice,
  getUserMedia: GetUserMedia | undefined = mediaEnvironment().getUserMedia,
): Promise<CallMedia> {
  if (!getUserMedia) return { stream: new MediaStream(), audioOnly: true, problem: 'unsupported' };
  if (choice.audioOnly) {
    const audio = await attempt(getUserMedia, choice, true, false);
    return 'stream' in audio
      ? { stream: audio.stream, audioOnly: true }
      : { stream: new MediaStream(), audioOnly: true, problem: MICROPHONE_PROBLEM[audio.failure] };
  }
  const both = await attempt(getUserMedia, choice, true, true);
  if ('stream' in both) return { stream: both.stream, audioOnly: false };
  // Something failed: the microphone alone first (the call needs it most), then the camera alone.
  const audio = await attempt(getUserMedia, choice, true, false);
  if ('stream' in audio) return { stream: audio.stream, audioOnly: true, problem: CAMERA_PROBLEM[both.failure] };
  const video = await attempt(getUserMedia, choice, false, true);
  if ('stream' in video) return { stream: video.stream, audioOnly: false, problem: MICROPHONE_PROBLEM[audio.failure] };
  return { stream: new MediaStream(), audioOnly: true, problem: bothProblem(audio.failure, video.failure) };
}

/** Neither device opened: the same reason for both, else the microphone's (the one the call needs most). */
function bothProblem(microphone: Failure, camera: Failure): MediaProblem {
  if (microphone === camera) {
    if (microphone === 'denied') return 'all-denied';
    if (microphone === 'missing') return 'no-devices';
    if (microphone === 'busy') return 'all-busy';
  }
  return MICROPHONE_PROBLEM[microphone];
}

/** Whether the problem leaves the clerk unable to hear the citizen. */
export function withoutMicrophone(problem: MediaProblem | undefined): boolean {
  return problem !== undefined && !(problem === 'camera-denied' || problem === 'no-camera' || problem === 'busy' || problem === 'camera-failed');
}

// ── Kept in this tab ─────────────────────────────────────────────────────────

/** The sessionStorage key of the choice for a unit of a server (next to its ticket's). */
export function mediaChoiceKey(server: URL, unitId: string): string {
  return `balcao-virtual:media:${unitUrl(server, unitId).href}`;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;

/** The fields of a choice in a stored value, or undefined when it is not one. */
export function pickMediaChoice(value: unknown): MediaChoice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Record<keyof MediaChoice, unknown>>;
  if (typeof v.audioOnly !== 'boolean') return undefined;
  if ((v.cameraId !== undefined && !isId(v.cameraId)) || (v.microphoneId !== undefined && !isId(v.microphoneId))) return undefined;
  return {
    audioOnly: v.audioOnly,
    ...(v.cameraId === undefined ? {} : { cameraId: v.cameraId }),
    ...(v.microphoneId === undefined ? {} : { microphoneId: v.microphoneId }),
  };
}

export function readMediaChoice(key: string): MediaChoice | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? undefined : pickMediaChoice(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function saveMediaChoice(key: string, choice: MediaChoice): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(pickMediaChoice(choice)));
  } catch {
    // Storage full or blocked: the choice holds in this page, only a reload loses it.
  }
}
