// The e-mails a message causes, as nodemailer options. Plain text only (HTML the citizen
// typed arrives as the characters typed); subjects are built from the protocol, the
// category and the unit's configured name, never from free text; every address is an
// `{ name, address }` object (a string would be parsed as an address list), display names
// lose their control characters and nodemailer encodes them.

import type { Mail } from 'nodemailer';
import type { Subject, Unit } from '../../core/index.js';
import type { LeasedDelivery, StoredMessage } from './outbox.js';

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** The category names the unit reads (the citizen's triage choice). */
const SUBJECT_WORDS: Readonly<Record<Subject, string>> = {
  'case-info': 'Informação processual',
  other: 'Outros assuntos',
};

/** One line, no control characters (CR, LF, NEL, line/paragraph separators, C0/C1). */
export function displayName(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** `<bv-2026-000123.unidade@domain>`: the same for every attempt, so duplicates are recognisable. */
export function messageIdFor(protocol: string, kind: LeasedDelivery['kind'], from: MailAddress): string {
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
  return `<${protocol.toLowerCase()}.${kind === 'unit' ? 'unidade' : 'copia'}@${domain}>`;
}

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('pt-BR', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

/** The message is already erased (both e-mails sent): nothing to compose. */
export class ErasedMessageError extends Error {
  override readonly name = 'ErasedMessageError';
}

function content(m: StoredMessage): { name: string; email: string; text: string } {
  if (m.name === null || m.email === null || m.text === null) throw new ErasedMessageError(m.protocol);
  return { name: m.name, email: m.email, text: m.text };
}

/** The e-mail to the unit's mailbox: Reply-To is the citizen, so "Responder" writes to them. */
function toUnit(m: StoredMessage, unit: Unit & { email: string }, from: MailAddress): Mail.Options {
  const c = content(m);
  const lines = [
    'Mensagem escrita pelo Balcão Virtual (CNJ, Resolução 372/2021, art. 2º, § 1º).',
    '',
    `Protocolo: ${m.protocol}`,
    `Recebida em: ${when(m.receivedAt, unit.timezone)} (horário da unidade)`,
    `Responder até: ${when(m.replyBy, unit.timezone)} (prazo de ${m.replyDeadlineHours} horas)`,
    `Assunto: ${SUBJECT_WORDS[m.subject]}`,
    `Nome: ${c.name}`,
    `E-mail: ${c.email}`,
    ...(m.phone === null ? [] : [`Telefone: ${m.phone}`]),
    ...(m.caseNumber === null ? [] : [`Processo: ${m.caseNumber}`]),
    '',
    'Mensagem:',
    '',
    c.text,
    '',
    '--',
    'Use "Responder" para escrever à pessoa: a resposta vai para o e-mail que ela informou.',
    `Mencione o protocolo ${m.protocol} na resposta.`,
  ];
  return {
    from: { name: from.name, address: from.address },
    to: [{ name: displayName(unit.name), address: unit.email }],
    replyTo: [{ name: displayName(c.name), address: c.email }],
    envelope: { from: from.address, to: [unit.email] },
    subject: `[${m.protocol}] ${SUBJECT_WORDS[m.subject]} — ${displayName(unit.name)}`,
    messageId: messageIdFor(m.protocol, 'unit', from),
    headers: { 'X-Balcao-Protocolo': m.protocol },
    text: lines.join('\n'),
    encoding: 'quoted-printable',
  };
}

/**
 * The citizen's receipt: protocol, unit and deadline. Neither the name nor the text goes in
 * it: anyone can type any address in the form, and the court's server must not carry
 * arbitrary words to it.
 */
function toCitizen(m: StoredMessage, unit: Unit & { email: string }, from: MailAddress): Mail.Options {
  const c = content(m);
  const lines = [
    'Olá,',
    '',
    `recebemos a sua mensagem para ${displayName(unit.name)} pelo Balcão Virtual.`,
    '',
    `Protocolo: ${m.protocol}`,
    `Recebida em: ${when(m.receivedAt, unit.timezone)}`,
    `Assunto: ${SUBJECT_WORDS[m.subject]}`,
    `A unidade responde até: ${when(m.replyBy, unit.timezone)} (prazo de ${m.replyDeadlineHours} horas)`,
    '',
    'A resposta chegará neste endereço de e-mail. Guarde o número do protocolo e mencione-o se precisar falar com a unidade.',
    '',
    'Se você não escreveu esta mensagem, ignore este e-mail.',
  ];
  return {
    from: { name: from.name, address: from.address },
    to: [{ name: '', address: c.email }],
    replyTo: [{ name: displayName(unit.name), address: unit.email }],
    envelope: { from: from.address, to: [c.email] },
    subject: `[${m.protocol}] Recebemos sua mensagem — ${displayName(unit.name)}`,
    messageId: messageIdFor(m.protocol, 'copy', from),
    headers: { 'X-Balcao-Protocolo': m.protocol, 'Auto-Submitted': 'auto-generated' },
    text: lines.join('\n'),
    encoding: 'quoted-printable',
  };
}

/** The e-mail of one delivery. */
export function composeMail(delivery: LeasedDelivery, unit: Unit & { email: string }, from: MailAddress): Mail.Options {
  return delivery.kind === 'unit' ? toUnit(delivery.message, unit, from) : toCitizen(delivery.message, unit, from);
}
