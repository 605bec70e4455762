// Written messages that did not reach the unit (README, "Messages"): the server marks a
// permanent failure dead and lists it, with a message still pending after an hour, for the
// unit's staff (`GET /api/units/:id/messages/undelivered`, the clerk's token in the
// Authorization header, never in the URL). Fetched at sign-in, every 5 minutes and when the
// tab is shown again; a dead one is "resolved" with `POST …/:protocol/acknowledge`, after
// which the server erases its content. The content lives in memory only: never logged,
// stored, put in an event or announced (announcements carry the protocol alone).

import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { parseUndelivered, type UndeliveredMessage } from '../core/protocol/http.js';
import { FETCH_TIMEOUT_MS, unitUrl } from '../widget/server-api.js';
import { undeliveredCountWords, undeliveredReasonWords } from './words.js';

export const UNDELIVERED_REFRESH_MS = 5 * 60_000;

const isDead = (m: UndeliveredMessage): boolean => m.reasons.some((r) => r.status === 'dead');

interface Target {
  readonly server: URL;
  readonly unit: string;
  readonly token: string;
}

/**
 * Keeps the unit's undelivered messages: fetches them while started and the host is on the
 * page, and resolves dead ones. `tell` announces (words without content) and names where
 * the focus goes next.
 */
export class UndeliveredController implements ReactiveController {
  messages: readonly UndeliveredMessage[] = [];
  /** The last fetch failed: a quiet note, and the next one tries again. */
  failed = false;
  /** The message whose "Marcar como resolvida" awaits its confirmation. */
  confirming: string | undefined;
  /** The message being acknowledged now. */
  acknowledging: string | undefined;
  /** The message whose acknowledgement failed (kept, with an error). */
  ackFailed: string | undefined;

  private target: Target | undefined;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners: AbortController | undefined;
  /** Cancels the requests in flight: on stop, and when the host leaves the page. */
  private requests = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly tell: (words: string, focus: string | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.listeners = new AbortController();
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.refresh(), { signal: this.listeners.signal });
    if (this.started) this.refresh();
  }

  hostDisconnected(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.cancel();
  }

  /** The server, unit and token signed in with; nothing is fetched until `start`. */
  use(server: URL, unit: string, token: string): void {
    this.stop();
    this.target = { server, unit, token };
  }

  /** Signed in: fetches now and every 5 minutes. */
  start(): void {
    if (!this.target || this.started) return;
    this.started = true;
    this.refresh();
  }

  /** Signed out (or refused): forgets the token and the messages. */
  stop(): void {
    this.cancel();
    this.started = false;
    this.target = undefined;
    this.messages = [];
    this.failed = false;
    this.confirming = this.acknowledging = this.ackFailed = undefined;
    this.host.requestUpdate();
  }

  private cancel(): void {
    this.requests.abort();
    this.requests = new AbortController();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private request(url: URL, method: 'GET' | 'POST', token: string): Promise<Response> {
    return fetch(url, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.any([this.requests.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
  }

  /** Fetches the list now, and again in 5 minutes. */
  refresh(): void {
    const target = this.target;
    if (!this.started || !target || !this.listeners) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), UNDELIVERED_REFRESH_MS);
    const { signal } = this.requests;
    void this.fetchList(target).then((list) => {
      if (signal.aborted || target !== this.target) return;
      // Nothing to show before, nothing now: no update (the usual case).
      if (list?.length === 0 && this.messages.length === 0 && !this.failed) return;
      // A 401/403 is a quiet note too: the clerk socket says when the token is refused.
      this.failed = list === undefined;
      if (list) {
        this.messages = list;
        if (this.confirming && !list.some((m) => m.protocol === this.confirming)) this.confirming = undefined;
      }
      this.host.requestUpdate();
    });
  }

  private async fetchList(target: Target): Promise<UndeliveredMessage[] | undefined> {
    try {
      const response = await this.request(unitUrl(target.server, target.unit, '/messages/undelivered'), 'GET', target.token);
      return response.ok ? parseUndelivered(await response.json()) : undefined;
    } catch {
      return undefined;
    }
  }

  /** "Marcar como resolvida": asks for a confirmation first. */
  askToResolve(protocol: string): void {
    this.confirming = protocol;
    this.ackFailed = undefined;
    this.host.requestUpdate();
    this.tell('', `#confirm-${protocol}`);
  }

  cancelResolve(protocol: string): void {
    this.confirming = undefined;
    this.host.requestUpdate();
    this.tell('', `#resolve-${protocol}`);
  }

  /** Confirmed: the server acknowledges (and erases the content); the message leaves the list. */
  async resolve(protocol: string): Promise<void> {
    const target = this.target;
    if (!target || this.acknowledging) return;
    this.acknowledging = protocol;
    this.host.requestUpdate();
    const { signal } = this.requests;
    let ok = false;
    try {
      const path = `/messages/${encodeURIComponent(protocol)}/acknowledge`;
      ok = (await this.request(unitUrl(target.server, target.unit, path), 'POST', target.token)).status === 204;
    } catch {
      ok = false;
    }
    if (signal.aborted || target !== this.target) return;
    this.acknowledging = undefined;
    this.confirming = undefined;
    if (ok) {
      // The dead e-mails are resolved; one still being retried keeps the message listed.
      this.messages = this.messages.flatMap((m) => {
        if (m.protocol !== protocol) return [m];
        const reasons = m.reasons.filter((r) => r.status !== 'dead');
        return reasons.length > 0 ? [{ ...m, reasons }] : [];
      });
      this.tell(msg(str`Mensagem ${protocol} marcada como resolvida.`), this.messages.length > 0 ? '#undelivered-heading' : '#attendance-heading');
    } else {
      this.ackFailed = protocol;
      this.tell(ackFailedWords(protocol), `#resolve-${protocol}`);
    }
    this.host.requestUpdate();
  }
}

function ackFailedWords(protocol: string): string {
  return msg(str`Não foi possível marcar a mensagem ${protocol} como resolvida. Ela continua na lista; tente de novo em instantes.`);
}

/** `mailto:` to the sender, with the protocol as the subject; undefined for what is not an address. */
function mailto(email: string, protocol: string): string | undefined {
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return undefined;
  const [local = '', domain = ''] = email.split('@');
  return `mailto:${encodeURIComponent(local)}@${encodeURIComponent(domain)}?subject=${encodeURIComponent(`[${protocol}]`)}`;
}

/** The panel "Mensagens não entregues (N)", or a quiet note when the list could not be fetched. */
export function renderUndelivered(c: UndeliveredController, locale: string): TemplateResult | typeof nothing {
  const failedNote = c.failed
    ? html`<p class="hint undelivered-note">${msg('Não foi possível ver agora se há mensagens escritas não entregues. Uma nova tentativa é feita em 5 minutos.')}</p>`
    : nothing;
  if (c.messages.length === 0) return failedNote;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const date = (iso: string): TemplateResult => {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? html`${iso}` : html`<time datetime=${iso}>${when.format(at)}</time>`;
  };
  return html`<section class="panel undelivered" aria-labelledby="undelivered-heading">
    <h3 id="undelivered-heading" class="heading" part="heading" tabindex="-1">${undeliveredCountWords(c.messages.length, locale)}</h3>
    <p class="hint">${msg('Mensagens escritas por cidadãos que não chegaram ao e-mail da unidade. Responda pelo e-mail do cidadão e marque como resolvida.')}</p>
    ${failedNote}
    <ul class="undelivered-list">
      ${c.messages.map((m) => {
        const received = date(m.receivedAt);
        const replyBy = date(m.replyBy);
        return html`<li class="undelivered-item">
          <h4>${msg('Protocolo')} <span class="code">${m.protocol}</span></h4>
          <p>${msg('Recebida em')} ${received} · ${msg('Responder até')} ${replyBy}</p>
          <ul class="reasons">
            ${m.reasons.map((r) => html`<li>${undeliveredReasonWords(r)}</li>`)}
          </ul>
          <details>
            <summary>${msg('Ver mensagem')}</summary>
            ${renderContent(m)}
          </details>
          ${isDead(m) ? renderResolve(c, m.protocol) : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}

function renderContent(m: UndeliveredMessage): TemplateResult {
  const none = html`<span class="hint">—</span>`;
  const link = m.email ? mailto(m.email, m.protocol) : undefined;
  return html`<dl class="message-content">
    <dt>${msg('Nome')}</dt>
    <dd>${m.name ?? none}</dd>
    <dt>${msg('E-mail')}</dt>
    <dd>${link ? html`<a href=${link}>${m.email}</a>` : (m.email ?? none)}</dd>
    <dt>${msg('Telefone')}</dt>
    <dd>${m.phone ?? none}</dd>
    <dt>${msg('Processo')}</dt>
    <dd>${m.caseNumber ?? none}</dd>
    <dt>${msg('Mensagem')}</dt>
    <dd class="message-text">${m.text ?? none}</dd>
  </dl>`;
}

function renderResolve(c: UndeliveredController, protocol: string): TemplateResult {
  const failed = c.ackFailed === protocol ? html`<p class="problem" part="problem">${ackFailedWords(protocol)}</p>` : nothing;
  if (c.confirming !== protocol) {
    return html`${failed}
      <div class="actions">
        <button type="button" class="secondary" part="button" id=${`resolve-${protocol}`} @click=${() => c.askToResolve(protocol)}>
          ${msg('Marcar como resolvida')}
        </button>
      </div>`;
  }
  const busy = c.acknowledging === protocol;
  return html`<div class="confirm" role="group" aria-labelledby=${`confirm-words-${protocol}`}>
    <p id=${`confirm-words-${protocol}`}>
      ${msg('O conteúdo desta mensagem será apagado do Balcão Virtual. Marque como resolvida só depois de respondê-la ou de guardar o que for preciso.')}
    </p>
    <div class="actions">
      <button type="button" part="button" id=${`confirm-${protocol}`} aria-disabled=${busy ? 'true' : 'false'} @click=${() => void c.resolve(protocol)}>
        ${busy ? msg('Marcando…') : msg('Sim, marcar como resolvida')}
      </button>
      <button type="button" class="secondary" part="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || c.cancelResolve(protocol)}>
        ${msg('Cancelar')}
      </button>
    </div>
  </div>`;
}
