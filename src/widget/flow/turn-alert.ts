// "Sua vez!": when a clerk calls, the citizen has often switched tabs. The tab's title
// changes (and comes back afterwards), a short beep sounds (WebAudio, no audio file; only
// once the person has interacted with the page, as browsers require), and a countdown to
// the end of the answer window (60 s) runs, one update per second. All undone when the
// element goes away.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

type AudioContextClass = typeof AudioContext;

/** Two short beeps. Returns whether a sound was attempted (false without WebAudio or when it fails). */
export function playTurnSound(): boolean {
  const Context: AudioContextClass | undefined = window.AudioContext;
  if (!Context) return false;
  try {
    const context = new Context();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const t = context.currentTime;
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0, t);
    for (const start of [0, 0.3]) {
      gain.gain.setValueAtTime(0.25, t + start);
      gain.gain.setValueAtTime(0, t + start + 0.18);
    }
    oscillator.connect(gain).connect(context.destination);
    oscillator.addEventListener('ended', () => void context.close().catch(() => undefined));
    oscillator.start(t);
    oscillator.stop(t + 0.5);
    return true;
  } catch {
    return false;
  }
}

export class TurnAlertController implements ReactiveController {
  /** Whole seconds left to answer; 0 when the time is over or no call is on. */
  secondsLeft = 0;
  private deadline = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private originalTitle: string | undefined;
  private shownTitle: string | undefined;

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
    if (this.originalTitle === undefined) this.originalTitle = document.title;
    this.shownTitle = title(this.originalTitle);
    document.title = this.shownTitle;
    if (sound) playTurnSound();
    this.tick();
  }

  /** The call is over (answered, missed, left): the title comes back and the countdown stops. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.secondsLeft = 0;
    // Only our own title is put back: the page may have changed it meanwhile.
    if (this.originalTitle !== undefined && document.title === this.shownTitle) document.title = this.originalTitle;
    this.originalTitle = undefined;
    this.shownTitle = undefined;
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
