import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
// Core modules one by one, never the barrel: the first chunk must not reach the validators.
import { nextLocalMidnight } from '../core/time.js';
import { openingStatus, type OpeningStatus } from '../core/timetable.js';
import type { Unit } from '../core/unit.js';
import { ClockController } from '../ui/clock-controller.js';
import { FocusController } from '../ui/focus.js';
import { LiveRegion, liveRegion } from '../ui/live-region.js';
import { contactList } from './contacts.js';
import { BalcaoStatusChangeEvent } from './events.js';
import { loadFlow } from './flow-loader.js';
import { foreignZoneName, lineWords, statusWords, unstaffedWords } from './format.js';
import type { LineState } from '../core/protocol/line-state.js';
import { LineController } from './line-controller.js';
import { currentLocale, langOf, supportedLocale, useLocale } from '../ui/locale.js';
import { serverBase } from '../ui/server-api.js';
import { deprecatedAliases } from '../ui/deprecated-aliases.js';
import { widgetStyles } from '../ui/styles.js';
import { lineNote, lineSentence, loadingView, problemView, staleNotice } from './status-views.js';
import { hasSavedTicket, ticketKey } from './ticket-key.js';
import { UnitController } from './unit-controller.js';

/** The status, or the flow after "Entrar" (loaded on demand: loading, failed to load, shown). */
type View = 'status' | 'loading' | 'failed' | 'flow';

/**
 * The Balcão Virtual of one court unit: whether its counter is open now by the unit's
 * timetable, in the unit's time zone, with its phone and e-mail; the way in when open,
 * and then whether a clerk is serving by video now and how long the line is. "Entrar no
 * Balcão Virtual" loads the rest on demand: what the attendance is about (PJe problems and
 * petitions are sent to their own channels), identification for sealed cases (kept in the
 * page's memory only), and the line, live, with an alert when it is the citizen's turn.
 * A reload keeps the place in the line.
 *
 * @summary A court unit's virtual counter (Balcão Virtual, CNJ Res. 372/2021).
 *
 * @attribute lang - Language of the text: `pt-BR` (default), `en` or `es`. Without it, the nearest ancestor's `lang`, then the document's.
 *
 * @fires {BalcaoStatusChangeEvent} balcao-status-change - The counter opened or closed (also fired once when the status is first known). Carries the unit id, `open`, `nextChange` and `fromCache`; never personal data.
 * @fires {BalcaoQueueJoinEvent} balcao-queue-join - The citizen joined the unit's line. Carries `unit`, `code` (the ticket's display code, e.g. `A-014`) and `position`; never personal data nor the ticket's secrets.
 * @fires {BalcaoCallStartEvent} balcao-call-start - The video call with the clerk connected. Carries `unit` and `code`; never personal data.
 * @fires {BalcaoCallEndEvent} balcao-call-end - A call that had connected ended. Carries `unit`, `code`, `reason` and `durationSeconds`; never personal data nor chat.
 * @fires {BalcaoMessageSentEvent} balcao-message-sent - The server confirmed a written message ("Escrever para a unidade"). Carries `unit` and `protocol`; never the message nor who wrote it.
 *
 * @csspart card - The box around everything.
 * @csspart name - The unit's name.
 * @csspart status - The line that says open or closed and until/from when.
 * @csspart note - Secondary lines: the unit's time zone, the saved-copy notice.
 * @csspart button - Every button ("Entrar no Balcão Virtual", "Continuar", "Entrar na fila", "Sair da fila", "Tentar de novo", "Voltar").
 * @csspart contacts - The list of the unit's phone and e-mail (and of the PJe support).
 * @csspart problem - The message shown when the unit cannot be shown, the flow cannot load, or joining the line failed.
 * @csspart heading - The heading of each screen after "Entrar" ("Sobre o que é o atendimento?", "Você está na fila", "Sua vez!"…).
 * @csspart form - The identification form for sealed cases.
 * @csspart field-error - The message next to a field or question that needs an answer.
 * @csspart ticket - The ticket's code in the line ("A-014").
 * @csspart alert - The box that says it is the citizen's turn, with the clerk's name and the countdown.
 * @csspart call-state - In a call: the state line ("Conectando a chamada…", "Chamada encerrada") and why it ended.
 * @csspart call-remote - In a call: the clerk's video, or its placeholder.
 * @csspart call-self - In a call: the citizen's own small view.
 * @csspart call-connection - In a call: connection quality and notes.
 * @csspart call-controls - In a call: microphone, camera, "Só áudio" and "Encerrar chamada".
 * @csspart call-button - In a call: every button of the call.
 * @csspart call-chat - In a call: the chat, its messages and the field to write one.
 *
 * @cssprop [--balcao-accent=#0b5394] - Buttons and links.
 * @cssprop [--balcao-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--balcao-surface=#ffffff] - Card background.
 * @cssprop [--balcao-text=#1b1f24] - Text colour.
 * @cssprop [--balcao-muted=#4a525c] - Secondary text.
 * @cssprop [--balcao-border=#c3c9d0] - Card border.
 * @cssprop [--balcao-open-color=#146c2e] - "Aberto".
 * @cssprop [--balcao-closed-color=#a1260d] - "Fechado" and problems.
 * @cssprop [--balcao-focus-color=#ffbf47] - Focus ring.
 * @cssprop [--balcao-radius=0.5rem] - Corner radius.
 * @cssprop [--balcao-font-family=inherit] - Font family.
 * @cssprop [--balcao-font-size=1rem] - Base font size.
 * @cssprop [--balcao-min-height=20rem] - Height reserved before the status arrives (no layout shift).
 */
export class BalcaoVirtual extends LitElement {
  static override styles = widgetStyles;
  // Declared here rather than with decorators: the decorators' helpers would be in the page's
  // first chunk, which every court page loads (the flow's chunk, loaded on "Entrar", has them).
  static override properties = {
    unit: { attribute: 'unidade', reflect: true },
    server: { attribute: 'servidor' },
    email: {},
    phone: { attribute: 'telefone' },
    view: { state: true, attribute: false },
  };

  /**
   * Server used when `servidor` is absent. `src/index.ts` sets it to the origin the
   * script was loaded from, so a court page needs only the script tag and the element.
   */
  static defaultServer: string | undefined;

  /** The unit's id in the server's configuration, e.g. `vara-civel-natal`. */
  unit = '';

  /** Base URL of the Balcão Virtual server; defaults to where the script came from. */
  server: string | undefined;

  /** E-mail shown when the server can't be reached and the unit was never loaded on this device. */
  email: string | undefined;

  /** Phone shown when the server can't be reached and the unit was never loaded on this device. */
  phone: string | undefined;

  /** @deprecated Use `unit` (the attribute stays `unidade`); removed in the next release. */
  declare unidade: string;
  /** @deprecated Use `server` (the attribute stays `servidor`); removed in the next release. */
  declare servidor: string | undefined;
  /** @deprecated Use `phone` (the attribute stays `telefone`); removed in the next release. */
  declare telefone: string | undefined;

  static {
    deprecatedAliases(this.prototype, { unidade: 'unit', servidor: 'server', telefone: 'phone' });
  }

  private view: View = 'status';

  /** The one live region a screen reader hears: the flow speaks through it too. */
  private readonly live = new LiveRegion(this);
  private readonly focusing = new FocusController(this);
  private readonly unitLoader = new UnitController(this);
  private readonly clock = new ClockController(this, (now) => this.nextChange(now));
  private readonly line = new LineController(this, (staffed) => this.announceStaffing(staffed));
  private serverUrl: URL | undefined;
  private status: OpeningStatus | undefined;
  private langObserver: MutationObserver | undefined;
  /** Whether the flow was opened by "Entrar" (its first screen takes the focus), not resumed after a reload. */
  private flowByClick = false;
  /** The flow's first screen: 'write' from a closed counter's "Escrever para a unidade". */
  private start: 'write' | undefined;
  /** The unit whose saved ticket was looked for (once per unit). */
  private resumeChecked: string | undefined;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.langObserver = new MutationObserver(() => this.applyLanguage());
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.applyLanguage();
    // Messages left in this device's outbox (written offline): sent in the background. A
    // count in localStorage (flow/outbox.ts OUTBOX_FLAG) so pages without one load nothing.
    try {
      if (localStorage.getItem('balcao-virtual:outbox')) void import('./flow/outbox.js').then((m) => m.keepSending(this), () => undefined);
    } catch {
      // Storage blocked: the outbox is sent when the form is opened.
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
    this.langObserver = undefined;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) this.applyLanguage();
  }

  private applyLanguage(): void {
    useLocale(supportedLocale(langOf(this))).catch(() => {
      // A translation that fails to load leaves the Portuguese text, which is complete.
    });
  }

  private get loaded(): Unit | undefined {
    const s = this.unitLoader.state;
    return s.kind === 'ready' ? s.unit : undefined;
  }

  /** When the text shown changes next: the counter's next boundary or the unit's next midnight. */
  private nextChange(now: number): number | undefined {
    const unit = this.loaded;
    if (!unit) return undefined;
    const status = openingStatus(unit, new Date(now));
    const boundary = status.open ? status.closesAt : status.nextOpen;
    const midnight = nextLocalMidnight(now, unit.timezone);
    return boundary ? Math.min(boundary.getTime(), midnight) : midnight;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('unit') || changed.has('server')) {
      this.serverUrl = serverBase(this.server, BalcaoVirtual.defaultServer);
      this.unitLoader.load({ server: this.serverUrl, unitId: this.unit.trim() });
    }
    const unit = this.loaded;
    // New data: judge it at the current time, and re-arm the timer after rendering.
    if (unit !== this.lastUnit) this.clock.refresh();
    const previous = this.status;
    this.status = unit ? openingStatus(unit, new Date(this.clock.now)) : undefined;
    if (previous && this.status && previous.open !== this.status.open && unit) {
      const words = statusWords(this.status, this.clock.now, unit.timezone, currentLocale());
      this.live.say(`${words.headline} · ${words.detail}`);
    }
    // A ticket kept in this tab (a reload): back to the line, even after closing time.
    const saved = (): boolean => Boolean(unit && this.serverUrl && hasSavedTicket(ticketKey(this.serverUrl, unit.id)));
    if (unit && this.resumeChecked !== unit.id) {
      this.resumeChecked = unit.id;
      if (this.view === 'status' && saved()) this.openFlow(false);
    }
    // Closing time sends back to the status, unless the person is already in the line.
    if (this.status && !this.status.open && this.view !== 'status' && !this.start && !this.renderRoot.querySelector('balcao-virtual-fluxo')?.busy && !saved()) {
      this.view = 'status';
    }
    // Who is serving matters only while the counter is open by the timetable.
    this.line.follow(this.status?.open ? this.serverUrl : undefined, unit?.id);
    if (changed.has('view') && this.flowByClick) {
      // After "Entrar": its loading line or failure; back at the status: "Entrar" again.
      const focus = this.view === 'loading' || this.view === 'failed' ? '#flow-status' : this.view === 'status' && changed.get('view') !== undefined ? '#enter' : '';
      if (focus) this.focusing.next(focus);
    }
  }

  /** The line while open, when the server says it is open too; undefined otherwise. */
  private openLine(): LineState | undefined {
    const line = this.status?.open ? this.line.state : undefined;
    return line?.open ? line : undefined;
  }

  /** Announces (politely) that clerks started or stopped serving; never on each refresh. */
  private announceStaffing(staffed: boolean): void {
    const unit = this.loaded;
    const line = this.openLine();
    if (!unit || !line) return;
    if (staffed) {
      const words = lineWords(line.waiting, line.estimatedWaitMinutes, currentLocale());
      this.live.say(`${msg('Atendimento por vídeo disponível agora.')} ${lineSentence(words)}`);
    } else {
      const words = unstaffedWords(Boolean(unit.phone ?? this.phone), Boolean(unit.email ?? this.email));
      this.live.say(`${words.headline} ${words.nextStep}`);
    }
  }

  protected override updated(): void {
    const unit = this.loaded;
    const loaded = this.unitLoader.state;
    // While the saved copy shows and the server has not answered yet, `fromCache` is not
    // known: report once the server answered (or failed and the saved copy stays).
    const settled = loaded.kind === 'ready' && !loaded.refreshing;
    if (unit && this.status && settled && this.status.open !== this.lastReportedOpen) {
      this.lastReportedOpen = this.status.open;
      const s = this.status;
      this.dispatchEvent(
        new BalcaoStatusChangeEvent(unit.id, s.open, s.open ? s.closesAt : s.nextOpen, loaded.kind === 'ready' && loaded.stale !== undefined),
      );
    }
    // The unit arrived or changed: the next boundary is a new one.
    if (this.loaded !== this.lastUnit) {
      this.lastUnit = this.loaded;
      this.clock.arm();
    }
  }

  private lastReportedOpen: boolean | undefined;
  private lastUnit: Unit | undefined;

  protected override render(): TemplateResult {
    const locale = currentLocale();
    const state = this.unitLoader.state;
    let body: TemplateResult;
    if (state.kind === 'loading') body = loadingView();
    else if (state.kind === 'failed') body = problemView(state.problem, this.phone, this.email, this.retry);
    else body = this.view === 'status' ? this.renderStatus(state.unit, locale) : this.renderFlow(state.unit);
    return html`
      <section class="card" part="card" lang=${locale} aria-label=${this.regionLabel()}>${body}</section>
      ${liveRegion(this.live)}
    `;
  }

  private regionLabel(): string {
    const unit = this.loaded;
    return unit ? msg(str`Balcão Virtual: ${unit.name}`) : msg('Balcão Virtual');
  }

  private renderStatus(unit: Unit, locale: string): TemplateResult {
    const status = this.status ?? openingStatus(unit, new Date(this.clock.now));
    const words = statusWords(status, this.clock.now, unit.timezone, locale);
    const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const showsTime = status.open ? status.closesAt !== undefined : status.nextOpen !== undefined;
    const zone = showsTime ? foreignZoneName(unit.timezone, this.clock.now, locale, visitorZone) : undefined;
    const loaded = this.unitLoader.state;
    const stale = loaded.kind === 'ready' ? loaded.stale : undefined;
    return html`
      <p class="name" part="name">${unit.name}</p>
      <p class=${classMap({ status: true, open: status.open, closed: !status.open })} part="status">
<span class="dot" aria-hidden="true"></span><span class="headline">${words.headline}</span>
        <span aria-hidden="true">·</span> <span class="detail">${words.detail}</span>
      </p>
      ${lineNote(this.openLine(), Boolean(unit.phone ?? this.phone), Boolean(unit.email ?? this.email), locale)}
      ${!status.open && status.holiday
        ? html`<p class="note" part="note">${msg(str`Hoje não há expediente: ${status.holiday.name}.`)}</p>`
        : nothing}
      ${zone ? html`<p class="note" part="note">${msg(str`Horários no fuso da unidade: ${zone}.`)}</p>` : nothing}
      ${stale ? html`<p class="notice" part="note">${staleNotice(stale.savedAt, locale)}</p>` : nothing}
      <div class="actions">
        <button id="enter" part="button" @click=${() => this.openFlow(true, status.open ? undefined : 'write')}>
          ${status.open ? msg('Entrar no Balcão Virtual') : msg('Escrever para a unidade')}
        </button>
      </div>
      ${contactList(unit.phone ?? this.phone, unit.email ?? this.email)}
    `;
  }

  /** After "Entrar": the flow's chunk loading, failing to load (offline), or the flow itself. */
  private renderFlow(unit: Unit): TemplateResult {
    const phone = unit.phone ?? this.phone;
    const email = unit.email ?? this.email;
    let body: TemplateResult;
    if (this.view === 'loading') body = html`<p class="loading" id="flow-status" tabindex="-1">${msg('Abrindo o Balcão Virtual…')}</p>`;
    else if (this.view === 'failed') {
      body = html`<div class="problem" part="problem">
        <p class="headline" id="flow-status" tabindex="-1">${msg('Não foi possível abrir o Balcão Virtual.')}</p>
        <p>${msg('Verifique sua internet e tente de novo.')} ${phone || email ? msg('Se preferir, fale com a unidade:') : nothing}</p>
        ${contactList(phone, email)}
        <div class="actions">
          <button part="button" @click=${() => this.openFlow(true, this.start)}>${msg('Tentar de novo')}</button>
          <button class="secondary" part="button" @click=${() => this.closeFlow()}>${msg('Voltar')}</button>
        </div>
      </div>`;
    } else {
      body = html`<balcao-virtual-fluxo
        exportparts="button,contacts,note,problem,heading,form,field-error,ticket,alert,call-state,call-remote,call-self,call-connection,call-controls,call-button,call-chat"
        .unit=${unit}
        .server=${this.serverUrl}
        .phone=${phone}
        .email=${email}
        .clerksServing=${this.openLine()?.clerksServing}
        .takeFocus=${this.flowByClick}
        .start=${this.start}
        .announce=${this.live.say}
        .exit=${this.closeFlow}
      ></balcao-virtual-fluxo>`;
    }
    return html`<p class="name" part="name">${unit.name}</p>${body}`;
  }

  /** Loads the flow's chunk (once; the browser keeps it) and shows it. */
  private openFlow(byClick: boolean, start?: 'write'): void {
    this.flowByClick = byClick;
    this.start = start;
    this.view = 'loading';
    loadFlow().then(
      () => this.view === 'loading' && (this.view = 'flow'),
      () => this.view === 'loading' && (this.view = 'failed'),
    );
  }

  /** Back to the status, from the flow (its "Voltar", or after leaving the line). */
  private readonly closeFlow = (announcement?: string): void => {
    this.flowByClick = true;
    this.view = 'status';
    if (announcement) this.live.say(announcement);
  };

  private readonly retry = (): void => this.unitLoader.retry();
}
