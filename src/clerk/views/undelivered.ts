// The panel of the unit's undelivered written messages (src/clerk/undelivered.ts has the
// list and its requests): "Mensagens não entregues (N)", each message with why, "Ver
// mensagem" (the content as text, the sender's address as a mailto: link) and "Marcar como
// resolvida" with a confirmation; or a quiet note when the list could not be fetched.

import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { UndeliveredMessage } from '../../core/protocol/http.js';
import { ackFailedWords, isDead, type UndeliveredController } from '../undelivered.js';
import { undeliveredCountWords, undeliveredReasonWords } from '../words.js';

/** `mailto:` to the sender, with the protocol as the subject; undefined for what is not an address. */
function mailto(email: string, protocol: string): string | undefined {
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return undefined;
  const [local = '', domain = ''] = email.split('@');
  return `mailto:${encodeURIComponent(local)}@${encodeURIComponent(domain)}?subject=${encodeURIComponent(`[${protocol}]`)}`;
}

/** The panel "Mensagens não entregues (N)", or a quiet note when the list could not be fetched. */
export function undeliveredView(c: UndeliveredController, locale: string): TemplateResult | typeof nothing {
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
