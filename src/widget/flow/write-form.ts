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

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { checkMessage, type MessageField, type MessageReceipt } from '../../core/protocol/written-message.js';
import type { Unit } from '../../core/unit.js';
import { FormFields } from '../../ui/form-field.js';
import { currentLocale } from '../../ui/locale.js';
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
import { counterBand, counterWords, DRAFT_SAVE_DELAY_MS, fieldSelector, messageFieldError, messageRules, submissionOf, type FormField } from './write-rules.js';

type Phase = 'editing' | 'sending' | 'saved' | 'receipt';

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
 * receipt) and resources (the draft's save timer, the outbox's sender). Never renders:
 * write-form-view.ts draws it (its state is read-only there).
 */
export class WriteController implements ReactiveController {
  // The state below is read by write-form-view.ts (as Readonly) and changed here only.
  /** The draft and the errors shown next to its fields (the shared form-field engine). */
  readonly form: FormFields<FormField, MessageDraft>;
  phase: Phase = 'editing';
  /** A problem that is no field's (409, 404…), in plain words. */
  problem: string | undefined;
  /** The message sent, until the server confirmed it. */
  current: OutboxEntry | undefined;
  /** Whether `current` is kept on this device (false: IndexedDB refused it). */
  kept = false;
  receipt: MessageReceipt | undefined;
  receiptEmail = '';
  /** The unit and server whose draft was read ("server|unit"). */
  private loadedFor: string | undefined;
  /** Typed since the screen opened: a draft read late must not overwrite it. */
  private touched = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private band = 0;
  /** "Tentar enviar agora" is running. */
  retrying = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly options: WriteOptions,
  ) {
    host.addController(this);
    this.form = new FormFields(host, messageRules(currentLocale), emptyMessageDraft());
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
        this.form.replace(draft);
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

  edit<K extends FormField>(field: K, value: MessageDraft[K]): void {
    this.touched = true;
    this.problem = undefined;
    this.form.edit(field, value);
    if (field === 'text') {
      const band = counterBand(this.form.draft.text);
      if (band !== this.band) {
        this.band = band;
        if (band > 0) this.options.announce(counterWords(this.form.draft.text, currentLocale()));
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
    if (server && unit) void saveDraft(server, unit.id, this.form.draft);
  }

  // ── Sending ────────────────────────────────────────────────────────────────

  readonly submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.phase === 'sending') return;
    this.problem = undefined;
    // Every field checked; the first wrong one takes the focus.
    if (!this.form.submit(this.options.focus)) return;
    const unit = this.options.unit();
    const server = this.options.server();
    const checked = checkMessage(submissionOf(this.form.draft, crypto.randomUUID()));
    if (!checked.ok || !unit || !server) {
      this.options.focus('#write-problem');
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
        this.form.clear(emptyMessageDraft());
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
      this.form.show(name, messageFieldError(name, this.form.draft, currentLocale()) ?? msg('Confira este campo: o Balcão Virtual não aceitou o que foi escrito.'));
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

  savedWords(): string {
    return this.kept
      ? msg('Sua mensagem está guardada neste aparelho e será enviada assim que a conexão voltar.')
      : msg('Não foi possível enviar a mensagem agora, nem guardá-la neste aparelho. Tente de novo em instantes ou envie por e-mail.');
  }

  readonly retryNow = async (): Promise<void> => {
    const entry = this.current;
    if (!entry || this.retrying) return;
    this.retrying = true;
    this.host.requestUpdate();
    const result = await sendMessage(entry);
    this.retrying = false;
    this.heard(entry, result);
    if (result.kind === 'saved') this.options.announce(this.savedWords());
  };

  readonly writeAnother = (): void => {
    this.phase = 'editing';
    this.receipt = undefined;
    this.options.focus('#heading');
    this.host.requestUpdate();
  };

  readonly copyProtocol = async (): Promise<void> => {
    const protocol = this.receipt?.protocol;
    if (!protocol) return;
    try {
      await navigator.clipboard.writeText(protocol);
      this.options.announce(msg('Protocolo copiado.'));
    } catch {
      this.options.announce(msg('Não foi possível copiar. Selecione o número e copie.'));
    }
  };
}
