// One running call, for either side's seam (src/call/citizen-seam.ts, src/call/clerk-seam.ts):
// its end (an AbortController), the element it draws into, and the relay of the other side's
// RTC descriptions over the line socket. Starting a call ends the one running; what the call
// module reports about a call that is no longer the current one is dropped. Never renders:
// each side hands its own seam the rest (the citizen's ticket and media, the clerk's session).

import type { DescriptionRelay } from '../call/types.js';
import type { RtcDescription } from '../core/protocol/rtc.js';

/** What the host gives each call, the same for both seams. */
export interface HostedCall {
  /** The line socket's `rtc` relay, for this call only: both directions stop when `signal` aborts. */
  readonly relay: DescriptionRelay;
  /** Where the call module draws. */
  readonly container: HTMLElement;
  /** Aborted when the call is over for the line, or another one starts. */
  readonly signal: AbortSignal;
}

/** What both seams answer: the call module took over the container, or it can't make the call. */
export type HostedResult = 'started' | 'unavailable';

/** Wraps a report of the call module so that it passes only while its call is the current one. */
export type WhileCurrent = <A extends unknown[]>(report: (...args: A) => void) => (...args: A) => void;

interface Running {
  readonly abort: AbortController;
  readonly container: HTMLElement;
  readonly listeners: Set<(description: RtcDescription) => void>;
}

export class CallHost {
  private call: Running | undefined;

  constructor(
    /** Sends this side's description on the line socket. */
    private readonly send: (description: RtcDescription) => void,
    /** The element a new call draws into (a new one, or the same one emptied). */
    private readonly newContainer: () => HTMLElement,
  ) {}

  /** Where the current call draws (undefined when none). */
  get container(): HTMLElement | undefined {
    return this.call?.container;
  }

  /**
   * Starts a call through `seam` (ending the one running) with the host's relay, container
   * and signal plus what `details` gives, its reports wrapped in `whileCurrent`. Returns
   * what the seam answered ('unavailable' when it threw), or undefined when the call was
   * ended, or replaced, before the seam returned.
   */
  start<Call extends HostedCall>(seam: (call: Call) => HostedResult, details: (whileCurrent: WhileCurrent) => Omit<Call, keyof HostedCall>): HostedResult | undefined {
    this.end();
    const abort = new AbortController();
    const { signal } = abort;
    const listeners = new Set<(description: RtcDescription) => void>();
    signal.addEventListener('abort', () => listeners.clear(), { once: true });
    const call: Running = { abort, container: this.newContainer(), listeners };
    this.call = call;
    const current = (): boolean => call === this.call && !signal.aborted;
    const whileCurrent: WhileCurrent =
      (report) =>
      (...args) => {
        if (current()) report(...args);
      };
    const relay: DescriptionRelay = {
      send: (description) => {
        if (!signal.aborted) this.send(description);
      },
      onDescription: (listener) => {
        if (signal.aborted) return () => undefined;
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    let result: HostedResult;
    try {
      // The seam's call is its details and the host's part: `Call extends HostedCall` says
      // the host's part is what the seam takes (TypeScript can't see that a generic
      // Omit<Call, K> plus K is Call).
      result = seam({ ...details(whileCurrent), relay, container: call.container, signal } as Call);
    } catch {
      result = 'unavailable';
    }
    return current() ? result : undefined;
  }

  /** A description from the other side (`rtc` on the line socket), for the current call. */
  deliver(description: RtcDescription): void {
    for (const listener of [...(this.call?.listeners ?? [])]) listener(description);
  }

  /** The call is over for the line: the call module stops (its signal aborts). */
  end(): void {
    const call = this.call;
    this.call = undefined;
    call?.abort.abort();
  }
}
