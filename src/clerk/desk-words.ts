// The desk's notices, problems and announcements (src/core/clerk-desk.ts) in words.

import { msg, str } from '@lit/localize';
import type { CallNextBlock, Notice, Problem, Say } from '../core/clerk-desk.js';
import { clerkErrorWords, outcomeWords, waitingCountWords } from './words.js';

export const remoteHungUpWords = (): string =>
  msg('A chamada terminou do lado do cidadão. Se ele voltar em instantes, a chamada recomeça; senão, marque como terminou o atendimento.');

export function noticeWords(notice: Notice): string {
  switch (notice.kind) {
    case 'missed':
      return notice.paused
        ? msg(str`${notice.code} não entrou a tempo e saiu da fila.`)
        : msg(str`${notice.code} não entrou a tempo e saiu da fila. A próxima pessoa é chamada automaticamente.`);
    case 'line-empty': {
      const words = notice.away
        ? msg('Quem está na fila está sem conexão agora. Tente de novo em instantes.')
        : msg('Ninguém na fila para chamar agora.');
      return notice.missed ? `${noticeWords(notice.missed)} ${words}` : words;
    }
    case 'ended':
      return msg(str`Atendimento ${notice.code} encerrado: ${outcomeWords(notice.outcome)}.`);
    case 'dropped': {
      const back = msg(str`${notice.code} voltou para o início da fila.`);
      return notice.failed ? `${msg(str`A chamada com ${notice.code} caiu e não foi possível reconectar.`)} ${back}` : back;
    }
    case 'ended-offline':
      return msg(str`O atendimento ${notice.code} terminou enquanto a conexão estava fora.`);
    case 'shutdown':
      return msg('O Balcão Virtual está reiniciando. Reconectando em instantes…');
  }
}

export function problemWords(problem: Problem): string {
  return problem.kind === 'offline'
    ? msg('Sem conexão agora. Tentando reconectar: tente de novo em instantes.')
    : clerkErrorWords(problem.code, problem.message);
}

/** Why "Chamar próximo" can't be used now. */
export function blockWords(block: CallNextBlock): string {
  switch (block) {
    case 'offline':
      return msg('Sem conexão com o Balcão Virtual. Tentando reconectar.');
    case 'paused':
      return msg('Seu atendimento está pausado. Retome para chamar a próxima pessoa.');
    case 'busy':
      return msg('Termine o atendimento atual antes de chamar a próxima pessoa.');
    case 'empty':
      return msg('Não há ninguém para chamar.');
    case 'all-away':
      return msg('Quem está na fila está sem conexão agora. A pessoa pode ser chamada quando voltar.');
  }
}

export function sayWords(say: Say, locale: string): string {
  switch (say.kind) {
    case 'connected':
      return msg(str`Conectado como ${say.name}, ${say.unitName}.`);
    case 'refused':
      return msg('Acesso recusado: o acesso de servidor(a) é inválido ou venceu.');
    case 'lost':
      return msg('Conexão perdida. Tentando reconectar.');
    case 'restored':
      return `${msg('Conexão restabelecida.')} ${waitingCountWords(say.count, locale)}.`;
    case 'paused':
      return msg('Atendimento pausado. Ninguém será chamado por você até retomar.');
    case 'resumed':
      return msg('Atendimento retomado.');
    case 'arrived':
      return say.count === 1
        ? msg('Chegou uma pessoa na fila.')
        : msg(str`Chegaram pessoas na fila: ${waitingCountWords(say.count, locale)}.`);
    case 'calling': {
      const words = msg(str`Chamando ${say.code}. Aguardando a pessoa entrar.`);
      return say.missed ? `${noticeWords(say.missed)} ${words}` : words;
    }
    case 'answered':
      return msg(str`${say.code} entrou na chamada.`);
    case 'citizen-left':
      return msg('O cidadão saiu da chamada. Marque como terminou o atendimento.');
    case 'identification':
      return msg('Identificação recebida. Confira antes de dar informações do processo.');
    case 'remote-hung-up':
      return remoteHungUpWords();
    case 'back':
      return msg(str`${say.code} voltou. Chamando de novo.`);
    case 'notice':
      return noticeWords(say.notice);
    case 'problem':
      return problemWords(say.problem);
  }
}
