// The citizen's sealed-case identification as the clerk sees it: the payload that came over
// the call's data channel (src/core/protocol/data-channel.ts), checked again with the
// validators (the other side is a browser, not a trusted party) and formatted: CPF as
// 000.000.000-00, the case number in the CNJ mask, OAB as "UF NUMBER". Shown only: never
// stored, sent, logged or put in an event, and forgotten when the attendance ends.

import { ROLES, type Role } from './protocol/data-channel.js';
import { isRecord } from './protocol/guards.js';
import { formatCpf, parseCnj, parseCpf, parseOab } from './validators.js';

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
  if (!isRecord(payload)) return undefined;
  const p = payload;
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
