// <balcao-virtual-chamada>: the call as both sides see it (the citizen in the flow, the clerk
// in the clerk's element): the other side's video large, this side's small, the state of the
// call in words, microphone / camera / "Só áudio" / "Encerrar chamada", and the chat. Internal
// and lazily loaded with the call module: the host creates it in its call container, sets
// `session` and `remoteLabel`, and decides what comes after the end.
//
// The view only renders what the session says (its getters and events) and calls its
// methods; it dispatches no events. Chat text is personal data: it is shown, announced in
// the live region for screen readers, and never logged or put in an event.

import { LitElement, html, nothing, svg, type PropertyValues, type ReactiveController, type ReactiveControllerHost, type SVGTemplateResult, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { MAX_CHAT_LENGTH } from '../core/protocol/data-channel.js';
import type { CallSession } from '../call/session.js';
import type { CallState, ChatMessage, EndReason, MediaState, QualityLevel } from '../call/types.js';
import { baseStyles } from '../ui/styles.js';
import { callStyles } from './call-styles.js';
import { endWords, incomingChatWords, qualityWords, remoteNoVideoWords, selfNoVideoWords, stateWords } from './words.js';

export const CALL_VIEW_TAG = 'balcao-virtual-chamada';

/** What the view needs of a call session (a fake one in tests). */
export type CallViewSession = Pick<
  CallSession,
  | 'role'
  | 'state'
  | 'endReason'
  | 'localStream'
  | 'remoteStream'
  | 'localMedia'
  | 'on'
  | 'setMicrophoneEnabled'
  | 'setCameraEnabled'
  | 'switchToAudioOnly'
  | 'sendChat'
  | 'hangUp'
>;

/**
 * Follows the host's session: subscribed while the host is on the page, to the session it
 * holds now (`follow()` after `session` changes); unsubscribed when it leaves or the session
 * changes. `subscribe` returns the unsubscribes; `adopt` brings the host up to date with a
 * session (`fresh`: a session it had not followed before).
 */
class SessionEvents implements ReactiveController {
  #followed: CallViewSession | undefined;
  #last: CallViewSession | undefined;
  #off: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & { readonly session: CallViewSession | undefined },
    private readonly subscribe: (session: CallViewSession) => (() => void)[],
    private readonly adopt: (session: CallViewSession | undefined, fresh: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  follow(): void {
    const session = this.host.session;
    if (session === this.#followed && (session === undefined || this.#off.length > 0)) return;
    this.#stop();
    this.#followed = session;
    const fresh = session !== this.#last;
    this.#last = session;
    if (session) this.#off = this.subscribe(session);
    this.adopt(session, fresh);
  }

  #stop(): void {
    for (const off of this.#off.splice(0)) off();
    this.#followed = undefined;
  }
}

/**
 * The view's parts a page styles through the element that shows the call
 * (`balcao-virtual::part(call-state)`, `balcao-virtual-atendente::part(call-controls)`):
 * what each host forwards with `exportparts`. The whole call's box is the host's own.
 */
export const CALL_PARTS = 'call-state, call-remote, call-self, call-connection, call-controls, call-button, call-chat';

const NO_MEDIA: MediaState = { microphone: false, camera: false, audioOnly: false };

/**
 * The call's screen, shared by the citizen and the clerk: videos, state, controls and chat.
 * Internal: the call module defines it (`defineCallView()`) and sets its properties.
 *
 * @summary A video call between a citizen and a clerk: videos, controls and chat.
 * @csspart call - The whole call.
 * @csspart call-state - The state line ("Conectando a chamada…", "Chamada encerrada") and why it ended.
 * @csspart call-remote - The other side's video, or its placeholder.
 * @csspart call-self - This side's own small view.
 * @csspart call-connection - Connection quality and notes.
 * @csspart call-controls - Microphone, camera, "Só áudio" and "Encerrar chamada".
 * @csspart call-button - Every button of the call.
 * @csspart call-chat - The chat: messages and the field to write one.
 * @cssprop --balcao-accent - Buttons and links.
 * @cssprop --balcao-on-accent - Text on the accent colour.
 * @cssprop --balcao-surface - Background of fields and panels.
 * @cssprop --balcao-text - Text.
 * @cssprop --balcao-muted - Secondary text.
 * @cssprop --balcao-border - Borders.
 * @cssprop --balcao-open-color - A good connection.
 * @cssprop --balcao-closed-color - A bad connection, errors, "Encerrar chamada".
 * @cssprop --balcao-radius - Corner radius.
 * @cssprop --balcao-focus-color - The focus ring.
 * @cssprop --balcao-font-family - Font.
 * @internal
 */
export class BalcaoVirtualChamada extends LitElement {
  static override styles = [baseStyles, callStyles];

  // Declared here rather than with decorators: the decorator helper, shared with the page's
  // first chunk, would make the bundler split that chunk in two (one more request on every
  // court page).
  static override properties = {
    session: { attribute: false },
    remoteLabel: { attribute: false },
    callState: { state: true },
    endReason: { state: true },
    remoteStream: { state: true },
    localStream: { state: true },
    localMedia: { state: true },
    remoteMedia: { state: true },
    quality: { state: true },
    signaling: { state: true },
    messages: { state: true },
    draft: { state: true },
    sendFailed: { state: true },
    confirmingHangUp: { state: true },
    playBlocked: { state: true },
    announcement: { state: true },
    announcements: { state: true },
    locale: { attribute: false },
  };

  /** The call to show (set by the host). */
  session: CallViewSession | undefined;
  /** Who is on the other side, as the host formats it ("Maria Souza — 1ª Vara Cível de Natal", "Senha A-014"). */
  remoteLabel = '';
  /** The page's locale for times (the host's `currentLocale()`: imported here, it would split the page's first chunk). */
  locale = 'pt-BR';

  private callState: CallState = 'connecting';
  private endReason: EndReason | undefined;
  private remoteStream: MediaStream | undefined;
  private localStream: MediaStream | undefined;
  private localMedia: MediaState = NO_MEDIA;
  /** The other side's switches, once it has said them. */
  private remoteMedia: MediaState | undefined;
  private quality: QualityLevel | undefined;
  private signaling: 'open' | 'reconnecting' = 'open';
  private messages: readonly ChatMessage[] = [];
  private draft = '';
  private sendFailed = false;
  private confirmingHangUp = false;
  /** The browser refused to play the other side's video with sound until the person acts. */
  private playBlocked = false;
  private announcement = '';
  /** Bumped with every announcement, so that the same words twice are said twice. */
  private announcements = 0;

  private readonly events = new SessionEvents(
    this,
    (session) => [
      session.on('state', (next) => this.onState(session, next)),
      session.on('ended', (reason) => this.onEnded(reason)),
      session.on('remote-stream', (stream) => {
        this.remoteStream = stream;
      }),
      session.on('chat', (message) => this.onChat(message)),
      session.on('remote-media', (media) => {
        this.remoteMedia = media;
      }),
      session.on('quality', (quality) => {
        this.quality = quality.level;
      }),
      session.on('signaling', (signaling) => {
        this.signaling = signaling;
      }),
    ],
    (session, fresh) => this.adopt(session, fresh),
  );

  private focusNext: string | undefined;

  // No updateWhenLocaleChanges(this): the page's language is loaded before any call starts
  // and does not change during one, and importing it here would make the bundler split the
  // page's first chunk in two (one more request on every court page).

  override connectedCallback(): void {
    super.connectedCallback();
    // Taken off the page and put back (moved): the browser paused the video.
    if (this.hasUpdated) this.playRemote();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.events.follow();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('remoteStream')) this.playRemote();
    if (changed.has('messages')) {
      const log = this.renderRoot.querySelector<HTMLElement>('.log');
      if (log) log.scrollTop = log.scrollHeight;
    }
    const target = this.focusNext;
    if (target) {
      this.focusNext = undefined;
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
  }

  // ── The session ────────────────────────────────────────────────────────────

  /** Catches up with a session's getters; a new call starts with a clean screen. */
  private adopt(session: CallViewSession | undefined, fresh: boolean): void {
    if (fresh) {
      this.remoteMedia = undefined;
      this.quality = undefined;
      this.signaling = 'open';
      this.messages = [];
      this.draft = '';
      this.sendFailed = false;
      this.confirmingHangUp = false;
      this.playBlocked = false;
    }
    this.callState = session?.state ?? 'connecting';
    this.endReason = session?.endReason;
    this.remoteStream = session?.remoteStream;
    this.localStream = session?.localStream;
    this.localMedia = session?.localMedia ?? NO_MEDIA;
  }

  private onState(session: CallViewSession, next: CallState): void {
    const previous = this.callState;
    if (previous === next) return;
    this.callState = next;
    this.endReason = session.endReason;
    this.localMedia = session.localMedia;
    if (next === 'connected') {
      this.say(previous === 'reconnecting' ? msg('Conexão restabelecida. A chamada continua.') : msg('Chamada conectada.'));
    } else if (next === 'reconnecting') {
      this.quality = undefined;
      this.say(stateWords('reconnecting'));
    } else if (next === 'ended') {
      this.confirmingHangUp = false;
      // The controls are disabled now: the focus goes to the words that say why.
      if (this.shadowRoot?.activeElement) this.focusNext = '#call-state';
    }
  }

  private onEnded(reason: EndReason): void {
    this.callState = 'ended';
    this.endReason = reason;
    this.confirmingHangUp = false;
    this.say(`${stateWords('ended')}. ${endWords(reason)}`);
  }

  private onChat(message: ChatMessage): void {
    this.messages = [...this.messages, message];
    if (message.from === 'remote') this.say(incomingChatWords(this.remoteLabel, message.text));
  }

  private say(text: string): void {
    this.announcement = text;
    this.announcements++;
  }

  private get ended(): boolean {
    return this.callState === 'ended' || !this.session;
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    return html`<div class="call" part="call" @keydown=${this.onKeydown}>
      <div class="main">
        ${this.renderState()} ${this.renderStage()} ${this.renderConnection()} ${this.renderControls()}
      </div>
      ${this.renderChat()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${keyed(this.announcements, html`<span>${this.announcement}</span>`)}</div>
    </div>`;
  }

  private get otherSide(): string {
    return this.remoteLabel || msg('Outra pessoa');
  }

  private renderState(): TemplateResult {
    const ended = this.callState === 'ended';
    return html`<div class="state-line ${this.callState}" part="call-state">
      <p id="call-state" class="state" tabindex="-1">
        <span class="dot" aria-hidden="true"></span><strong>${stateWords(this.callState)}</strong>
      </p>
      ${ended ? html`<p class="reason" id="call-end-reason">${endWords(this.endReason)}</p>` : nothing}
    </div>`;
  }

  private renderStage(): TemplateResult {
    const remoteOff = remoteNoVideoWords(this.remoteMedia);
    const showPicture = Boolean(this.remoteStream) && remoteOff === undefined && this.callState !== 'ended';
    const micOff = this.remoteMedia?.microphone === false && this.callState !== 'ended';
    const selfOff = selfNoVideoWords(this.localMedia);
    return html`<div class="stage">
      <div class="remote" part="call-remote">
        <video
          class="remote-video"
          autoplay
          playsinline
          aria-label=${msg(str`Vídeo de ${this.otherSide}`)}
          ?hidden=${!showPicture}
          .srcObject=${this.remoteStream ?? null}
        ></video>
        ${showPicture
          ? html`<p class="caption">${this.otherSide}${micOff ? html`<span class="mic-off">${msg('Microfone desligado')}</span>` : nothing}</p>`
          : html`<div class="placeholder">
              <p class="who">${this.otherSide}</p>
              ${remoteOff && this.callState !== 'ended' ? html`<p class="why">${remoteOff}</p>` : nothing}
              ${micOff ? html`<p class="why">${msg('Microfone desligado')}</p>` : nothing}
            </div>`}
        ${this.playBlocked && this.callState !== 'ended'
          ? html`<button type="button" id="play" class="play" part="call-button" @click=${this.resumePlayback}>${msg('Ativar som e imagem')}</button>`
          : nothing}
      </div>
      <div class="self" part="call-self">
        <video
          class="self-video"
          autoplay
          playsinline
          muted
          aria-label=${msg('Sua imagem')}
          ?hidden=${selfOff !== undefined}
          .muted=${true}
          .srcObject=${this.localStream ?? null}
        ></video>
        ${selfOff !== undefined ? html`<p class="self-off">${selfOff}</p>` : nothing}
      </div>
    </div>`;
  }

  private renderConnection(): TemplateResult | typeof nothing {
    const level = this.callState === 'connected' ? this.quality : undefined;
    const signalingNote = this.signaling === 'reconnecting' && this.callState !== 'ended';
    if (!level && !signalingNote) return nothing;
    return html`<div class="connection" part="call-connection">
      ${level
        ? html`<p class="quality ${level}" id="call-quality">
            <span class="bars" aria-hidden="true"><span></span><span></span><span></span></span>${qualityWords(level)}
          </p>`
        : nothing}
      ${level === 'poor' && !this.localMedia.audioOnly
        ? html`<p class="hint" id="quality-hint">${msg('Se a imagem travar ou o som cortar, use o botão “Só áudio”.')}</p>`
        : nothing}
      ${signalingNote ? html`<p class="note" id="signaling-note">${msg('A chamada continua. Reconectando ao Balcão Virtual…')}</p>` : nothing}
    </div>`;
  }

  private renderControls(): TemplateResult {
    const ended = this.ended;
    const { microphone, camera, audioOnly } = this.localMedia;
    // When the call is over every control is `disabled` (the focus went to the state line);
    // "Só áudio" only marks the camera and itself `aria-disabled`: they keep the focus and say why.
    return html`<div class="controls" part="call-controls" role="group" aria-label=${msg('Controles da chamada')}>
        <button
          type="button"
          id="microphone"
          class="toggle"
          part="call-button"
          aria-pressed=${microphone ? 'true' : 'false'}
          ?disabled=${ended}
          @click=${this.toggleMicrophone}
        >
          ${icon('microphone', microphone)}<span class="label">${msg('Microfone')}</span>
          <span class="onoff" aria-hidden="true">${microphone ? msg('ligado') : msg('desligado')}</span>
        </button>
        <button
          type="button"
          id="camera"
          class="toggle"
          part="call-button"
          aria-pressed=${camera && !audioOnly ? 'true' : 'false'}
          aria-disabled=${audioOnly ? 'true' : 'false'}
          aria-describedby=${audioOnly && !ended ? 'camera-why' : nothing}
          ?disabled=${ended}
          @click=${this.toggleCamera}
        >
          ${icon('camera', camera && !audioOnly)}<span class="label">${msg('Câmera')}</span>
          <span class="onoff" aria-hidden="true">${camera && !audioOnly ? msg('ligada') : msg('desligada')}</span>
        </button>
        <button
          type="button"
          id="audio-only"
          part="call-button"
          class="secondary"
          aria-disabled=${audioOnly ? 'true' : 'false'}
          ?disabled=${ended}
          @click=${this.audioOnly}
        >
          ${icon('audio', true)}<span class="label">${msg('Só áudio')}</span>
          <span class="onoff">${audioOnly ? msg('ativado') : msg('sem câmera até o fim')}</span>
        </button>
        ${this.confirmingHangUp
          ? this.renderConfirm()
          : html`<button type="button" id="hang-up" class="danger" part="call-button" ?disabled=${ended} @click=${this.askHangUp}>
              ${icon('hang-up', true)}<span class="label">${msg('Encerrar chamada')}</span>
            </button>`}
      </div>
      ${audioOnly && !ended
        ? html`<p class="note" id="camera-why">${msg('A câmera fica desligada até o fim da chamada, porque a chamada está só em áudio.')}</p>`
        : nothing}`;
  }

  private renderConfirm(): TemplateResult {
    return html`<div class="confirm" role="group" aria-labelledby="hang-up-question">
      <p id="hang-up-question" class="question">${msg('Encerrar a chamada?')}</p>
      <div class="confirm-actions">
        <button type="button" id="hang-up-confirm" class="danger" part="call-button" @click=${this.hangUp}>${msg('Sim, encerrar')}</button>
        <button type="button" id="hang-up-cancel" class="secondary" part="call-button" @click=${this.cancelHangUp}>
          ${msg('Continuar na chamada')}
        </button>
      </div>
    </div>`;
  }

  private renderChat(): TemplateResult {
    const ended = this.ended;
    const time = new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' });
    return html`<section class="chat" part="call-chat" aria-labelledby="chat-title">
      <p id="chat-title" class="chat-title">${msg('Mensagens')}</p>
      <div class="log" id="chat-log" role="log" aria-live="off" aria-labelledby="chat-title" tabindex="0">
        ${this.messages.length === 0
          ? html`<p class="empty">${msg('Use as mensagens para soletrar um nome ou o número de um processo.')}</p>`
          : html`<ol class="messages">
              ${this.messages.map(
                (message) => html`<li class="message ${message.from === 'local' ? 'mine' : 'theirs'}">
                  <p class="meta">
                    <strong class="from">${message.from === 'local' ? msg('Você') : this.otherSide}</strong>
                    <time datetime=${new Date(message.at).toISOString()}>${time.format(message.at)}</time>
                  </p>
                  <p class="text">${message.text}</p>
                </li>`,
              )}
            </ol>`}
      </div>
      <form class="send" novalidate @submit=${this.send}>
        <label for="chat-input">${msg('Escreva uma mensagem')}</label>
        <div class="send-row">
          <input
            id="chat-input"
            type="text"
            autocomplete="off"
            enterkeyhint="send"
            maxlength=${MAX_CHAT_LENGTH}
            aria-describedby=${this.sendFailed ? 'chat-error' : nothing}
            ?disabled=${ended}
            .value=${live(this.draft)}
            @input=${this.onInput}
          />
          <button type="submit" id="chat-send" part="call-button" ?disabled=${ended}>${msg('Enviar')}</button>
        </div>
        ${this.sendFailed && !ended
          ? html`<p class="error" id="chat-error">${msg('Mensagem não enviada: a conexão caiu. Tente de novo em instantes.')}</p>`
          : nothing}
      </form>
    </section>`;
  }

  // ── Actions ────────────────────────────────────────────────────────────────

  private toggleMicrophone(): void {
    const session = this.session;
    if (!session || this.ended) return;
    session.setMicrophoneEnabled(!this.localMedia.microphone);
    this.localMedia = session.localMedia;
  }

  private toggleCamera(): void {
    const session = this.session;
    if (!session || this.ended || this.localMedia.audioOnly) return;
    session.setCameraEnabled(!this.localMedia.camera);
    this.localMedia = session.localMedia;
  }

  private audioOnly(): void {
    const session = this.session;
    if (!session || this.ended || this.localMedia.audioOnly) return;
    session.switchToAudioOnly();
    this.localMedia = session.localMedia;
    if (this.localMedia.audioOnly) this.say(msg('Só áudio: sua câmera ficará desligada até o fim da chamada.'));
  }

  private askHangUp(): void {
    if (this.ended) return;
    this.confirmingHangUp = true;
    // The safe answer takes the focus: a second accidental tap or Enter does not end the call.
    this.focusNext = '#hang-up-cancel';
  }

  private cancelHangUp(): void {
    this.confirmingHangUp = false;
    this.focusNext = '#hang-up';
  }

  private hangUp(): void {
    const session = this.session;
    this.confirmingHangUp = false;
    if (!session) return;
    session.hangUp();
    this.callState = session.state;
    this.endReason = session.endReason;
    this.focusNext = '#call-state';
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.confirmingHangUp) return;
    event.preventDefault();
    this.cancelHangUp();
  };

  private onInput(event: Event): void {
    this.draft = (event.target as HTMLInputElement).value;
  }

  private send(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session;
    const text = this.draft;
    if (!session || this.ended || text.trim() === '') return;
    if (session.sendChat(text)) {
      this.draft = '';
      this.sendFailed = false;
    } else {
      // The text stays in the field, to send again.
      this.sendFailed = true;
      this.say(msg('Mensagem não enviada: a conexão caiu. Tente de novo em instantes.'));
    }
  }

  private get remoteVideo(): HTMLVideoElement | null {
    return this.renderRoot.querySelector<HTMLVideoElement>('video.remote-video');
  }

  /** Plays the other side's video (and sound); a browser that wants a tap first gets the button. */
  private playRemote(): void {
    const video = this.remoteVideo;
    const stream = this.remoteStream;
    if (!video || !stream) return;
    video.play().then(
      () => {
        if (this.remoteStream === stream) this.playBlocked = false;
      },
      (error: unknown) => {
        // AbortError: a newer stream or a removal interrupted this play; not a refusal.
        if (this.remoteStream === stream && this.isConnected && error instanceof DOMException && error.name === 'NotAllowedError') {
          this.playBlocked = true;
        }
      },
    );
  }

  private resumePlayback(): void {
    const video = this.remoteVideo;
    if (!video) return;
    video.play().then(
      () => {
        this.playBlocked = false;
        this.focusNext = '#call-state';
      },
      () => undefined,
    );
  }
}

type IconName = 'microphone' | 'camera' | 'audio' | 'hang-up';

/** A small line drawing next to a control's words (never alone), struck through when off. */
function icon(name: IconName, on: boolean): TemplateResult {
  const shapes: Record<IconName, SVGTemplateResult> = {
    microphone: svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`,
    camera: svg`<rect x="3" y="6" width="12" height="12" rx="2"/><path d="M15 10l6-3v10l-6-3z"/>`,
    audio: svg`<path d="M4 14v-2a8 8 0 0 1 16 0v2"/><rect x="3" y="14" width="4" height="6" rx="1"/><rect x="17" y="14" width="4" height="6" rx="1"/>`,
    'hang-up': svg`<path d="M3 14c5-5 13-5 18 0l-2 3-4-1v-3a9 9 0 0 0-6 0v3l-4 1z"/>`,
  };
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    ${shapes[name]}${on ? nothing : svg`<path d="M4 4l16 16"/>`}
  </svg>`;
}

/** Defines <balcao-virtual-chamada> once (a second call changes nothing). */
export function defineCallView(): void {
  if (!customElements.get(CALL_VIEW_TAG)) customElements.define(CALL_VIEW_TAG, BalcaoVirtualChamada);
}

declare global {
  interface HTMLElementTagNameMap {
    'balcao-virtual-chamada': BalcaoVirtualChamada;
  }
}
