// The status card's smaller pieces, as templates of what <balcao-virtual> knows: the loading
// line, a unit that can't be shown (with what to do instead), the line while open, and the
// notice of a saved copy. Pure functions of their arguments; the element owns the state.

import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { LineState } from '../core/protocol/line-state.js';
import { contactList } from './contacts.js';
import { lineWords, unstaffedWords, type LineWords } from './format.js';
import type { UnitProblem } from './unit-controller.js';

export function loadingView(): TemplateResult {
  return html`
    <p class="name" part="name">${msg('Balcão Virtual')}</p>
    <p class="loading" part="status">${msg('Verificando o horário de atendimento…')}</p>
  `;
}

/** The unit can't be shown: why, what to do, the page's own contacts, and "Tentar de novo" when it may help. */
export function problemView(problem: UnitProblem, phone: string | undefined, email: string | undefined, retry: () => void): TemplateResult {
  const words = problemWords(problem, Boolean(phone || email));
  return html`
    <div class="problem" part="problem">
      <p class="name" part="name">${msg('Balcão Virtual')}</p>
      <p class="headline" part="status">${words.headline}</p>
      <p>${words.nextStep}</p>
      ${problem === 'offline' || problem === 'bad-answer'
        ? html`<div class="actions">
            <button class="secondary" part="button" @click=${retry}>${msg('Tentar de novo')}</button>
          </div>`
        : nothing}
      ${contactList(phone, email)}
    </div>
  `;
}

/** While open: nobody serving by video (with what to do instead), or the line in plain words. */
export function lineNote(line: LineState | undefined, hasPhone: boolean, hasEmail: boolean, locale: string): TemplateResult | typeof nothing {
  if (!line) return nothing;
  if (line.clerksServing === 0) {
    const words = unstaffedWords(hasPhone, hasEmail);
    return html`<p class="unstaffed" part="note"><strong>${words.headline}</strong> ${words.nextStep}</p>`;
  }
  const words = lineWords(line.waiting, line.estimatedWaitMinutes, locale);
  return html`<p class="line" part="note">
    ${words.waiting}${words.estimate ? html` <span aria-hidden="true">·</span> ${words.estimate}` : nothing}
  </p>`;
}

export function staleNotice(savedAt: number, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(savedAt);
  return msg(str`Sem conexão com o servidor agora. Horários guardados neste aparelho em ${date}.`);
}

/** The line for the live region, as the status is announced: "2 pessoas na fila · espera estimada de 10 minutos". */
export function lineSentence(words: LineWords): string {
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
