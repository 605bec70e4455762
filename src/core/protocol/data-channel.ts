// The call's own data channel: JSON text messages between the two sides, parsed strictly
// (the other side is a browser we don't control). Chat text is capped; the identification
// is an opaque object passed through to the clerk's element, which validates it
// (src/core/identification.ts) against the `Identification` the citizen's page sends.

import { isRecord } from './guards.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** What one side sends: its microphone and camera switches (`audioOnly`: no camera for the rest of the call). */
export interface MediaState {
  readonly microphone: boolean;
  readonly camera: boolean;
  readonly audioOnly: boolean;
}

/** Who is asking about a sealed case. */
export type Role = 'party' | 'lawyer' | 'other';
export const ROLES: readonly Role[] = ['party', 'lawyer', 'other'];

/**
 * The sealed-case identification the citizen's page sends over the data channel, checked
 * (src/widget/flow/identification.ts). Personal data: memory and the data channel only.
 */
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

/** Longest chat message, in UTF-16 code units (what `maxlength` counts). */
export const MAX_CHAT_LENGTH = 1000;
/** Longest message on the channel (an identification is a few hundred bytes). */
export const MAX_CHANNEL_MESSAGE_LENGTH = 16 * 1024;

export type ChannelMessage =
  | { readonly type: 'chat'; readonly text: string }
  | { readonly type: 'identification'; readonly data: JsonObject }
  | ({ readonly type: 'media' } & MediaState)
  | { readonly type: 'bye' };

/** A message received on the channel, or null when it is not one. */
export function parseChannelMessage(data: unknown): ChannelMessage | null {
  if (typeof data !== 'string' || data.length > MAX_CHANNEL_MESSAGE_LENGTH) return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(json)) return null;
  switch (json.type) {
    case 'chat':
      return typeof json.text === 'string' && json.text.length > 0 && json.text.length <= MAX_CHAT_LENGTH ? { type: 'chat', text: json.text } : null;
    case 'identification':
      // Parsed from JSON, so a plain object of JSON values.
      return isRecord(json.data) ? { type: 'identification', data: json.data as JsonObject } : null;
    case 'media': {
      const { microphone, camera, audioOnly } = json;
      return typeof microphone === 'boolean' && typeof camera === 'boolean' && typeof audioOnly === 'boolean'
        ? { type: 'media', microphone, camera, audioOnly }
        : null;
    }
    case 'bye':
      return { type: 'bye' };
    default:
      return null;
  }
}
