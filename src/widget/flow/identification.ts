// The identification asked for a sealed case (segredo de justiça, Portaria TJRN 38/2021
// art. 6): full name, CPF, role (with OAB for a lawyer) and the case number, checked with
// core's validators and explained in plain Portuguese. The data lives only in the flow's
// memory, as typed; it travels only over the call's encrypted data channel to the clerk
// (see src/call/citizen-seam.ts), never to the server, into storage, an event or a log.

import { msg } from '@lit/localize';
import type { Identification, Role } from '../../core/protocol/data-channel.js';
import { validateCnj, validateCpf, validateOab, type ValidationReason } from '../../core/validators.js';
import type { FormRules } from '../../ui/form-field.js';

export type { Identification, Role } from '../../core/protocol/data-channel.js';

/** What the citizen typed, as typed (nothing is ever cleared or rewritten). */
export interface IdentificationDraft {
  name: string;
  cpf: string;
  role: Role | '';
  oab: string;
  caseNumber: string;
}

export type Field = keyof IdentificationDraft;

/** The fields in the order they are shown (and focused when wrong). */
export const FIELDS: readonly Field[] = ['name', 'cpf', 'role', 'oab', 'caseNumber'];

export const MAX_NAME_LENGTH = 150;

export function emptyDraft(): IdentificationDraft {
  return { name: '', cpf: '', role: '', oab: '', caseNumber: '' };
}

function foldSpaces(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function cpfError(reason: ValidationReason): string {
  switch (reason) {
    case 'empty':
      return msg('Informe seu CPF.');
    case 'check-digits':
      return msg('CPF com dígitos verificadores errados. Confira o número.');
    case 'repeated-digits':
      return msg('Este número não é um CPF válido. Confira o número.');
    default:
      return msg('Digite os 11 números do CPF, com ou sem pontos e traço.');
  }
}

function oabError(reason: ValidationReason): string {
  switch (reason) {
    case 'empty':
      return msg('Informe sua inscrição na OAB, com a sigla do estado. Exemplo: RN 12345.');
    case 'state':
      return msg('Sigla de estado inexistente. Use a sigla da seccional da OAB, como RN ou SP.');
    default:
      return msg('Escreva a sigla do estado e o número da OAB. Exemplo: RN 12345.');
  }
}

function cnjError(reason: ValidationReason): string {
  switch (reason) {
    case 'empty':
      return msg('Informe o número do processo.');
    case 'check-digits':
      return msg('Número do processo com dígitos verificadores errados. Confira o número.');
    case 'segment':
    case 'court':
      return msg('Este número de processo não existe: confira os números depois do ano.');
    default:
      return msg('Digite os 20 números do processo, no formato 0000000-00.0000.0.00.0000 ou sem pontos e traços.');
  }
}

/** What is wrong with one field, in plain words; undefined when it is right. */
export function fieldError(field: Field, draft: IdentificationDraft): string | undefined {
  switch (field) {
    case 'name': {
      const name = foldSpaces(draft.name);
      if (name === '') return msg('Informe seu nome completo.');
      if (name.length > MAX_NAME_LENGTH) return msg('Nome longo demais. Use até 150 letras.');
      if (!name.includes(' ')) return msg('Informe seu nome completo, com sobrenome.');
      return undefined;
    }
    case 'cpf': {
      const r = validateCpf(draft.cpf);
      return r.ok ? undefined : cpfError(r.reason);
    }
    case 'role':
      return draft.role === '' ? msg('Diga se você é parte, advogado(a) ou outra pessoa.') : undefined;
    case 'oab': {
      if (draft.role !== 'lawyer') return undefined;
      const r = validateOab(draft.oab);
      return r.ok ? undefined : oabError(r.reason);
    }
    case 'caseNumber': {
      const r = validateCnj(draft.caseNumber);
      return r.ok ? undefined : cnjError(r.reason);
    }
  }
}

/** The form's rules for the shared form-field engine: the role is a choice (radios). */
export const IDENTIFICATION_RULES: FormRules<Field, IdentificationDraft> = {
  fields: FIELDS,
  error: fieldError,
  choices: ['role'],
  selector: (field) => (field === 'role' ? 'input[name="role"]' : `#${field}`),
};

/** The checked identification, or undefined while a field is wrong. */
export function identificationOf(draft: IdentificationDraft): Identification | undefined {
  if (FIELDS.some((f) => fieldError(f, draft) !== undefined) || draft.role === '') return undefined;
  const cpf = validateCpf(draft.cpf);
  const cnj = validateCnj(draft.caseNumber);
  const oab = draft.role === 'lawyer' ? validateOab(draft.oab) : undefined;
  if (!cpf.ok || !cnj.ok || (oab && !oab.ok)) return undefined;
  return {
    name: foldSpaces(draft.name),
    cpf: cpf.value,
    role: draft.role,
    ...(oab?.ok ? { oab: oab.value } : {}),
    caseNumber: cnj.value.formatted,
  };
}
