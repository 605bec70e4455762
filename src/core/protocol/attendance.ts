// What an attendance is about and how it ends, shared by the line, the clerk socket, the
// HTTP bodies and the written channel. Nothing here carries personal data.

import { isOneOf } from './text-guards.js';

/** What the attendance is about; only these enter the line (PJe problems and petitions are redirected before). */
export const SUBJECTS = ['case-info', 'other'] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface TicketFlags {
  /** The case is sealed (segredo de justiça): the clerk must check who is asking. */
  readonly sealed: boolean;
  /** The citizen is a lawyer. */
  readonly lawyer: boolean;
  /** The citizen needs a Libras (Brazilian Sign Language) interpreter. */
  readonly libras: boolean;
}

export const OUTCOMES = ['attended', 'no-show', 'redirected-email', 'redirected-pje'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const isSubject = (v: unknown): v is Subject => isOneOf(SUBJECTS, v);
export const isOutcome = (v: unknown): v is Outcome => isOneOf(OUTCOMES, v);

/** The three flags of an object, or null when one is missing or not a boolean. */
export function flagsOf(v: Record<string, unknown>): TicketFlags | null {
  const { sealed, lawyer, libras } = v;
  if (typeof sealed !== 'boolean' || typeof lawyer !== 'boolean' || typeof libras !== 'boolean') return null;
  return { sealed, lawyer, libras };
}

/** The clerk as shown to the citizen: first name + one surname, and the unit (TJRN Portaria 38/2021). */
export interface ClerkShown {
  readonly name: string;
  readonly unit: string;
}

/** "Maria Aparecida da Silva Souza" → "Maria Souza": first name + one surname (the last). */
export function clerkShownName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  const particles = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);
  const last = [...words.slice(1)].reverse().find((w) => !particles.has(w.toLowerCase()));
  return last ? `${first} ${last}` : first;
}
