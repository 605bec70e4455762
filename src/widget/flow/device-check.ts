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

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { currentLocale } from '../../ui/locale.js';
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

interface Browser {
  /** Whether this browser can make a WebRTC call at all (RTCPeerConnection and getUserMedia). */
  readonly canCall: boolean;
  /** A page without HTTPS: the browser keeps the camera away, whatever it is. */
  readonly insecure: boolean;
  readonly app: string | undefined;
  readonly weak: WeakConnection | undefined;
}

interface DeviceOption {
  readonly id: string;
  readonly label: string;
}

type Phase = 'idle' | 'asking' | 'tested';

/** A 4096-sample window every 80 ms: no sound between two readings is missed. */
const METER_INTERVAL_MS = 80;
/** The meter's scale, in dB below full scale: quieter shows as empty. */
const METER_FLOOR_DB = 60;
/** A level this high (peak ≈ −36 dBFS, a voice at arm's length) counts as "we hear you". */
const HEARD_LEVEL = 0.4;

/**
 * The device check's state and resources (the preview stream, the meter's AudioContext and
 * timer, a `devicechange` listener), and its part of the screen. Owned by the flow element.
 */
export class DeviceCheckController implements ReactiveController {
  private phase: Phase = 'idle';
  private stream: MediaStream | undefined;
  private problem: MediaProblem | undefined;
  private cameras: readonly DeviceOption[] = [];
  private microphones: readonly DeviceOption[] = [];
  /** The microphone's level, 0–1, as the meter shows it. */
  private level = 0;
  /** Whether the microphone has picked up a voice since the test began. */
  private heard = false;
  /** Audio only was pre-selected for a weak connection (and not changed since). */
  private suggested: WeakConnection | undefined;
  /** Opening other devices after the test: the choices stay on screen meanwhile. */
  private reopening = false;
  private browserSeen: Browser | undefined;
  private prepared = false;
  /** Each test or reopening; an answer for an older one is stopped and dropped. */
  private run = 0;
  /** The listeners and the meter of the stream shown now. */
  private shown: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeviceCheckOptions,
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

  private async test(): Promise<void> {
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

  private chooseDevice(kind: 'camera' | 'microphone', id: string): void {
    const choice = this.options.choice();
    this.options.choose(kind === 'camera' ? { ...choice, cameraId: id } : { ...choice, microphoneId: id });
    void this.reopen(undefined);
  }

  private setAudioOnly(audioOnly: boolean): void {
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

  private end(): void {
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

  // ── Rendering ──────────────────────────────────────────────────────────────

  /** This browser can't make calls: what to use instead, and the unit's contacts (`contacts`: nothing when none). */
  renderCannotCall(contacts: TemplateResult | typeof nothing): TemplateResult {
    const { insecure, app } = this.browser;
    return html`<div class="problem" part="problem" id="cannot-call">
        <p>${msg('Este navegador não consegue fazer chamadas de vídeo.')}</p>
      </div>
      ${app ? this.renderInApp(app) : nothing}
      <p>
        ${insecure
          ? msg('Esta página não usa um endereço seguro (https), e sem ele nenhum navegador liga a câmera e o microfone. Avise a unidade.')
          : msg('Para ser atendido(a) por vídeo, abra esta página na versão mais recente do Chrome, Firefox, Edge ou Safari.')}
      </p>
      ${contacts === nothing
        ? html`<p>${msg('Se preferir, procure o telefone ou o e-mail da unidade no site do tribunal.')}</p>`
        : html`<p>${msg('Se preferir, fale com a unidade:')}</p>
            ${contacts}`}`;
  }

  /** The check: its button, or the preview, meter, choices and problems; and the "só áudio" switch. */
  render(contacts: TemplateResult | typeof nothing): TemplateResult {
    const choice = this.options.choice();
    const app = this.browser.app;
    return html`<section class="devices" aria-labelledby="devices-heading">
      <h3 class="subheading" id="devices-heading">${msg('Câmera e microfone')}</h3>
      ${app ? this.renderInApp(app) : nothing}
      ${this.phase === 'tested' ? this.renderTested(choice, contacts) : this.renderButton(choice)}
      ${this.renderAudioOnly(choice)}
    </section>`;
  }

  private renderInApp(app: string): TemplateResult {
    return html`<div class="notice" part="note" id="in-app">
      <p>
        <strong>
          ${app === ANDROID_WEBVIEW ? msg('Esta página está aberta dentro de um aplicativo.') : msg(str`Esta página está aberta dentro do ${app}.`)}
        </strong>
        ${msg('Nele, a câmera e o microfone podem não funcionar.')}
      </p>
      <p>${msg('Para evitar problemas, abra a página no Chrome ou no Safari: toque em ⋮ ou ··· e escolha "Abrir no navegador".')}</p>
    </div>`;
  }

  private renderButton(choice: MediaChoice): TemplateResult {
    const asking = this.phase === 'asking';
    const label = choice.audioOnly ? msg('Testar o microfone') : msg('Testar câmera e microfone');
    return html`<p>${msg('Ao entrar, o navegador vai pedir para usar a câmera e o microfone.')}</p>
      <p class="hint">${msg('Recomendado: teste antes de entrar na fila. Se o navegador perguntar, escolha "Permitir".')}</p>
      <div class="actions">
        <button type="button" id="device-test" class="secondary" part="button" aria-disabled=${asking ? 'true' : 'false'} @click=${() => void this.test()}>
          ${asking ? msg('Ligando…') : label}
        </button>
      </div>`;
  }

  private renderTested(choice: MediaChoice, contacts: TemplateResult | typeof nothing): TemplateResult {
    const stream = this.stream;
    const videoTrack = stream?.getVideoTracks().find((t) => t.readyState === 'live');
    const audioTrack = stream?.getAudioTracks().find((t) => t.readyState === 'live');
    const words = this.problem && !this.reopening ? problemWords(this.problem) : undefined;
    const summary = this.reopening
      ? msg('Ligando…')
      : (words?.headline ??
        (videoTrack ? msg('Câmera e microfone ligados. Confira sua imagem e fale algo.') : msg('Microfone ligado. Fale algo para conferir.')));
    return html`<p id="device-status" class=${words ? 'problem' : nothing} tabindex="-1">${summary}</p>
      ${words ? this.renderProblem(words, contacts) : nothing}
      ${videoTrack
        ? html`<figure class="preview">
            <video .srcObject=${stream ?? null} .muted=${true} muted autoplay playsinline aria-describedby="preview-caption"></video>
            <figcaption id="preview-caption" class="hint">
              ${msg('Sua imagem, como num espelho: só você vê. A câmera desliga enquanto você espera na fila; ela liga de novo quando você entrar na chamada.')}
            </figcaption>
          </figure>`
        : nothing}
      ${audioTrack
        ? html`<div class="level">
            <label for="mic-level">${msg('Volume do microfone')}</label>
            <meter id="mic-level" min="0" max="1" .value=${this.level} aria-describedby="mic-hint"></meter>
            <p class="hint" id="mic-hint">${this.heard ? msg('Ouvimos você: o microfone está funcionando.') : msg('Fale algo: a barra deve se mexer.')}</p>
          </div>`
        : nothing}
      ${choice.audioOnly ? nothing : this.renderSelect('camera', msg('Câmera'), this.cameras, choice.cameraId, videoTrack)}
      ${this.renderSelect('microphone', msg('Microfone'), this.microphones, choice.microphoneId, audioTrack)}
      <div class="actions">
        ${words?.retry
          ? html`<button type="button" id="device-retry" class="secondary" part="button" @click=${() => void this.test()}>${msg('Testar de novo')}</button>`
          : nothing}
        <button type="button" id="device-stop" class="secondary" part="button" @click=${() => this.end()}>${msg('Encerrar o teste')}</button>
      </div>`;
  }

  private renderProblem(words: ProblemWords, contacts: TemplateResult | typeof nothing): TemplateResult {
    return html`${words.allow
        ? html`<ol class="steps" id="allow-steps">
              <li>${msg('Toque ou clique no cadeado ao lado do endereço da página.')}</li>
              <li>${msg('Abra "Permissões" (ou "Configurações do site").')}</li>
              <li>${msg('Em "Câmera" e "Microfone", escolha "Permitir".')}</li>
              <li>${msg('Volte aqui e toque em "Testar de novo".')}</li>
            </ol>
            <p class="hint">${msg('No iPhone ou iPad: toque em "aA" ao lado do endereço, depois em "Ajustes do Site".')}</p>`
        : nothing}
      ${words.next ? html`<p>${words.next}</p>` : nothing}
      ${words.contacts && contacts !== nothing ? html`<p>${msg('Se preferir, fale com a unidade:')}</p>${contacts}` : nothing}
      ${(words.allow || words.contacts) && this.options.write
        ? html`<div class="actions">
            <button type="button" class="secondary" part="button" data-write @click=${this.options.write}>${msg('Escrever uma mensagem')}</button>
          </div>`
        : nothing}`;
  }

  private renderSelect(
    kind: 'camera' | 'microphone',
    label: string,
    devices: readonly DeviceOption[],
    chosen: string | undefined,
    track: MediaStreamTrack | undefined,
  ): TemplateResult | typeof nothing {
    if (devices.length === 0) return nothing;
    // The device in use: the chosen one, or the one the browser picked.
    const inUse = chosen !== undefined && devices.some((d) => d.id === chosen) ? chosen : track?.getSettings().deviceId;
    return html`<div class="field">
      <label for=${`${kind}-select`}>${label}</label>
      <select id=${`${kind}-select`} @change=${(e: Event) => this.chooseDevice(kind, (e.target as HTMLSelectElement).value)}>
        ${devices.map((d) => html`<option value=${d.id} .selected=${d.id === inUse}>${d.label}</option>`)}
      </select>
    </div>`;
  }

  private renderAudioOnly(choice: MediaChoice): TemplateResult | typeof nothing {
    // No camera at all: nothing to switch off.
    if (this.problem === 'no-camera' || this.problem === 'no-devices') return nothing;
    const suggested = this.suggested;
    return html`<div class="choice">
        <input
          type="checkbox"
          role="switch"
          id="audio-only"
          .checked=${choice.audioOnly}
          aria-describedby=${suggested ? 'audio-only-hint audio-only-why' : 'audio-only-hint'}
          @change=${(e: Event) => this.setAudioOnly((e.target as HTMLInputElement).checked)}
        />
        <div>
          <label for="audio-only">${msg('Usar só áudio')}</label>
          <span class="hint" id="audio-only-hint">${msg('A câmera fica desligada na chamada. Ajuda quando a internet está fraca.')}</span>
        </div>
      </div>
      ${suggested
        ? html`<p class="notice" part="note" id="audio-only-why">
            ${suggested === 'slow'
              ? msg('Sua conexão parece lenta, por isso "Usar só áudio" já vem marcado: sem vídeo, a chamada fica mais estável. Se quiser usar a câmera, desmarque.')
              : msg('A economia de dados está ligada neste aparelho, por isso "Usar só áudio" já vem marcado. Se quiser usar a câmera, desmarque.')}
          </p>`
        : nothing}`;
  }
}

interface ProblemWords {
  readonly headline: string;
  /** What to do next, when more than the headline is needed. */
  readonly next?: string;
  /** The steps to allow the camera and microphone in the browser. */
  readonly allow?: boolean;
  /** Whether "Testar de novo" can help. */
  readonly retry: boolean;
  /** Whether the unit's phone and e-mail are offered (the clerk won't hear the citizen). */
  readonly contacts?: boolean;
}

const stillJoin = (): string =>
  msg('Você ainda pode entrar na fila: vai ver e ouvir a pessoa que atender e pode escrever para ela pelo chat da chamada.');

function problemWords(problem: MediaProblem): ProblemWords {
  switch (problem) {
    case 'camera-denied':
      return {
        headline: msg('O navegador bloqueou a câmera.'),
        allow: true,
        next: msg('Se preferir, entre na fila só com o microfone: a pessoa que atender vai ouvir você, mas não vai ver.'),
        retry: true,
      };
    case 'microphone-denied':
      return {
        headline: msg('O navegador bloqueou o microfone. Sem ele, a pessoa que atender não vai ouvir você.'),
        allow: true,
        next: stillJoin(),
        retry: true,
        contacts: true,
      };
    case 'all-denied':
      return {
        headline: msg('O navegador bloqueou a câmera e o microfone.'),
        allow: true,
        next: msg('Você ainda pode entrar na fila: vai ver e ouvir a pessoa que atender e pode escrever para ela pelo chat da chamada, mas ela não vai ver nem ouvir você.'),
        retry: true,
        contacts: true,
      };
    case 'no-camera':
      return { headline: msg('Não encontramos uma câmera neste aparelho. Você vai entrar só com áudio: a pessoa que atender vai ouvir você, mas não vai ver.'), retry: false };
    case 'no-microphone':
      return {
        headline: msg('Não encontramos um microfone neste aparelho. Sem ele, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Conecte um fone com microfone e toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
    case 'no-devices':
      return {
        headline: msg('Não encontramos câmera nem microfone neste aparelho. Sem microfone, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Conecte um fone com microfone e toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
    case 'busy':
      return {
        headline: msg('A câmera está sendo usada por outro programa (outra chamada de vídeo, por exemplo).'),
        next: msg('Feche esse programa e toque em "Testar de novo", ou marque "Usar só áudio".'),
        retry: true,
      };
    case 'microphone-busy':
      return {
        headline: msg('O microfone está sendo usado por outro programa (outra chamada, por exemplo). Sem ele, a pessoa que atender não vai ouvir você.'),
        next: msg('Feche esse programa e toque em "Testar de novo".'),
        retry: true,
        contacts: true,
      };
    case 'all-busy':
      return {
        headline: msg('A câmera e o microfone estão sendo usados por outro programa (outra chamada de vídeo, por exemplo).'),
        next: msg('Feche esse programa e toque em "Testar de novo".'),
        retry: true,
        contacts: true,
      };
    case 'camera-failed':
      return {
        headline: msg('Não foi possível ligar a câmera.'),
        next: msg('Toque em "Testar de novo", ou marque "Usar só áudio".'),
        retry: true,
      };
    case 'microphone-failed':
    case 'unsupported':
      return {
        headline: msg('Não foi possível ligar o microfone. Sem ele, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
  }
}

// The check's rules, on top of the flow's (flow-styles.ts): the preview is mirrored (people
// expect to see themselves as in a mirror) and never wider than the column; selects are 44 px.
export const deviceCheckStyles = css`
  .devices {
    margin: 0.75rem 0 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .subheading {
    margin: 0 0 0.5rem;
    font-size: 1em;
    font-weight: 700;
  }
  .devices .actions {
    margin-block: 0.5rem 0.75rem;
  }
  .steps {
    margin: 0.25rem 0 0.5rem;
    padding-inline-start: 1.5rem;
  }
  .steps li {
    margin-block: 0.25rem;
  }
  .preview {
    margin: 0.5rem 0 0.75rem;
  }
  .preview video {
    display: block;
    inline-size: 100%;
    max-inline-size: 20rem;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    background: #000;
    border-radius: var(--_radius);
    transform: scaleX(-1);
  }
  .preview figcaption {
    margin-block-start: 0.25rem;
  }
  .level {
    margin: 0 0 0.75rem;
  }
  .level label,
  .devices .field > label {
    display: block;
    font-weight: 700;
  }
  .level meter {
    display: block;
    inline-size: 100%;
    max-inline-size: 20rem;
    block-size: 1.5rem;
    margin-block: 0.25rem;
  }
`;
