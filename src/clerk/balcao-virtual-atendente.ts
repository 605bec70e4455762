// <balcao-virtual-atendente>: the clerk's side of a unit's Balcão Virtual (see the class's
// doc). The desk's states and transitions are src/core/clerk-desk.ts: every server message,
// clerk action and call report goes through `dispatch`, which takes the next desk and runs
// its effects (commands, the call, words, focus, sound, the tab's title) here and only here.
// The templates are in views/, one module per section.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { INITIAL_DESK, next, nextTextChange, type ClerkDesk, type DeskEffect, type DeskEvent, type SignedIn } from '../core/clerk-desk.js';
import { readIdentification } from '../core/identification.js';
import type { ClerkEvent, Outcome } from '../core/protocol/index.js';
import { playAlertSound } from '../ui/beep.js';
import type { StartClerkCall } from '../call/clerk-seam.js';
import { ClockController } from '../ui/clock-controller.js';
import { deprecatedAliases } from '../ui/deprecated-aliases.js';
import { InsideFocusController } from '../ui/focus.js';
import { flowStyles } from '../ui/flow-styles.js';
import { LanguageController } from '../ui/language-controller.js';
import { LiveRegion, liveRegion } from '../ui/live-region.js';
import { currentLocale } from '../ui/locale.js';
import { serverBase } from '../ui/server-api.js';
import { baseStyles, hostStyles } from '../ui/styles.js';
import { TabTitle } from '../ui/tab-title.js';
import { ClerkCallHost } from './call-host.js';
import { ClerkConnection } from './clerk-connection.js';
import { clerkStyles } from './clerk-styles.js';
import { forgetToken, readSavedToken, saveToken, takeTokenFromFragment, tokenKey } from './clerk-token.js';
import { problemWords, sayWords } from './desk-words.js';
import { UndeliveredController } from './undelivered.js';
import { clerkVideoCall } from './video-call.js';
import { noUnitView, needsAccessView, replacedView, signingInView, wrongUnitView } from './views/access.js';
import { attendanceView } from './views/attendance.js';
import type { DeskView } from './views/context.js';
import { headerView } from './views/header.js';
import { lineView } from './views/line.js';
import { undeliveredView } from './views/undelivered.js';

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
 * @csspart call-state - In a call: the state line ("Conectando a chamada…", "Chamada encerrada") and why it ended.
 * @csspart call-remote - In a call: the citizen's video, or its placeholder.
 * @csspart call-self - In a call: the clerk's own small view.
 * @csspart call-connection - In a call: connection quality and notes.
 * @csspart call-controls - In a call: microphone, camera, "Só áudio" and "Encerrar chamada".
 * @csspart call-button - In a call: every button of the call.
 * @csspart call-chat - In a call: the chat, its messages and the field to write one.
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
  @property({ attribute: 'unidade', reflect: true }) unit = '';

  /** Base URL of the Balcão Virtual server; defaults to where the script came from. */
  @property({ attribute: 'servidor' }) server: string | undefined;

  /** @deprecated Use `unit` (the attribute stays `unidade`); removed in the next release. */
  declare unidade: string;
  /** @deprecated Use `server` (the attribute stays `servidor`); removed in the next release. */
  declare servidor: string | undefined;

  static {
    deprecatedAliases(this.prototype, { unidade: 'unit', servidor: 'server' });
  }

  /**
   * The clerk's access token, when the page has one (a court's own sign-in). Without it, the
   * token in the address's fragment (`#token=…`), or the one this tab kept. Never reflected.
   */
  @property() token: string | undefined;

  /** The seam for the call module (see `src/call/clerk-seam.ts`): by default the video call, loaded when a citizen answers. */
  @property({ attribute: false }) startClerkCall: StartClerkCall = clerkVideoCall;

  /** Everything the desk knows (src/core/clerk-desk.ts); changed by `dispatch` only. */
  @state() private desk: ClerkDesk = INITIAL_DESK;
  @state() private gestured = false;

  private readonly connection = new ClerkConnection(
    this,
    (event) => this.onServerEvent(event),
    (lost) => this.dispatch({ type: 'connection', lost }),
    () => this.dispatch({ type: 'refused' }),
    () => this.dispatch({ type: 'replaced' }),
  );
  private readonly clock = new ClockController(this, (now) => nextTextChange(this.desk, now));
  private readonly tabTitle = new TabTitle();
  private readonly call = new ClerkCallHost((description) => this.connection.send({ type: 'rtc', description }));
  /** The unit's written messages that did not arrive (fetched with the token while signed in). */
  private readonly undelivered = new UndeliveredController(this, (words, focus) => {
    if (words) this.live.say(words);
    if (focus) this.focusing.next(focus);
  });
  private serverUrl: URL | undefined;
  /** The token to sign in with, between the `sign-in` event and its `connect` effect. */
  private signInToken: string | undefined;
  /** The sessionStorage key of the token in use; undefined when it came from the page's property. */
  private storedKey: string | undefined;
  /** The token read from the address's fragment (once per page), until a unit is known. */
  private fragmentToken: string | undefined;
  private fragmentRead = false;
  private hostListeners: AbortController | undefined;
  private readonly live = new LiveRegion(this);
  /**
   * Never taken from the rest of the page; when the focused button went away with its
   * section, the focus goes to the attendance's heading.
   */
  private readonly focusing = new InsideFocusController(this, '#attendance-heading');

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
    this.dispatch({ type: 'detached' });
  }

  /** Whether the alert may play a sound: after a click in the element or the page. */
  private get soundAllowed(): boolean {
    return this.gestured || navigator.userActivation?.hasBeenActive === true;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('unit') || changed.has('server') || changed.has('token')) this.signIn();
    this.clock.refresh();
  }

  /** Which token, from the page, the address's fragment or this tab; then the `sign-in` event. */
  private signIn(): void {
    const server = serverBase(this.server, BalcaoVirtualAtendente.defaultServer);
    const unit = this.unit.trim();
    this.serverUrl = server;
    this.signInToken = undefined;
    if (server && unit) {
      const key = tokenKey(server, unit);
      const fromPage = this.token?.trim();
      const fromFragment = this.fragmentToken;
      this.fragmentToken = undefined;
      if (fromFragment) saveToken(key, fromFragment);
      this.signInToken = fromPage || fromFragment || readSavedToken(key);
      this.storedKey = fromPage ? undefined : key;
    }
    this.dispatch({ type: 'sign-in', unit: server && unit ? unit : undefined, token: this.signInToken !== undefined && this.signInToken !== '' });
  }

  private onServerEvent(event: ClerkEvent): void {
    if (event.type === 'rtc') this.call.deliver(event.description);
    else this.dispatch(event);
  }

  // ── The one place the desk changes ─────────────────────────────────────────

  private dispatch(event: DeskEvent): void {
    const before = this.desk;
    const { desk, effects } = next(before, event);
    this.desk = desk;
    this.showAlertInTitle(before, desk);
    for (const effect of effects) this.run(effect);
  }

  private run(effect: DeskEffect): void {
    switch (effect.type) {
      case 'send':
        this.connection.send(effect.command);
        return;
      case 'start-call':
        return this.startCall();
      case 'end-call':
        return this.call.end();
      case 'say':
        return this.live.say(sayWords(effect.say, currentLocale()));
      case 'focus':
        return this.focusing.next(effect.target === 'attendance' ? '#attendance-heading' : '#call-next');
      case 'sound':
        if (this.soundAllowed) playAlertSound();
        return;
      case 'connect': {
        const server = this.serverUrl;
        const token = this.signInToken;
        const desk = this.desk;
        if (!server || !token || desk.kind !== 'signing-in') return;
        this.undelivered.use(server, desk.unit, token);
        this.connection.signIn(server, token);
        return;
      }
      case 'stop-connection':
        return this.connection.stop();
      case 'reconnect':
        return this.connection.reconnect();
      case 'forget-token':
        if (this.storedKey) forgetToken(this.storedKey);
        return;
      case 'undelivered':
        if (effect.follow) this.undelivered.start();
        else this.undelivered.stop();
        return;
    }
  }

  /** The tab's title shows the line's count while someone who joined an empty line is highlighted. */
  private showAlertInTitle(before: ClerkDesk, after: ClerkDesk): void {
    const count = after.kind === 'signed-in' && after.alerting ? (after.line?.waiting.length ?? 0) : undefined;
    const was = before.kind === 'signed-in' && before.alerting ? before.line?.waiting.length : undefined;
    if (count === undefined) {
      if (was !== undefined || before.kind !== after.kind) this.tabTitle.restore();
      return;
    }
    if (count === was && before.kind === 'signed-in' && after.kind === 'signed-in' && before.line === after.line) return;
    const n = new Intl.NumberFormat(currentLocale()).format(count);
    this.tabTitle.set((original) => (original ? msg(str`(${n}) Fila — ${original}`) : msg(str`(${n}) Fila`)));
  }

  private startCall(): void {
    const desk = this.desk;
    const a = desk.kind === 'signed-in' ? desk.attendance : undefined;
    const server = this.serverUrl;
    if (desk.kind !== 'signed-in' || !a || !server) return;
    const { session } = desk;
    const result = this.call.start(
      this.startClerkCall,
      {
        server,
        unit: session.unit,
        peerId: session.peerId,
        peerToken: session.peerToken,
        citizenPeerId: a.calling.citizenPeerId,
        ice: a.calling.ice,
        code: a.calling.code,
        subject: a.calling.subject,
        flags: a.calling.flags,
        locale: currentLocale(),
      },
      {
        identification: (payload) => {
          const shown = readIdentification(payload);
          if (shown) this.dispatch({ type: 'identification', shown });
        },
        connected: (connected) => this.dispatch({ type: 'call-state', connected }),
        ended: (reason) => this.dispatch({ type: 'call-ended', reason, online: this.connection.canSend }),
      },
    );
    this.dispatch({ type: 'call-result', started: result === 'started' });
  }

  // ── The clerk's actions ────────────────────────────────────────────────────

  private readonly actions = {
    callNext: (): void => this.dispatch({ type: 'call-next', online: this.connection.canSend }),
    togglePause: (): void => this.dispatch({ type: 'toggle-pause', online: this.connection.canSend }),
    markOutcome: (outcome: Outcome): void => this.dispatch({ type: 'mark-outcome', outcome, online: this.connection.canSend }),
    drop: (): void => this.dispatch({ type: 'drop', online: this.connection.canSend }),
    setChecked: (checked: boolean): void => this.dispatch({ type: 'check', checked }),
    trySound: (): void => {
      this.gestured = true;
      playAlertSound();
      this.live.say(msg('Aviso sonoro ativado.'));
    },
  };

  // ── Time ───────────────────────────────────────────────────────────────────

  protected override updated(): void {
    this.clock.arm();
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const locale = currentLocale();
    const desk = this.desk;
    const unit = desk.kind === 'signed-in' || desk.kind === 'wrong-unit' ? desk.session.unitName : undefined;
    const label = unit ? msg(str`Balcão Virtual, atendimento: ${unit}`) : msg('Balcão Virtual, atendimento');
    return html`
      <section class="card" part="card" lang=${locale} aria-label=${label}>${this.renderBody(locale)}</section>
      ${liveRegion(this.live)}
    `;
  }

  private renderBody(locale: string): TemplateResult {
    const desk = this.desk;
    if (this.connection.connection === 'replaced') return replacedView(() => this.connection.reconnect());
    switch (desk.kind) {
      case 'no-unit':
        return noUnitView();
      case 'no-token':
      case 'refused':
        return needsAccessView(desk.kind === 'refused', this.unit.trim());
      case 'wrong-unit':
        return wrongUnitView(desk.session.unitName);
      case 'signing-in':
        return signingInView(this.connection.connection === 'retrying');
      case 'signed-in':
        return this.renderDesk(desk, locale);
    }
  }

  private renderDesk(desk: SignedIn, locale: string): TemplateResult {
    const view: DeskView = {
      desk,
      online: this.connection.connection === 'open',
      soundAllowed: this.soundAllowed,
      now: this.clock.now,
      locale,
      callContainer: this.call.container,
      actions: this.actions,
    };
    return html`${headerView(view)}
      ${desk.problem ? html`<p class="problem" part="problem" id="problem">${problemWords(desk.problem)}</p>` : nothing}
      <div class="panels">${attendanceView(view)} ${lineView(view)}</div>
      ${undeliveredView(this.undelivered, locale)}`;
  }
}
