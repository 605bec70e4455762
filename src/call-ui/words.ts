// The call in plain words, for both sides: its state, why it ended, how the connection is.
// Translated here (msg) so that an English or Spanish page shows no Portuguese.

import { msg, str } from '@lit/localize';
import type { CallState, EndReason, MediaState, QualityLevel } from '../call/types.js';

/** The state line: "Conectando a chamada…", "Chamada encerrada". */
export function stateWords(state: CallState): string {
  switch (state) {
    case 'connecting':
      return msg('Conectando a chamada…');
    case 'connected':
      return msg('Chamada conectada');
    case 'reconnecting':
      return msg('Conexão instável. Tentando reconectar…');
    case 'ended':
      return msg('Chamada encerrada');
  }
}

/** Why the call ended, in a sentence (what to do next is the host's to say). */
export function endWords(reason: EndReason | undefined): string {
  switch (reason) {
    case 'hung-up-local':
      return msg('Você encerrou a chamada.');
    case 'hung-up-remote':
      return msg('A outra pessoa saiu da chamada.');
    case 'failed':
      return msg('A conexão caiu e não foi possível retomar a chamada.');
    case 'line-ended':
      return msg('O atendimento foi encerrado.');
    case 'replaced':
      return msg('A chamada foi aberta em outra aba ou janela. Continue por lá.');
    case undefined:
      return '';
  }
}

/** "Conexão boa / fraca / ruim": said in words, never colour alone. */
export function qualityWords(level: QualityLevel): string {
  switch (level) {
    case 'good':
      return msg('Conexão boa');
    case 'weak':
      return msg('Conexão fraca');
    case 'poor':
      return msg('Conexão ruim');
  }
}

/** What the placeholder says when the other side shows no picture; undefined while it does. */
export function remoteNoVideoWords(media: MediaState | undefined): string | undefined {
  if (!media) return undefined;
  if (media.audioOnly) return msg('Só áudio');
  if (!media.camera) return msg('Câmera desligada');
  return undefined;
}

/** What the self view says when this side shows no picture; undefined while it does. */
export function selfNoVideoWords(media: MediaState): string | undefined {
  if (media.audioOnly) return msg('Só áudio: sua câmera está desligada');
  if (!media.camera) return msg('Sua câmera está desligada');
  return undefined;
}

/** Longest part of a chat message read out by the live region. */
export const ANNOUNCED_CHAT_LENGTH = 120;

/** The live region's line for a message from the other side: "Mensagem de Senha A-014: …". */
export function incomingChatWords(from: string, text: string): string {
  const short = text.length > ANNOUNCED_CHAT_LENGTH ? `${text.slice(0, ANNOUNCED_CHAT_LENGTH)}…` : text;
  return from ? msg(str`Mensagem de ${from}: ${short}`) : msg(str`Nova mensagem: ${short}`);
}
