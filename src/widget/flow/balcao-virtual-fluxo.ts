// <balcao-virtual-fluxo>: everything after "Entrar no Balcão Virtual", in the lazily loaded
// chunk. Internal: <balcao-virtual> renders it inside its own shadow root and defines it on
// demand (flow-loader.ts); pages never use it directly.
//
// The screens and every arrow between them are data: `CitizenFlow` and the pure
// `next(flow, event)` in flow-state.ts, tested arrow by arrow in test/unit/citizen-flow.test.ts
// (the map is in that module's header). This element holds one `CitizenFlow`, changes it only
// in `dispatch`, draws the screen of its view (screens/*.ts) and runs the effects of each
// transition in `effects`: the heading's focus, the ticket kept in this tab, the line socket,
// the turn's alert, the call (call-runner.ts) and what the live region says.
//
// `before` has the device check (device-check.ts: camera and microphone, "só áudio"; off
// when the screen changes or the citizen joins), whose choice the call reads as `media`;
// `write` is "Escrever para a unidade" (write-form.ts), laid over the screen it came from.

import type { nothing} from 'lit';
import { LitElement, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { CitizenEvent } from '../../core/protocol/index.js';
import type { Unit } from '../../core/unit.js';
import { BalcaoMessageSentEvent, BalcaoQueueJoinEvent } from '../events.js';
import { FocusController } from '../../ui/focus.js';
import { currentLocale } from '../../ui/locale.js';
import { baseStyles } from '../../ui/styles.js';
import { ticketKey } from '../ticket-key.js';
import { CallRunner } from './call-runner.js';
import type { StartCall } from '../../call/citizen-seam.js';
import { DeviceCheckController } from './device-check.js';
import { deviceCheckStyles } from './device-check-view.js';
import { flowStyles } from '../../ui/flow-styles.js';
import { next } from './flow-next.js';
import { callOf, givesUp, heldOf, initialFlow, joiningOf, joinRequest, ticketOf, type CitizenFlow, type FlowEvent, type Screen } from './flow-state.js';
import type { Identification } from './identification.js';
import { mediaChoiceKey, NO_MEDIA_CHOICE, readMediaChoice, saveMediaChoice, type MediaChoice } from '../../ui/media-choice.js';
import { PositionAnnouncer } from '../../ui/position-announcer.js';
import { QueueController } from './queue-controller.js';
import { joinLine, leaveLine } from './queue-api.js';
import { IdentificationForm } from './screens/identification.js';
import { answerWithin, callingWords } from './screens/line.js';
import { screen, type ScreenParts } from './screens/screen.js';
import { forgetTicket, readTicket, saveTicket } from './ticket-store.js';
import { TurnAlertController } from './turn-alert.js';
import { videoCall } from './video-call.js';
import { positionWords, secondsWords, staffingWords } from './words.js';
import { WriteController } from './write-form.js';
import { writeStyles } from './write-form-view.js';

/**
 * The flow of the Balcão Virtual after "Entrar": triage, identification for sealed cases,
 * the line and the turn. Internal to `<balcao-virtual>`, which sets its properties.
 *
 * @internal
 */
export class BalcaoVirtualFluxo extends LitElement {
  static override styles = [baseStyles, flowStyles, deviceCheckStyles, writeStyles];
  // Declared here rather than with decorators, as in <balcao-virtual>: with decorators, this
  // chunk would carry their helpers (about 0.5 kB gzip) for itself alone.
  static override properties = {
    unit: { attribute: false }, server: { attribute: false }, phone: { attribute: false }, email: { attribute: false },
    clerksServing: { attribute: false }, takeFocus: { attribute: false }, announce: { attribute: false },
    exit: { attribute: false }, start: { attribute: false }, startCall: { attribute: false },
    flow: { state: true, attribute: false }, mediaChoice: { state: true, attribute: false },
  };

  /** The unit (set by `<balcao-virtual>`). */
  unit: Unit | undefined;
  /** The Balcão Virtual server's base URL. */
  server: URL | undefined;
  /** The unit's phone and e-mail (the server's configuration, else the page's fallbacks). */
  phone: string | undefined;
  email: string | undefined;
  /** Clerks serving now, as the status last heard (before joining); undefined when unknown. */
  clerksServing: number | undefined;
  /** Whether the first screen takes the focus (opened by a click, not resumed after a reload). */
  takeFocus = true;
  /** Says something in the widget's live region (its `LiveRegion.say`: the one a screen reader hears). */
  announce: (text: string) => void = () => undefined;
  /** Back to the status, with something to announce. */
  exit: (announcement?: string) => void = () => undefined;
  /** The first screen: the triage, or 'write' ("Escrever para a unidade" on a closed counter's status). */
  start: 'write' | undefined;
  /** The seam for the call module (see call-seam.ts). */
  startCall: StartCall = videoCall;

  /** The flow: changed in `dispatch` only. */
  private flow: CitizenFlow = initialFlow(undefined);
  /** The camera, microphone and "só áudio" chosen before joining (NO_MEDIA_CHOICE until then); kept in this tab. */
  private mediaChoice: MediaChoice = NO_MEDIA_CHOICE;

  private readonly queue = new QueueController(
    this,
    (event) => this.lineEvent(event),
    (lost) => {
      if (lost) this.say.now(msg('Conexão perdida. Tentando reconectar.'));
      else this.restored = true;
    },
  );
  private readonly alert = new TurnAlertController(this);
  /** The device check on the screen before the line; its preview is off anywhere else. */
  private readonly devices = new DeviceCheckController(this, {
    active: () => this.flow.view.screen === 'before',
    choice: () => this.mediaChoice,
    choose: (choice) => this.chooseMedia(choice),
    announce: (text) => this.say.now(text),
    focus: (selector) => this.focusing.next(selector),
    write: () => this.dispatch({ type: 'write' }),
  });
  /** The written channel: the form, its draft, the outbox (write-form.ts, outbox.ts). Never fed from the identification. */
  private readonly writer = new WriteController(this, {
    active: () => this.flow.view.screen === 'write',
    unit: () => this.unit,
    server: () => this.server,
    email: () => this.email,
    announce: (text) => this.say.now(text),
    focus: (selector) => this.focusing.next(selector),
    redirect: (topic) => this.dispatch({ type: 'redirect', topic }),
    back: () => this.dispatch({ type: 'back' }),
    home: () => this.dispatch({ type: 'exit' }),
    sent: (unit, protocol) => this.dispatchEvent(new BalcaoMessageSentEvent(unit, protocol)),
  });
  private readonly form = new IdentificationForm(this);
  private readonly call = new CallRunner(
    this,
    {
      startCall: () => this.startCall,
      send: (description) => void this.queue.send({ type: 'rtc', description }),
      result: (result) => this.dispatch({ type: 'call-result', result }),
      ended: (reason) => this.dispatch({ type: 'call-ended', reason }),
      details: () => ({ media: this.media, identification: this.identification(), locale: currentLocale() }),
    },
    document,
  );
  private readonly say = new PositionAnnouncer((text) => this.announce(text));
  private joinAbort: AbortController | undefined;
  /** Events that came while a transition's effects ran: handled right after, in order. */
  private readonly queued: FlowEvent[] = [];
  private dispatching = false;
  /** Whether the person has clicked in the flow: sound may play. */
  private gestured = false;
  /** Where the focus goes after an update: what a transition asks, else a new screen's heading. */
  private readonly focusing = new FocusController(this);
  private started = false;
  /** The screen drawn last (its heading took the focus); undefined before the first. */
  private shown: Screen | undefined;
  /** The connection just came back: said with the position that comes with it. */
  private restored = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * The sealed-case identification, checked, for the call module to send over the call's
   * data channel; undefined when the case is not sealed (or not identified yet). Memory only.
   */
  identification(): Identification | undefined {
    const { sealed, identification } = this.flow.answers;
    return sealed ? identification : undefined;
  }

  /** The camera and microphone chosen before joining, for the call (call-seam.ts): device ids and "só áudio" only. */
  get media(): MediaChoice {
    return this.mediaChoice;
  }

  /**
   * Whether closing the counter must not send back to the status: this tab holds a place in
   * the line (or a call), or a message is being written.
   */
  get busy(): boolean {
    return ticketOf(this.flow.view) !== undefined || joiningOf(this.flow.view) || this.writer.busy;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.joinAbort?.abort();
    this.say.cancel();
  }

  private get storageKey(): string | undefined {
    return this.server && this.unit ? ticketKey(this.server, this.unit.id) : undefined;
  }

  private get mediaKey(): string | undefined {
    return this.server && this.unit ? mediaChoiceKey(this.server, this.unit.id) : undefined;
  }

  protected override willUpdate(): void {
    this.startOnce();
    // Each new screen's heading takes the focus (unless something else asked for it); the
    // first one only when opened by a click.
    const screen = this.flow.view.screen;
    if (screen !== this.shown && (this.shown !== undefined || this.takeFocus)) this.focusing.target ??= '#heading';
    this.shown = screen;
  }

  /** The first update with a unit and a server: the devices and the ticket kept in this tab. */
  private startOnce(): void {
    if (this.started || !this.unit || !this.server) return;
    this.started = true;
    // The devices chosen before a reload.
    const mediaKey = this.mediaKey;
    this.mediaChoice = (mediaKey ? readMediaChoice(mediaKey) : undefined) ?? this.mediaChoice;
    this.flow = initialFlow(this.start);
    // A ticket kept in this tab: back to the line (a reload, or the tab coming back).
    const key = this.storageKey;
    const saved = key ? readTicket(key) : undefined;
    if (saved && saved.unit === this.unit.id) this.dispatch({ type: 'resume', ticket: saved });
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult | typeof nothing {
    const { answers, view } = this.flow;
    const { unit, phone, email, clerksServing, dispatch } = this;
    return screen({ answers, unit, phone, email, clerksServing, dispatch }, view, this.parts);
  }

  private readonly parts: ScreenParts = {
    queue: this.queue,
    leave: () => void this.leave(),
    answer: () => this.answer(),
    form: this.form,
    devices: this.devices,
    writer: this.writer,
    join: () => void this.join(),
    callContainer: this.call.container,
    secondsLeft: () => this.alert.secondsLeft,
    focus: (selector) => this.focusing.next(selector),
  };

  // ── The one place the flow changes ─────────────────────────────────────────

  private readonly dispatch = (event: FlowEvent): void => {
    this.queued.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let e = this.queued.shift(); e; e = this.queued.shift()) {
        const before = this.flow;
        const after = next(before, e);
        if (after === before) continue;
        this.flow = after;
        this.effects(before, after, e);
      }
    } finally {
      this.dispatching = false;
    }
  };

  /** What a transition does beyond the state: in this order, the event's own, then each thing that changed. */
  private effects(before: CitizenFlow, after: CitizenFlow, event: FlowEvent): void {
    const was = before.view;
    const now = after.view;
    const held = heldOf(was);
    switch (event.type) {
      case 'submit-triage':
        this.gestured = true;
        if (now.screen === 'triage') this.focusing.next('input[name="topic"]');
        break;
      case 'submit-question':
        if (now.screen === was.screen) this.focusing.next('#answer-yes');
        break;
      case 'ask-leave':
        this.gestured = true;
        this.focusing.next('#confirm-text');
        break;
      case 'cancel-leave':
        this.focusing.next('#leave');
        break;
      case 'join-failed':
        this.focusing.next('#join-error');
        break;
      case 'call-ended':
        if (event.reason === 'unavailable' || !held) break;
        if (this.unit) this.call.ended(this.unit.id, held.ticket.code, event.reason);
        // "Encerrar chamada": the line is told, by the socket or else by a request.
        if (event.reason === 'hung-up-local' && !this.queue.send({ type: 'leave' }) && this.server) void leaveLine(this.server, held.ticket.ticketId);
        break;
    }
    // The call: stopped when the line moved on, started for each new attempt.
    const callBefore = callOf(was);
    const callAfter = callOf(now);
    if (callBefore && callBefore.attempt !== callAfter?.attempt) this.call.stop(this.unit?.id, callBefore.ticket.code, callBefore.end !== undefined);
    // The turn's alert: on while "Sua vez!" is shown.
    const calledBefore = was.screen === 'called' ? was.called : undefined;
    const calledAfter = now.screen === 'called' ? now.called : undefined;
    if (calledBefore && calledBefore !== calledAfter) this.alert.stop();
    // The ticket kept in this tab, and the line socket that follows it.
    const key = this.storageKey;
    const ticketBefore = ticketOf(was);
    const ticketAfter = ticketOf(now);
    if (ticketAfter && ticketAfter !== ticketBefore && key) saveTicket(key, ticketAfter);
    if (ticketAfter && !ticketBefore && this.server) this.queue.follow(this.server, ticketAfter);
    if (givesUp(was, now)) {
      if (key) forgetTicket(key);
      this.queue.stop();
      this.alert.stop();
      this.say.reset();
    }
    if (calledAfter && calledAfter !== calledBefore && ticketAfter) {
      const sound = this.gestured || navigator.userActivation?.hasBeenActive === true;
      const title = (original: string): string => (original ? msg(str`Sua vez! — ${original}`) : msg('Sua vez!'));
      this.alert.start(Date.parse(calledAfter.answerBy), ticketAfter.answerWindowSeconds, title, sound);
      const seconds = secondsWords(this.alert.secondsLeft, currentLocale());
      this.say.now(`${msg('Sua vez!')} ${callingWords(calledAfter)} ${answerWithin(seconds)}`);
    }
    const attempt = callAfter?.attempt;
    if (attempt && attempt !== callBefore?.attempt && this.unit && this.server) this.call.start(this.unit, this.server, callAfter.ticket, attempt);
    if (now.screen === 'done' && was.screen !== 'done') this.form.reset();
    switch (event.type) {
      case 'joined':
        this.say.positionSaid(positionWords(event.place.position, currentLocale()));
        if (this.unit) this.dispatchEvent(new BalcaoQueueJoinEvent(this.unit.id, event.ticket.code, event.place.position));
        break;
      case 'requeued':
        this.say.now(msg('Você voltou para o início da fila.'));
        break;
    }
    if (now.screen === 'exited') this.exit(now.left ? msg('Você saiu da fila.') : undefined);
  }

  // ── What needs more than the state ─────────────────────────────────────────

  private async join(): Promise<void> {
    const { unit, server } = this;
    if (!unit || !server || !this.storageKey || !this.devices.browser.canCall) return;
    const before = this.flow;
    this.dispatch({ type: 'join' });
    if (this.flow === before) return;
    // The camera goes off during the wait (its light must not stay on); the call opens it again.
    this.devices.stop();
    this.gestured = true;
    const abort = new AbortController();
    this.joinAbort = abort;
    const result = await joinLine(server, unit.id, joinRequest(this.flow.answers), abort.signal);
    if (abort.signal.aborted) return;
    this.joinAbort = undefined;
    if (!result.ok) return this.dispatch({ type: 'join-failed', error: result });
    const { ticket, answer } = result;
    const place = { position: answer.position, estimatedWaitMinutes: answer.estimatedWaitMinutes, clerksServing: answer.clerksServing };
    this.dispatch({ type: 'joined', ticket, place });
  }

  /** A camera, microphone or "só áudio" chosen on the device check: kept in this tab for a reload. */
  private chooseMedia(choice: MediaChoice): void {
    this.mediaChoice = choice;
    const key = this.mediaKey;
    if (key) saveMediaChoice(key, choice);
  }

  private answer(): void {
    this.gestured = true;
    this.dispatch(this.queue.send({ type: 'answer' }) ? { type: 'answer' } : { type: 'answer-failed' });
  }

  private async leave(): Promise<void> {
    const server = this.server;
    const ticket = ticketOf(this.flow.view);
    if (!server || !ticket) return;
    const before = this.flow;
    this.dispatch({ type: 'leaving' });
    if (this.flow === before) return;
    const ok = await leaveLine(server, ticket.ticketId);
    this.dispatch(ok ? { type: 'left' } : { type: 'leave-failed' });
  }

  private lineEvent(event: CitizenEvent): void {
    const restored = this.restored;
    this.restored = false;
    if (event.type === 'rtc') return this.call.description(event.description);
    if (event.type === 'pong' || event.type === 'shutdown') return;
    const before = heldOf(this.flow.view)?.place?.clerksServing;
    this.dispatch(event);
    if (event.type !== 'waiting') return;
    const text = positionWords(event.position, currentLocale());
    if (before !== undefined && (before === 0) !== (event.clerksServing === 0)) {
      // Clerks stopped (or started) serving by video: said at once, with the place.
      this.say.positionSaid(text, staffingWords(event.clerksServing > 0, this.phone, this.email));
    } else if (restored) {
      this.say.positionSaid(text, msg('Conexão restabelecida.'));
    } else {
      this.say.position(text);
    }
  }
}
