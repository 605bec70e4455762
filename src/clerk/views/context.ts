// What the desk's templates read and the clerk's actions they bind: the element builds one
// per render (src/clerk/balcao-virtual-atendente.ts).

import type { Outcome } from '../../core/protocol/index.js';
import type { SignedIn } from '../../core/clerk-desk.js';

export interface DeskActions {
  readonly callNext: () => void;
  readonly togglePause: () => void;
  readonly markOutcome: (outcome: Outcome) => void;
  readonly drop: () => void;
  readonly setChecked: (checked: boolean) => void;
  readonly trySound: () => void;
}

export interface DeskView {
  readonly desk: SignedIn;
  /** Whether the clerk socket is open now. */
  readonly online: boolean;
  /** Whether the alert may play a sound (a click in the element or the page). */
  readonly soundAllowed: boolean;
  /** The clock's now (epoch ms), for countdowns and waiting times. */
  readonly now: number;
  readonly locale: string;
  /** Where the call module draws the current call. */
  readonly callContainer: HTMLElement | undefined;
  readonly actions: DeskActions;
}
