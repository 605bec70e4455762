// The written channel's rules on the page: the form's fields and their errors in plain
// words (core's checkMessage, the server's own rules), the characters counter, the reply
// deadline, the prefilled e-mail of the last resort.

import { msg, str } from '@lit/localize';
import { checkMessage, MAX_MESSAGE_LENGTH, type MessageField, type MessageSubmission } from '../../core/protocol/written-message.js';
import { validateCnj } from '../../core/validators.js';
import type { FormRules } from '../../ui/form-field.js';
import type { MessageDraft } from './outbox.js';

/** The form's fields, in the order they are shown (and focused when wrong). */
export type FormField = Exclude<MessageField, 'idempotencyKey'>;
export const FORM_FIELDS: readonly FormField[] = ['name', 'email', 'phone', 'caseNumber', 'subject', 'text', 'consent'];

/** How long typing pauses before the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 500;

/** A submission valid in every field, to check one field at a time with checkMessage. */
const VALID_OTHERWISE = {
  idempotencyKey: '00000000-0000-4000-8000-000000000000',
  name: 'Nome',
  email: 'nome@exemplo.com.br',
  subject: 'other',
  text: 'Texto',
  consent: true,
} as const;

export function submissionOf(draft: MessageDraft, idempotencyKey: string): Record<string, unknown> {
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

/** The form's rules for the shared form-field engine: the subject (radios) and the consent (a checkbox) are choices. */
export function messageRules(locale: () => string): FormRules<FormField, MessageDraft> {
  return {
    fields: FORM_FIELDS,
    error: (field, draft) => messageFieldError(field, draft, locale()),
    choices: ['subject', 'consent'],
    selector: fieldSelector,
  };
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
export function counterBand(text: string): number {
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

export function fieldSelector(field: FormField): string {
  return field === 'subject' ? 'input[name="subject"]' : `#${field}`;
}

export function draftOf(s: MessageSubmission): MessageDraft {
  return { name: s.name, email: s.email, phone: s.phone ?? '', caseNumber: s.caseNumber ?? '', subject: s.subject, text: s.text, consent: true };
}
