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

declare global {
  interface HTMLElementEventMap {
    'balcao-status-change': BalcaoStatusChangeEvent;
  }
}
