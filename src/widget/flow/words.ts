// The line in the citizen's words, and what to say when joining fails. Messages follow the
// server's codes (core/protocol.ts ERROR_MESSAGES), translated here so that an English or
// Spanish page does not show Portuguese; an unknown code shows the server's own message.

import { msg, str } from '@lit/localize';
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
  switch (code) {
    case 'unit_closed':
      return { headline: msg('O Balcão Virtual desta unidade está fechado agora. Veja o horário de atendimento ou escreva para a unidade.'), retry: false };
    case 'line_full':
      return { headline: msg('A fila desta unidade está cheia agora. Tente de novo em alguns minutos ou escreva para a unidade.'), retry: true };
    case 'rate_limited':
      return { headline: msg('Muitas tentativas seguidas deste endereço. Espere alguns minutos e tente de novo.'), retry: true };
    case 'bad_request':
      return { headline: msg('O pedido veio incompleto ou com dados inválidos. Recarregue a página e tente de novo.'), retry: true };
    case 'unit_not_found':
      return { headline: msg('Unidade não encontrada no Balcão Virtual.'), retry: false };
    case 'offline':
      return { headline: msg('Sem conexão com o Balcão Virtual. Verifique sua internet e tente de novo.'), retry: true };
    case 'unavailable':
      return { headline: msg('O Balcão Virtual está indisponível agora. Tente de novo em alguns minutos.'), retry: true };
    case 'bad_answer':
      return { headline: msg('O Balcão Virtual está com um problema. Tente de novo em alguns minutos.'), retry: true };
    default:
      return { headline: serverMessage ?? msg('O Balcão Virtual está com um problema. Tente de novo em alguns minutos.'), retry: true };
  }
}

/** Clerks started (or stopped) serving by video while in the line. */
export function staffingWords(staffed: boolean, phone: string | undefined, email: string | undefined): string {
  if (staffed) return msg('Atendimento por vídeo disponível agora.');
  return `${unstaffedWords(Boolean(phone), Boolean(email)).headline} ${msg('Seu lugar na fila continua guardado.')}`;
}
