// <balcao-virtual-fluxo>: everything after "Entrar no Balcão Virtual", in the lazily loaded
// chunk. Internal: <balcao-virtual> renders it inside its own shadow root and defines it on
// demand (flow-loader.ts); pages never use it directly.
//
// Screens, each with a heading that takes the focus:
//   triage ─┬─ pje (PJe support; never the line)
//           ├─ petition (peticionamento; never the line)
//           ├─ case-info ─ sealed? ─┬─ yes ─ identification ─┐
//           │                       └─ no ── lawyer? ────────┤
//           └─ other ────────────── lawyer? ─────────────────┴─ before ─ (join) ─ line ─ called ─ call
//   and the endings: missed, done, expired, lost (ticket_not_found); "left" goes back to the status.
//   write: "Escrever para a unidade" (write-form.ts), from the triage, the status of a closed
//   counter, and wherever video can't happen (no WebRTC, devices blocked, nobody serving, the
//   call failing or unavailable, the endings); "Voltar" goes back where it came from.
//
// `before` has the device check (device-check.ts: camera and microphone, "só áudio"; off
// when the screen changes or the citizen joins), whose choice the call reads as `media`;
// `call` is where the call module draws, through `startCall` (call-seam.ts).

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { DescriptionRelay, EndReason } from '../../call/types.js';
import type { CalledEvent, CitizenEvent, ClerkShown, IceConfig, RtcDescription, Subject } from '../../core/protocol/index.js';
import type { Unit } from '../../core/unit.js';
import { contactItems, contactList } from '../contacts.js';
import { BalcaoCallEndEvent, BalcaoCallStartEvent, BalcaoMessageSentEvent, BalcaoQueueJoinEvent } from '../events.js';
import { lineWords, unstaffedWords } from '../format.js';
import { currentLocale } from '../locale.js';
import { baseStyles } from '../styles.js';
import { ticketKey } from '../ticket-key.js';
import type { CallStartResult, StartCall } from './call-seam.js';
import { DeviceCheckController, deviceCheckStyles } from './device-check.js';
import { flowStyles } from './flow-styles.js';
import {
  FIELDS,
  emptyDraft,
  fieldError,
  identificationOf,
  type Field,
  type Identification,
  type IdentificationDraft,
  type Role,
} from './identification.js';
import { mediaChoiceKey, NO_MEDIA_CHOICE, readMediaChoice, saveMediaChoice, type MediaChoice } from './media-choice.js';
import { QueueController } from './queue-controller.js';
import { joinLine, leaveLine, type JoinResult } from './queue-api.js';
import { forgetTicket, readTicket, saveTicket, type SavedTicket } from './ticket-store.js';
import { TurnAlertController } from './turn-alert.js';
import { videoCall } from './video-call.js';
import { joinProblemWords, positionWords, secondsWords } from './words.js';
import { WriteController, writeStyles } from './write-form.js';
import { textField, type TextFieldOptions } from './text-field.js';

export type Screen =
  | 'triage'
  | 'pje'
  | 'petition'
  | 'sealed'
  | 'lawyer'
  | 'identification'
  | 'before'
  | 'line'
  | 'called'
  | 'call'
  | 'missed'
  | 'done'
  | 'expired'
  | 'lost'
  | 'write';

/** The triage's answer: the two subjects of the line, and the two that never reach it. */
export type Topic = Subject | 'pje' | 'petition';

interface Place {
  readonly position: number;
  readonly estimatedWaitMinutes: number | null;
  readonly clerksServing: number;
}

/** Position changes are announced at most this often (the turn, always and at once). */
export const ANNOUNCE_INTERVAL_MS = 30_000;

/**
 * The flow of the Balcão Virtual after "Entrar": triage, identification for sealed cases,
 * the line and the turn. Internal to `<balcao-virtual>`, which sets its properties.
 *
 * @internal
 */
export class BalcaoVirtualFluxo extends LitElement {
  static override styles = [baseStyles, flowStyles, deviceCheckStyles, writeStyles];

  /** The unit (set by `<balcao-virtual>`). */
  @property({ attribute: false }) unit: Unit | undefined;
  /** The Balcão Virtual server's base URL. */
  @property({ attribute: false }) server: URL | undefined;
  /** The unit's phone and e-mail (the server's configuration, else the page's fallbacks). */
  @property({ attribute: false }) phone: string | undefined;
  @property({ attribute: false }) email: string | undefined;
  /** Clerks serving now, as the status last heard (before joining); undefined when unknown. */
  @property({ attribute: false }) clerksServing: number | undefined;
  /** Whether the first screen takes the focus (opened by a click, not resumed after a reload). */
  @property({ attribute: false }) takeFocus = true;
  /** Says something in the element's polite live region. */
  @property({ attribute: false }) announce: (text: string) => void = () => undefined;
  /** Back to the status, with something to announce. */
  @property({ attribute: false }) exit: (announcement?: string) => void = () => undefined;
  /** The first screen: the triage, or 'write' ("Escrever para a unidade" on a closed counter's status). */
  @property({ attribute: false }) start: 'write' | undefined;
  /** The seam for the call module (see call-seam.ts). */
  @property({ attribute: false }) startCall: StartCall = videoCall;

  @state() private screen: Screen = 'triage';
  @state() private topic: Topic | '' = '';
  @state() private libras = false;
  @state() private sealed: boolean | undefined;
  @state() private lawyer: boolean | undefined;
  /** Which question was left unanswered on the current screen. */
  @state() private unanswered = false;
  @state() private draft: IdentificationDraft = emptyDraft();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private joining = false;
  @state() private joinError: Extract<JoinResult, { ok: false }> | undefined;
  @state() private ticket: SavedTicket | undefined;
  @state() private place: Place | undefined;
  @state() private called: CalledEvent | undefined;
  @state() private requeued = false;
  @state() private confirmingLeave = false;
  @state() private leaving = false;
  @state() private leaveError = false;
  @state() private answerError = false;
  @state() private callResult: CallStartResult | undefined;
  /** How the call ended on this side while the line has not said what comes next. */
  @state() private callEnd: EndReason | undefined;
  /** The screen "Escrever uma mensagem" was chosen on ("Voltar" goes back to it); undefined: opened from the status. */
  @state() private writeFrom: Screen | undefined;
  /** Whether the PJe or petition screen was opened from the message form (its "Voltar" goes back to it). */
  @state() private redirectFromWrite = false;

  private readonly queue = new QueueController(
    this,
    (event) => this.lineEvent(event),
    (lost) => {
      if (lost) this.announceNow(msg('Conexão perdida. Tentando reconectar.'));
      else this.restored = true;
    },
  );
  private readonly alert = new TurnAlertController(this);
  /** The camera, microphone and "só áudio" chosen before joining (NO_MEDIA_CHOICE until then); kept in this tab. */
  @state() private mediaChoice: MediaChoice = NO_MEDIA_CHOICE;
  /** The device check on the screen before the line; its preview is off anywhere else. */
  private readonly devices = new DeviceCheckController(this, {
    active: () => this.screen === 'before',
    choice: () => this.mediaChoice,
    choose: (choice) => this.chooseMedia(choice),
    announce: (text) => this.announceNow(text),
    focus: (selector) => (this.focusNext = selector),
    write: () => this.toWrite(),
  });
  /** The written channel: the form, its draft, the outbox (write-form.ts, outbox.ts). Never fed from the identification. */
  private readonly writer = new WriteController(this, {
    active: () => this.screen === 'write',
    unit: () => this.unit,
    server: () => this.server,
    email: () => this.email,
    announce: (text) => this.announceNow(text),
    focus: (selector) => (this.focusNext = selector),
    redirect: (topic) => {
      this.redirectFromWrite = true;
      this.go(topic);
    },
    back: () => (this.writeFrom ? this.go(this.writeFrom) : this.exit()),
    home: () => this.exit(),
    sent: (unit, protocol) => this.dispatchEvent(new BalcaoMessageSentEvent(unit, protocol)),
  });
  /** The identification, checked, kept in memory only until the call. */
  private checked: Identification | undefined;
  private joinAbort: AbortController | undefined;
  private callAbort: AbortController | undefined;
  /** The call being resumed after a reload (`in-call`): the clerk and the fresh ICE servers. */
  private resumed: { readonly clerkPeerId: string; readonly clerk: ClerkShown; readonly ice: IceConfig } | undefined;
  /** The call module's listeners for the clerk's descriptions (`rtc` on the line socket). */
  private readonly rtcListeners = new Set<(description: RtcDescription) => void>();
  /** When the call's media connected (for `balcao-call-end`), undefined before. */
  private callConnectedAt: number | undefined;
  /** Where the call module draws (created once, so it exists in the click that starts the call). */
  private readonly callContainer = document.createElement('div');
  /** While a pointer is pressed in the form: the fields left meanwhile, checked on release. */
  private pressing: AbortController | undefined;
  private readonly afterPress = new Set<Field>();
  /** Whether the person has clicked in the flow: sound may play. */
  private gestured = false;
  private focusNext: string | undefined;
  private started = false;
  private shownOnce = false;
  private lastAnnouncedAt = -Infinity;
  private lastPositionText: string | undefined;
  private pendingPositionText: string | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The connection just came back: said with the position that comes with it. */
  private restored = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.callContainer.className = 'call';
  }

  /**
   * The sealed-case identification, checked, for the call module to send over the call's
   * data channel; undefined when the case is not sealed (or not identified yet). Memory only.
   */
  identification(): Identification | undefined {
    return this.sealed ? this.checked : undefined;
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
    return this.ticket !== undefined || this.joining || this.writer.busy;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.joinAbort?.abort();
    this.callAbort?.abort();
    this.pressing?.abort();
    this.pressing = undefined;
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
  }

  private get storageKey(): string | undefined {
    return this.server && this.unit ? ticketKey(this.server, this.unit.id) : undefined;
  }

  private get mediaKey(): string | undefined {
    return this.server && this.unit ? mediaChoiceKey(this.server, this.unit.id) : undefined;
  }

  protected override willUpdate(): void {
    if (this.started || !this.unit || !this.server) return;
    this.started = true;
    // The devices chosen before a reload.
    const mediaKey = this.mediaKey;
    this.mediaChoice = (mediaKey ? readMediaChoice(mediaKey) : undefined) ?? this.mediaChoice;
    // A ticket kept in this tab: back to the line (a reload, or the tab coming back).
    const key = this.storageKey;
    const saved = key ? readTicket(key) : undefined;
    if (saved && saved.unit === this.unit.id) {
      this.ticket = saved;
      this.screen = 'line';
      this.queue.follow(this.server, saved);
    } else if (this.start === 'write') {
      this.screen = 'write';
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Each new screen's heading takes the focus; the first one only when opened by a click.
    if (changed.has('screen') && (this.shownOnce || this.takeFocus)) this.focusNext ??= '#heading';
    this.shownOnce = true;
    const target = this.focusNext;
    if (target) {
      this.focusNext = undefined;
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    switch (this.screen) {
      case 'triage':
        return this.renderTriage();
      case 'pje':
        return this.renderPje();
      case 'petition':
        return this.renderPetition();
      case 'sealed':
        return this.renderYesNo('sealed');
      case 'lawyer':
        return this.renderYesNo('lawyer');
      case 'identification':
        return this.renderIdentification();
      case 'before':
        return this.renderBefore();
      case 'line':
        return this.renderLine();
      case 'called':
        return this.renderCalled();
      case 'call':
        return this.renderCall();
      case 'missed':
        return this.renderEnding(
          msg('Você não entrou a tempo'),
          msg('Chamaram você, mas o tempo para entrar acabou. Por isso, sua senha saiu da fila.'),
          true,
        );
      case 'done':
        return this.renderEnding(msg('Atendimento encerrado'), msg('Obrigado por usar o Balcão Virtual.'), false, false);
      case 'expired':
        return this.renderEnding(
          msg('A fila de hoje foi encerrada'),
          msg('O horário de atendimento da unidade terminou antes da sua vez. Volte no próximo dia de atendimento ou fale com a unidade.'),
          false,
        );
      case 'write':
        return this.writer.render((text) => this.heading(text));
      case 'lost':
        return this.renderEnding(
          msg('Sua senha não está mais na fila'),
          msg('Isso acontece quando a conexão fica muito tempo fora. Entre na fila de novo se ainda precisar de atendimento.'),
          true,
        );
    }
  }

  private heading(text: string): TemplateResult {
    return html`<h2 id="heading" class="heading" part="heading" tabindex="-1">${text}</h2>`;
  }

  private actions(primary: TemplateResult | typeof nothing, back: (() => void) | undefined, backLabel = msg('Voltar')): TemplateResult {
    return html`<div class="actions">
      ${primary}${back ? html`<button type="button" class="secondary" part="button" @click=${back}>${backLabel}</button>` : nothing}
    </div>`;
  }

  private contacts(): TemplateResult | typeof nothing {
    return contactList(this.phone, this.email);
  }

  /** "Escrever uma mensagem": the written channel, wherever video can't happen. */
  private writeButton(): TemplateResult {
    return html`<div class="actions">
      <button type="button" class="secondary" part="button" data-write @click=${this.toWrite}>${msg('Escrever uma mensagem')}</button>
    </div>`;
  }

  private readonly toWrite = (): void => {
    this.writeFrom = this.screen;
    this.go('write');
  };

  /** Nobody serving by video now: said before joining and while in the line, with the contacts. */
  private renderUnstaffed(clerksServing: number | undefined, inLine: boolean): TemplateResult | typeof nothing {
    if (clerksServing !== 0) return nothing;
    const words = unstaffedWords(Boolean(this.phone), Boolean(this.email));
    return html`<div class="unstaffed" part="note">
      <p><strong>${words.headline}</strong> ${inLine ? msg('Seu lugar na fila continua guardado.') : nothing} ${words.nextStep}</p>
      ${this.contacts()} ${this.writeButton()}
    </div>`;
  }

  private renderTriage(): TemplateResult {
    const topics: [Topic, string, string][] = [
      ['case-info', msg('Informação sobre um processo'), msg('Andamento, prazos, audiências, documentos do processo.')],
      ['pje', msg('Problema técnico no sistema PJe'), msg('Erro para entrar, assinar ou enviar arquivos no PJe.')],
      ['petition', msg('Enviar uma petição ou documento'), msg('Protocolar um pedido, uma defesa ou um documento no processo.')],
      ['other', msg('Outro assunto'), msg('Dúvidas sobre a unidade e seus serviços.')],
    ];
    return html`<form novalidate @submit=${this.submitTriage}>
      <fieldset aria-describedby=${this.unanswered ? 'topic-error' : nothing}>
        <legend>${this.heading(msg('Sobre o que é o atendimento?'))}</legend>
        ${this.unanswered ? html`<p id="topic-error" class="error" part="field-error">${msg('Escolha uma das opções.')}</p>` : nothing}
        <div class=${classMap({ choices: true, invalid: this.unanswered })}>
          ${topics.map(
            ([value, label, hint]) => html`<div class="choice">
              <input
                type="radio"
                id=${`topic-${value}`}
                name="topic"
                .checked=${this.topic === value}
                aria-describedby=${`topic-${value}-hint`}
                @change=${() => this.chooseTopic(value)}
              />
              <div>
                <label for=${`topic-${value}`}>${label}</label>
                <span class="hint" id=${`topic-${value}-hint`}>${hint}</span>
              </div>
            </div>`,
          )}
        </div>
      </fieldset>
      <div class="choice">
        <input type="checkbox" id="libras" .checked=${this.libras} @change=${(e: Event) => (this.libras = (e.target as HTMLInputElement).checked)} />
        <label for="libras">${msg('Preciso de intérprete de Libras')}</label>
      </div>
      ${this.renderUnstaffed(this.clerksServing, false)}
      ${this.actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => this.exit())}
      <p><button type="button" class="link" id="prefer-write" @click=${this.toWrite}>${msg('Prefiro escrever uma mensagem')}</button></p>
    </form>`;
  }

  private renderPje(): TemplateResult {
    const pje = this.unit?.pjeSupport;
    return html`${this.heading(msg('Problemas no sistema PJe'))}
      <p>${msg('O Balcão Virtual não resolve problemas técnicos do PJe, como erro para entrar, assinar ou enviar arquivos. Quem ajuda é o suporte do PJe do tribunal.')}</p>
      ${pje
        ? html`<ul class="contacts" part="contacts">
            ${pje.url ? html`<li><a href=${pje.url}>${msg('Página do suporte do PJe')}</a></li>` : nothing}${contactItems(pje.phone, pje.email)}
          </ul>`
        : html`<p>${msg('Procure o suporte do PJe no site do tribunal. Se precisar, fale com a unidade:')}</p>
            ${this.contacts()}`}
      ${this.actions(nothing, () => this.leaveRedirect())}`;
  }

  private renderPetition(): TemplateResult {
    const url = this.unit?.petitionsUrl;
    return html`${this.heading(msg('O Balcão Virtual não recebe petições'))}
      <p>${msg('Petições e documentos são enviados pelo peticionamento eletrônico, no sistema do processo. O Balcão Virtual só dá informações.')}</p>
      ${url
        ? html`<p><a href=${url}>${msg('Ir para o peticionamento eletrônico')}</a></p>`
        : html`<p>${msg('Procure o peticionamento eletrônico no site do tribunal.')}</p>`}
      ${this.phone || this.email ? html`<p>${msg('Se tiver dúvidas, fale com a unidade:')}</p>${this.contacts()}` : nothing}
      ${this.actions(nothing, () => this.leaveRedirect())}`;
  }

  /** "Voltar" on the PJe or petition screen: to the message form when it came from there. */
  private leaveRedirect(): void {
    const toWrite = this.redirectFromWrite;
    this.redirectFromWrite = false;
    this.go(toWrite ? 'write' : 'triage');
  }

  /** The two yes/no questions: is the case sealed; is the person a lawyer. */
  private renderYesNo(question: 'sealed' | 'lawyer'): TemplateResult {
    const value = question === 'sealed' ? this.sealed : this.lawyer;
    const describedBy = [question === 'sealed' ? 'question-hint' : '', this.unanswered ? 'question-error' : ''].filter(Boolean).join(' ');
    const set = (answer: boolean): void => {
      if (question === 'sealed') this.sealed = answer;
      else this.lawyer = answer;
      this.unanswered = false;
    };
    return html`<form novalidate @submit=${(e: Event) => this.submitYesNo(e, question)}>
      <fieldset aria-describedby=${describedBy || nothing}>
        <legend>${this.heading(question === 'sealed' ? msg('O processo tramita em segredo de justiça?') : msg('Você é advogado(a)?'))}</legend>
        ${question === 'sealed'
          ? html`<p class="hint" id="question-hint">
              ${msg('Nesses processos, a unidade só informa as partes e seus advogados, e por isso confere quem pede. Se não souber, responda "Não": se for preciso, a pessoa que atender pede sua identificação.')}
            </p>`
          : nothing}
        ${this.unanswered ? html`<p id="question-error" class="error" part="field-error">${msg('Responda sim ou não.')}</p>` : nothing}
        <div class=${classMap({ choices: true, invalid: this.unanswered })}>
          <div class="choice">
            <input type="radio" id="answer-yes" name="answer" .checked=${value === true} @change=${() => set(true)} />
            <label for="answer-yes">${msg('Sim')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="answer-no" name="answer" .checked=${value === false} @change=${() => set(false)} />
            <label for="answer-no">${msg('Não')}</label>
          </div>
        </div>
      </fieldset>
      ${this.actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => this.back())}
    </form>`;
  }

  private renderIdentification(): TemplateResult {
    const d = this.draft;
    const roles: [Role, string][] = [
      ['party', msg('Parte no processo')],
      ['lawyer', msg('Advogado(a) de uma das partes')],
      ['other', msg('Outra pessoa')],
    ];
    return html`<form novalidate part="form" @submit=${this.submitIdentification} @focusout=${this.checkOnBlur} @pointerdown=${this.pointerDown}>
      ${this.heading(msg('Sua identificação'))}
      <div class="notice" part="note" id="lgpd">
        <p>${msg('Em processos em segredo de justiça, a pessoa que atender precisa conferir quem você é antes de dar informações.')}</p>
        <p>
          ${msg('Seus dados (nome, CPF, se é parte ou advogado(a), OAB e número do processo) servem só para isso. Eles ficam apenas nesta página até a chamada começar e então vão direto para a pessoa que atender, pela conexão protegida da chamada. Não são enviados ao servidor do Balcão Virtual nem guardados neste aparelho (Lei Geral de Proteção de Dados).')}
        </p>
      </div>
      ${this.textField('name', msg('Nome completo'), undefined, { autocomplete: 'name' })}
      ${this.textField('cpf', msg('CPF'), msg('Os 11 números, com ou sem pontos e traço.'), { inputmode: 'numeric', short: true })}
      <fieldset class=${classMap({ field: true, invalid: Boolean(this.errors.role) })} aria-describedby=${this.errors.role ? 'role-error' : nothing}>
        <legend>${msg('Você é')}</legend>
        ${this.errors.role ? html`<p id="role-error" class="error" part="field-error">${this.errors.role}</p>` : nothing}
        ${roles.map(
          ([value, label]) => html`<div class="choice">
            <input
              type="radio"
              id=${`role-${value}`}
              name="role"
              data-field="role"
              .checked=${d.role === value}
              @change=${() => this.edit('role', value)}
            />
            <label for=${`role-${value}`}>${label}</label>
          </div>`,
        )}
      </fieldset>
      ${d.role === 'lawyer'
        ? this.textField('oab', msg('Inscrição na OAB'), msg('Sigla do estado e número. Exemplo: RN 12345.'), { short: true, autocapitalize: 'characters' })
        : nothing}
      ${this.textField('caseNumber', msg('Número do processo'), msg('No formato 0000000-00.0000.0.00.0000, ou só os 20 números.'), {
        inputmode: 'numeric',
      })}
      ${this.actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => this.back())}
    </form>`;
  }

  private textField(
    field: Exclude<Field, 'role'>,
    label: string,
    hint: string | undefined,
    options: TextFieldOptions,
  ): TemplateResult {
    return textField({ field, label, hint, error: this.errors[field], value: this.draft[field], options, onInput: (value) => this.edit(field, value) });
  }

  private renderBefore(): TemplateResult {
    // Called and unable to answer would be worse than not joining: the contacts instead.
    if (!this.devices.browser.canCall) {
      return html`${this.heading(msg('Antes de entrar na fila'))} ${this.devices.renderCannotCall(this.contacts())} ${this.writeButton()}
        ${this.actions(nothing, () => this.back())}`;
    }
    const problem = this.joinError ? joinProblemWords(this.joinError.code, this.joinError.message) : undefined;
    const joinButton =
      problem && !problem.retry
        ? nothing
        : html`<button type="button" id="join" part="button" aria-disabled=${this.joining ? 'true' : 'false'} @click=${this.join}>
            ${this.joining ? msg('Entrando na fila…') : problem ? msg('Tentar de novo') : msg('Entrar na fila')}
          </button>`;
    return html`${this.heading(msg('Antes de entrar na fila'))}
      ${this.renderUnstaffed(this.clerksServing, false)}
      <p>${msg('Quando chegar sua vez, você vai ouvir um aviso e ver o botão "Entrar". Você terá 1 minuto para entrar.')}</p>
      <p>${msg('Mantenha esta página aberta. Você pode usar outras abas enquanto espera.')}</p>
      ${this.devices.render(this.contacts())}
      ${problem
        ? html`<div part="problem">
            <p class="problem" id="join-error" tabindex="-1">${problem.headline}</p>
            ${this.contacts()}
          </div>`
        : nothing}
      ${this.actions(joinButton, this.joining ? undefined : () => (problem && !problem.retry ? this.exit() : this.back()), problem && !problem.retry ? msg('Voltar ao início') : msg('Voltar'))}`;
  }

  private renderLine(): TemplateResult {
    const place = this.place;
    const locale = currentLocale();
    const estimate = place ? lineWords(place.position, place.estimatedWaitMinutes, locale).estimate : undefined;
    return html`${this.heading(msg('Você está na fila'))}
      <p class="ticket">${msg('Sua senha')} <strong class="code" part="ticket">${this.ticket?.code ?? ''}</strong></p>
      ${place
        ? html`<p class="position">${positionWords(place.position, locale)}</p>
            ${estimate ? html`<p class="estimate note">${estimate}</p>` : nothing}`
        : html`<p class="note">${msg('Conectando à fila…')}</p>`}
      ${this.requeued ? html`<p class="notice">${msg('Você voltou para o início da fila.')}</p>` : nothing}
      ${this.renderConnection()}
      ${this.renderUnstaffed(place?.clerksServing, true)}
      <p class="hint">${msg('Mantenha esta página aberta. Quando for sua vez, você vai ouvir um aviso e o título da aba vai mudar.')}</p>
      ${this.renderLeave()}`;
  }

  private renderConnection(): TemplateResult | typeof nothing {
    const q = this.queue;
    if (q.connection === 'replaced') {
      return html`<div class="notice" part="note">
        <p>${msg('Sua senha foi aberta em outra aba ou janela. Continue por lá, ou use esta aba.')}</p>
        ${this.actions(html`<button type="button" part="button" @click=${() => q.reconnect()}>${msg('Usar esta aba')}</button>`, undefined)}
      </div>`;
    }
    if (q.lostAt === undefined) return nothing;
    const minutes = new Intl.NumberFormat(currentLocale()).format(Math.max(1, Math.round((this.ticket?.graceSeconds ?? 60) / 60)));
    if (!q.graceExceeded()) {
      return html`<p class="notice" part="note">${msg(str`Conexão perdida. Tentando reconectar… Seu lugar fica guardado por até ${minutes} min.`)}</p>`;
    }
    return html`<div class="problem" part="problem">
      <p>${msg(str`Sem conexão há mais de ${minutes} min. Seu lugar na fila pode ter sido perdido. Verifique sua internet: quando a conexão voltar, você verá se ele continua guardado.`)}</p>
      ${this.contacts()}
    </div>`;
  }

  private renderLeave(): TemplateResult {
    if (!this.confirmingLeave) {
      return this.actions(
        html`<button type="button" id="leave" class="secondary" part="button" @click=${this.askLeave}>${msg('Sair da fila')}</button>`,
        undefined,
      );
    }
    return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text" tabindex="-1">${msg('Sair da fila? Você perde seu lugar. Se voltar, entra no fim da fila.')}</p>
      ${this.leaveError ? html`<p class="error" id="leave-error">${msg('Não foi possível sair da fila agora. Verifique sua internet e tente de novo.')}</p>` : nothing}
      ${this.actions(
        html`<button type="button" part="button" aria-disabled=${this.leaving ? 'true' : 'false'} @click=${this.leave}>
          ${this.leaving ? msg('Saindo da fila…') : msg('Sim, sair da fila')}
        </button>`,
        () => this.cancelLeave(),
        msg('Continuar na fila'),
      )}
    </div>`;
  }

  private renderCalled(): TemplateResult {
    const called = this.called;
    const locale = currentLocale();
    const left = this.alert.secondsLeft;
    return html`<div class="alert" part="alert">
        ${this.heading(msg('Sua vez!'))}
        ${called ? html`<p>${callingWords(called)}</p>` : nothing}
        <p class="countdown">
          ${left > 0 ? answerWithin(secondsWords(left, locale)) : msg('O tempo para entrar acabou.')}
        </p>
        ${this.answerError
          ? html`<p class="error" id="answer-error">${msg('Sem conexão agora. Tentando reconectar: tente de novo em instantes.')}</p>`
          : nothing}
        ${left > 0 ? this.actions(html`<button type="button" id="answer" part="button" @click=${this.answer}>${msg('Entrar')}</button>`, undefined) : nothing}
      </div>
      <p class="ticket">${msg('Sua senha')} <strong class="code" part="ticket">${this.ticket?.code ?? ''}</strong></p>
      ${this.renderConnection()} ${this.renderLeave()}`;
  }

  private renderCall(): TemplateResult {
    if (this.callResult === undefined) return html`${this.heading(msg('Voltando para a chamada…'))}`;
    if (this.callResult === 'started') return html`${this.callContainer}${this.renderCallEnd()}`;
    return html`${this.heading(msg('Fale com a unidade'))}
      <p>${msg('Não foi possível abrir a chamada de vídeo neste navegador. Verifique sua internet e recarregue a página, ou fale com a unidade por telefone ou e-mail:')}</p>
      ${this.contacts()} ${this.writeButton()} ${this.renderLeave()}`;
  }

  /** After the call ended on this side, until the line says `done` or `requeued`. */
  private renderCallEnd(): TemplateResult | typeof nothing {
    switch (this.callEnd) {
      case 'failed':
        return html`<div class="problem" part="problem">
          <p>${msg('A chamada caiu e não foi possível reconectar. Se a unidade não chamar você de novo, você volta para o início da fila em instantes. Você também pode falar com a unidade por telefone ou e-mail:')}</p>
          ${this.contacts()} ${this.writeButton()}
        </div>`;
      case 'hung-up-remote':
        return html`<p class="notice" part="note">${msg('A unidade encerrou a chamada. Aguarde um instante nesta página.')}</p>`;
      default:
        return nothing;
    }
  }

  private renderEnding(headline: string, text: string, again: boolean, contacts = true): TemplateResult {
    return html`${this.heading(headline)}
      <p>${text}</p>
      ${this.actions(
        again ? html`<button type="button" part="button" @click=${this.joinAgain}>${msg('Entrar na fila de novo')}</button>` : nothing,
        () => this.exit(),
        msg('Voltar ao início'),
      )}
      ${contacts && (this.phone || this.email) ? html`<p>${msg('Se preferir, fale com a unidade:')}</p>${this.contacts()}` : nothing}
      ${contacts ? this.writeButton() : nothing}`;
  }

  // ── Before the line ────────────────────────────────────────────────────────

  private go(screen: Screen): void {
    this.unanswered = false;
    this.screen = screen;
  }

  private chooseTopic(topic: Topic): void {
    this.topic = topic;
    this.unanswered = false;
  }

  private submitTriage(event: Event): void {
    event.preventDefault();
    this.gestured = true;
    const topic = this.topic;
    if (topic === '') {
      this.unanswered = true;
      this.focusNext = 'input[name="topic"]';
      return;
    }
    this.go(topic === 'pje' ? 'pje' : topic === 'petition' ? 'petition' : topic === 'case-info' ? 'sealed' : 'lawyer');
  }

  private submitYesNo(event: Event, question: 'sealed' | 'lawyer'): void {
    event.preventDefault();
    const answer = question === 'sealed' ? this.sealed : this.lawyer;
    if (answer === undefined) {
      this.unanswered = true;
      this.focusNext = '#answer-yes';
      return;
    }
    this.go(question === 'lawyer' ? 'before' : answer ? 'identification' : 'lawyer');
  }

  /** "Voltar": the screen before this one, by the answers given. */
  private back(): void {
    switch (this.screen) {
      case 'sealed':
        return this.go('triage');
      case 'lawyer':
        return this.go(this.topic === 'case-info' ? 'sealed' : 'triage');
      case 'identification':
        return this.go('sealed');
      case 'before':
        this.joinError = undefined;
        return this.go(this.topic === 'case-info' && this.sealed ? 'identification' : 'lawyer');
      default:
        return this.go('triage');
    }
  }

  private edit(field: Field, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    // A field shown as wrong is checked again as it is corrected; a right one waits for the blur.
    if (this.errors[field] !== undefined || field === 'role') this.check(field);
  }

  private check(field: Field): void {
    const error = fieldError(field, this.draft);
    // Unchanged: no update (the focus moving after sending checks the field it leaves).
    if (error === this.errors[field]) return;
    const errors = { ...this.errors };
    if (error === undefined) delete errors[field];
    else errors[field] = error;
    this.errors = errors;
  }

  private checkOnBlur(event: FocusEvent): void {
    const field = (event.target as HTMLElement).dataset.field as Field | undefined;
    if (!field || field === 'role') return;
    // An empty field is not scolded on the way through; only when sent.
    if (this.draft[field].trim() === '' && this.errors[field] === undefined) return;
    // Left with a click or a tap: the message would push down what is being clicked between
    // the press and the release. It is shown once the click is over.
    if (this.pressing) this.afterPress.add(field);
    else this.check(field);
  }

  private pointerDown(): void {
    if (this.pressing) return;
    this.pressing = new AbortController();
    const release = (): void => {
      this.pressing?.abort();
      this.pressing = undefined;
      // After the click that follows the release, in the same task.
      setTimeout(() => {
        for (const field of this.afterPress) this.check(field);
        this.afterPress.clear();
      });
    };
    window.addEventListener('pointerup', release, { signal: this.pressing.signal });
    window.addEventListener('pointercancel', release, { signal: this.pressing.signal });
  }

  private submitIdentification(event: Event): void {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const error = fieldError(field, this.draft);
      if (error !== undefined) errors[field] = error;
    }
    this.errors = errors;
    const firstWrong = FIELDS.find((f) => errors[f] !== undefined);
    if (firstWrong) {
      this.focusNext = firstWrong === 'role' ? 'input[name="role"]' : `#${firstWrong}`;
      return;
    }
    this.checked = identificationOf(this.draft);
    this.go('before');
  }

  private async join(): Promise<void> {
    const unit = this.unit;
    const server = this.server;
    const key = this.storageKey;
    if (this.joining || !unit || !server || !key || (this.topic !== 'case-info' && this.topic !== 'other')) return;
    if (!this.devices.browser.canCall) return;
    // The camera goes off during the wait (its light must not stay on); the call opens it again.
    this.devices.stop();
    this.gestured = true;
    this.joining = true;
    this.joinError = undefined;
    const sealed = this.topic === 'case-info' && this.sealed === true;
    const lawyer = sealed ? this.draft.role === 'lawyer' : this.lawyer === true;
    const abort = new AbortController();
    this.joinAbort = abort;
    const result = await joinLine(server, unit.id, { subject: this.topic, sealed, lawyer, libras: this.libras }, abort.signal);
    if (abort.signal.aborted) return;
    this.joinAbort = undefined;
    this.joining = false;
    if (!result.ok) {
      this.joinError = result;
      this.focusNext = '#join-error';
      return;
    }
    const { ticket, answer } = result;
    saveTicket(key, ticket);
    this.ticket = ticket;
    this.place = { position: answer.position, estimatedWaitMinutes: answer.estimatedWaitMinutes, clerksServing: answer.clerksServing };
    this.lastPositionText = positionWords(answer.position, currentLocale());
    this.requeued = false;
    this.go('line');
    this.queue.follow(server, ticket);
    this.dispatchEvent(new BalcaoQueueJoinEvent(unit.id, ticket.code, answer.position));
  }

  /** A camera, microphone or "só áudio" chosen on the device check: kept in this tab for a reload. */
  private chooseMedia(choice: MediaChoice): void {
    this.mediaChoice = choice;
    const key = this.mediaKey;
    if (key) saveMediaChoice(key, choice);
  }

  private joinAgain(): void {
    this.joinError = undefined;
    const known = this.topic === 'other' || (this.topic === 'case-info' && this.sealed !== undefined && (!this.sealed || this.checked));
    this.go(known ? 'before' : 'triage');
  }

  // ── In the line ────────────────────────────────────────────────────────────

  private lineEvent(event: CitizenEvent): void {
    const restored = this.restored;
    this.restored = false;
    switch (event.type) {
      case 'waiting': {
        const before = this.place?.clerksServing;
        this.place = { position: event.position, estimatedWaitMinutes: event.estimatedWaitMinutes, clerksServing: event.clerksServing };
        if (this.screen === 'called') this.backToLine();
        const text = positionWords(event.position, currentLocale());
        if (before !== undefined && (before === 0) !== (event.clerksServing === 0)) {
          // Clerks stopped (or started) serving by video: said at once, with the place.
          const staffing =
            event.clerksServing === 0
              ? `${unstaffedWords(Boolean(this.phone), Boolean(this.email)).headline} ${msg('Seu lugar na fila continua guardado.')}`
              : msg('Atendimento por vídeo disponível agora.');
          this.lastPositionText = text;
          this.announceNow(`${staffing} ${text}`);
        } else if (restored) {
          this.lastPositionText = text;
          this.announceNow(`${msg('Conexão restabelecida.')} ${text}`);
        } else {
          this.announcePosition(text);
        }
        return;
      }
      case 'called':
        return this.turn(event);
      case 'in-call':
        // After a reload (or a socket that came back) during the call: the clerk calls again.
        this.resumed = { clerkPeerId: event.clerkPeerId, clerk: event.clerk, ice: event.ice };
        if (this.screen !== 'call') this.beginCall(false);
        return;
      case 'rtc':
        for (const listener of this.rtcListeners) listener(event.description);
        return;
      case 'requeued':
        this.requeued = true;
        this.backToLine();
        this.announceNow(msg('Você voltou para o início da fila.'));
        return;
      case 'missed':
        return this.end('missed');
      case 'done':
        // The call is over: the identification has served its purpose.
        this.checked = undefined;
        this.draft = emptyDraft();
        return this.end('done');
      case 'expired':
        return this.end('expired');
      case 'left':
        return this.left();
      case 'error':
        // After "missed" or "expired" the server also says the ticket is gone: already said.
        if (event.code === 'ticket_not_found' && this.ticket) this.end('lost');
        return;
      default:
        return;
    }
  }

  private turn(event: CalledEvent): void {
    const key = this.storageKey;
    const ticket = this.ticket;
    if (!ticket || !key) return;
    // The same call again (the server repeats it after a reconnection): no second alert.
    const same = this.called;
    if (this.screen === 'called' && same?.clerkPeerId === event.clerkPeerId && same.answerBy === event.answerBy) return;
    this.ticket = { ...ticket, clerkPeerId: event.clerkPeerId };
    saveTicket(key, this.ticket);
    this.called = event;
    this.answerError = false;
    this.confirmingLeave = false;
    this.requeued = false;
    this.screen = 'called';
    const sound = this.gestured || navigator.userActivation?.hasBeenActive === true;
    this.alert.start(Date.parse(event.answerBy), ticket.answerWindowSeconds, (title) => (title ? msg(str`Sua vez! — ${title}`) : msg('Sua vez!')), sound);
    const seconds = secondsWords(this.alert.secondsLeft, currentLocale());
    this.announceNow(`${msg('Sua vez!')} ${callingWords(event)} ${answerWithin(seconds)}`);
  }

  private backToLine(): void {
    this.alert.stop();
    this.stopCall();
    this.called = undefined;
    this.callResult = undefined;
    this.screen = 'line';
  }

  private answer(): void {
    this.gestured = true;
    if (!this.queue.send({ type: 'answer' })) {
      this.answerError = true;
      return;
    }
    this.alert.stop();
    this.beginCall(true);
  }

  /** Hands the call to the call module (call-seam.ts); in the click of "Entrar" when `gesture`. */
  private beginCall(gesture: boolean): void {
    const { unit, server, ticket, called, resumed } = this;
    const clerkPeerId = called?.clerkPeerId ?? resumed?.clerkPeerId ?? ticket?.clerkPeerId;
    const ice = called?.ice ?? resumed?.ice;
    this.alert.stop();
    this.screen = 'call';
    if (!unit || !server || !ticket || !clerkPeerId || !ice) {
      // A reload during the call: the server's `in-call` brings the clerk and the ICE servers.
      this.callResult = ice ? 'unavailable' : undefined;
      return;
    }
    this.callAbort?.abort();
    const abort = new AbortController();
    this.callAbort = abort;
    const { signal } = abort;
    signal.addEventListener('abort', () => this.rtcListeners.clear(), { once: true });
    this.callConnectedAt = undefined;
    this.callContainer.replaceChildren();
    const relay: DescriptionRelay = {
      send: (description) => {
        if (!signal.aborted) this.queue.send({ type: 'rtc', description });
      },
      onDescription: (listener) => {
        if (signal.aborted) return () => undefined;
        this.rtcListeners.add(listener);
        return () => void this.rtcListeners.delete(listener);
      },
    };
    let result: CallStartResult;
    try {
      result = this.startCall({
        unit,
        server,
        ticket,
        clerkPeerId,
        clerk: called?.clerk ?? resumed?.clerk,
        ice,
        gesture,
        media: this.media,
        identification: this.identification(),
        relay,
        locale: currentLocale(),
        container: this.callContainer,
        signal,
        onConnected: () => this.callConnected(signal, unit.id, ticket.code),
        onEnded: (reason) => this.callEnded(signal, unit.id, ticket.code, reason),
      });
    } catch {
      result = 'unavailable';
    }
    if (!signal.aborted) this.callResult = result;
  }

  /** `balcao-call-end`, once per call that had connected. */
  private saidCallEnd(unit: string, code: string, reason: EndReason): void {
    const connectedAt = this.callConnectedAt;
    if (connectedAt === undefined) return;
    this.callConnectedAt = undefined;
    this.dispatchEvent(new BalcaoCallEndEvent(unit, code, reason, Math.round((Date.now() - connectedAt) / 1000)));
  }

  /** The line ended the call (done, requeued, left…): the call module stops, the page is told. */
  private stopCall(): void {
    const { unit, ticket } = this;
    if (unit && ticket && this.callEnd === undefined) this.saidCallEnd(unit.id, ticket.code, 'line-ended');
    this.callConnectedAt = undefined;
    this.callEnd = undefined;
    this.callAbort?.abort();
    this.callAbort = undefined;
  }

  private callConnected(signal: AbortSignal, unit: string, code: string): void {
    if (signal.aborted || this.callConnectedAt !== undefined) return;
    this.callConnectedAt = Date.now();
    this.dispatchEvent(new BalcaoCallStartEvent(unit, code));
  }

  /** The call ended on this side: said to the page, and to the line when the citizen hung up. */
  private callEnded(signal: AbortSignal, unit: string, code: string, reason: EndReason | 'unavailable'): void {
    if (signal.aborted) return;
    if (reason === 'unavailable') {
      this.callResult = 'unavailable';
      return;
    }
    this.callEnd = reason;
    this.saidCallEnd(unit, code, reason);
    if (reason === 'hung-up-local') {
      // "Encerrar chamada": the attendance is over for this citizen; the clerk marks the outcome.
      const { server, ticket } = this;
      if (!this.queue.send({ type: 'leave' }) && server && ticket) void leaveLine(server, ticket.ticketId);
      this.checked = undefined;
      this.draft = emptyDraft();
      this.end('done');
    }
    // Otherwise the line says what comes next: `done` (the clerk marked the outcome) or
    // `requeued` (the call dropped: back at the head of the line); the call view says meanwhile.
  }

  private askLeave(): void {
    this.gestured = true;
    this.confirmingLeave = true;
    this.leaveError = false;
    this.focusNext = '#confirm-text';
  }

  private cancelLeave(): void {
    this.confirmingLeave = false;
    this.leaveError = false;
    this.focusNext = '#leave';
  }

  private async leave(): Promise<void> {
    const server = this.server;
    const ticket = this.ticket;
    if (this.leaving || !server || !ticket) return;
    this.leaving = true;
    this.leaveError = false;
    const ok = await leaveLine(server, ticket.ticketId);
    this.leaving = false;
    if (ok) this.left();
    else if (this.ticket) this.leaveError = true;
  }

  /** Out of the line on purpose: back to the status. */
  private left(): void {
    if (!this.ticket) return;
    this.forget();
    this.exit(msg('Você saiu da fila.'));
  }

  /** The ticket ended (missed, done, expired, lost): its screen, and nothing kept. */
  private end(screen: 'missed' | 'done' | 'expired' | 'lost'): void {
    this.forget();
    this.screen = screen;
  }

  private forget(): void {
    this.stopCall();
    const key = this.storageKey;
    if (key) forgetTicket(key);
    this.ticket = undefined;
    this.place = undefined;
    this.called = undefined;
    this.confirmingLeave = false;
    this.leaving = false;
    this.queue.stop();
    this.alert.stop();
    this.callResult = undefined;
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.pendingPositionText = undefined;
    this.lastPositionText = undefined;
  }

  // ── The live region ────────────────────────────────────────────────────────

  private announceNow(text: string): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.pendingPositionText = undefined;
    this.lastAnnouncedAt = Date.now();
    this.announce(text);
  }

  /** A new position: said when it changed, at most every 30 s (the latest one when the wait is over). */
  private announcePosition(text: string): void {
    if (text === this.lastPositionText) {
      this.pendingPositionText = undefined;
      return;
    }
    const wait = this.lastAnnouncedAt + ANNOUNCE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.lastPositionText = text;
      this.announceNow(text);
      return;
    }
    this.pendingPositionText = text;
    this.announceTimer ??= setTimeout(() => {
      this.announceTimer = undefined;
      const pending = this.pendingPositionText;
      if (pending !== undefined) this.announcePosition(pending);
    }, wait);
  }
}

/** "Maria Souza, 1ª Vara Cível da Comarca de Natal, está chamando você." */
function callingWords(called: CalledEvent): string {
  const { name, unit } = called.clerk;
  return msg(str`${name}, ${unit}, está chamando você.`);
}

/** "Entre em até 45 segundos." */
function answerWithin(seconds: string): string {
  return msg(str`Entre em até ${seconds}.`);
}
