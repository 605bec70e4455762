// <balcao-virtual-chamada>: the call as both sides see it (the citizen in the flow, the clerk
// in the clerk's element): the other side's video large, this side's small, the state of the
// call in words, microphone / camera / "Só áudio" / "Encerrar chamada", and the chat. Internal
// and lazily loaded with the call module: the host creates it in its call container, sets
// `session` and `remoteLabel`, and decides what comes after the end.
//
// The view only renders what the session says (its getters and events) and calls its
// methods; it dispatches no events. Chat text is personal data: it is shown, announced in
// the live region for screen readers, and never logged or put in an event. Its parts are
// template modules beside it, each with its styles: the state line, the videos and the
// connection (call-stage.ts), the controls (call-controls.ts), the chat (call-chat.ts).

import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CallState, ChatMessage, EndReason, MediaState, QualityLevel } from '../call/types.js';
import { FocusController } from '../ui/focus.js';
import { LiveRegion, liveRegion } from '../ui/live-region.js';
import { baseStyles } from '../ui/styles.js';
import { chatStyles, chatTemplate, type ChatView } from './call-chat.js';
import { controlsStyles, controlsTemplate, type ControlsView } from './call-controls.js';
import { connectionTemplate, stageStyles, stageTemplate, stateTemplate, type StageView } from './call-stage.js';
import { callStyles } from './call-styles.js';
import { SessionEvents, type CallViewSession } from './session-events.js';
import { endWords, incomingChatWords, stateWords } from './words.js';

export type { CallViewSession } from './session-events.js';

export const CALL_VIEW_TAG = 'balcao-virtual-chamada';

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
export class BalcaoVirtualChamada extends LitElement implements StageView, ControlsView, ChatView {
  static override styles = [baseStyles, callStyles, stageStyles, controlsStyles, chatStyles];

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
    locale: { attribute: false },
  };

  /** The call to show (set by the host). */
  session: CallViewSession | undefined;
  /** Who is on the other side, as the host formats it ("Maria Souza — 1ª Vara Cível de Natal", "Senha A-014"). */
  remoteLabel = '';
  /** The page's locale for times (the host's `currentLocale()`: imported here, it would split the page's first chunk). */
  locale = 'pt-BR';

  // The view's state and actions below are public for its template modules (call-stage.ts,
  // call-controls.ts, call-chat.ts), which render from them; they are no API (the element
  // is internal): only the view changes them.
  callState: CallState = 'connecting';
  endReason: EndReason | undefined;
  remoteStream: MediaStream | undefined;
  localStream: MediaStream | undefined;
  localMedia: MediaState = NO_MEDIA;
  /** The other side's switches, once it has said them. */
  remoteMedia: MediaState | undefined;
  quality: QualityLevel | undefined;
  signaling: 'open' | 'reconnecting' = 'open';
  messages: readonly ChatMessage[] = [];
  draft = '';
  sendFailed = false;
  confirmingHangUp = false;
  /** The browser refused to play the other side's video with sound until the person acts. */
  playBlocked = false;
  /** What a screen reader hears: the state's changes, the other side's messages, a failed send. */
  private readonly live = new LiveRegion(this);
  private readonly focusing = new FocusController(this);

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
      this.live.say(previous === 'reconnecting' ? msg('Conexão restabelecida. A chamada continua.') : msg('Chamada conectada.'));
    } else if (next === 'reconnecting') {
      this.quality = undefined;
      this.live.say(stateWords('reconnecting'));
    } else if (next === 'ended') {
      this.confirmingHangUp = false;
      // The controls are disabled now: the focus goes to the words that say why.
      if (this.shadowRoot?.activeElement) this.focusing.next('#call-state');
    }
  }

  private onEnded(reason: EndReason): void {
    this.callState = 'ended';
    this.endReason = reason;
    this.confirmingHangUp = false;
    this.live.say(`${stateWords('ended')}. ${endWords(reason)}`);
  }

  private onChat(message: ChatMessage): void {
    this.messages = [...this.messages, message];
    if (message.from === 'remote') this.live.say(incomingChatWords(this.remoteLabel, message.text));
  }

  get ended(): boolean {
    return this.callState === 'ended' || !this.session;
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    return html`<div class="call" part="call" @keydown=${this.onKeydown}>
      <div class="main">
        ${stateTemplate(this)} ${stageTemplate(this)} ${connectionTemplate(this)} ${controlsTemplate(this)}
      </div>
      ${chatTemplate(this)}
      ${liveRegion(this.live)}
    </div>`;
  }

  get otherSide(): string {
    return this.remoteLabel || msg('Outra pessoa');
  }

  // ── Actions ────────────────────────────────────────────────────────────────

  toggleMicrophone(): void {
    const session = this.session;
    if (!session || this.ended) return;
    session.setMicrophoneEnabled(!this.localMedia.microphone);
    this.localMedia = session.localMedia;
  }

  toggleCamera(): void {
    const session = this.session;
    if (!session || this.ended || this.localMedia.audioOnly) return;
    session.setCameraEnabled(!this.localMedia.camera);
    this.localMedia = session.localMedia;
  }

  audioOnly(): void {
    const session = this.session;
    if (!session || this.ended || this.localMedia.audioOnly) return;
    session.switchToAudioOnly();
    this.localMedia = session.localMedia;
    if (this.localMedia.audioOnly) this.live.say(msg('Só áudio: sua câmera ficará desligada até o fim da chamada.'));
  }

  askHangUp(): void {
    if (this.ended) return;
    this.confirmingHangUp = true;
    // The safe answer takes the focus: a second accidental tap or Enter does not end the call.
    this.focusing.next('#hang-up-cancel');
  }

  cancelHangUp(): void {
    this.confirmingHangUp = false;
    this.focusing.next('#hang-up');
  }

  hangUp(): void {
    const session = this.session;
    this.confirmingHangUp = false;
    if (!session) return;
    session.hangUp();
    this.callState = session.state;
    this.endReason = session.endReason;
    this.focusing.next('#call-state');
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.confirmingHangUp) return;
    event.preventDefault();
    this.cancelHangUp();
  };

  onInput(event: Event): void {
    this.draft = (event.target as HTMLInputElement).value;
  }

  send(event: SubmitEvent): void {
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
      this.live.say(msg('Mensagem não enviada: a conexão caiu. Tente de novo em instantes.'));
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

  resumePlayback(): void {
    const video = this.remoteVideo;
    if (!video) return;
    video.play().then(
      () => {
        this.playBlocked = false;
        this.focusing.next('#call-state');
      },
      () => undefined,
    );
  }
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
