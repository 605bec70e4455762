// Typed events of <balcao-virtual>. They never carry personal data.

/** Fired when the unit's counter opens or closes (and once when the status is first known). */
export class BalcaoStatusChangeEvent extends Event {
  static readonly eventName = 'balcao-status-change';
  constructor(
    /** The unit's id, as in the `unidade` attribute. */
    readonly unit: string,
    /** Whether the counter is open now. */
    readonly open: boolean,
    /** When it closes (open) or opens again (closed), if known. */
    readonly nextChange: Date | undefined,
    /** Whether the status comes from this device's saved copy because the server is unreachable. */
    readonly fromCache: boolean,
  ) {
    super(BalcaoStatusChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when the citizen has joined the unit's line. Carries only the unit, the ticket's
 * display code and the position: never the identification of a sealed case, nor the
 * ticket's secrets (its id, its PeerJS id and token).
 */
export class BalcaoQueueJoinEvent extends Event {
  static readonly eventName = 'balcao-queue-join';
  constructor(
    /** The unit's id, as in the `unidade` attribute. */
    readonly unit: string,
    /** The ticket's display code, e.g. `A-014`. */
    readonly code: string,
    /** Place in the line on joining; 1 = next to be called. */
    readonly position: number,
  ) {
    super(BalcaoQueueJoinEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when the video call with the clerk has connected (once per call). Carries only the
 * unit and the ticket's display code.
 */
export class BalcaoCallStartEvent extends Event {
  static readonly eventName = 'balcao-call-start';
  constructor(
    /** The unit's id, as in the `unidade` attribute. */
    readonly unit: string,
    /** The ticket's display code, e.g. `A-014`. */
    readonly code: string,
  ) {
    super(BalcaoCallStartEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Why a call ended, as `balcao-call-end` says it: `hung-up-local` (the citizen hung up),
 * `hung-up-remote` (the clerk did, or the clerk's page closed), `failed` (the connection
 * could not be recovered), `line-ended` (the attendance ended or the citizen went back to
 * the line), `replaced` (the call moved to another tab).
 */
export type CallEndReason = 'hung-up-local' | 'hung-up-remote' | 'failed' | 'line-ended' | 'replaced';

/** Fired when a call that had connected ends (once per call). No personal data, no chat. */
export class BalcaoCallEndEvent extends Event {
  static readonly eventName = 'balcao-call-end';
  constructor(
    /** The unit's id, as in the `unidade` attribute. */
    readonly unit: string,
    /** The ticket's display code, e.g. `A-014`. */
    readonly code: string,
    readonly reason: CallEndReason,
    /** Seconds from the media connecting to the end. */
    readonly durationSeconds: number,
  ) {
    super(BalcaoCallEndEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when the unit's server confirmed a written message (with its protocol number).
 * Carries only the unit and the protocol: never the message nor who wrote it.
 */
export class BalcaoMessageSentEvent extends Event {
  static readonly eventName = 'balcao-message-sent';
  constructor(
    /** The unit's id, as in the `unidade` attribute. */
    readonly unit: string,
    /** The protocol number the server gave, e.g. `BV-2026-000123`. */
    readonly protocol: string,
  ) {
    super(BalcaoMessageSentEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'balcao-status-change': BalcaoStatusChangeEvent;
    'balcao-queue-join': BalcaoQueueJoinEvent;
    'balcao-call-start': BalcaoCallStartEvent;
    'balcao-call-end': BalcaoCallEndEvent;
    'balcao-message-sent': BalcaoMessageSentEvent;
  }
}
