// The unit's line while its counter is open by the timetable: how many clerks are serving by
// video now, how many people wait, the estimated wait. One small GET of
// `api/units/:id/line` (the server answers no-store; nothing is kept on the device), again
// every 30 s while the page is shown and when it wakes up; nothing while the counter is
// closed, the page hidden or the element removed. A failed request only hides what the
// line said: the status by the timetable still stands.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseLineState, type LineState } from '../core/protocol/line-state.js';
import { ONLINE, PAGE_BACK, onPageWake } from '../ui/page-wake.js';
import { getJson, unitUrl } from '../ui/server-api.js';

/** Time between two requests while the answers come. */
export const LINE_REFRESH_MS = 30_000;
/** Time before trying again after a failed request (offline, 503, a bad answer). */
export const LINE_RETRY_MS = 60_000;

/** Whether two answers say the same: parseLineState builds each with the same four fields, in the same order. */
const sameLine = (a: LineState | undefined, b: LineState | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

export class LineController implements ReactiveController {
  /** The line as last answered; undefined when not followed, not answered yet, or the last request failed. */
  state: LineState | undefined;
  /** Whether a clerk was serving at the last answer about this unit's line (undefined before the first). */
  private staffed: boolean | undefined;
  private url: string | undefined;
  private listening: AbortController | undefined;
  private request: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when clerks start or stop serving (not for the first answer, nor on a failure). */
    private readonly onStaffingChange: (staffed: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.listening = new AbortController();
    // The page back, or the connection: ask (once for wake-up events that come together).
    onPageWake(() => this.ask(), this.listening.signal, PAGE_BACK | ONLINE, () => this.pause());
    this.ask();
  }

  hostDisconnected(): void {
    this.listening?.abort();
    this.listening = undefined;
    this.request?.abort();
    this.request = undefined;
    this.pause();
  }

  /** Follows the line of this unit (while its counter is open), or nothing (undefined). */
  follow(server: URL | undefined, unitId: string | undefined): void {
    const url = server && unitId ? unitUrl(server, unitId, '/line').href : undefined;
    if (url === this.url) return;
    this.url = url;
    this.request?.abort();
    this.request = undefined;
    this.pause();
    this.staffed = undefined;
    this.set(undefined);
    this.ask();
  }

  private pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The line's URL while it is asked for: followed, the host on the page and the page shown. */
  private active(): string | undefined {
    return this.listening && !document.hidden ? this.url : undefined;
  }

  private arm(delay: number): void {
    this.pause();
    if (!this.active()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ask();
    }, delay);
  }

  private ask(): void {
    const url = this.active();
    if (!url) return;
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    // Armed now, not when the answer comes: exactly one timer while the line is followed.
    this.arm(LINE_REFRESH_MS);
    void this.run(new URL(url), request.signal);
  }

  private async run(url: URL, signal: AbortSignal): Promise<void> {
    const answer = await getJson(url, signal);
    if (signal.aborted) return;
    this.request = undefined;
    const line = answer.kind === 'json' ? parseLineState(answer.json) : undefined;
    if (!line) this.arm(LINE_RETRY_MS);
    this.set(line);
  }

  private set(line: LineState | undefined): void {
    if (sameLine(line, this.state)) return;
    this.state = line;
    const staffed = line?.open ? line.clerksServing > 0 : undefined;
    const previous = this.staffed;
    if (staffed !== undefined) this.staffed = staffed;
    this.host.requestUpdate();
    if (staffed !== undefined && previous !== undefined && staffed !== previous) this.onStaffingChange(staffed);
  }
}
