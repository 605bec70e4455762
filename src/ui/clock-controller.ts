// One timer to the next instant at which what the element shows changes (the counter
// opening or closing, or midnight turning "amanhã" into "hoje"). Not polling: the timer
// is re-armed after it fires, and corrected whenever the page wakes up (a phone's tab
// that slept fires its timers late, or not at all until it is shown again).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onPageWake } from './page-wake.js';

/** setTimeout's delay is a signed 32-bit number of milliseconds. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class ClockController implements ReactiveController {
  /** The time the host renders with, epoch ms. Updated at each boundary and on wake-up. */
  now = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The next instant (epoch ms) at which the host's output changes, given the current time. */
    private readonly nextChange: (now: number) => number | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    onPageWake(() => this.tick(), this.abort.signal);
    this.tick();
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Re-reads the time and re-arms the timer (after the host's data changed, say). */
  tick(): void {
    const now = Date.now();
    if (now !== this.now) {
      this.now = now;
      this.host.requestUpdate();
    }
    this.arm();
  }

  /** Re-reads the time without asking for an update (the host is about to render anyway). */
  refresh(): void {
    this.now = Date.now();
  }

  /** Re-arms the timer for the host's current data. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.abort) return;
    const next = this.nextChange(this.now);
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - Date.now(), 0), MAX_DELAY_MS);
    this.timer = setTimeout(() => this.tick(), delay);
  }
}
