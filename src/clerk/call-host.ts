// The clerk's call on the shared call host (src/ui/call-host.ts): the container in the
// element's shadow root (its `call` part), and the call module's reports in the desk's words.

import type { EndReason } from '../call/types.js';
import type { CallEnd } from '../core/clerk-desk.js';
import type { RtcDescription } from '../core/protocol/index.js';
import type { ClerkCallStart, ClerkCallStartResult, StartClerkCall } from '../call/clerk-seam.js';
import { CallHost } from '../ui/call-host.js';

/** What the call module reports, for the current call only. */
export interface CallReports {
  readonly identification: (payload: unknown) => void;
  readonly connected: (connected: boolean) => void;
  readonly ended: (reason: CallEnd) => void;
}

/** Everything the call needs but the relay, the container, the signal and the reports. */
export type CallParams = Omit<ClerkCallStart, 'relay' | 'container' | 'signal' | 'onIdentification' | 'onState' | 'onEnded'>;

export class ClerkCallHost extends CallHost {
  constructor(send: (description: RtcDescription) => void) {
    super(send, () => {
      const container = document.createElement('div');
      container.className = 'call';
      container.setAttribute('part', 'call');
      return container;
    });
  }

  /** Starts a call (ending the one running); what the call module said, undefined when the call ended meanwhile. */
  startClerkCall(startClerkCall: StartClerkCall, params: CallParams, reports: CallReports): ClerkCallStartResult | undefined {
    return this.start(startClerkCall, (whileCurrent) => ({
      ...params,
      onIdentification: whileCurrent(reports.identification),
      onState: whileCurrent((state) => reports.connected(state === 'connected')),
      onEnded: whileCurrent((reason) => reports.ended(endOf(reason))),
    }));
  }
}

function endOf(reason: EndReason | 'unavailable'): CallEnd {
  return reason === 'unavailable' || reason === 'failed' || reason === 'hung-up-remote' ? reason : 'other';
}
