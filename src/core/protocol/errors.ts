// The server's error codes, with its own words (Portuguese: the server answers in the
// court's language). Pages show them through `errorWords` (src/ui/error-words.ts), which
// translates them; an unknown code shows the server's words.

export const ERROR_MESSAGES = {
  bad_request: 'O pedido veio incompleto ou com dados inválidos. Recarregue a página e tente de novo.',
  unit_not_found: 'Unidade não encontrada no Balcão Virtual.',
  unit_closed: 'O Balcão Virtual desta unidade está fechado agora. Veja o horário de atendimento ou escreva para a unidade.',
  line_full: 'A fila desta unidade está cheia agora. Tente de novo em alguns minutos ou escreva para a unidade.',
  rate_limited: 'Muitas tentativas seguidas deste endereço. Espere alguns minutos e tente de novo.',
  ticket_not_found: 'Esta senha não está mais na fila. Entre na fila de novo se ainda precisar de atendimento.',
  not_called: 'Ainda não é a sua vez.',
  unauthorized: 'Acesso de servidor inválido ou vencido. Peça um novo acesso à administração do Balcão Virtual.',
  forbidden_origin: 'Esta página não está autorizada a usar o Balcão Virtual deste tribunal.',
  no_call: 'Não há atendimento em andamento.',
  busy: 'Termine o atendimento atual antes de chamar a próxima pessoa.',
  paused: 'Seu atendimento está pausado. Retome para chamar a próxima pessoa.',
  too_large: 'Mensagem grande demais.',
  unavailable: 'O Balcão Virtual está indisponível agora. Tente de novo em alguns minutos.',
  idempotency_conflict: 'Esta mensagem já foi registrada com outro conteúdo. Recarregue a página e escreva de novo.',
  no_mailbox: 'Esta unidade ainda não recebe mensagens escritas pelo Balcão Virtual. Ligue para a unidade ou procure o atendimento presencial.',
  forbidden_unit: 'Este acesso de servidor é de outra unidade. Entre com o acesso da unidade que você atende.',
  message_not_found: 'Protocolo não encontrado entre as mensagens não entregues desta unidade. Atualize a lista.',
} as const;
export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && Object.hasOwn(ERROR_MESSAGES, v);
}

/** A socket's `error` message (line and clerk sockets alike). */
export interface SocketError {
  readonly type: 'error';
  readonly code: ErrorCode;
  readonly message: string;
}

/** `{ type: 'error', code, message }` with a known code, or null. */
export function parseErrorEvent(json: Record<string, unknown>): SocketError | null {
  return isErrorCode(json.code) && typeof json.message === 'string' ? { type: 'error', code: json.code, message: json.message } : null;
}
