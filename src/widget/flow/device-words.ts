// The device check's problems in plain words, each with its next step (device-check.ts
// says the headline when devices are opened again; device-check-view.ts shows the rest).

import { msg } from '@lit/localize';
import type { MediaProblem } from '../../ui/media-choice.js';

export interface ProblemWords {
  readonly headline: string;
  /** What to do next, when more than the headline is needed. */
  readonly next?: string;
  /** The steps to allow the camera and microphone in the browser. */
  readonly allow?: boolean;
  /** Whether "Testar de novo" can help. */
  readonly retry: boolean;
  /** Whether the unit's phone and e-mail are offered (the clerk won't hear the citizen). */
  readonly contacts?: boolean;
}

const stillJoin = (): string =>
  msg('Você ainda pode entrar na fila: vai ver e ouvir a pessoa que atender e pode escrever para ela pelo chat da chamada.');

export function problemWords(problem: MediaProblem): ProblemWords {
  switch (problem) {
    case 'camera-denied':
      return {
        headline: msg('O navegador bloqueou a câmera.'),
        allow: true,
        next: msg('Se preferir, entre na fila só com o microfone: a pessoa que atender vai ouvir você, mas não vai ver.'),
        retry: true,
      };
    case 'microphone-denied':
      return {
        headline: msg('O navegador bloqueou o microfone. Sem ele, a pessoa que atender não vai ouvir você.'),
        allow: true,
        next: stillJoin(),
        retry: true,
        contacts: true,
      };
    case 'all-denied':
      return {
        headline: msg('O navegador bloqueou a câmera e o microfone.'),
        allow: true,
        next: msg('Você ainda pode entrar na fila: vai ver e ouvir a pessoa que atender e pode escrever para ela pelo chat da chamada, mas ela não vai ver nem ouvir você.'),
        retry: true,
        contacts: true,
      };
    case 'no-camera':
      return { headline: msg('Não encontramos uma câmera neste aparelho. Você vai entrar só com áudio: a pessoa que atender vai ouvir você, mas não vai ver.'), retry: false };
    case 'no-microphone':
      return {
        headline: msg('Não encontramos um microfone neste aparelho. Sem ele, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Conecte um fone com microfone e toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
    case 'no-devices':
      return {
        headline: msg('Não encontramos câmera nem microfone neste aparelho. Sem microfone, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Conecte um fone com microfone e toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
    case 'busy':
      return {
        headline: msg('A câmera está sendo usada por outro programa (outra chamada de vídeo, por exemplo).'),
        next: msg('Feche esse programa e toque em "Testar de novo", ou marque "Usar só áudio".'),
        retry: true,
      };
    case 'microphone-busy':
      return {
        headline: msg('O microfone está sendo usado por outro programa (outra chamada, por exemplo). Sem ele, a pessoa que atender não vai ouvir você.'),
        next: msg('Feche esse programa e toque em "Testar de novo".'),
        retry: true,
        contacts: true,
      };
    case 'all-busy':
      return {
        headline: msg('A câmera e o microfone estão sendo usados por outro programa (outra chamada de vídeo, por exemplo).'),
        next: msg('Feche esse programa e toque em "Testar de novo".'),
        retry: true,
        contacts: true,
      };
    case 'camera-failed':
      return {
        headline: msg('Não foi possível ligar a câmera.'),
        next: msg('Toque em "Testar de novo", ou marque "Usar só áudio".'),
        retry: true,
      };
    case 'microphone-failed':
    case 'unsupported':
      return {
        headline: msg('Não foi possível ligar o microfone. Sem ele, a pessoa que atender não vai ouvir você.'),
        next: `${msg('Toque em "Testar de novo".')} ${stillJoin()}`,
        retry: true,
        contacts: true,
      };
  }
}
