// The sealed-case identification as it travels over the call's encrypted data channel, from
// the citizen's form (src/widget/flow/identification.ts) to the clerk's panel
// (src/clerk/identification.ts, which checks it again). Personal data: memory and the data
// channel only, never the server, storage, an event or a log.

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
