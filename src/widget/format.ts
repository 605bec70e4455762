// Turns an opening status into the words a person would say, in the unit's time zone:
// "Aberto agora · atendimento até 14:00", "Fechado · abre segunda-feira, 08:00".

import { msg, str } from '@lit/localize';
import { localDayNumber, zoneOffset } from '../core/time.js';
import type { OpeningStatus } from '../core/timetable.js';

export interface StatusWords {
  readonly headline: string;
  readonly detail: string;
}

function timeText(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "hoje às 14:00" style phrases are built by the caller; this returns the day distance. */
function dayDistance(from: number, to: Date, timeZone: string): number {
  return localDayNumber(to.getTime(), timeZone) - localDayNumber(from, timeZone);
}

function dateText(at: Date, timeZone: string, locale: string, withYear: boolean): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(at);
}

function weekdayText(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(at);
}

function sameYear(a: number, b: Date, timeZone: string, locale: string): boolean {
  const year = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric' });
  return year.format(a) === year.format(b);
}

/** The words for a status at `now` (epoch ms), for a unit in `timeZone`. */
export function statusWords(status: OpeningStatus, now: number, timeZone: string, locale: string): StatusWords {
  if (status.open) {
    const closesAt = status.closesAt;
    if (!closesAt) return { headline: msg('Aberto agora'), detail: msg('atendimento 24 horas') };
    const time = timeText(closesAt, timeZone, locale);
    const days = dayDistance(now, closesAt, timeZone);
    if (days === 0) return { headline: msg('Aberto agora'), detail: msg(str`atendimento até ${time}`) };
    if (days === 1) return { headline: msg('Aberto agora'), detail: msg(str`atendimento até amanhã, ${time}`) };
    const weekday = weekdayText(closesAt, timeZone, locale);
    return { headline: msg('Aberto agora'), detail: msg(str`atendimento até ${weekday}, ${time}`) };
  }
  const nextOpen = status.nextOpen;
  if (!nextOpen) {
    return {
      headline: msg('Fechado'),
      detail: status.reason === 'no-hours' ? msg('sem atendimento por vídeo no momento') : msg('sem data prevista para abrir'),
    };
  }
  const time = timeText(nextOpen, timeZone, locale);
  const days = dayDistance(now, nextOpen, timeZone);
  if (days === 0) return { headline: msg('Fechado'), detail: msg(str`abre hoje às ${time}`) };
  if (days === 1) return { headline: msg('Fechado'), detail: msg(str`abre amanhã, ${time}`) };
  if (days < 7) {
    const weekday = weekdayText(nextOpen, timeZone, locale);
    return { headline: msg('Fechado'), detail: msg(str`abre ${weekday}, ${time}`) };
  }
  const date = dateText(nextOpen, timeZone, locale, !sameYear(now, nextOpen, timeZone, locale));
  return { headline: msg('Fechado'), detail: msg(str`abre ${date}, ${time}`) };
}

/**
 * The unit's time zone as a person reads it ("Horário Padrão do Acre"), when it differs
 * from the visitor's at `now`; undefined when both clocks show the same time.
 */
export function foreignZoneName(timeZone: string, now: number, locale: string, visitorZone: string): string | undefined {
  if (zoneOffset(now, timeZone) === zoneOffset(now, visitorZone)) return undefined;
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
    .formatToParts(now)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** A phone number as a tel: URI ("+55 84 3616-9000" → "tel:+558436169000"). */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phone.replace(/[^0-9]/g, '')}`;
}

export interface LineWords {
  /** "2 pessoas na fila", "Ninguém na fila agora". */
  readonly waiting: string;
  /** "espera estimada de 10 minutos", "sem estimativa ainda"; undefined when there is nothing to say. */
  readonly estimate: string | undefined;
}

/** The line as a person would say it, for someone who joins now. */
export function lineWords(waiting: number, estimatedWaitMinutes: number | null, locale: string): LineWords {
  const count = new Intl.NumberFormat(locale);
  const people = count.format(waiting);
  const waitingText =
    waiting === 0 ? msg('Ninguém na fila agora') : waiting === 1 ? msg('1 pessoa na fila') : msg(str`${people} pessoas na fila`);
  if (estimatedWaitMinutes === null) return { waiting: waitingText, estimate: waiting === 0 ? undefined : msg('sem estimativa ainda') };
  const minutes = count.format(estimatedWaitMinutes);
  return {
    waiting: waitingText,
    estimate: estimatedWaitMinutes === 1 ? msg('espera estimada de 1 minuto') : msg(str`espera estimada de ${minutes} minutos`),
  };
}

/**
 * What to say when the counter is open but no clerk is serving by video, and what to do
 * instead; the unit's phone and e-mail are listed right after (kept short: the card's
 * reserved height holds it at 360 px).
 */
export function unstaffedWords(hasPhone: boolean, hasEmail: boolean): { readonly headline: string; readonly nextStep: string } {
  const headline = msg('Ninguém está atendendo por vídeo agora.');
  if (hasPhone && hasEmail) return { headline, nextStep: msg('Escreva ou ligue para a unidade.') };
  if (hasEmail) return { headline, nextStep: msg('Escreva para a unidade por e-mail.') };
  if (hasPhone) return { headline, nextStep: msg('Ligue para a unidade.') };
  return { headline, nextStep: msg('Procure o telefone e o e-mail da unidade no site do tribunal.') };
}
