// The seam between the line and the call. When the clerk calls and the citizen presses
// "Entrar", the flow sends `answer` on the line socket and then, in the same click (the
// user gesture that camera, microphone and audio playback need), calls the flow element's
// `startCall` with everything the call needs. The default, `videoCall` (src/widget/flow/video-call.ts),
// loads the call module (src/call-ui + src/call, PeerJS) only then, as its own chunk, and
// draws the call into `call.container`. Tests put a fake in its place.
//
// The sealed-case identification is handed over here and nowhere else: it must travel only
// over the call's encrypted data channel, never in PeerJS metadata, a server request, an
// event, a log or storage.

import type { DescriptionRelay, EndReason } from './types.js';
import type { ClerkShown } from '../core/protocol/attendance.js';
import type { Identification } from '../core/protocol/data-channel.js';
import type { IceConfig } from '../core/protocol/rtc.js';
import type { Unit } from '../core/unit.js';
import type { MediaChoice } from '../ui/media-choice.js';

/** What the call needs of the citizen's ticket (the flow's `SavedTicket` is one). */
export interface CallTicket {
  readonly code: string;
  readonly peerId: string;
  readonly peerToken: string;
}

export interface CallStart {
  readonly unit: Unit;
  /** The Balcão Virtual server (PeerJS signaling is at `peerjs/` on it, key `balcao`). */
  readonly server: URL;
  /** This citizen's ticket: PeerJS id and token issued by the server, the display code. */
  readonly ticket: CallTicket;
  /** The clerk to call (PeerJS id). */
  readonly clerkPeerId: string;
  /** The clerk as shown to the citizen (first name + one surname, unit); undefined if not known. */
  readonly clerk: ClerkShown | undefined;
  /** The court's ICE servers for this call (`called.ice`, or `in-call.ice` after a reload); never a public default. */
  readonly ice: IceConfig;
  /** Whether this start follows the citizen's click (a user gesture), or a reload during the call. */
  readonly gesture: boolean;
  /** The devices chosen before joining (or the defaults). */
  readonly media: MediaChoice;
  /** The sealed-case identification, to send over the data channel only; undefined when the case is not sealed. */
  readonly identification: Identification | undefined;
  /** The line socket's `rtc` relay, for ICE restarts. */
  readonly relay: DescriptionRelay;
  /** The locale the page shows (for times in the call's chat). */
  readonly locale: string;
  /** Where the call draws its UI: an empty element in the flow's shadow root. */
  readonly container: HTMLElement;
  /** Aborted when the call is over for the line (done, left, requeued) or the element goes away. */
  readonly signal: AbortSignal;
  /** The media connected for the first time (once). */
  readonly onConnected: () => void;
  /**
   * The call ended on this side (once): `unavailable` when the call module could not be
   * loaded or the browser can't make calls. Not called after `signal` aborted.
   */
  readonly onEnded: (reason: EndReason | 'unavailable') => void;
}

/** 'started': the call module took over `container`; 'unavailable': the flow offers phone and e-mail. */
export type CallStartResult = 'started' | 'unavailable';

export type StartCall = (call: CallStart) => CallStartResult;
