// A short alert sound made with WebAudio (two beeps, no audio file to fetch): the citizen's
// turn, and for a clerk someone joining an empty line. Browsers let a page play sound only
// after the person has interacted with it; callers check that first.

type AudioContextClass = typeof AudioContext;

/** Two short beeps. Returns whether a sound was attempted (false without WebAudio or when it fails). */
export function playAlertSound(): boolean {
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
