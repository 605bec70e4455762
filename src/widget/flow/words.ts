// The line in the citizen's words, and what to say when joining fails. Messages follow the
// server's codes, translated by `errorWords` (src/ui/error-words.ts, shared with the clerk's
// element) so that an English or Spanish page does not show Portuguese; the page's own codes
// (`offline`, `bad_answer`) are worded here; an unknown code shows the server's own message.

import { msg, str } from '@lit/localize';
import { errorWords } from '../../ui/error-words.js';
import { unstaffedWords } from '../format.js';

/** "Você é a próxima pessoa." / "Há 3 pessoas na sua frente." */
export function positionWords(position: number, locale: string): string {
  const ahead = position - 1;
  if (ahead <= 0) return msg('Você é a próxima pessoa a ser chamada.');
  if (ahead === 1) return msg('Há 1 pessoa na sua frente.');
  const count = new Intl.NumberFormat(locale).format(ahead);
  return msg(str`Há ${count} pessoas na sua frente.`);
}

/** "45 segundos" */
export function secondsWords(seconds: number, locale: string): string {
  const count = new Intl.NumberFormat(locale).format(seconds);
  return seconds === 1 ? msg('1 segundo') : msg(str`${count} segundos`);
}

export interface ProblemWords {
  readonly headline: string;
  /** Whether trying again can help now. */
  readonly retry: boolean;
}

/** Why the citizen could not join the line, and whether "Tentar de novo" makes sense. */
export function joinProblemWords(code: string, serverMessage: string | undefined): ProblemWords {
  // Closed, or not a unit of the Balcão Virtual: trying again now does not help.
  const retry = code !== 'unit_closed' && code !== 'unit_not_found';
  switch (code) {
    case 'offline':
      return { headline: msg('Sem conexão com o Balcão Virtual. Verifique sua internet e tente de novo.'), retry };
    case 'bad_answer':
      return { headline: msg('O Balcão Virtual está com um problema. Tente de novo em alguns minutos.'), retry };
    default:
      return { headline: errorWords(code) ?? serverMessage ?? msg('O Balcão Virtual está com um problema. Tente de novo em alguns minutos.'), retry };
  }
}

/** Clerks started (or stopped) serving by video while in the line. */
export function staffingWords(staffed: boolean, phone: string | undefined, email: string | undefined): string {
  if (staffed) return msg('Atendimento por vídeo disponível agora.');
  return `${unstaffedWords(Boolean(phone), Boolean(email)).headline} ${msg('Seu lugar na fila continua guardado.')}`;
}
