// The seam between the clerk's line and the call, the twin of the citizen's
// (src/call/citizen-seam.ts). When the citizen answers (the line's `answered`), the
// element calls its `startClerkCall` with everything the call needs. The default,
// `clerkVideoCall` (src/clerk/video-call.ts), loads the call module (src/call-ui + src/call, PeerJS)
// only then, as its own chunk, and draws the call into `call.container`. Tests put a fake
// in its place.
//
// The citizen's sealed-case identification arrives over the call's encrypted data channel;
// the call module hands it to `onIdentification`, and the element shows it in its panel
// (never stored, sent, logged or put in an event; forgotten when the attendance ends).

import type { CallState, DescriptionRelay, EndReason } from './types.js';
import type { Subject, TicketFlags } from '../core/protocol/attendance.js';
import type { IceConfig } from '../core/protocol/rtc.js';

/**
 * The line socket's `rtc` relay for this call (ICE restarts: PeerJS can't renegotiate): the
 * call module's own `DescriptionRelay`. `send` writes `{ type: 'rtc', description }` on the
 * clerk socket (dropped while it is reconnecting); `onDescription` hears the citizen's and
 * returns the unsubscribe. Both stop working when `signal` aborts. (A type-only import: none
 * of the call module's code is in this element's script.)
 */
export type ClerkRelay = DescriptionRelay;

export interface ClerkCallStart {
  /** The Balcão Virtual server (PeerJS signaling is at `peerjs/` on it, key `balcao`). */
  readonly server: URL;
  /** The unit's id. */
  readonly unit: string;
  /** This clerk's PeerJS id and token, issued by the server for the session (`session` message). */
  readonly peerId: string;
  readonly peerToken: string;
  /** The citizen to call (`calling.citizenPeerId`). */
  readonly citizenPeerId: string;
  /** The court's ICE servers for this call (`calling.ice`); never a public default. */
  readonly ice: IceConfig;
  /** The ticket's display code ("A-014"), subject and flags (no personal data). */
  readonly code: string;
  readonly subject: Subject;
  readonly flags: TicketFlags;
  /** The description relay over this element's clerk socket. */
  readonly relay: ClerkRelay;
  /** The locale the page shows (for times in the call's chat). */
  readonly locale: string;
  /** Where the call draws its UI (video, controls, chat): an empty element in the element's shadow root. */
  readonly container: HTMLElement;
  /**
   * Aborted when the attendance is over for the line (an outcome marked, "a chamada caiu",
   * the citizen left, the session taken over by another tab) or the element goes away.
   */
  readonly signal: AbortSignal;
  /**
   * The citizen's sealed-case identification as received over the data channel: the element
   * checks it and shows it in its panel only. Calls after `signal` aborted are ignored.
   */
  readonly onIdentification: (payload: unknown) => void;
  /** The call's state, as it changes (`connecting`, `connected`, `reconnecting`, `ended`). Not called after `signal` aborted. */
  readonly onState: (state: CallState) => void;
  /**
   * The call ended on this side (once): `unavailable` when the call module could not be
   * loaded or the browser can't make calls. Not called after `signal` aborted.
   */
  readonly onEnded: (reason: EndReason | 'unavailable') => void;
}

/** 'started': the call module took over `container`; 'unavailable': the element says video is not available. */
export type ClerkCallStartResult = 'started' | 'unavailable';

export type StartClerkCall = (call: ClerkCallStart) => ClerkCallStartResult;
