// "Escrever para a unidade" drawn from its controller (write-form.ts): the form, the
// message kept on this device while the server can't be reached, the receipt with the
// protocol and the deadline, and the prefilled e-mail of the last resort.

import { css, html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str } from '@lit/localize';
import { openingStatus } from '../../core/timetable.js';
import type { Unit } from '../../core/unit.js';
import { statusWords } from '../format.js';
import { currentLocale } from '../../ui/locale.js';
import { choiceField, textField as field, type TextFieldOptions } from '../../ui/field-templates.js';
import type { WriteController } from './write-form.js';
import { counterWords, deadlineText, draftOf, mailtoHref } from './write-rules.js';

export function renderWriteForm(w: Readonly<WriteController>, heading: (text: string) => TemplateResult): TemplateResult {
  const unit = w.options.unit();
  if (!unit) return heading(msg('Escrever para a unidade'));
  if (w.phase === 'receipt' && w.receipt) return renderReceipt(w, unit, heading);
  if (w.phase === 'saved' && w.current) return renderSaved(w, unit, heading);
  return renderForm(w, unit, heading);
}

function renderReceipt(w: Readonly<WriteController>, unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
  const receipt = w.receipt!;
  const locale = currentLocale();
  return html`${heading(msg('Mensagem enviada'))}
    <p class="ticket">
      ${msg('Protocolo')} <strong class="code" part="ticket" id="protocol">${receipt.protocol}</strong>
    </p>
    <div class="actions">
      <button type="button" class="secondary" part="button" @click=${() => void w.copyProtocol()}>${msg('Copiar protocolo')}</button>
    </div>
    <p>${msg(str`A unidade responde até ${deadlineText(receipt.replyBy, unit.timezone, locale)} (horário da unidade).`)}</p>
    <p>${msg(str`Uma cópia da mensagem foi enviada para ${w.receiptEmail}. Guarde o número do protocolo.`)}</p>
    <div class="actions">
      <button type="button" part="button" @click=${w.options.home}>${msg('Voltar ao início')}</button>
      <button type="button" class="secondary" part="button" @click=${w.writeAnother}>${msg('Escrever outra mensagem')}</button>
    </div>`;
}

function renderSaved(w: Readonly<WriteController>, unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
  const sending = w.retrying;
  return html`${heading(w.kept ? msg('Mensagem guardada') : msg('Mensagem não enviada'))}
    <p class="notice" part="note" id="saved">${w.savedWords()}</p>
    <p>${msg('Você pode fechar esta página: quando você voltar com internet, ela é enviada e você recebe o número do protocolo por e-mail.')}</p>
    ${renderMailto(w, unit, msg('Se preferir não esperar, envie a mesma mensagem pelo seu e-mail:'))}
    <div class="actions">
      <button type="button" part="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => void w.retryNow()}>
        ${msg('Tentar enviar agora')}
      </button>
      <button type="button" class="secondary" part="button" @click=${w.options.home}>${msg('Voltar ao início')}</button>
    </div>`;
}

function renderMailto(w: Readonly<WriteController>, unit: Unit, lead: string): TemplateResult | typeof nothing {
  const address = w.options.email();
  if (!address) return nothing;
  const draft = w.current ? draftOf(w.current.submission) : w.form.draft;
  return html`<p>${lead}</p>
    <ul class="contacts" part="contacts">
      <li><a id="mailto" href=${mailtoHref(address, unit.name, draft)}>${msg(str`Enviar por e-mail para ${address}`)}</a></li>
    </ul>`;
}

function renderForm(w: Readonly<WriteController>, unit: Unit, heading: (text: string) => TemplateResult): TemplateResult {
  const d = w.form.draft;
  const locale = currentLocale();
  const sending = w.phase === 'sending';
  const status = openingStatus(unit, new Date());
  const hours = new Intl.NumberFormat(locale).format(unit.replyDeadlineHours);
  const opens = status.open ? undefined : statusWords(status, Date.now(), unit.timezone, locale).detail;
  const e = w.form.errors;
  return html`<form novalidate part="form" @submit=${(ev: Event) => void w.submit(ev)} @focusout=${w.form.checkOnBlur} @pointerdown=${w.form.pointerDown}>
    ${heading(msg('Escrever para a unidade'))}
    <p id="write-intro">
      ${opens ? html`${msg(str`O Balcão Virtual está fechado agora (${opens}), mas você pode escrever.`)} ` : nothing}
      ${msg(str`A unidade responde por e-mail em até ${hours} horas.`)}
    </p>
    ${textField(w, 'name', msg('Nome completo'), undefined, { autocomplete: 'name' })}
    ${textField(w, 'email', msg('E-mail'), msg('A resposta vai para este e-mail.'), { autocomplete: 'email', inputmode: 'email' })}
    ${textField(w, 'phone', msg('Telefone (opcional)'), msg('Com DDD, caso a unidade precise ligar.'), {
      autocomplete: 'tel',
      inputmode: 'tel',
      short: true,
    })}
    ${textField(w, 'caseNumber', msg('Número do processo (opcional)'), msg('No formato 0000000-00.0000.0.00.0000, ou só os 20 números.'), {
      inputmode: 'numeric',
    })}
    ${choiceField({
      field: 'subject',
      legend: msg('Assunto'),
      error: e.subject,
      value: d.subject,
      choices: [
        ['case-info', msg('Informação sobre um processo')],
        ['other', msg('Outro assunto')],
      ],
      onChange: (value) => w.edit('subject', value),
      after: html`<p class="hint">
        ${msg('Problema técnico no PJe ou uma petição? Eles têm canais próprios:')}
        <button type="button" class="link" @click=${() => w.options.redirect('pje')}>${msg('suporte do PJe')}</button>,
        <button type="button" class="link" @click=${() => w.options.redirect('petition')}>${msg('peticionamento eletrônico')}</button>.
      </p>`,
    })}
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
        @input=${(ev: Event) => w.edit('text', (ev.target as HTMLTextAreaElement).value)}
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
        @change=${(ev: Event) => w.edit('consent', (ev.target as HTMLInputElement).checked)}
      />
      <div>
        <label for="consent">${msg('Li como meus dados são usados e concordo.')}</label>
        ${e.consent ? html`<p class="error" id="consent-error" part="field-error">${e.consent}</p>` : nothing}
      </div>
    </div>
    ${w.problem
      ? html`<div part="problem">
          <p class="problem" id="write-problem" tabindex="-1">${w.problem}</p>
          ${renderMailto(w, unit, msg('Para não perder o texto, envie pelo seu e-mail:'))}
        </div>`
      : nothing}
    <div class="actions">
      <button type="submit" part="button" aria-disabled=${sending ? 'true' : 'false'}>${sending ? msg('Enviando…') : msg('Enviar mensagem')}</button>
      ${sending ? nothing : html`<button type="button" class="secondary" part="button" @click=${w.options.back}>${msg('Voltar')}</button>`}
    </div>
  </form>`;
}

function textField(
  w: Readonly<WriteController>,
  name: 'name' | 'email' | 'phone' | 'caseNumber',
  label: string,
  hint: string | undefined,
  options: TextFieldOptions,
): TemplateResult {
  return field({ field: name, label, hint, error: w.form.errors[name], value: w.form.draft[name], options, onInput: (value) => w.edit(name, value) });
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
