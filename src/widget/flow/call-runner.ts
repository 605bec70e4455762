// Runs the call for the flow (never renders) on the shared call host (src/ui/call-host.ts):
// hands it to the call module through the seam (src/call/citizen-seam.ts) with the line
// socket as the relay of the clerk's descriptions, stops it when the line moves on, and
// tells the page (`balcao-call-start`, `balcao-call-end` once per call that had connected).
// What the call module answers goes back to the flow as events.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndReason } from '../../call/types.js';
import type { RtcDescription } from '../../core/protocol/index.js';
import type { Unit } from '../../core/unit.js';
import { CallHost } from '../../ui/call-host.js';
import { BalcaoCallEndEvent, BalcaoCallStartEvent } from '../events.js';
import type { CallStart, CallStartResult, StartCall } from '../../call/citizen-seam.js';
import type { CallAttempt } from './flow-state.js';
import type { SavedTicket } from './ticket-store.js';

export interface CallRunnerOptions {
  readonly startCall: () => StartCall;
  /** Sends the citizen's description on the line socket. */
  readonly send: (description: RtcDescription) => void;
  /** What the call module said when started, and how the call ended on this side. */
  readonly result: (result: CallStartResult) => void;
  readonly ended: (reason: EndReason | 'unavailable') => void;
  /** The rest of what the call needs (media, identification, locale). */
  readonly details: () => Pick<CallStart, 'media' | 'identification' | 'locale'>;
}

export class CallRunner implements ReactiveController {
  /** Where the call module draws (created once, so it exists in the click that starts the call). */
  readonly container: HTMLElement;
  private readonly call: CallHost;
  /** When the call's media connected (for `balcao-call-end`), undefined before. */
  private connectedAt: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: CallRunnerOptions,
    doc: Document,
  ) {
    host.addController(this);
    const container = doc.createElement('div');
    container.className = 'call';
    this.container = container;
    this.call = new CallHost(options.send, () => {
      container.replaceChildren();
      return container;
    });
  }

  hostDisconnected(): void {
    this.call.end();
  }

  /** The clerk's description, from the line socket. */
  description(description: RtcDescription): void {
    this.call.deliver(description);
  }

  /** Hands the call to the call module; in the click of "Entrar" when `attempt.gesture`. */
  start(unit: Unit, server: URL, ticket: SavedTicket, attempt: CallAttempt): void {
    this.connectedAt = undefined;
    const result = this.call.start(this.options.startCall(), (whileCurrent) => ({
      unit,
      server,
      ticket,
      clerkPeerId: attempt.clerkPeerId,
      clerk: attempt.clerk,
      ice: attempt.ice,
      gesture: attempt.gesture,
      ...this.options.details(),
      onConnected: whileCurrent(() => this.connected(unit.id, ticket.code)),
      onEnded: whileCurrent(this.options.ended),
    }));
    if (result) this.options.result(result);
  }

  /** `balcao-call-end`, once per call that had connected. */
  ended(unit: string, code: string, reason: EndReason): void {
    const connectedAt = this.connectedAt;
    if (connectedAt === undefined) return;
    this.connectedAt = undefined;
    this.host.dispatchEvent(new BalcaoCallEndEvent(unit, code, reason, Math.round((Date.now() - connectedAt) / 1000)));
  }

  /** The line ended the call (done, requeued, left…): the call module stops, the page is told unless the call had ended here. */
  stop(unit: string | undefined, code: string, endedHere: boolean): void {
    if (unit && !endedHere) this.ended(unit, code, 'line-ended');
    this.connectedAt = undefined;
    this.call.end();
  }

  private connected(unit: string, code: string): void {
    if (this.connectedAt !== undefined) return;
    this.connectedAt = Date.now();
    this.host.dispatchEvent(new BalcaoCallStartEvent(unit, code));
  }
}
