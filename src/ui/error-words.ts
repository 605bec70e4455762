// The server's error codes (core/protocol/errors.ts) in the page's language: one function,
// for the citizen's flow and the clerk's element alike, so that an English or Spanish page
// does not show the server's Portuguese. Codes without words here (those a page never
// shows as they come) are undefined: the caller shows the server's own message.

import { msg } from '@lit/localize';
import type { ErrorCode } from '../core/protocol/errors.js';

/** The words for a server error code, or undefined when the page shows the server's message. */
export function errorWords(code: ErrorCode | (string & {})): string | undefined {
  switch (code) {
    case 'bad_request':
      return msg('O pedido veio incompleto ou com dados inválidos. Recarregue a página e tente de novo.');
    case 'unit_not_found':
      return msg('Unidade não encontrada no Balcão Virtual.');
    case 'unit_closed':
      return msg('O Balcão Virtual desta unidade está fechado agora. Veja o horário de atendimento ou escreva para a unidade.');
    case 'line_full':
      return msg('A fila desta unidade está cheia agora. Tente de novo em alguns minutos ou escreva para a unidade.');
    case 'rate_limited':
      return msg('Muitas tentativas seguidas deste endereço. Espere alguns minutos e tente de novo.');
    case 'no_call':
      return msg('Não há atendimento em andamento.');
    case 'busy':
      return msg('Termine o atendimento atual antes de chamar a próxima pessoa.');
    case 'paused':
      return msg('Seu atendimento está pausado. Retome para chamar a próxima pessoa.');
    case 'too_large':
      return msg('Mensagem grande demais.');
    case 'unavailable':
      return msg('O Balcão Virtual está indisponível agora. Tente de novo em alguns minutos.');
    default:
      return undefined;
  }
}
