// ICE servers for a call: only the court's own STUN/TURN, never a public default (PeerJS
// falls back to Google STUN and its own TURN when given nothing: we always give a list,
// empty when the court runs none, which works on one network and on loopback).
//
// TURN credentials are time-limited, in the form coturn checks with `use-auth-secret` /
// `static-auth-secret` (the "TURN REST API"): username `<expiry unix seconds>:bv`,
// password base64(HMAC-SHA1(secret, username)). Nothing in them names the citizen.

import { createHmac } from 'node:crypto';
import type { IceConfig } from '../core/protocol/index.js';
import type { Unit } from '../core/unit.js';

export interface IceSettings {
  /** `stun:` URLs of the court's STUN servers. */
  readonly stunUrls: readonly string[];
  /** `turn:`/`turns:` URLs of the court's TURN servers. */
  readonly turnUrls: readonly string[];
  /** coturn's `static-auth-secret`; required with `turnUrls`. */
  readonly turnSecret?: string;
  /** How long TURN credentials last; long enough for a call and its ICE restarts. */
  readonly turnTtlSeconds: number;
}

export const NO_ICE_SERVERS: IceSettings = { stunUrls: [], turnUrls: [], turnTtlSeconds: 4 * 3600 };

/** Time-limited TURN credentials for coturn's shared-secret mode. */
export function turnCredentials(secret: string, now: number, ttlSeconds: number): { username: string; credential: string } {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:bv`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE configuration of a call at `unit`, minted at `now`. */
export function iceConfigFor(settings: IceSettings, unit: Unit, now: number): IceConfig {
  const iceServers: IceConfig['iceServers'][number][] = [];
  // A relay-only call gathers relay candidates only: STUN would be asked for nothing.
  if (settings.stunUrls.length > 0 && !unit.relayOnly) iceServers.push({ urls: [...settings.stunUrls] });
  if (settings.turnUrls.length > 0 && settings.turnSecret) {
    iceServers.push({ urls: [...settings.turnUrls], ...turnCredentials(settings.turnSecret, now, settings.turnTtlSeconds) });
  }
  return { iceServers, iceTransportPolicy: unit.relayOnly ? 'relay' : 'all' };
}
