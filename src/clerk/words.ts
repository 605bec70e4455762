// The clerk's screens in words: subjects, flags, outcomes, waiting times and the server's
// refusals, translated here so that an English or Spanish page shows no Portuguese (an
// unknown error code shows the server's own message).

import { msg, str } from '@lit/localize';
import type { Outcome, Subject, TicketFlags } from '../core/protocol/attendance.js';
import type { Role } from '../core/protocol/data-channel.js';
import type { ErrorCode } from '../core/protocol/errors.js';
import type { UndeliveredReason } from '../core/protocol/http.js';
import { errorWords } from '../ui/error-words.js';

export function subjectWords(subject: Subject): string {
  return subject === 'case-info' ? msg('Informação sobre processo') : msg('Outro assunto');
}

/** The flags as badges' texts, in a fixed order; "Ausente" last when the person's connection is down. */
export function flagWords(flags: TicketFlags, away = false): string[] {
  const words: string[] = [];
  if (flags.sealed) words.push(msg('Segredo de justiça'));
  if (flags.lawyer) words.push(msg('Advogado(a)'));
  if (flags.libras) words.push(msg('Intérprete de Libras'));
  if (away) words.push(msg('Ausente'));
  return words;
}

/** The four outcomes, in the order the buttons show them. */
export function outcomeWords(outcome: Outcome): string {
  switch (outcome) {
    case 'attended':
      return msg('Atendido');
    case 'no-show':
      return msg('Não compareceu');
    case 'redirected-email':
      return msg('Encaminhado por e-mail');
    case 'redirected-pje':
      return msg('Encaminhado ao suporte PJe');
  }
}

export function roleWords(role: Role | undefined): string {
  switch (role) {
    case 'party':
      return msg('Parte no processo');
    case 'lawyer':
      return msg('Advogado(a) de uma das partes');
    case 'other':
      return msg('Outra pessoa');
    default:
      return msg('Não informado');
  }
}

/** "menos de 1 min", "12 min", "1 h 05 min": how long someone has been waiting. */
export function waitedWords(ms: number, locale: string): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return msg('menos de 1 min');
  const count = new Intl.NumberFormat(locale);
  if (minutes < 60) {
    const n = count.format(minutes);
    return msg(str`${n} min`);
  }
  const hours = count.format(Math.floor(minutes / 60));
  const rest = String(minutes % 60).padStart(2, '0');
  return msg(str`${hours} h ${rest} min`);
}

/** "3 pessoas na fila" */
export function waitingCountWords(count: number, locale: string): string {
  if (count === 0) return msg('Ninguém na fila');
  if (count === 1) return msg('1 pessoa na fila');
  const n = new Intl.NumberFormat(locale).format(count);
  return msg(str`${n} pessoas na fila`);
}

/** "45 s" */
export function secondsLeftWords(seconds: number, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(seconds);
  return msg(str`${n} s`);
}

/** What the server refused, in the clerk's language. */
export function clerkErrorWords(code: ErrorCode, serverMessage: string): string {
  return errorWords(code) ?? serverMessage;
}

/** "Mensagens não entregues (2)": the heading of the written messages that did not arrive. */
export function undeliveredCountWords(count: number, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(count);
  return msg(str`Mensagens não entregues (${n})`);
}

/** Why a written message is listed: which e-mail, given up or still waiting. */
export function undeliveredReasonWords({ recipient, status }: UndeliveredReason): string {
  if (recipient === 'unit') {
    return status === 'dead'
      ? msg('Não foi possível entregá-la na caixa de e-mail da unidade.')
      : msg('Ainda aguarda envio à caixa de e-mail da unidade, há mais de uma hora.');
  }
  return status === 'dead'
    ? msg('Não foi possível enviar ao cidadão o comprovante de recebimento.')
    : msg('O comprovante ao cidadão ainda aguarda envio, há mais de uma hora.');
}
