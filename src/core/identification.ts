// The sealed-case identification as it travels over the call's encrypted data channel, from
// the citizen's form (src/widget/flow/identification.ts) to the clerk's panel, and as the
// clerk sees it (`readIdentification`): checked again with the validators (the other side
// is a browser, not a trusted party) and formatted: CPF as 000.000.000-00, the case number
// in the CNJ mask, OAB as "UF NUMBER". Personal data: memory and the data channel only,
// never the server, storage, an event or a log; forgotten when the attendance ends.

import { formatCpf, parseCnj, parseCpf, parseOab } from './validators.js';

/** Who asks, as the citizen chose it. */
export type Role = 'party' | 'lawyer' | 'other';

export const ROLES: readonly Role[] = ['party', 'lawyer', 'other'];

/** The checked identification, as the clerk receives it. */
export interface Identification {
  /** Full name, spaces folded. */
  readonly name: string;
  /** The CPF's 11 digits. */
  readonly cpf: string;
  readonly role: Role;
  /** 'UF NUMBER', for a lawyer. */
  readonly oab?: string;
  /** The case number in the CNJ mask, 'NNNNNNN-DD.AAAA.J.TR.OOOO'. */
  readonly caseNumber: string;
}

/** One value as received, and whether it passed the validator (a wrong one is shown with a warning). */
export interface CheckedValue {
  readonly text: string;
  readonly valid: boolean;
}

export interface ShownIdentification {
  readonly name: string;
  /** Formatted when valid; as received otherwise. */
  readonly cpf: CheckedValue;
  /** undefined when the role is missing or unknown. */
  readonly role: Role | undefined;
  /** For a lawyer; undefined when absent. */
  readonly oab: CheckedValue | undefined;
  /** The CNJ mask when valid; as received otherwise. */
  readonly caseNumber: CheckedValue;
}

/** Longer than any valid value (the citizen's form caps names at 150); longer text is cut. */
const MAX_TEXT = 200;

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').slice(0, MAX_TEXT) : '';
}

/** The identification to show, or undefined when the payload is not one (not an object, or no name). */
export function readIdentification(payload: unknown): ShownIdentification | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  const name = text(p.name);
  if (name === '') return undefined;
  const cpfText = text(p.cpf);
  const cpf = parseCpf(cpfText);
  const cnjText = text(p.caseNumber);
  const cnj = parseCnj(cnjText);
  const role = ROLES.find((r) => r === p.role);
  const oabText = text(p.oab);
  const oab = oabText === '' ? undefined : parseOab(oabText);
  return {
    name,
    cpf: cpf ? { text: formatCpf(cpf), valid: true } : { text: cpfText, valid: false },
    role,
    oab: oabText === '' ? undefined : oab ? { text: oab, valid: true } : { text: oabText, valid: false },
    caseNumber: cnj ? { text: cnj.formatted, valid: true } : { text: cnjText, valid: false },
  };
}
