// "Sua vez!": when a clerk calls, the citizen has often switched tabs. The tab's title
// changes (and comes back afterwards), a short beep sounds (WebAudio, no audio file; only
// once the person has interacted with the page, as browsers require), and a countdown to
// the end of the answer window (60 s) runs, one update per second. All undone when the
// element goes away.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { playAlertSound } from '../../ui/beep.js';
import { TabTitle } from '../../ui/tab-title.js';

export class TurnAlertController implements ReactiveController {
  /** Whole seconds left to answer; 0 when the time is over or no call is on. */
  secondsLeft = 0;
  private deadline = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly title = new TabTitle();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing runs until a call comes.
  }

  hostDisconnected(): void {
    this.stop();
  }

  /**
   * A call: the countdown to `answerBy` (at most `windowSeconds` from now, whatever this
   * device's clock says), the tab's title, and the sound when `sound` is allowed.
   */
  start(answerBy: number, windowSeconds: number, title: (original: string) => string, sound: boolean): void {
    const now = Date.now();
    this.deadline = Math.min(answerBy, now + windowSeconds * 1000);
    this.title.set(title);
    if (sound) playAlertSound();
    this.tick();
  }

  /** The call is over (answered, missed, left): the title comes back and the countdown stops. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.secondsLeft = 0;
    // Only our own title is put back: the page may have changed it meanwhile.
    this.title.restore();
  }

  private tick(): void {
    const left = this.deadline - Date.now();
    this.secondsLeft = Math.max(0, Math.ceil(left / 1000));
    this.host.requestUpdate();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (left <= 0) return;
    // To the next whole second of the countdown.
    this.timer = setTimeout(() => this.tick(), left % 1000 || 1000);
  }
}
