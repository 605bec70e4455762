// The seam between the line and the call. When the clerk calls and the citizen presses
// "Entrar", the flow sends `answer` on the line socket and then, in the same click (the
// user gesture that camera, microphone and audio playback need), calls the flow element's
// `startCall` with everything the call needs. The call module (src/call/, PeerJS, loaded
// lazily) replaces the default below:
//
//   flow.startCall = (call) => { void import('../../call/…').then((m) => m.run(call)); return 'started'; };
//
// and renders its UI into `call.container`. The sealed-case identification is handed over
// here and nowhere else: it must travel only over the call's encrypted data channel, never
// in PeerJS metadata, a server request, an event, a log or storage.
//
// Until then the default answers 'unavailable', and the flow says plainly that video is
// not available on this page yet, with the unit's phone and e-mail.

import type { CalledEvent } from '../../core/protocol.js';
import type { Unit } from '../../core/unit.js';
import type { Identification } from './identification.js';
import type { SavedTicket } from './ticket-store.js';

export interface CallStart {
  readonly unit: Unit;
  /** The Balcão Virtual server (PeerJS signaling is at `peerjs/` on it, key `balcao`). */
  readonly server: URL;
  /** This citizen's ticket: PeerJS id and token issued by the server, the display code. */
  readonly ticket: SavedTicket;
  /** The clerk to call (PeerJS id). */
  readonly clerkPeerId: string;
  /**
   * The `called` message (clerk's shown name and unit, answerBy, the court's ICE servers);
   * undefined when the page was reloaded during the call and the server only said `in-call`.
   */
  readonly called: CalledEvent | undefined;
  /** Whether this start follows the citizen's click (a user gesture), or a reload during the call. */
  readonly gesture: boolean;
  /** The sealed-case identification, to send over the data channel only; undefined when the case is not sealed. */
  readonly identification: Identification | undefined;
  /** Where the call draws its UI: an empty element in the flow's shadow root. */
  readonly container: HTMLElement;
  /** Aborted when the call is over for the line (done, left, requeued) or the element goes away. */
  readonly signal: AbortSignal;
}

/** 'started': the call module took over `container`; 'unavailable': the flow offers phone and e-mail. */
export type CallStartResult = 'started' | 'unavailable';

export type StartCall = (call: CallStart) => CallStartResult;

/** The default until the call module exists: no video on this page yet. */
export const videoNotAvailableYet: StartCall = () => 'unavailable';
