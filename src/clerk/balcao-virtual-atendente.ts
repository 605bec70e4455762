// <balcao-virtual-atendente>: the clerk's side of a unit's Balcão Virtual, on an intranet
// page. Signs in with the clerk's token over the clerk socket, shows the unit's line live,
// calls the next person, hands the call to the call module (call-seam.ts), shows the
// sealed-case identification that arrives over the call, and ends each attendance with an
// outcome. What the citizen sees of the clerk is the first name, one surname and the unit.
//
// States, from the server's messages (src/core/protocol/clerk.ts, ClerkEvent):
//   signing in ─ session + line ─ idle ─ call-next ─ calling ─┬─ answered ─ in call ─┬─ outcome ─ ended ─ idle
//                                                             │                      ├─ "a chamada caiu" ─ idle
//                                                             │                      └─ citizen-left ─ outcome ─ ended
//                                                             └─ missed ─ (the server calls the next one) ─ calling | line-empty
//   and: refused (bad or expired token), replaced (another tab took over), wrong unit.

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { OUTCOMES } from '../core/protocol/attendance.js';
import type { ClerkEvent, ErrorCode, Outcome, RtcDescription, WaitingEntry } from '../core/protocol/index.js';
import { playAlertSound } from '../widget/beep.js';
import { ClockController } from '../widget/clock-controller.js';
import { flowStyles } from '../widget/flow/flow-styles.js';
import { LanguageController } from '../widget/language-controller.js';
import { currentLocale } from '../widget/locale.js';
import { serverBase } from '../widget/server-api.js';
import { baseStyles, hostStyles } from '../widget/styles.js';
import { TabTitle } from '../widget/tab-title.js';
import type { CallState, EndReason } from '../call/types.js';
import type { ClerkCallStartResult, ClerkRelay, StartClerkCall } from './call-seam.js';
import { ClerkConnection } from './clerk-connection.js';
import type { CallingEvent, LineEvent, SessionEvent } from '../core/protocol/index.js';
import { clerkStyles } from './clerk-styles.js';
import { clerkVideoCall } from './video-call.js';
import { forgetToken, readSavedToken, saveToken, takeTokenFromFragment, tokenKey } from './clerk-token.js';
import { readIdentification, type ShownIdentification } from './identification.js';
import { renderUndelivered, UndeliveredController } from './undelivered.js';
import {
  clerkErrorWords,
  flagWords,
  outcomeWords,
  roleWords,
  secondsLeftWords,
  subjectWords,
  waitedWords,
  waitingCountWords,
} from './words.js';

/** Whether the element can work: signed in, or why not. */
type Access = 'no-unit' | 'no-token' | 'signing-in' | 'signed-in' | 'refused' | 'wrong-unit';

/** The attendance in progress, from `calling` until `ended` (or "a chamada caiu"). */
interface Attendance {
  readonly calling: CallingEvent;
  /** `calling`: waiting for the citizen's "Entrar"; `in-call`: answered; `citizen-left`: the citizen hung up. */
  readonly phase: 'calling' | 'in-call' | 'citizen-left';
  /** What the call module said (once answered). */
  readonly callResult: ClerkCallStartResult | undefined;
  /** The sealed-case identification, as received over the call. Memory only. */
  readonly identification: ShownIdentification | undefined;
  /** "Identidade conferida": the clerk's own check. Memory only. */
  readonly checked: boolean;
  /** The outcome sent, while the server has not confirmed it. */
  readonly ending: Outcome | undefined;
  /** The call ended on the citizen's side (hung up, page closed) while the attendance goes on. */
  readonly remoteHungUp?: boolean;
}

/** The call handed to the call module: its container, its end, and the relay's listeners. */
interface CallResources {
  readonly abort: AbortController;
  readonly container: HTMLElement;
  readonly listeners: Set<(description: RtcDescription) => void>;
  /** The call's state as the call module last said it. */
  state: CallState;
}

const REMOTE_HUNG_UP = (): string =>
  msg('A chamada terminou do lado do cidadão. Se ele voltar em instantes, a chamada recomeça; senão, marque como terminou o atendimento.');

/** A command sent whose answer is awaited. */
type Pending = 'call-next' | 'pause' | 'resume';

/** The command courts' admins run to give a clerk access (README, "Clerks"). */
const TOKEN_COMMAND = 'npm run clerk-token -- --unit';

/**
 * The clerk's side of a unit's Balcão Virtual: signs in with the clerk's access token, shows
 * the unit's line live (code, waiting time, subject; sealed case, lawyer and Libras
 * interpreter as badges; who is away), alerts when someone joins an empty line (sound, the
 * tab's title, a highlight), calls the next person, shows the call with the sealed-case
 * identification that arrives over it, and ends each attendance with an outcome. Pause and
 * resume. Citizens see the clerk's first name, one surname and the unit.
 *
 * The token comes from the `token` property or attribute (a page that signs clerks in
 * itself, e.g. with the court's SSO), or once from the page address's fragment
 * (`#token=…`, as the court's admin sends it), which is then taken out of the address bar.
 * It is kept in this tab's sessionStorage only, so that a reload keeps the clerk signed in.
 *
 * @summary The clerk's side of a unit's Balcão Virtual: the line, the call, the outcome.
 * @tag balcao-virtual-atendente
 *
 * @attribute lang - Language of the text: `pt-BR` (default), `en` or `es`. Without it, the nearest ancestor's `lang`, then the document's.
 *
 * @csspart card - The box around everything.
 * @csspart heading - The headings: the unit's name, the attendance ("Chamando A-014", "Em atendimento: A-014"…) and the line.
 * @csspart button - Every button ("Chamar próximo", "Pausar atendimento", the outcomes, "Usar esta aba"…).
 * @csspart note - Notices: the sound, what happened to the last attendance.
 * @csspart problem - A refusal of the server, a lost connection, or why the clerk can't sign in.
 * @csspart line - The table of the people in the line.
 * @csspart flag - Each badge: "Segredo de justiça", "Advogado(a)", "Intérprete de Libras", "Ausente".
 * @csspart ticket - A ticket's code ("A-014").
 * @csspart identification - The sealed-case identification panel.
 * @csspart call - Where the call module draws the video, its controls and the chat.
 *
 * @cssprop [--balcao-accent=#0b5394] - Buttons and links.
 * @cssprop [--balcao-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--balcao-surface=#ffffff] - Background.
 * @cssprop [--balcao-text=#1b1f24] - Text colour.
 * @cssprop [--balcao-muted=#4a525c] - Secondary text.
 * @cssprop [--balcao-border=#c3c9d0] - Borders.
 * @cssprop [--balcao-open-color=#146c2e] - Connected; someone arrived in the line.
 * @cssprop [--balcao-closed-color=#a1260d] - Problems; sealed cases.
 * @cssprop [--balcao-focus-color=#ffbf47] - Focus ring.
 * @cssprop [--balcao-radius=0.5rem] - Corner radius.
 * @cssprop [--balcao-font-family=inherit] - Font family.
 * @cssprop [--balcao-font-size=1rem] - Base font size.
 */
export class BalcaoVirtualAtendente extends LitElement {
  static override styles = [hostStyles, baseStyles, flowStyles, clerkStyles];

  /**
   * Server used when `servidor` is absent. `src/atendente.ts` sets it to the origin the
   * script was loaded from.
   */
  static defaultServer: string | undefined;

  /** The unit's id in the server's configuration, e.g. `vara-civel-natal`. */
  @property({ reflect: true }) unidade = '';

  /** Base URL of the Balcão Virtual server; defaults to where the script came from. */
  @property() servidor: string | undefined;

  /**
   * The clerk's access token, when the page has one (a court's own sign-in). Without it, the
   * token in the address's fragment (`#token=…`), or the one this tab kept. Never reflected.
   */
  @property() token: string | undefined;

  /** The seam for the call module (see `src/clerk/call-seam.ts`): by default the video call, loaded when a citizen answers. */
  @property({ attribute: false }) startClerkCall: StartClerkCall = clerkVideoCall;

  @state() private access: Access = 'signing-in';
  @state() private session: SessionEvent | undefined;
  @state() private line: LineEvent | undefined;
  @state() private attendance: Attendance | undefined;
  /** What happened last ("A-014 não entrou a tempo…", "Atendimento A-014 encerrado: Atendido."). */
  @state() private notice: string | undefined;
  /** The server's last refusal, or a command that could not be sent. */
  @state() private problem: string | undefined;
  @state() private pending: Pending | undefined;
  /** Someone joined an empty line: highlighted (and in the tab's title) until the next call or the line empties. */
  @state() private alerting = false;
  @state() private announcement = '';
  @state() private gestured = false;

  private readonly connection = new ClerkConnection(
    this,
    (event) => this.onEvent(event),
    (lost) => this.connectionChanged(lost),
    () => this.refused(),
  );
  private readonly clock = new ClockController(this, (now) => this.nextChange(now));
  private readonly tabTitle = new TabTitle();
  /** The unit's written messages that did not arrive (fetched with the token while signed in). */
  private readonly undelivered = new UndeliveredController(this, (words, focus) => {
    if (words) this.announceNow(words);
    this.focusNext = focus;
  });
  private server: URL | undefined;
  /** The sessionStorage key of the token in use; undefined when it came from the page's property. */
  private storedKey: string | undefined;
  /** The token read from the address's fragment (once per page), until a unit is known. */
  private fragmentToken: string | undefined;
  private fragmentRead = false;
  private call: CallResources | undefined;
  private hostListeners: AbortController | undefined;
  /** Between `session` and the `line` that follows it: the server re-sends any call in progress. */
  private resyncing = false;
  private resyncSawCalling = false;
  /** Said with the next announcement (the server calls the next person right after a missed one). */
  private missedWords: string | undefined;
  private restored = false;
  private focusNext: string | undefined;
  private focusedBefore: Element | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.fragmentRead) {
      this.fragmentRead = true;
      this.fragmentToken = takeTokenFromFragment();
    }
    this.hostListeners = new AbortController();
    const { signal } = this.hostListeners;
    // A click in the element (Enter and Space on a button are clicks too) lets it play the
    // alert sound, as browsers require. Not any key: Tab moving through the element would
    // take the "Ativar aviso sonoro" button away from under the focus.
    this.addEventListener('click', () => this.gestured || (this.gestured = true), { signal });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hostListeners?.abort();
    this.hostListeners = undefined;
    this.endCall();
    this.stopAlert();
  }

  /** Whether the alert may play a sound: after a click in the element or the page. */
  private get soundAllowed(): boolean {
    return this.gestured || navigator.userActivation?.hasBeenActive === true;
  }

  // ── Signing in ─────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('unidade') || changed.has('servidor') || changed.has('token')) this.signIn();
    // Another tab took the session over: this one lets go of the call (the other one has it now).
    if (this.connection.connection === 'replaced' && (this.attendance || this.call)) {
      this.endCall();
      this.attendance = undefined;
    }
    if (this.connection.connection === 'replaced') this.stopAlert();
    this.clock.refresh();
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    this.focusedBefore = active;
  }

  private signIn(): void {
    const server = serverBase(this.servidor, BalcaoVirtualAtendente.defaultServer);
    const unit = this.unidade.trim();
    this.server = server;
    this.endCall();
    this.attendance = undefined;
    this.session = undefined;
    this.line = undefined;
    this.pending = undefined;
    this.problem = undefined;
    this.notice = undefined;
    this.stopAlert();
    this.undelivered.stop();
    if (!server || !unit) {
      this.access = 'no-unit';
      this.connection.stop();
      return;
    }
    const key = tokenKey(server, unit);
    const fromPage = this.token?.trim();
    const fromFragment = this.fragmentToken;
    this.fragmentToken = undefined;
    if (fromFragment) saveToken(key, fromFragment);
    const token = fromPage || fromFragment || readSavedToken(key);
    this.storedKey = fromPage ? undefined : key;
    if (!token) {
      this.access = 'no-token';
      this.connection.stop();
      return;
    }
    this.access = 'signing-in';
    this.undelivered.use(server, unit, token);
    this.connection.signIn(server, token);
  }

  /** The server refused the token (close 4001): forgotten, and the next step said. */
  private refused(): void {
    if (this.storedKey) forgetToken(this.storedKey);
    // Not tried again, not even when the element is put back on the page.
    this.connection.stop();
    this.undelivered.stop();
    this.endCall();
    this.attendance = undefined;
    this.session = undefined;
    this.line = undefined;
    this.pending = undefined;
    this.stopAlert();
    this.access = 'refused';
    this.announceNow(msg('Acesso recusado: o acesso de servidor(a) é inválido ou venceu.'));
  }

  private connectionChanged(lost: boolean): void {
    if (lost) {
      this.pending = undefined;
      this.announceNow(msg('Conexão perdida. Tentando reconectar.'));
    } else {
      this.restored = true;
    }
  }

  // ── The server's messages ──────────────────────────────────────────────────

  private onEvent(event: ClerkEvent): void {
    switch (event.type) {
      case 'session':
        return this.sessionStarted(event);
      case 'line':
        return this.lineChanged(event);
      case 'calling':
        return this.calling(event);
      case 'answered':
        return this.answered(event.code);
      case 'missed':
        return this.missed(event.code);
      case 'line-empty':
        return this.lineEmpty();
      case 'rtc':
        for (const listener of [...(this.call?.listeners ?? [])]) listener(event.description);
        return;
      case 'citizen-left':
        return this.citizenLeft(event.code);
      case 'citizen-back':
        return this.citizenBack(event.code);
      case 'ended':
        return this.ended(event.code, event.outcome);
      case 'shutdown':
        this.notice = msg('O Balcão Virtual está reiniciando. Reconectando em instantes…');
        return;
      case 'error':
        return this.refusal(event.code, event.message);
      case 'pong':
        return;
    }
  }

  private sessionStarted(event: SessionEvent): void {
    if (event.unit !== this.unidade.trim()) {
      // A token of another unit: this page is not where that clerk serves.
      if (this.storedKey) forgetToken(this.storedKey);
      this.session = event;
      this.access = 'wrong-unit';
      this.connection.stop();
      this.undelivered.stop();
      return;
    }
    const first = this.access !== 'signed-in';
    this.session = event;
    this.access = 'signed-in';
    this.pending = undefined;
    this.resyncing = true;
    this.resyncSawCalling = false;
    if (first) this.announceNow(msg(str`Conectado como ${event.name}, ${event.unitName}.`));
    this.undelivered.start();
  }

  private lineChanged(event: LineEvent): void {
    const previous = this.line;
    this.line = event;
    if (this.resyncing) {
      this.resyncing = false;
      // Back after a drop, and the server re-sent no call: the attendance ended meanwhile.
      const gone = this.attendance;
      if (gone && !this.resyncSawCalling) {
        this.endAttendance();
        this.notice = msg(str`O atendimento ${gone.calling.code} terminou enquanto a conexão estava fora.`);
      }
    }
    if ((this.pending === 'pause' && event.paused) || (this.pending === 'resume' && !event.paused)) this.pending = undefined;
    if (previous && previous.paused !== event.paused) {
      this.announceNow(event.paused ? msg('Atendimento pausado. Ninguém será chamado por você até retomar.') : msg('Atendimento retomado.'));
    }
    const count = event.waiting.length;
    if (count === 0) {
      this.stopAlert();
    } else if (previous?.waiting.length === 0) {
      this.startAlert(count, event.paused);
    } else if (this.alerting) {
      this.showCountInTitle(count);
    }
    if (this.restored) {
      this.restored = false;
      this.announceNow(`${msg('Conexão restabelecida.')} ${waitingCountWords(count, currentLocale())}.`);
    }
  }

  private calling(event: CallingEvent): void {
    if (this.resyncing) this.resyncSawCalling = true;
    this.pending = undefined;
    const current = this.attendance;
    if (current && current.calling.code === event.code && current.calling.citizenPeerId === event.citizenPeerId) {
      // The same call again (after a reconnection): nothing new, and the call goes on.
      this.attendance = { ...current, calling: event };
      return;
    }
    if (current) this.endAttendance();
    this.attendance = { calling: event, phase: 'calling', callResult: undefined, identification: undefined, checked: false, ending: undefined };
    this.stopAlert();
    this.focusNext = '#attendance-heading';
    const missed = this.missedWords;
    this.missedWords = undefined;
    const words = msg(str`Chamando ${event.code}. Aguardando a pessoa entrar.`);
    this.announceNow(missed ? `${missed} ${words}` : words);
  }

  private answered(code: string): void {
    const a = this.attendance;
    if (!a || a.calling.code !== code) return;
    // Answered again after a reconnection: the call goes on (unless this element let it go).
    if (a.phase !== 'calling' && this.call) return;
    this.notice = undefined;
    this.attendance = { ...a, phase: 'in-call' };
    this.focusNext = '#attendance-heading';
    this.announceNow(msg(str`${code} entrou na chamada.`));
    this.startCall();
  }

  private missed(code: string): void {
    const a = this.attendance;
    if (a && a.calling.code === code) this.endAttendance();
    const words = this.line?.paused
      ? msg(str`${code} não entrou a tempo e saiu da fila.`)
      : msg(str`${code} não entrou a tempo e saiu da fila. A próxima pessoa é chamada automaticamente.`);
    this.notice = words;
    this.missedWords = words;
    this.announceNow(words);
  }

  private lineEmpty(): void {
    this.pending = undefined;
    // Nobody present to call: either the line is empty, or everyone in it is away.
    const away = this.line?.waiting.some((w) => w.away) === true;
    const words = away ? msg('Quem está na fila está sem conexão agora. Tente de novo em instantes.') : msg('Ninguém na fila para chamar agora.');
    const missed = this.missedWords;
    this.missedWords = undefined;
    this.notice = missed ? `${missed} ${words}` : words;
    this.announceNow(this.notice);
  }

  private citizenLeft(code: string): void {
    const a = this.attendance;
    if (!a || a.calling.code !== code) return;
    this.endCall();
    this.attendance = { ...a, phase: 'citizen-left' };
    this.focusNext = '#attendance-heading';
    this.announceNow(msg('O cidadão saiu da chamada. Marque como terminou o atendimento.'));
  }

  private ended(code: string, outcome: Outcome): void {
    const a = this.attendance;
    if (a && a.calling.code !== code) return;
    this.endAttendance();
    const words = msg(str`Atendimento ${code} encerrado: ${outcomeWords(outcome)}.`);
    this.notice = words;
    this.focusNext = '#call-next';
    this.announceNow(words);
  }

  private refusal(code: ErrorCode, message: string): void {
    if (code === 'unauthorized') {
      // Before the session: the token is refused (close 4001 follows). After: the session
      // ended on the server (away too long); signing in again starts a new one.
      if (this.access === 'signed-in') this.connection.reconnect();
      return;
    }
    this.pending = undefined;
    const a = this.attendance;
    if (code === 'no_call' && a) {
      // The attendance is already over for the server.
      this.endAttendance();
    } else if (a?.ending) {
      this.attendance = { ...a, ending: undefined };
    }
    this.problem = clerkErrorWords(code, message);
    this.announceNow(this.problem);
  }

  // ── The clerk's actions ────────────────────────────────────────────────────

  /** Sends a command, or says that the connection is down; returns whether it was sent. */
  private command(command: Parameters<ClerkConnection['send']>[0]): boolean {
    if (this.connection.send(command)) {
      this.problem = undefined;
      return true;
    }
    this.problem = msg('Sem conexão agora. Tentando reconectar: tente de novo em instantes.');
    this.announceNow(this.problem);
    return false;
  }

  /** Why "Chamar próximo" can't be used now; undefined when it can. */
  private callNextBlocked(): string | undefined {
    const line = this.line;
    if (this.connection.connection !== 'open' || !line) return msg('Sem conexão com o Balcão Virtual. Tentando reconectar.');
    if (line.paused) return msg('Seu atendimento está pausado. Retome para chamar a próxima pessoa.');
    if (this.attendance) return msg('Termine o atendimento atual antes de chamar a próxima pessoa.');
    if (line.waiting.length === 0) return msg('Não há ninguém para chamar.');
    if (line.waiting.every((w) => w.away)) return msg('Quem está na fila está sem conexão agora. A pessoa pode ser chamada quando voltar.');
    return undefined;
  }

  private callNext(): void {
    if (this.pending === 'call-next' || this.callNextBlocked() !== undefined) return;
    if (!this.command({ type: 'call-next' })) return;
    this.pending = 'call-next';
    this.notice = undefined;
    this.stopAlert();
  }

  private togglePause(): void {
    const paused = this.line?.paused;
    if (paused === undefined || this.pending === 'pause' || this.pending === 'resume') return;
    if (!this.command({ type: paused ? 'resume' : 'pause' })) return;
    this.pending = paused ? 'resume' : 'pause';
  }

  private markOutcome(outcome: Outcome): void {
    const a = this.attendance;
    if (!a || a.ending) return;
    if (!this.command({ type: 'outcome', outcome })) return;
    this.attendance = { ...a, ending: outcome };
  }

  private callDropped(why?: string): void {
    const a = this.attendance;
    if (!a || a.phase !== 'in-call' || a.ending) return;
    if (!this.command({ type: 'call-dropped' })) return;
    // The server puts the citizen back at the head of the line and says so with the line.
    this.endAttendance();
    const back = msg(str`${a.calling.code} voltou para o início da fila.`);
    const words = why ? `${why} ${back}` : back;
    this.notice = words;
    this.focusNext = '#call-next';
    this.announceNow(words);
  }

  private setChecked(checked: boolean): void {
    const a = this.attendance;
    if (a) this.attendance = { ...a, checked };
  }

  private useThisTab(): void {
    this.connection.reconnect();
  }

  private trySound(): void {
    this.gestured = true;
    playAlertSound();
    this.announceNow(msg('Aviso sonoro ativado.'));
  }

  // ── The call ───────────────────────────────────────────────────────────────

  private startCall(): void {
    const a = this.attendance;
    const session = this.session;
    const server = this.server;
    if (!a || !session || !server) return;
    this.endCall();
    const abort = new AbortController();
    const container = document.createElement('div');
    container.className = 'call';
    container.setAttribute('part', 'call');
    const listeners = new Set<(description: RtcDescription) => void>();
    abort.signal.addEventListener('abort', () => listeners.clear(), { once: true });
    const call: CallResources = { abort, container, listeners, state: 'connecting' };
    this.call = call;
    const relay: ClerkRelay = {
      send: (description) => {
        if (!abort.signal.aborted) this.connection.send({ type: 'rtc', description });
      },
      onDescription: (listener) => {
        if (abort.signal.aborted) return () => undefined;
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    let result: ClerkCallStartResult;
    try {
      result = this.startClerkCall({
        server,
        unit: session.unit,
        peerId: session.peerId,
        peerToken: session.peerToken,
        citizenPeerId: a.calling.citizenPeerId,
        ice: a.calling.ice,
        code: a.calling.code,
        subject: a.calling.subject,
        flags: a.calling.flags,
        relay,
        locale: currentLocale(),
        container,
        signal: abort.signal,
        onIdentification: (payload) => this.identificationArrived(call, payload),
        onState: (state) => {
          if (call === this.call) call.state = state;
        },
        onEnded: (reason) => this.callEnded(call, reason),
      });
    } catch {
      result = 'unavailable';
    }
    const now = this.attendance;
    if (now) this.attendance = { ...now, callResult: result === 'started' ? 'started' : 'unavailable' };
  }

  /** The call ended on this side while the attendance goes on. */
  private callEnded(call: CallResources, reason: EndReason | 'unavailable'): void {
    const a = this.attendance;
    if (call !== this.call || call.abort.signal.aborted || !a) return;
    call.state = 'ended';
    if (reason === 'unavailable') {
      this.attendance = { ...a, callResult: 'unavailable' };
    } else if (reason === 'failed' && a.phase === 'in-call' && !a.ending) {
      // Not recovered: the citizen goes back to the head of the line at once, rather than
      // waiting for the clerk to find the button.
      this.callDropped(msg(str`A chamada com ${a.calling.code} caiu e não foi possível reconectar.`));
    } else if (reason === 'hung-up-remote' && a.phase === 'in-call') {
      this.attendance = { ...a, remoteHungUp: true };
      this.announceNow(REMOTE_HUNG_UP());
    }
  }

  /** The citizen's page came back during the call (a reload): call again, unless the call is still up. */
  private citizenBack(code: string): void {
    const a = this.attendance;
    if (!a || a.calling.code !== code || a.phase !== 'in-call' || a.ending) return;
    if (this.call && this.call.state === 'connected') return;
    this.notice = undefined;
    this.attendance = { ...a, remoteHungUp: false };
    this.announceNow(msg(str`${code} voltou. Chamando de novo.`));
    this.startCall();
  }

  private identificationArrived(call: CallResources, payload: unknown): void {
    const a = this.attendance;
    if (call !== this.call || call.abort.signal.aborted || !a) return;
    const shown = readIdentification(payload);
    if (!shown) return;
    this.attendance = { ...a, identification: shown, checked: false };
    this.announceNow(msg('Identificação recebida. Confira antes de dar informações do processo.'));
  }

  /** Tells the call module the attendance is over for the line. */
  private endCall(): void {
    const call = this.call;
    this.call = undefined;
    call?.abort.abort();
  }

  /** The attendance is over: the call ends, and the identification is forgotten with it. */
  private endAttendance(): void {
    this.endCall();
    this.attendance = undefined;
  }

  // ── The alert ──────────────────────────────────────────────────────────────

  private startAlert(count: number, paused: boolean): void {
    this.alerting = true;
    this.showCountInTitle(count);
    // No sound while paused (the clerk is away) or in an attendance (it would cut into the call).
    if (!paused && !this.attendance && this.soundAllowed) playAlertSound();
    this.announceNow(
      count === 1 ? msg('Chegou uma pessoa na fila.') : msg(str`Chegaram pessoas na fila: ${waitingCountWords(count, currentLocale())}.`),
    );
  }

  private showCountInTitle(count: number): void {
    const n = new Intl.NumberFormat(currentLocale()).format(count);
    this.tabTitle.set((original) => (original ? msg(str`(${n}) Fila — ${original}`) : msg(str`(${n}) Fila`)));
  }

  private stopAlert(): void {
    this.alerting = false;
    this.tabTitle.restore();
  }

  private announceNow(text: string): void {
    // The same words twice in a row would not be read again: a space makes them new.
    this.announcement = text === this.announcement ? `${text} ` : text;
  }

  // ── Time ───────────────────────────────────────────────────────────────────

  /** The next instant the text changes: the countdown's next second, else a waiting time's next minute. */
  private nextChange(now: number): number | undefined {
    const a = this.attendance;
    if (a?.phase === 'calling') {
      const left = Date.parse(a.calling.answerBy) - now;
      if (left > 0) return now + (left % 1000 || 1000);
    }
    let next: number | undefined;
    for (const entry of this.line?.waiting ?? []) {
      const joined = Date.parse(entry.joinedAt);
      const at = joined + (Math.floor(Math.max(0, now - joined) / 60_000) + 1) * 60_000;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  protected override updated(): void {
    this.clock.arm();
    let target = this.focusNext;
    this.focusNext = undefined;
    // The focused button went away with its screen: the focus goes to the attendance's heading.
    if (!target && this.focusedBefore && !this.focusedBefore.isConnected) target = '#attendance-heading';
    this.focusedBefore = null;
    if (!target) return;
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    // Moved only when the focus is in the element (or nowhere): never taken from the rest of
    // the page (the server calls the next person by itself, say, while the clerk types elsewhere).
    const inside = active !== null || document.activeElement === null || document.activeElement === document.body;
    if (inside) this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const locale = currentLocale();
    return html`
      <section class="card" part="card" lang=${locale} aria-label=${this.regionLabel()}>${this.renderBody(locale)}</section>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private regionLabel(): string {
    const unit = this.session?.unitName;
    return unit ? msg(str`Balcão Virtual, atendimento: ${unit}`) : msg('Balcão Virtual, atendimento');
  }

  private renderBody(locale: string): TemplateResult {
    if (this.connection.connection === 'replaced') return this.renderReplaced();
    switch (this.access) {
      case 'no-unit':
        return this.renderNoUnit();
      case 'no-token':
        return this.renderNeedsAccess(msg('Entre com seu acesso de servidor(a)'), msg('Esta página precisa do acesso de servidor(a) para atender a fila.'));
      case 'refused':
        return this.renderNeedsAccess(
          msg('Acesso inválido ou vencido'),
          msg('O Balcão Virtual não aceitou este acesso de servidor(a). O acesso vale por 12 horas; depois disso, ou se o endereço foi copiado pela metade, é preciso um novo.'),
        );
      case 'wrong-unit':
        return this.renderWrongUnit();
      case 'signing-in':
        return html`<h2 class="heading" part="heading">${msg('Balcão Virtual: atendimento')}</h2>
          ${this.connection.connection === 'retrying'
            ? html`<p class="problem" part="problem">${msg('Sem conexão com o Balcão Virtual. Tentando de novo…')}</p>`
            : html`<p class="note">${msg('Conectando ao Balcão Virtual…')}</p>`}`;
      case 'signed-in':
        return this.renderSignedIn(locale);
    }
  }

  private renderNoUnit(): TemplateResult {
    return html`<h2 class="heading" part="heading">${msg('Balcão Virtual: atendimento')}</h2>
      <div class="problem" part="problem">
        <p>${msg('Esta página não indica qual é a unidade.')}</p>
      </div>
      <p>${msg('Para a administração do Balcão Virtual: o elemento precisa do atributo unidade, por exemplo:')}</p>
      <p><code>&lt;balcao-virtual-atendente unidade="vara-civel-natal"&gt;</code></p>`;
  }

  /** No token, or a refused one: what the clerk and the court's admin do next. */
  private renderNeedsAccess(headline: string, why: string): TemplateResult {
    const unit = this.unidade.trim() || 'ID-DA-UNIDADE';
    return html`<h2 class="heading" part="heading" id="access-heading" tabindex="-1">${headline}</h2>
      <div class="problem" part="problem"><p>${why}</p></div>
      <p>${msg('Peça um novo acesso à administração do Balcão Virtual do tribunal e abra o endereço que ela enviar. Ele já traz o acesso e vale por 12 horas.')}</p>
      <h3>${msg('Para a administração do Balcão Virtual')}</h3>
      <p>${msg('Gere o acesso no servidor do Balcão Virtual com o comando abaixo, trocando o nome pelo nome completo da pessoa. Envie o endereço desta página com o acesso no final, depois de #token=.')}</p>
      <p><code>${TOKEN_COMMAND} ${unit} --name "Nome Sobrenome"</code></p>`;
  }

  private renderWrongUnit(): TemplateResult {
    const theirs = this.session?.unitName ?? '';
    return html`<h2 class="heading" part="heading">${msg('Este acesso é de outra unidade')}</h2>
      <div class="problem" part="problem">
        <p>${msg(str`O acesso aberto aqui é para atender ${theirs}, mas esta página é de outra unidade.`)}</p>
      </div>
      <p>${msg('Abra o endereço de atendimento da sua unidade, ou peça à administração do Balcão Virtual um acesso para esta.')}</p>`;
  }

  private renderReplaced(): TemplateResult {
    return html`<h2 class="heading" part="heading">${msg('Atendimento aberto em outra aba')}</h2>
      <div class="notice" part="note">
        <p>${msg('Seu atendimento foi aberto em outra aba ou janela. Continue por lá, ou use esta aba (a outra para de atender).')}</p>
      </div>
      <div class="actions">
        <button type="button" part="button" @click=${this.useThisTab}>${msg('Usar esta aba')}</button>
      </div>`;
  }

  private renderSignedIn(locale: string): TemplateResult {
    return html`${this.renderHeader()}
      ${this.problem ? html`<p class="problem" part="problem" id="problem">${this.problem}</p>` : nothing}
      <div class="panels">${this.renderAttendance(locale)} ${this.renderLine(locale)}</div>
      ${renderUndelivered(this.undelivered, locale)}`;
  }

  private renderHeader(): TemplateResult {
    const session = this.session;
    const line = this.line;
    const paused = line?.paused;
    const online = this.connection.connection === 'open';
    const stateWords = !online
      ? msg('Sem conexão. Tentando reconectar…')
      : paused
        ? msg('Conectado · em pausa')
        : msg('Conectado · atendendo');
    const busy = this.pending === 'pause' || this.pending === 'resume';
    return html`<header class="top">
        <div>
          <h2 class="heading" part="heading">${session?.unitName ?? ''}</h2>
          <p class="who">${msg('Você aparece para o cidadão como')} <strong>${session?.name ?? ''}</strong>.</p>
          <p class=${classMap({ state: true, online: online && !paused, offline: !online, paused: online && paused === true })}>
            <span class="dot" aria-hidden="true"></span><strong>${stateWords}</strong>
          </p>
        </div>
        <div class="actions">
          <button
            type="button"
            id="pause"
            class="secondary"
            part="button"
            aria-disabled=${paused === undefined || busy || !online ? 'true' : 'false'}
            @click=${this.togglePause}
          >
            ${paused ? msg('Retomar atendimento') : msg('Pausar atendimento')}
          </button>
        </div>
      </header>
      ${this.soundAllowed
        ? nothing
        : html`<div class="notice" part="note">
            <p>${msg('Para ouvir um aviso quando alguém entrar na fila vazia, ative o som (o navegador só toca sons depois de um clique na página).')}</p>
            <div class="actions">
              <button type="button" class="secondary" part="button" @click=${this.trySound}>${msg('Ativar aviso sonoro')}</button>
            </div>
          </div>`}`;
  }

  private attendanceHeading(text: string): TemplateResult {
    return html`<h3 id="attendance-heading" class="heading" part="heading" tabindex="-1">${text}</h3>`;
  }

  private renderAttendance(locale: string): TemplateResult {
    const a = this.attendance;
    const notice = this.notice ? html`<p class="notice" part="note" id="last">${this.notice}</p>` : nothing;
    if (!a) {
      return html`<section class="panel attendance" aria-labelledby="attendance-heading">
        ${this.attendanceHeading(msg('Nenhum atendimento agora'))} ${notice}
        <p class="hint">${msg('Use "Chamar próximo" para chamar a primeira pessoa da fila. Ela tem 1 minuto para entrar.')}</p>
      </section>`;
    }
    const code = a.calling.code;
    // Plain strings: a msg(html`…`) would make the translations (shared with the citizen's
    // script) import Lit's html, which splits the citizen's first chunk in two.
    const heading =
      a.phase === 'calling'
        ? msg(str`Chamando ${code}`)
        : a.phase === 'in-call'
          ? msg(str`Em atendimento: ${code}`)
          : msg(str`O cidadão saiu da chamada: ${code}`);
    return html`<section class="panel attendance" aria-labelledby="attendance-heading">
      ${this.attendanceHeading(heading)} ${a.phase === 'calling' ? notice : nothing}
      <p>
        ${msg('Senha')} <strong class="code" part="ticket">${code}</strong> · ${subjectWords(a.calling.subject)}
      </p>
      ${this.renderBadges(flagWords(a.calling.flags), a.calling.flags.sealed)}
      ${a.phase === 'calling' ? this.renderCalling(a, locale) : nothing}
      ${a.phase === 'in-call' ? this.renderCall(a) : nothing}
      ${a.phase === 'citizen-left'
        ? html`<p class="notice" part="note">${msg('O cidadão saiu da chamada. Marque abaixo como terminou o atendimento.')}</p>`
        : nothing}
      ${a.phase !== 'calling' || a.calling.flags.sealed ? this.renderIdentification(a) : nothing}
      ${this.renderEnd(a)}
    </section>`;
  }

  private secondsLeft(a: Attendance): number {
    return Math.max(0, Math.ceil((Date.parse(a.calling.answerBy) - this.clock.now) / 1000));
  }

  private renderCalling(a: Attendance, locale: string): TemplateResult {
    const left = this.secondsLeft(a);
    return left > 0
      ? html`<p>${msg('Aguardando o cidadão entrar.')}</p>
          <p class="countdown">${msg('Tempo para entrar:')} ${secondsLeftWords(left, locale)}</p>`
      : html`<p class="countdown">${msg('O tempo para entrar acabou.')}</p>
          <p>${msg('Se a pessoa não entrar, ela sai da fila e a próxima é chamada automaticamente.')}</p>`;
  }

  private renderCall(a: Attendance): TemplateResult {
    if (a.callResult === 'started') {
      return html`${this.call?.container ?? nothing}
        ${a.remoteHungUp ? html`<p class="notice" part="note">${REMOTE_HUNG_UP()}</p>` : nothing}`;
    }
    return html`<div class="notice" part="note">
      <p>${msg('Não foi possível abrir a chamada de vídeo neste navegador.')}</p>
      <p>${msg('A pessoa entrou no atendimento, mas não há vídeo para falar com ela. Use "A chamada caiu" para devolvê-la ao início da fila e recarregue a página, ou encerre como "Encaminhado por e-mail" e escreva para ela pelo e-mail da unidade.')}</p>
    </div>`;
  }

  private renderIdentification(a: Attendance): TemplateResult | typeof nothing {
    const id = a.identification;
    if (!id && !a.calling.flags.sealed) return nothing;
    const value = (v: { text: string; valid: boolean }, invalid: string): TemplateResult =>
      v.valid ? html`${v.text}` : html`${v.text || '—'} <span class="invalid-value">(${invalid})</span>`;
    return html`<section class="identification" part="identification" aria-labelledby="identification-heading">
      <h4 id="identification-heading">${msg('Identificação para processo em segredo de justiça')}</h4>
      ${id
        ? html`<dl>
              <dt>${msg('Nome')}</dt>
              <dd>${id.name}</dd>
              <dt>${msg('CPF')}</dt>
              <dd>${value(id.cpf, msg('CPF inválido'))}</dd>
              <dt>${msg('Qualidade')}</dt>
              <dd>${roleWords(id.role)}</dd>
              ${id.oab
                ? html`<dt>${msg('OAB')}</dt>
                    <dd>${value(id.oab, msg('inscrição inválida'))}</dd>`
                : nothing}
              <dt>${msg('Processo')}</dt>
              <dd>${value(id.caseNumber, msg('número inválido'))}</dd>
            </dl>
            <p class="hint">${msg('Estes dados vieram pela chamada, só aparecem nesta tela e são apagados ao encerrar o atendimento.')}</p>`
        : html`<p>
            ${a.calling.flags.sealed
              ? msg('Processo em segredo de justiça: confira quem pede antes de dar informações. A identificação da pessoa chega pela chamada, quando ela entra.')
              : nothing}
          </p>`}
      <div class="choice">
        <input type="checkbox" id="identity-checked" .checked=${a.checked} @change=${(e: Event) => this.setChecked((e.target as HTMLInputElement).checked)} />
        <label for="identity-checked">${msg('Identidade conferida')}</label>
      </div>
    </section>`;
  }

  private renderEnd(a: Attendance): TemplateResult | typeof nothing {
    // While calling, only once the time to answer is over (the server ends it a moment later).
    if (a.phase === 'calling' && this.secondsLeft(a) > 0) return nothing;
    const ending = a.ending;
    return html`<div class="end" role="group" aria-labelledby="end-heading">
      <h4 id="end-heading">${msg('Encerrar o atendimento')}</h4>
      <p class="hint">${ending ? msg('Encerrando…') : msg('Como terminou?')}</p>
      <div class="outcomes">
        ${OUTCOMES.map(
          (outcome) =>
            html`<button
              type="button"
              part="button"
              data-outcome=${outcome}
              aria-disabled=${ending ? 'true' : 'false'}
              @click=${() => this.markOutcome(outcome)}
            >
              ${outcomeWords(outcome)}
            </button>`,
        )}
      </div>
      ${a.phase === 'in-call'
        ? html`<div class="actions">
            <button type="button" id="dropped" class="secondary" part="button" aria-disabled=${ending ? 'true' : 'false'} @click=${() => this.callDropped()}>
              ${msg('A chamada caiu (devolver à fila)')}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderBadges(words: string[], sealed: boolean, away = false): TemplateResult | typeof nothing {
    if (words.length === 0) return nothing;
    return html`<ul class="badges">
      ${words.map(
        (word, i) =>
          html`<li>
            <span
              class=${classMap({ badge: true, sealed: sealed && i === 0, away: away && i === words.length - 1 })}
              part="flag"
              >${word}</span
            >
          </li>`,
      )}
    </ul>`;
  }

  private renderLine(locale: string): TemplateResult {
    const line = this.line;
    const waiting = line?.waiting ?? [];
    const blocked = this.callNextBlocked();
    const calling = this.pending === 'call-next';
    return html`<section class=${classMap({ panel: true, 'line-panel': true, alerting: this.alerting })} aria-labelledby="line-heading">
      <h3 id="line-heading" class="heading" part="heading">${msg('Fila')}</h3>
      <p class="count">
        ${waitingCountWords(waiting.length, locale)}${this.alerting ? html` · <span class="arrived">${msg('chegou alguém')}</span>` : nothing}
      </p>
      <div class="actions">
        <button
          type="button"
          id="call-next"
          part="button"
          aria-disabled=${blocked || calling ? 'true' : 'false'}
          aria-describedby=${blocked ? 'call-next-reason' : nothing}
          @click=${this.callNext}
        >
          ${calling ? msg('Chamando…') : msg('Chamar próximo')}
        </button>
      </div>
      ${blocked ? html`<p class="hint reason" id="call-next-reason">${blocked}</p>` : nothing}
      ${waiting.length > 0 ? this.renderTable(waiting, locale) : nothing}
    </section>`;
  }

  private renderTable(waiting: readonly WaitingEntry[], locale: string): TemplateResult {
    const now = this.clock.now;
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const anyAway = waiting.some((w) => w.away);
    // Explicit roles: below 34rem the rows are laid out as blocks (clerk-styles.ts), and a
    // table whose CSS display changes loses its semantics in some browsers.
    return html`<div class="table-wrap">
        <table part="line" role="table">
          <caption class="visually-hidden">
            ${msg('Pessoas na fila, em ordem de chegada')}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">${msg('Senha')}</th>
              <th scope="col" role="columnheader">${msg('Esperando há')}</th>
              <th scope="col" role="columnheader">${msg('Assunto')}</th>
              <th scope="col" role="columnheader">${msg('Situação')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${waiting.map((w) => {
              const joined = Date.parse(w.joinedAt);
              const since = time.format(joined);
              return html`<tr role="row" class=${classMap({ away: w.away })}>
                <th scope="row" role="rowheader"><span class="code" part="ticket">${w.code}</span></th>
                <td role="cell">
                  <time datetime=${w.joinedAt}>${waitedWords(now - joined, locale)}</time>
                  <span class="since">${msg(str`desde ${since}`)}</span>
                </td>
                <td role="cell">${subjectWords(w.subject)}</td>
                <td role="cell">${this.renderBadges(flagWords(w, w.away), w.sealed, w.away)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${anyAway ? html`<p class="hint">${msg('Ausente: a pessoa está sem conexão agora. Ela não é chamada até voltar, e não perde o lugar por alguns minutos.')}</p>` : nothing}`;
  }
}
