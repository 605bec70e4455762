import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { nextLocalMidnight, openingStatus, type OpeningStatus, type Unit } from '../core/index.js';
import { ClockController } from './clock-controller.js';
import { BalcaoStatusChangeEvent } from './events.js';
import { foreignZoneName, lineWords, statusWords, telHref, unstaffedWords, type LineWords } from './format.js';
import { LineController, type LineState } from './line-controller.js';
import { currentLocale, langOf, supportedLocale, useLocale } from './locale.js';
import { serverBase } from './server-api.js';
import { widgetStyles } from './styles.js';
import { UnitController, type UnitProblem } from './unit-controller.js';

type View = 'status' | 'contact';

/**
 * The Balcão Virtual of one court unit: whether its counter is open now by the unit's
 * timetable, in the unit's time zone, with its phone and e-mail; the way in when open,
 * and then whether a clerk is serving by video now and how long the line is.
 *
 * @summary A court unit's virtual counter (Balcão Virtual, CNJ Res. 372/2021).
 *
 * @attribute lang - Language of the text: `pt-BR` (default), `en` or `es`. Without it, the nearest ancestor's `lang`, then the document's.
 *
 * @fires {BalcaoStatusChangeEvent} balcao-status-change - The counter opened or closed (also fired once when the status is first known). Carries the unit id, `open`, `nextChange` and `fromCache`; never personal data.
 *
 * @csspart card - The box around everything.
 * @csspart name - The unit's name.
 * @csspart status - The line that says open or closed and until/from when.
 * @csspart note - Secondary lines: the unit's time zone, the saved-copy notice.
 * @csspart button - Every button ("Entrar no Balcão Virtual", "Tentar de novo", "Voltar").
 * @csspart contacts - The list of the unit's phone and e-mail.
 * @csspart problem - The message shown when the unit cannot be shown.
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

  /**
   * Server used when `servidor` is absent. `src/index.ts` sets it to the origin the
   * script was loaded from, so a court page needs only the script tag and the element.
   */
  static defaultServer: string | undefined;

  /** The unit's id in the server's configuration, e.g. `vara-civel-natal`. */
  @property({ reflect: true }) unidade = '';

  /** Base URL of the Balcão Virtual server; defaults to where the script came from. */
  @property() servidor: string | undefined;

  /** E-mail shown when the server can't be reached and the unit was never loaded on this device. */
  @property() email: string | undefined;

  /** Phone shown when the server can't be reached and the unit was never loaded on this device. */
  @property() telefone: string | undefined;

  @state() private view: View = 'status';
  @state() private announcement = '';

  @query('#panel-title') private panelTitle?: HTMLElement;
  @query('#enter') private enterButton?: HTMLButtonElement;

  private readonly unitLoader = new UnitController(this);
  private readonly clock = new ClockController(this, (now) => this.nextChange(now));
  private readonly line = new LineController(this, (staffed) => this.announceStaffing(staffed));
  private server: URL | undefined;
  private status: OpeningStatus | undefined;
  private langObserver: MutationObserver | undefined;

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

  private get unit(): Unit | undefined {
    const s = this.unitLoader.state;
    return s.kind === 'ready' ? s.unit : undefined;
  }

  /** When the text shown changes next: the counter's next boundary or the unit's next midnight. */
  private nextChange(now: number): number | undefined {
    const unit = this.unit;
    if (!unit) return undefined;
    const status = openingStatus(unit, new Date(now));
    const boundary = status.open ? status.closesAt : status.nextOpen;
    const midnight = nextLocalMidnight(now, unit.timezone);
    return boundary ? Math.min(boundary.getTime(), midnight) : midnight;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('unidade') || changed.has('servidor')) {
      this.server = serverBase(this.servidor, BalcaoVirtual.defaultServer);
      this.unitLoader.load({ server: this.server, unitId: this.unidade.trim() });
    }
    const unit = this.unit;
    // New data: judge it at the current time, and re-arm the timer after rendering.
    if (unit !== this.lastUnit) this.clock.refresh();
    const previous = this.status;
    this.status = unit ? openingStatus(unit, new Date(this.clock.now)) : undefined;
    if (previous && this.status && previous.open !== this.status.open && unit) {
      const words = statusWords(this.status, this.clock.now, unit.timezone, currentLocale());
      this.announcement = `${words.headline} · ${words.detail}`;
    }
    if (this.status && !this.status.open && this.view === 'contact') this.view = 'status';
    // Who is serving matters only while the counter is open by the timetable.
    this.line.follow(this.status?.open ? this.server : undefined, unit?.id);
  }

  /** The line while open, when the server says it is open too; undefined otherwise. */
  private openLine(): LineState | undefined {
    const line = this.status?.open ? this.line.state : undefined;
    return line?.open ? line : undefined;
  }

  /** Announces (politely) that clerks started or stopped serving; never on each refresh. */
  private announceStaffing(staffed: boolean): void {
    const unit = this.unit;
    const line = this.openLine();
    if (!unit || !line) return;
    if (staffed) {
      const words = lineWords(line.waiting, line.estimatedWaitMinutes, currentLocale());
      this.announcement = `${msg('Atendimento por vídeo disponível agora.')} ${lineSentence(words)}`;
    } else {
      const words = unstaffedWords(Boolean(unit.phone ?? this.telefone), Boolean(unit.email ?? this.email));
      this.announcement = `${words.headline} ${words.nextStep}`;
    }
  }

  protected override updated(changed: PropertyValues): void {
    const unit = this.unit;
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
    if (this.unit !== this.lastUnit) {
      this.lastUnit = this.unit;
      this.clock.arm();
    }
    if (changed.has('view')) {
      if (this.view === 'contact') this.panelTitle?.focus();
      else if (changed.get('view') === 'contact') this.enterButton?.focus();
    }
  }

  private lastReportedOpen: boolean | undefined;
  private lastUnit: Unit | undefined;

  protected override render(): TemplateResult {
    const locale = currentLocale();
    const state = this.unitLoader.state;
    let body: TemplateResult;
    if (state.kind === 'loading') body = this.renderLoading();
    else if (state.kind === 'failed') body = this.renderProblem(state.problem);
    else body = this.view === 'contact' ? this.renderContactPanel(state.unit) : this.renderStatus(state.unit, locale);
    return html`
      <section class="card" part="card" lang=${locale} aria-label=${this.regionLabel()}>${body}</section>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private regionLabel(): string {
    const unit = this.unit;
    return unit ? msg(str`Balcão Virtual: ${unit.name}`) : msg('Balcão Virtual');
  }

  private renderLoading(): TemplateResult {
    return html`
      <p class="name" part="name">${msg('Balcão Virtual')}</p>
      <p class="loading" part="status">${msg('Verificando o horário de atendimento…')}</p>
    `;
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
      ${this.renderLine(unit, locale)}
      ${!status.open && status.holiday
        ? html`<p class="note" part="note">${msg(str`Hoje não há expediente: ${status.holiday.name}.`)}</p>`
        : nothing}
      ${zone ? html`<p class="note" part="note">${msg(str`Horários no fuso da unidade: ${zone}.`)}</p>` : nothing}
      ${stale ? html`<p class="notice" part="note">${this.staleNotice(stale.savedAt, locale)}</p>` : nothing}
      ${status.open
        ? html`<div class="actions">
            <button id="enter" part="button" @click=${this.openContactPanel}>${msg('Entrar no Balcão Virtual')}</button>
          </div>`
        : nothing}
      ${this.renderContacts(unit.phone ?? this.telefone, unit.email ?? this.email)}
    `;
  }

  /** While open: nobody serving by video (with what to do instead), or the line in plain words. */
  private renderLine(unit: Unit, locale: string): TemplateResult | typeof nothing {
    const line = this.openLine();
    if (!line) return nothing;
    if (line.clerksServing === 0) {
      const words = unstaffedWords(Boolean(unit.phone ?? this.telefone), Boolean(unit.email ?? this.email));
      return html`<p class="unstaffed" part="note"><strong>${words.headline}</strong> ${words.nextStep}</p>`;
    }
    const words = lineWords(line.waiting, line.estimatedWaitMinutes, locale);
    return html`<p class="line" part="note">
      ${words.waiting}${words.estimate ? html` <span aria-hidden="true">·</span> ${words.estimate}` : nothing}
    </p>`;
  }

  private staleNotice(savedAt: number, locale: string): string {
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(savedAt);
    return msg(str`Sem conexão com o servidor agora. Horários guardados neste aparelho em ${date}.`);
  }

  private renderContactPanel(unit: Unit): TemplateResult {
    return html`
      <p class="panel-title" id="panel-title" tabindex="-1">${msg('Fale com a unidade')}</p>
      <p>${msg('O atendimento por vídeo ainda não está disponível nesta página. Enquanto isso, a unidade atende por telefone e e-mail:')}</p>
      ${this.renderContacts(unit.phone ?? this.telefone, unit.email ?? this.email)}
      <div class="actions">
        <button class="secondary" part="button" @click=${this.closeContactPanel}>${msg('Voltar')}</button>
      </div>
    `;
  }

  private renderProblem(problem: UnitProblem): TemplateResult {
    const phone = this.telefone;
    const email = this.email;
    const hasContacts = Boolean(phone || email);
    const words = problemWords(problem, hasContacts);
    return html`
      <div class="problem" part="problem">
        <p class="name" part="name">${msg('Balcão Virtual')}</p>
        <p class="headline" part="status">${words.headline}</p>
        <p>${words.nextStep}</p>
        ${problem === 'offline' || problem === 'bad-answer'
          ? html`<div class="actions">
              <button class="secondary" part="button" @click=${this.retry}>${msg('Tentar de novo')}</button>
            </div>`
          : nothing}
        ${this.renderContacts(phone, email)}
      </div>
    `;
  }

  private renderContacts(phone: string | undefined, email: string | undefined): TemplateResult | typeof nothing {
    if (!phone && !email) return nothing;
    return html`
      <ul class="contacts" part="contacts">
        ${phone ? html`<li>${msg('Telefone:')} <a href=${telHref(phone)}>${phone}</a></li>` : nothing}
        ${email ? html`<li>${msg('E-mail:')} <a href=${`mailto:${email}`}>${email}</a></li>` : nothing}
      </ul>
    `;
  }

  private openContactPanel(): void {
    this.view = 'contact';
  }

  private closeContactPanel(): void {
    this.view = 'status';
  }

  private retry(): void {
    this.unitLoader.retry();
  }

  protected override firstUpdated(): void {
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.view === 'contact') this.closeContactPanel();
    });
  }
}

/** The line for the live region, as the status is announced: "2 pessoas na fila · espera estimada de 10 minutos". */
function lineSentence(words: LineWords): string {
  return words.estimate ? `${words.waiting} · ${words.estimate}` : words.waiting;
}

function problemWords(problem: UnitProblem, hasContacts: boolean): { headline: string; nextStep: string } {
  const contactsHint = hasContacts
    ? msg('Enquanto isso, fale com a unidade pelos contatos abaixo.')
    : msg('Enquanto isso, procure o telefone e o e-mail da unidade no site do tribunal.');
  switch (problem) {
    case 'unknown-unit':
      return {
        headline: msg('Não encontramos esta unidade no Balcão Virtual.'),
        nextStep: hasContacts
          ? msg('Fale com a unidade pelos contatos abaixo.')
          : msg('Procure o telefone e o e-mail da unidade no site do tribunal.'),
      };
    case 'bad-answer':
      return {
        headline: msg('O Balcão Virtual está com um problema e não conseguiu mostrar o horário desta unidade.'),
        nextStep: `${msg('Tente de novo em alguns minutos.')} ${contactsHint}`,
      };
    case 'offline':
      return {
        headline: msg('Sem conexão com o Balcão Virtual.'),
        nextStep: `${msg('Verifique sua internet e tente de novo.')} ${contactsHint}`,
      };
    case 'no-unit':
      return {
        headline: msg('Este Balcão Virtual não indica qual é a unidade.'),
        nextStep: contactsHint,
      };
  }
}
