// Whole session descriptions for the line's `rtc` relay, which takes at most MAX_SDP_LENGTH
// characters: a relay-only description is 3–6 kB; a machine with many interfaces may gather
// more, so TCP candidates, then host candidates, are dropped until it fits.

import { MAX_SDP_LENGTH } from '../core/protocol/rtc.js';

/** Whole lines (with their CRLF): TCP candidates first, then host candidates. */
const DROPS: readonly RegExp[] = [/^a=candidate:\S+ \d+ tcp .*\r?\n/gim, /^a=candidate:.* typ host.*\r?\n/gim];

/** `sdp` as it can travel on the relay, or undefined when even trimmed it is too long. */
export function fitSdp(sdp: string): string | undefined {
  let out = sdp;
  for (const drop of DROPS) {
    if (out.length <= MAX_SDP_LENGTH) break;
    out = out.replace(drop, '');
  }
  return out.length > 0 && out.length <= MAX_SDP_LENGTH ? out : undefined;
}
