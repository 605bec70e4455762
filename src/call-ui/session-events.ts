// The call view's link to its session: what the view needs of one (a fake in tests), and the
// controller that follows the session the view holds. It renders nothing; the view does.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallSession } from '../call/session.js';

/** What the view needs of a call session (a fake one in tests). */
export type CallViewSession = Pick<
  CallSession,
  | 'role'
  | 'state'
  | 'endReason'
  | 'localStream'
  | 'remoteStream'
  | 'localMedia'
  | 'on'
  | 'setMicrophoneEnabled'
  | 'setCameraEnabled'
  | 'switchToAudioOnly'
  | 'sendChat'
  | 'hangUp'
>;

/**
 * Follows the host's session: subscribed while the host is on the page, to the session it
 * holds now (`follow()` after `session` changes); unsubscribed when it leaves or the session
 * changes. `subscribe` returns the unsubscribes; `adopt` brings the host up to date with a
 * session (`fresh`: a session it had not followed before).
 */
export class SessionEvents implements ReactiveController {
  #followed: CallViewSession | undefined;
  #last: CallViewSession | undefined;
  #off: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & { readonly session: CallViewSession | undefined },
    private readonly subscribe: (session: CallViewSession) => (() => void)[],
    private readonly adopt: (session: CallViewSession | undefined, fresh: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  follow(): void {
    const session = this.host.session;
    if (session === this.#followed && (session === undefined || this.#off.length > 0)) return;
    this.#stop();
    this.#followed = session;
    const fresh = session !== this.#last;
    this.#last = session;
    if (session) this.#off = this.subscribe(session);
    this.adopt(session, fresh);
  }

  #stop(): void {
    for (const off of this.#off.splice(0)) off();
    this.#followed = undefined;
  }
}
