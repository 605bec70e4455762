// "Escrever para a unidade": the written channel, for when video can't happen (no WebRTC,
// camera or microphone blocked, the server or the call failing, nobody serving, the counter
// closed) or the citizen simply prefers writing. A form with real labels and the errors
// next to each field, in plain Portuguese, from core's checkMessage (the server's own rules);
// the draft kept on this device while typing; the message kept in the outbox before it is
// sent and until the server confirms it (outbox.ts); the protocol and the deadline once it
// did; and a prefilled e-mail as the last resort, so the text is never trapped here.
//
// Separate from the sealed-case identification on purpose: that data stays in memory for
// the call only, and nothing of it is copied here.

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str } from '@lit/localize';
import { checkMessage, MAX_MESSAGE_LENGTH, type MessageField, type MessageReceipt, type MessageSubmission } from '../../core/protocol/written-message.js';
import { openingStatus } from '../../core/timetable.js';
import type { Unit } from '../../core/unit.js';
import { validateCnj } from '../../core/validators.js';
import { statusWords } from '../format.js';
import { currentLocale } from '../locale.js';
import {
  clearDraft,
  emptyMessageDraft,
  keepMessage,
  OutboxSender,
  pendingMessages,
  readDraft,
  saveDraft,
  sendMessage,
  type MessageDraft,
  type OutboxEntry,
  type SendResult,
} from './outbox.js';
import { textField, type TextFieldOptions } from './text-field.js';

/** The form's fields, in the order they are shown (and focused when wrong). */
export type FormField = Exclude<MessageField, 'idempotencyKey'>;
export const FORM_FIELDS: readonly FormField[] = ['name', 'email', 'phone', 'caseNumber', 'subject', 'text', 'consent'];

/** How long typing pauses before the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 500;

type Phase = 'editing' | 'sending' | 'saved' | 'receipt';

/** A submission valid in every field, to check one field at a time with checkMessage. */
const VALID_OTHERWISE = {
  idempotencyKey: '00000000-0000-4000-8000-000000000000',
  name: 'Nome',
  email: 'nome@exemplo.com.br',
  subject: 'other',
  text: 'Texto',
  consent: true,
} as const;

function submissionOf(draft: MessageDraft, idempotencyKey: string): Record<string, unknown> {
  return {
    idempotencyKey,
    name: draft.name,
    email: draft.email,
    ...(draft.phone.trim() ? { phone: draft.phone } : {}),
    ...(draft.caseNumber.trim() ? { caseNumber: draft.caseNumber } : {}),
    subject: draft.subject,
    text: draft.text,
    ...(draft.consent ? { consent: true } : {}),
  };
}

/** What is wrong with one field, in plain words (core decides; these are its words); undefined when right. */
export function messageFieldError(field: FormField, draft: MessageDraft, locale: string): string | undefined {
  const one = submissionOf(draft, VALID_OTHERWISE.idempotencyKey);
  const probe: Record<string, unknown> = { ...VALID_OTHERWISE };
  if (field in one) probe[field] = one[field];
  else delete probe[field];
  const result = checkMessage(probe);
  if (result.ok || result.field !== field) return undefined;
  const problem = result.problem;
  switch (field) {
    case 'name':
      if (problem === 'missing') return msg('Informe seu nome.');
      if (problem === 'too-long') return msg('Nome longo demais. Use até 120 letras.');
      return msg('Escreva o nome numa linha só, sem símbolos especiais.');
    case 'email':
      if (problem === 'missing') return msg('Informe seu e-mail: a resposta da unidade vai para ele.');
      return msg('Confira o e-mail. Ele deve ser como nome@exemplo.com.br, sem espaços.');
    case 'phone':
      return msg('Confira o telefone: use só números, com DDD. Exemplo: (84) 99999-0000.');
    case 'caseNumber': {
      const cnj = validateCnj(draft.caseNumber);
      if (!cnj.ok && cnj.reason === 'check-digits') return msg('Número do processo com dígitos verificadores errados. Confira o número.');
      if (!cnj.ok && (cnj.reason === 'segment' || cnj.reason === 'court')) {
        return msg('Este número de processo não existe: confira os números depois do ano.');
      }
      return msg('Digite os 20 números do processo, no formato 0000000-00.0000.0.00.0000 ou sem pontos e traços.');
    }
    case 'subject':
      return msg('Escolha o assunto da mensagem.');
    case 'text':
      if (problem === 'missing') return msg('Escreva sua mensagem.');
      if (problem === 'too-long') {
        const excess = textLength(draft.text) - MAX_MESSAGE_LENGTH;
        if (excess === 1) return msg('A mensagem passou do limite. Tire 1 caractere.');
        const over = new Intl.NumberFormat(locale).format(excess);
        return msg(str`A mensagem passou do limite. Tire ${over} caracteres.`);
      }
      return msg('A mensagem tem caracteres especiais que não podem ser enviados. Apague-os e tente de novo.');
    case 'consent':
      return msg('Para enviar, marque que você leu como seus dados são usados.');
  }
}

/** The message's length as the server counts it. */
function textLength(text: string): number {
  return text.replace(/\r\n?/g, '\n').trim().length;
}

/** "Faltam 3.800 caracteres" / "12 caracteres acima do limite". */
export function counterWords(text: string, locale: string): string {
  const left = MAX_MESSAGE_LENGTH - textLength(text);
  const count = new Intl.NumberFormat(locale).format(Math.abs(left));
  if (left === 1) return msg('Falta 1 caractere');
  if (left >= 0) return msg(str`Faltam ${count} caracteres`);
  return left === -1 ? msg('1 caractere acima do limite') : msg(str`${count} caracteres acima do limite`);
}

/** Which announcement the counter deserves: only when crossing these, never on each key. */
function counterBand(text: string): number {
  const left = MAX_MESSAGE_LENGTH - textLength(text);
  return left > 200 ? 0 : left > 0 ? 1 : left === 0 ? 2 : 3;
}

/** "25/11/2026, 14:30", in the unit's time zone. */
export function deadlineText(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** The last resort: the citizen's own e-mail program, with the unit's address, a subject and every field. */
export function mailtoHref(address: string, unitName: string, draft: MessageDraft): string {
  const subject = draft.subject === 'case-info' ? msg('Informação sobre um processo') : draft.subject === 'other' ? msg('Outro assunto') : '';
  const lines = [
    `${msg('Nome:')} ${draft.name.trim()}`,
    `${msg('E-mail:')} ${draft.email.trim()}`,
    ...(draft.phone.trim() ? [`${msg('Telefone:')} ${draft.phone.trim()}`] : []),
    ...(draft.caseNumber.trim() ? [`${msg('Processo:')} ${draft.caseNumber.trim()}`] : []),
    ...(subject ? [`${msg('Assunto:')} ${subject}`] : []),
    '',
    draft.text.replace(/\r\n?/g, '\n').trim(),
  ];
  const title = msg(str`Balcão Virtual: mensagem para ${unitName}`);
  return `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(lines.join('\r\n'))}`;
}

export interface WriteOptions {
  /** Whether the form's screen is shown (the draft is read the first time it is). */
  readonly active: () => boolean;
  readonly unit: () => Unit | undefined;
  readonly server: () => URL | undefined;
  /** The unit's e-mail (its configuration, else the page's `email` attribute), for the last resort. */
  readonly email: () => string | undefined;
  readonly announce: (text: string) => void;
  readonly focus: (selector: string) => void;
  /** PJe problems and petitions: the triage's redirects. */
  readonly redirect: (topic: 'pje' | 'petition') => void;
  readonly back: () => void;
  readonly home: () => void;
  /** The server confirmed a message: for `balcao-message-sent` (unit and protocol only). */
  readonly sent: (unit: string, protocol: string) => void;
}

/**
 * The written channel's state (the draft, its errors, the message being sent and its
 * receipt) and resources (the draft's save timer, the outbox's sender); and its screen.
 */
export class WriteController implements ReactiveController {
  private draft: MessageDraft = emptyMessageDraft();
  private errors: Partial<Record<FormField, string>> = {};
  private phase: Phase = 'editing';
  /** A problem that is no field's (409, 404…), in plain words. */
  private problem: string | undefined;
  /** The message sent, until the server confirmed it. */
  private current: OutboxEntry | undefined;
  /** Whether `current` is kept on this device (false: IndexedDB refused it). */
  private kept = false;
  private receipt: MessageReceipt | undefined;
  private receiptEmail = '';
  /** The unit and server whose draft was read ("server|unit"). */
  private loadedFor: string | undefined;
  /** Typed since the screen opened: a draft read late must not overwrite it. */
  private touched = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private band = 0;
  /** "Tentar enviar agora" is running. */
  private retrying = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: WriteOptions,
  ) {
    host.addController(this);
    new OutboxSender(host, (entry, result) => this.heard(entry, result));
  }

  hostConnected(): void {
    // The draft is read when the screen shows; the outbox's sender starts on its own.
  }

  hostDisconnected(): void {
    // A reload while typing: what was typed since the last save is saved now.
    if (this.saveTimer !== undefined) this.saveNow();
  }

  hostUpdate(): void {
    if (!this.options.active()) return;
    const server = this.options.server();
    const unit = this.options.unit();
    if (!server || !unit) return;
    const key = `${server.href}|${unit.id}`;
    if (this.loadedFor === key) return;
    this.loadedFor = key;
    this.touched = false;
    void Promise.all([readDraft(server, unit.id), pendingMessages()]).then(([draft, pending]) => {
      if (this.touched || this.loadedFor !== key || this.phase !== 'editing') return;
      // A message of this unit still waiting for the server (sent offline on an earlier visit):
      // its state, not its draft again (sending it twice would make two messages).
      const waiting = pending.find((entry) => entry.unit === unit.id && entry.server === server.href);
      if (waiting) {
        this.current = waiting;
        this.kept = true;
        this.phase = 'saved';
      } else if (draft) {
        this.draft = draft;
        this.band = counterBand(draft.text);
      } else return;
      this.host.requestUpdate();
    });
  }

  /** Whether a message is being written or waits on screen: closing time must not take the screen away. */
  get busy(): boolean {
    return this.phase !== 'receipt' && this.options.active();
  }

  // ── Editing ────────────────────────────────────────────────────────────────

  private edit<K extends keyof MessageDraft>(field: K, value: MessageDraft[K]): void {
    this.touched = true;
    this.draft = { ...this.draft, [field]: value };
    this.problem = undefined;
    // A field shown as wrong is checked again as it is corrected; a right one waits for the blur.
    if (this.errors[field] !== undefined || field === 'subject' || field === 'consent') this.check(field);
    if (field === 'text') {
      const band = counterBand(this.draft.text);
      if (band !== this.band) {
        this.band = band;
        if (band > 0) this.options.announce(counterWords(this.draft.text, currentLocale()));
      }
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), DRAFT_SAVE_DELAY_MS);
    this.host.requestUpdate();
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const server = this.options.server();
    const unit = this.options.unit();
    if (server && unit) void saveDraft(server, unit.id, this.draft);
  }

  private check(field: FormField): void {
    const error = messageFieldError(field, this.draft, currentLocale());
    if (error === this.errors[field]) return;
    const errors = { ...this.errors };
    if (error === undefined) delete errors[field];
    else errors[field] = error;
    this.errors = errors;
    this.host.requestUpdate();
  }

  private readonly checkOnBlur = (event: FocusEvent): void => {
    const field = (event.target as HTMLElement).dataset.field as FormField | undefined;
    if (!field || field === 'subject' || field === 'consent') return;
    const value = this.draft[field];
    // An empty field is not scolded on the way through; only when sent.
    if (typeof value === 'string' && value.trim() === '' && this.errors[field] === undefined) return;
    this.check(field);
  };

  // ── Sending ────────────────────────────────────────────────────────────────

  private readonly submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.phase === 'sending') return;
    const locale = currentLocale();
    const errors: Partial<Record<FormField, string>> = {};
    for (const field of FORM_FIELDS) {
      const error = messageFieldError(field, this.draft, locale);
      if (error !== undefined) errors[field] = error;
    }
    this.errors = errors;
    this.problem = undefined;
    const firstWrong = FORM_FIELDS.find((f) => errors[f] !== undefined);
    const unit = this.options.unit();
    const server = this.options.server();
    const checked = checkMessage(submissionOf(this.draft, crypto.randomUUID()));
    if (firstWrong || !checked.ok || !unit || !server) {
      this.options.focus(firstWrong ? fieldSelector(firstWrong) : '#write-problem');
      this.host.requestUpdate();
      return;
    }
    this.saveNow();
    const entry: OutboxEntry = {
      key: checked.value.idempotencyKey,
      unit: unit.id,
      server: server.href,
      submission: checked.value,
      createdAt: Date.now(),
      attempts: 0,
    };
    this.current = entry;
    this.phase = 'sending';
    this.host.requestUpdate();
    // Kept on this device BEFORE it leaves: a crash or a lost connection now loses nothing.
    this.kept = await keepMessage(entry);
    this.heard(entry, await sendMessage(entry));
  };

  /** How an attempt for a message ended (this form's, or another sent in the background). */
  private heard(entry: OutboxEntry, result: SendResult): void {
    const current = this.current;
    if (!current || entry.key !== current.key) return;
    const unit = this.options.unit();
    const server = this.options.server();
    switch (result.kind) {
      case 'sent':
        this.current = undefined;
        this.receipt = result.receipt;
        this.receiptEmail = current.submission.email;
        this.phase = 'receipt';
        this.draft = emptyMessageDraft();
        this.errors = {};
        clearTimeout(this.saveTimer);
        this.saveTimer = undefined;
        if (server && unit) void clearDraft(server, unit.id);
        this.options.sent(current.unit, result.receipt.protocol);
        this.options.focus('#heading');
        this.options.announce(msg(str`Mensagem enviada. Protocolo ${result.receipt.protocol}.`));
        break;
      case 'saved': {
        const was = this.phase;
        this.phase = 'saved';
        if (was !== 'saved') {
          this.options.focus('#heading');
          this.options.announce(this.savedWords());
        }
        break;
      }
      case 'gone':
        // Confirmed by a sender elsewhere on the page: asked again, the server gives the same receipt.
        void sendMessage(current).then((again) => this.heard(current, again.kind === 'gone' ? { kind: 'saved' } : again));
        return;
      case 'refused':
        this.current = undefined;
        this.phase = 'editing';
        this.refused(result.code, result.field);
        break;
    }
    this.host.requestUpdate();
  }

  private refused(code: string, field: MessageField | undefined): void {
    const formField = field && field !== 'idempotencyKey' ? field : undefined;
    if (code === 'too_large' || (code === 'bad_request' && formField)) {
      const name = code === 'too_large' ? 'text' : (formField as FormField);
      this.errors = {
        ...this.errors,
        [name]: messageFieldError(name, this.draft, currentLocale()) ?? msg('Confira este campo: o Balcão Virtual não aceitou o que foi escrito.'),
      };
      this.options.focus(fieldSelector(name));
      return;
    }
    if (code === 'idempotency_conflict') {
      this.problem = msg('A mensagem não foi enviada por um erro de identificação do envio. Nada do que você escreveu foi perdido: toque em "Enviar mensagem" de novo.');
    } else if (code === 'unit_not_found') {
      this.problem = msg('Esta unidade não recebe mensagens pelo Balcão Virtual. Nada do que você escreveu foi perdido: envie por e-mail.');
    } else {
      this.problem = msg('O Balcão Virtual não aceitou a mensagem. Nada do que você escreveu foi perdido: confira os campos e tente de novo, ou envie por e-mail.');
    }
    this.options.focus('#write-problem');
  }

  private savedWords(): string {
    return this.kept
      ? msg('Sua mensagem está guardada neste aparelho e será enviada assim que a conexão voltar.')
      : msg('Não foi possível enviar a mensagem agora, nem guardá-la neste aparelho. Tente de novo em instantes ou envie por e-mail.');
  }

  private readonly retryNow = async (): Promise<void> => {
    const entry = this.current;
    if (!entry || this.retrying) return;
    this.retrying = true;
    this.host.requestUpdate();
    const result = await sendMessage(entry);
    this.retrying = false;
    this.heard(entry, result);
    if (result.kind === 'saved') this.options.announce(this.savedWords());
  };

  private readonly writeAnother = (): void => {
    this.phase = 'editing';
    this.receipt = undefined;
    this.options.focus('#heading');
    this.host.requestUpdate();
  };

  private readonly copyProtocol = async (): Promise<void> => {
    const protocol = this.receipt?.protocol;
    if (!protocol) return;
    try {
      await navigator.clipboard.writeText(protocol);
      this.options.announce(msg('Protocolo copiado.'));
    } catch {
      this.options.announce(msg('Não foi possível copiar. Selecione o número e copie.'));
    }
  };

  // ── Rendering ──────────────────────────────────────────────────────────────

  render(heading: (text: string) => TemplateResult): TemplateResult {
    const unit = this.options.unit();
    if (!unit) return heading(msg('Escrever para a unidade'));
    if (this.phase === 'receipt' && this.receipt) return this.renderReceipt(unit, heading);
    if (this.phase === 'saved' && this.current) return this.renderSaved(unit, heading);
    return this.renderForm(unit, heading);
  }

  private renderReceipt(unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
    const receipt = this.receipt!;
    const locale = currentLocale();
    return html`${heading(msg('Mensagem enviada'))}
      <p class="ticket">
        ${msg('Protocolo')} <strong class="code" part="ticket" id="protocol">${receipt.protocol}</strong>
      </p>
      <div class="actions">
        <button type="button" class="secondary" part="button" @click=${() => void this.copyProtocol()}>${msg('Copiar protocolo')}</button>
      </div>
      <p>${msg(str`A unidade responde até ${deadlineText(receipt.replyBy, unit.timezone, locale)} (horário da unidade).`)}</p>
      <p>${msg(str`Uma cópia da mensagem foi enviada para ${this.receiptEmail}. Guarde o número do protocolo.`)}</p>
      <div class="actions">
        <button type="button" part="button" @click=${this.options.home}>${msg('Voltar ao início')}</button>
        <button type="button" class="secondary" part="button" @click=${this.writeAnother}>${msg('Escrever outra mensagem')}</button>
      </div>`;
  }

  private renderSaved(unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
    const sending = this.retrying;
    return html`${heading(this.kept ? msg('Mensagem guardada') : msg('Mensagem não enviada'))}
      <p class="notice" part="note" id="saved">${this.savedWords()}</p>
      <p>${msg('Você pode fechar esta página: quando você voltar com internet, ela é enviada e você recebe o número do protocolo por e-mail.')}</p>
      ${this.renderMailto(unit, msg('Se preferir não esperar, envie a mesma mensagem pelo seu e-mail:'))}
      <div class="actions">
        <button type="button" part="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => void this.retryNow()}>
          ${msg('Tentar enviar agora')}
        </button>
        <button type="button" class="secondary" part="button" @click=${this.options.home}>${msg('Voltar ao início')}</button>
      </div>`;
  }

  private renderMailto(unit: Unit, lead: string): TemplateResult | typeof nothing {
    const address = this.options.email();
    if (!address) return nothing;
    const draft = this.current ? draftOf(this.current.submission) : this.draft;
    return html`<p>${lead}</p>
      <ul class="contacts" part="contacts">
        <li><a id="mailto" href=${mailtoHref(address, unit.name, draft)}>${msg(str`Enviar por e-mail para ${address}`)}</a></li>
      </ul>`;
  }

  private renderForm(unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
    const d = this.draft;
    const locale = currentLocale();
    const sending = this.phase === 'sending';
    const status = openingStatus(unit, new Date());
    const hours = new Intl.NumberFormat(locale).format(unit.replyDeadlineHours);
    const opens = status.open ? undefined : statusWords(status, Date.now(), unit.timezone, locale).detail;
    const e = this.errors;
    return html`<form novalidate part="form" @submit=${(ev: Event) => void this.submit(ev)} @focusout=${this.checkOnBlur}>
      ${heading(msg('Escrever para a unidade'))}
      <p id="write-intro">
        ${opens ? html`${msg(str`O Balcão Virtual está fechado agora (${opens}), mas você pode escrever.`)} ` : nothing}
        ${msg(str`A unidade responde por e-mail em até ${hours} horas.`)}
      </p>
      ${this.textField('name', msg('Nome completo'), undefined, { autocomplete: 'name' })}
      ${this.textField('email', msg('E-mail'), msg('A resposta vai para este e-mail.'), { autocomplete: 'email', inputmode: 'email' })}
      ${this.textField('phone', msg('Telefone (opcional)'), msg('Com DDD, caso a unidade precise ligar.'), {
        autocomplete: 'tel',
        inputmode: 'tel',
        short: true,
      })}
      ${this.textField('caseNumber', msg('Número do processo (opcional)'), msg('No formato 0000000-00.0000.0.00.0000, ou só os 20 números.'), {
        inputmode: 'numeric',
      })}
      <fieldset class=${classMap({ field: true, invalid: Boolean(e.subject) })} aria-describedby=${e.subject ? 'subject-error' : nothing}>
        <legend>${msg('Assunto')}</legend>
        ${e.subject ? html`<p id="subject-error" class="error" part="field-error">${e.subject}</p>` : nothing}
        ${([
          ['case-info', msg('Informação sobre um processo')],
          ['other', msg('Outro assunto')],
        ] as const).map(
          ([value, label]) => html`<div class="choice">
            <input
              type="radio"
              id=${`subject-${value}`}
              name="subject"
              data-field="subject"
              .checked=${d.subject === value}
              @change=${() => this.edit('subject', value)}
            />
            <label for=${`subject-${value}`}>${label}</label>
          </div>`,
        )}
        <p class="hint">
          ${msg('Problema técnico no PJe ou uma petição? Eles têm canais próprios:')}
          <button type="button" class="link" @click=${() => this.options.redirect('pje')}>${msg('suporte do PJe')}</button>,
          <button type="button" class="link" @click=${() => this.options.redirect('petition')}>${msg('peticionamento eletrônico')}</button>.
        </p>
      </fieldset>
      <div class=${classMap({ field: true, invalid: Boolean(e.text) })}>
        <label for="text">${msg('Mensagem')}</label>
        ${e.text ? html`<p class="error" id="text-error" part="field-error">${e.text}</p>` : nothing}
        <textarea
          id="text"
          name="text"
          data-field="text"
          rows="8"
          aria-invalid=${e.text ? 'true' : 'false'}
          aria-describedby=${e.text ? 'text-error text-counter' : 'text-counter'}
          .value=${d.text}
          @input=${(ev: Event) => this.edit('text', (ev.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint" id="text-counter">${counterWords(d.text, locale)}</p>
      </div>
      <div class="notice" part="note" id="lgpd">
        <p>${msg('Como seus dados são usados (Lei Geral de Proteção de Dados):')}</p>
        <p>
          ${msg('Seu nome, e-mail, telefone, número do processo e a mensagem servem só para a unidade responder a você. Eles vão para o servidor do Balcão Virtual do tribunal e, de lá, por e-mail para os servidores da unidade. Até serem enviados, ficam guardados neste aparelho; um rascunho não enviado é apagado depois de 7 dias. O tribunal os guarda pelo tempo que a lei exige para o atendimento ao público.')}
        </p>
      </div>
      <div class=${classMap({ choice: true, invalid: Boolean(e.consent) })}>
        <input
          type="checkbox"
          id="consent"
          data-field="consent"
          .checked=${d.consent}
          aria-invalid=${e.consent ? 'true' : 'false'}
          aria-describedby=${e.consent ? 'consent-error' : nothing}
          @change=${(ev: Event) => this.edit('consent', (ev.target as HTMLInputElement).checked)}
        />
        <div>
          <label for="consent">${msg('Li como meus dados são usados e concordo.')}</label>
          ${e.consent ? html`<p class="error" id="consent-error" part="field-error">${e.consent}</p>` : nothing}
        </div>
      </div>
      ${this.problem
        ? html`<div part="problem">
            <p class="problem" id="write-problem" tabindex="-1">${this.problem}</p>
            ${this.renderMailto(unit, msg('Para não perder o texto, envie pelo seu e-mail:'))}
          </div>`
        : nothing}
      <div class="actions">
        <button type="submit" part="button" aria-disabled=${sending ? 'true' : 'false'}>${sending ? msg('Enviando…') : msg('Enviar mensagem')}</button>
        ${sending ? nothing : html`<button type="button" class="secondary" part="button" @click=${this.options.back}>${msg('Voltar')}</button>`}
      </div>
    </form>`;
  }

  private textField(
    field: 'name' | 'email' | 'phone' | 'caseNumber',
    label: string,
    hint: string | undefined,
    options: TextFieldOptions,
  ): TemplateResult {
    return textField({ field, label, hint, error: this.errors[field], value: this.draft[field], options, onInput: (value) => this.edit(field, value) });
  }
}

function fieldSelector(field: FormField): string {
  return field === 'subject' ? 'input[name="subject"]' : `#${field}`;
}

function draftOf(s: MessageSubmission): MessageDraft {
  return { name: s.name, email: s.email, phone: s.phone ?? '', caseNumber: s.caseNumber ?? '', subject: s.subject, text: s.text, consent: true };
}

// The form's rules, on top of the flow's (flow-styles.ts): the message box like the text
// fields, and the link-like buttons of the redirects.
export const writeStyles = css`
  textarea {
    box-sizing: border-box;
    max-inline-size: 36rem;
    resize: vertical;
  }
  button.link {
    min-block-size: 24px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: inherit;
    text-decoration: underline;
  }
  #protocol {
    user-select: all;
  }
`;
