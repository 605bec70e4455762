// The device check on the screen before the line: "Testar câmera e microfone" asks for
// permission (on the click, never on load), then shows a muted, mirrored preview, a
// microphone level meter with words next to it, the camera and microphone to choose, and the
// "Usar só áudio" switch; every problem in plain words with a next step. Recommended, never
// required: joining is blocked only when this browser cannot make calls at all.
//
// The preview's tracks stop when the screen changes, when joining (the camera light must not
// stay on during the wait) and when the element goes away. The devices are opened exactly as
// the call will open them (media-choice.ts), so what the check shows is what the call gets.
//
// Also said here, before anything is tried: an app's built-in browser (the camera often does
// not work there) and a weak connection (audio only is pre-selected, saying why).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { currentLocale } from '../../ui/locale.js';
import { problemWords } from './device-words.js';
import { mediaEnvironment, NO_MEDIA_CHOICE, openCallMedia, withoutMicrophone, type MediaChoice, type MediaProblem } from '../../ui/media-choice.js';

/** The generic Android WebView (an app showing a page), as `inAppBrowser` names it. */
export const ANDROID_WEBVIEW = 'Android WebView';

const IN_APP: readonly (readonly [RegExp, string])[] = [
  // Messenger before Facebook: its user agent carries Facebook's markers too.
  [/\bFBAN\/Messenger|\bFB_IAB\/MESSENGER|\bFB_IAB\/Orca-Android|\bMessengerForiOS|\bMessengerLiteForiOS/i, 'Messenger'],
  [/\bInstagram\b/i, 'Instagram'],
  [/\bFBAN\/|\bFBAV\/|\bFB_IAB\//, 'Facebook'],
  [/\bWhatsApp\b/i, 'WhatsApp'],
  // Also "musical_ly_30.1.0": no word boundary after the app's old name.
  [/musical_ly|\bBytedanceWebview\b|\bTikTok\b/i, 'TikTok'],
  [/\bLinkedInApp\b/i, 'LinkedIn'],
  [/\bTelegram-Android\b|\bTelegram\//i, 'Telegram'],
  [/\bLine\/\d/, 'LINE'],
  [/\bSnapchat\b/i, 'Snapchat'],
  // Any other app showing the page in Android's WebView: "(Linux; Android 14; Pixel 8; wv)".
  [/;\s?wv\)/, ANDROID_WEBVIEW],
];

/**
 * The app whose built-in browser shows the page (Instagram, Facebook, WhatsApp…), where the
 * camera and microphone often fail; `ANDROID_WEBVIEW` for another Android app; undefined for
 * a browser. iOS apps that use the system's web view without saying so are not detectable.
 */
export function inAppBrowser(userAgent: string): string | undefined {
  return IN_APP.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** Why audio only is recommended: a slow connection, or the person asked to save data. */
export type WeakConnection = 'slow' | 'save-data';

export function weakConnection(connection: { readonly effectiveType?: string; readonly saveData?: boolean } | undefined): WeakConnection | undefined {
  if (connection?.effectiveType === 'slow-2g' || connection?.effectiveType === '2g') return 'slow';
  if (connection?.saveData === true) return 'save-data';
  return undefined;
}

export interface DeviceCheckOptions {
  /** Whether the check's screen is shown: anywhere else, nothing stays open. */
  readonly active: () => boolean;
  /** The choice as the host keeps it (NO_MEDIA_CHOICE until someone chooses). */
  readonly choice: () => MediaChoice;
  readonly choose: (choice: MediaChoice) => void;
  /** Says something in the host's polite live region. */
  readonly announce: (text: string) => void;
  /** Moves the focus to this selector after the next render. */
  readonly focus: (selector: string) => void;
  /** "Escrever uma mensagem" instead, offered with the problems that keep the camera or microphone away. */
  readonly write?: () => void;
}

export interface Browser {
  /** Whether this browser can make a WebRTC call at all (RTCPeerConnection and getUserMedia). */
  readonly canCall: boolean;
  /** A page without HTTPS: the browser keeps the camera away, whatever it is. */
  readonly insecure: boolean;
  readonly app: string | undefined;
  readonly weak: WeakConnection | undefined;
}

export interface DeviceOption {
  readonly id: string;
  readonly label: string;
}

export type Phase = 'idle' | 'asking' | 'tested';

/** A 4096-sample window every 80 ms: no sound between two readings is missed. */
const METER_INTERVAL_MS = 80;
/** The meter's scale, in dB below full scale: quieter shows as empty. */
const METER_FLOOR_DB = 60;
/** A level this high (peak ≈ −36 dBFS, a voice at arm's length) counts as "we hear you". */
const HEARD_LEVEL = 0.4;

/**
 * The device check's state and resources (the preview stream, the meter's AudioContext and
 * timer, a `devicechange` listener). Never renders: device-check-view.ts draws it (its state is read-only there).
 * Owned by the flow element.
 */
export class DeviceCheckController implements ReactiveController {
  // The state below is read by device-check-view.ts (as Readonly) and changed here only.
  phase: Phase = 'idle';
  stream: MediaStream | undefined;
  problem: MediaProblem | undefined;
  cameras: readonly DeviceOption[] = [];
  microphones: readonly DeviceOption[] = [];
  /** The microphone's level, 0–1, as the meter shows it. */
  level = 0;
  /** Whether the microphone has picked up a voice since the test began. */
  heard = false;
  /** Audio only was pre-selected for a weak connection (and not changed since). */
  suggested: WeakConnection | undefined;
  /** Opening other devices after the test: the choices stay on screen meanwhile. */
  reopening = false;
  private browserSeen: Browser | undefined;
  private prepared = false;
  /** Each test or reopening; an answer for an older one is stopped and dropped. */
  private run = 0;
  /** The listeners and the meter of the stream shown now. */
  private shown: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly options: DeviceCheckOptions,
  ) {
    host.addController(this);
  }

  /** This browser, as read the first time it was asked. */
  get browser(): Browser {
    if (!this.browserSeen) {
      const env = mediaEnvironment();
      this.browserSeen = {
        canCall: env.peerConnection && env.getUserMedia !== undefined,
        insecure: !env.secure,
        app: inAppBrowser(env.userAgent),
        weak: weakConnection(env.connection),
      };
    }
    return this.browserSeen;
  }

  hostConnected(): void {
    // Nothing runs until "Testar câmera e microfone".
  }

  hostDisconnected(): void {
    this.release();
  }

  /** Before each render: on the check's screen, the first time, the weak connection's advice; elsewhere, everything off. */
  hostUpdate(): void {
    if (!this.options.active()) {
      if (this.phase !== 'idle') this.release();
      return;
    }
    if (this.prepared) return;
    this.prepared = true;
    const weak = this.browser.weak;
    // Only when nobody chose yet (a choice kept from before a reload stands).
    if (weak && this.options.choice() === NO_MEDIA_CHOICE) {
      this.suggested = weak;
      this.options.choose({ audioOnly: true });
    }
  }

  /** Everything off, the check back to its button (joining: the camera must not stay on during the wait). */
  stop(): void {
    if (this.phase === 'idle') return;
    this.release();
    this.host.requestUpdate();
  }

  private release(): void {
    this.run++;
    this.show(undefined);
    this.phase = 'idle';
    this.reopening = false;
    this.problem = undefined;
    this.cameras = [];
    this.microphones = [];
  }

  /** Shows a stream (stopping the one shown before), its meter and the device list's updates. */
  private show(stream: MediaStream | undefined): void {
    this.shown?.abort();
    this.shown = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = stream;
    this.level = 0;
    this.heard = false;
    if (!stream) return;
    const shown = new AbortController();
    this.shown = shown;
    this.meter(stream, shown.signal);
    mediaEnvironment().deviceEvents?.addEventListener('devicechange', () => void this.listDevices(this.run), { signal: shown.signal });
  }

  async test(): Promise<void> {
    if (this.phase === 'asking') return;
    this.release();
    this.phase = 'asking';
    // "Testar de novo" goes away: the focus waits on the button that replaces it.
    this.options.focus('#device-test');
    this.host.requestUpdate();
    await this.open(this.run, '#device-status');
  }

  /** Opens the chosen devices as the call will; false when a newer test or the end came first. */
  private async open(run: number, focus?: string): Promise<boolean> {
    const media = await openCallMedia(this.options.choice(), mediaEnvironment().getUserMedia);
    if (run !== this.run) {
      for (const track of media.stream.getTracks()) track.stop();
      return false;
    }
    this.show(media.stream);
    this.problem = media.problem;
    await this.listDevices(run);
    if (run !== this.run) return false;
    this.phase = 'tested';
    this.reopening = false;
    if (focus) this.options.focus(focus);
    this.host.requestUpdate();
    return true;
  }

  /** The cameras and microphones, with their names once permission was given. */
  private async listDevices(run: number): Promise<void> {
    const enumerate = mediaEnvironment().enumerateDevices;
    let devices: MediaDeviceInfo[] = [];
    try {
      devices = enumerate ? await enumerate() : [];
    } catch {
      // No list: the devices in use stay, without a choice.
    }
    if (run !== this.run) return;
    const options = (kind: MediaDeviceKind, name: (n: string) => string): DeviceOption[] =>
      devices
        .filter((d) => d.kind === kind && d.deviceId !== '')
        .map((d, i) => ({ id: d.deviceId, label: d.label || name(new Intl.NumberFormat(currentLocale()).format(i + 1)) }));
    this.cameras = options('videoinput', (n) => msg(str`Câmera ${n}`));
    this.microphones = options('audioinput', (n) => msg(str`Microfone ${n}`));
    this.host.requestUpdate();
  }

  /** Another camera or microphone, or the camera back on: opened again (the choices stay where they are), what changed said. */
  private async reopen(said: string | undefined): Promise<void> {
    this.run++;
    const run = this.run;
    this.show(undefined);
    this.reopening = true;
    this.host.requestUpdate();
    if (!(await this.open(run))) return;
    const problem = this.problem;
    const text = problem ? problemWords(problem).headline : said;
    if (text) this.options.announce(text);
  }

  chooseDevice(kind: 'camera' | 'microphone', id: string): void {
    const choice = this.options.choice();
    this.options.choose(kind === 'camera' ? { ...choice, cameraId: id } : { ...choice, microphoneId: id });
    void this.reopen(undefined);
  }

  setAudioOnly(audioOnly: boolean): void {
    this.suggested = undefined;
    this.options.choose({ ...this.options.choice(), audioOnly });
    if (this.phase === 'idle') return;
    const stream = this.stream;
    // Devices still being opened were asked with the other choice: asked again with this one.
    if (!audioOnly || !stream || this.phase === 'asking' || this.reopening) {
      void this.reopen(audioOnly ? msg('A câmera foi desligada. Você vai entrar só com áudio.') : msg('A câmera foi ligada.'));
      return;
    }
    // The camera off at once; the microphone goes on (no new permission to ask).
    for (const track of stream.getVideoTracks()) {
      track.stop();
      stream.removeTrack(track);
    }
    if (!withoutMicrophone(this.problem)) this.problem = undefined;
    this.host.requestUpdate();
    this.options.announce(msg('A câmera foi desligada. Você vai entrar só com áudio.'));
  }

  end(): void {
    this.stop();
    this.options.focus('#device-test');
    this.options.announce(msg('Teste encerrado: a câmera e o microfone foram desligados.'));
  }

  /** The microphone's level: peaks over the last window, on a dB scale, falling back slowly. */
  private meter(stream: MediaStream, signal: AbortSignal): void {
    const track = stream.getAudioTracks()[0];
    const Context: typeof AudioContext | undefined = globalThis.AudioContext;
    if (!track || !Context) return;
    let context: AudioContext;
    try {
      context = new Context();
    } catch {
      return;
    }
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    source.connect(analyser);
    // Created after the permission's answer, not in the click: where autoplay is strict it
    // starts suspended, and may resume now that the page had a click.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      const db = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
      const now = Math.min(1, Math.max(0, (db + METER_FLOOR_DB) / METER_FLOOR_DB));
      const level = Math.round(Math.max(now, this.level - 0.1) * 20) / 20;
      const heard = this.heard || now >= HEARD_LEVEL;
      if (level === this.level && heard === this.heard) return;
      if (heard && !this.heard) this.options.announce(msg('Ouvimos você: o microfone está funcionando.'));
      this.level = level;
      this.heard = heard;
      this.host.requestUpdate();
    }, METER_INTERVAL_MS);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        source.disconnect();
        void context.close().catch(() => undefined);
      },
      { once: true },
    );
  }
}
