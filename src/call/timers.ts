// A call's timeouts, by name, all cleared at once when the call ends; and the two waits the
// recovery is made of (a condition on an event target with a timeout, a plain delay), on
// those same timers so that nothing outlives the call.

import type { CallTiming } from './types.js';

/** The timings a call uses unless its options say otherwise. */
export const DEFAULT_TIMING: CallTiming = {
  connectTimeoutMs: 30_000,
  disconnectGraceMs: 3_000,
  gatherTimeoutMs: 3_000,
  answerTimeoutMs: 5_000,
  restartConnectTimeoutMs: 3_000,
  restartDelaysMs: [1_000, 2_000, 4_000],
  recoveryBudgetMs: 40_000,
  citizenSilenceMs: 12_000,
  citizenOfferGapMs: 20_000,
  recallDelayMs: 1_000,
  signalingDelaysMs: [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000],
  statsIntervalMs: 3_000,
};

export class Timers {
  readonly #named = new Map<string, ReturnType<typeof setTimeout>>();
  #waits = 0;

  set(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    this.#named.set(
      name,
      setTimeout(() => {
        this.#named.delete(name);
        fn();
      }, ms),
    );
  }

  has(name: string): boolean {
    return this.#named.has(name);
  }

  clear(name: string): void {
    clearTimeout(this.#named.get(name));
    this.#named.delete(name);
  }

  clearAll(): void {
    for (const timer of this.#named.values()) clearTimeout(timer);
    this.#named.clear();
  }

  /** Resolves true once `test()` holds (checked now unless `checkNow` is false, and on each `event`), false after `ms`. */
  until(target: EventTarget, event: string, test: () => boolean, ms: number, checkNow = true): Promise<boolean> {
    return new Promise((resolve) => {
      if (checkNow && test()) return resolve(true);
      const name = `wait-${++this.#waits}`;
      const finish = (ok: boolean): void => {
        target.removeEventListener(event, check);
        this.clear(name);
        resolve(ok);
      };
      const check = (): void => {
        if (test()) finish(true);
      };
      target.addEventListener(event, check);
      this.set(name, ms, () => finish(false));
    });
  }

  /** Resolves after `ms`, unless the timers are cleared first (then never: the call is over). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.set(`wait-${++this.#waits}`, ms, resolve));
  }
}
