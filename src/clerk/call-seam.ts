// The seam between the clerk's line and the call, the twin of the citizen's
// (src/widget/flow/call-seam.ts). When the citizen answers (the line's `answered`), the
// element calls its `startClerkCall` with everything the call needs; the call module
// (src/call/, PeerJS, loaded lazily) replaces the default below:
//
//   clerk.startClerkCall = (call) => {
//     void import('…/call/index.js').then(({ startClerkCall }) => {
//       const session = startClerkCall({ server: call.server, peerId: call.peerId, peerToken: call.peerToken,
//         remotePeerId: call.citizenPeerId, ice: call.ice, localStream, relay: call.relay, signal: call.signal });
//       session.on('identification', call.onIdentification);
//       // …video, controls and chat drawn into call.container
//     });
//     return 'started';
//   };
//
// The citizen's sealed-case identification arrives over the call's encrypted data channel;
// the call module hands it to `onIdentification`, and the element shows it in its panel
// (never stored, sent, logged or put in an event; forgotten when the attendance ends).
//
// Until then the default answers 'unavailable', and the element says plainly that video is
// not available on this page yet; the outcome buttons still end the attendance.

import type { DescriptionRelay } from '../call/types.js';
import type { IceConfig, Subject, TicketFlags } from '../core/protocol.js';

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
}

/** 'started': the call module took over `container`; 'unavailable': the element says video is not available. */
export type ClerkCallStartResult = 'started' | 'unavailable';

export type StartClerkCall = (call: ClerkCallStart) => ClerkCallStartResult;

/** The default until the call module is wired in: no video on this page yet. */
export const clerkVideoNotAvailableYet: StartClerkCall = () => 'unavailable';
