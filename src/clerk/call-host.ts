// The call handed to the call module (src/call/clerk-seam.ts): its container in the
// element's shadow root, its end (an AbortController), and the clerk socket's `rtc` relay.
// One call at a time; the reports of a call that is no longer the current one are dropped.

import type { EndReason } from '../call/types.js';
import type { CallEnd } from '../core/clerk-desk.js';
import type { RtcDescription } from '../core/protocol/index.js';
import type { ClerkCallStart, ClerkCallStartResult, StartClerkCall } from '../call/clerk-seam.js';

/** What the call module reports, for the current call only. */
export interface CallReports {
  readonly identification: (payload: unknown) => void;
  readonly connected: (connected: boolean) => void;
  readonly ended: (reason: CallEnd) => void;
}

/** Everything the call needs but the relay, the container, the signal and the reports. */
export type CallParams = Omit<ClerkCallStart, 'relay' | 'container' | 'signal' | 'onIdentification' | 'onState' | 'onEnded'>;

interface Running {
  readonly abort: AbortController;
  readonly container: HTMLElement;
  readonly listeners: Set<(description: RtcDescription) => void>;
}

export class ClerkCallHost {
  private call: Running | undefined;

  constructor(private readonly send: (description: RtcDescription) => void) {}

  /** Where the current call draws (undefined when none). */
  get container(): HTMLElement | undefined {
    return this.call?.container;
  }

  /** Starts a call (ending the one running); returns what the call module said. */
  start(startClerkCall: StartClerkCall, params: CallParams, reports: CallReports): ClerkCallStartResult {
    this.end();
    const abort = new AbortController();
    const { signal } = abort;
    const container = document.createElement('div');
    container.className = 'call';
    container.setAttribute('part', 'call');
    const listeners = new Set<(description: RtcDescription) => void>();
    signal.addEventListener('abort', () => listeners.clear(), { once: true });
    const call: Running = { abort, container, listeners };
    this.call = call;
    const current = (): boolean => call === this.call && !signal.aborted;
    try {
      return startClerkCall({
        ...params,
        relay: {
          send: (description) => {
            if (!signal.aborted) this.send(description);
          },
          onDescription: (listener) => {
            if (signal.aborted) return () => undefined;
            listeners.add(listener);
            return () => void listeners.delete(listener);
          },
        },
        container,
        signal,
        onIdentification: (payload) => current() && reports.identification(payload),
        onState: (state) => current() && reports.connected(state === 'connected'),
        onEnded: (reason) => current() && reports.ended(endOf(reason)),
      });
    } catch {
      return 'unavailable';
    }
  }

  /** A description from the citizen, for the current call. */
  deliver(description: RtcDescription): void {
    for (const listener of [...(this.call?.listeners ?? [])]) listener(description);
  }

  /** Tells the call module the attendance is over for the line. */
  end(): void {
    const call = this.call;
    this.call = undefined;
    call?.abort.abort();
  }
}

function endOf(reason: EndReason | 'unavailable'): CallEnd {
  return reason === 'unavailable' || reason === 'failed' || reason === 'hung-up-remote' ? reason : 'other';
}
