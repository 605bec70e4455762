// What someone waiting in a line hears through a live region (live-region.ts; the citizen's
// flow speaks through the widget's): some things at once (the turn, a change of staffing,
// the connection), and the position in the line when it changed, at most every 30 s (the
// latest one when the wait is over).

/** Position changes are announced at most this often (the turn, always and at once). */
export const ANNOUNCE_INTERVAL_MS = 30_000;

export class PositionAnnouncer {
  private lastAnnouncedAt = -Infinity;
  private lastPositionText: string | undefined;
  private pendingPositionText: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `say`: the live region's (`LiveRegion.say`), or an element's that passes it on. */
  constructor(private readonly say: (text: string) => void) {}

  /** Said now; a position waiting to be said is dropped. */
  now(text: string): void {
    this.cancel();
    this.lastAnnouncedAt = Date.now();
    this.say(text);
  }

  /** The position, said now with something else (`prefix`), or just known as said (`undefined`). */
  positionSaid(text: string, prefix?: string): void {
    this.lastPositionText = text;
    if (prefix !== undefined) this.now(`${prefix} ${text}`);
  }

  /** A new position: said when it changed, at most every 30 s. */
  position(text: string): void {
    if (text === this.lastPositionText) {
      this.pendingPositionText = undefined;
      return;
    }
    const wait = this.lastAnnouncedAt + ANNOUNCE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.lastPositionText = text;
      this.now(text);
      return;
    }
    this.pendingPositionText = text;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const pending = this.pendingPositionText;
      if (pending !== undefined) this.position(pending);
    }, wait);
  }

  /** The ticket is gone: nothing pending, nothing remembered. */
  reset(): void {
    this.cancel();
    this.lastPositionText = undefined;
  }

  /** Nothing pending (the element went away). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingPositionText = undefined;
  }
}
