// Whether the person has interacted with the element or the page. Browsers play sound (the
// alert's beep) only after a user gesture: a click in the element counts, and so does any
// interaction with the page that the browser remembers (`navigator.userActivation`).

export class Gesture {
  private seen = false;

  /** `changed`: called once, at the first gesture noted here (a host re-renders what depends on it). */
  constructor(private readonly changed: () => void = () => undefined) {}

  /** The person acted in the element (a click; Enter and Space on a button are clicks too). */
  note(): void {
    if (this.seen) return;
    this.seen = true;
    this.changed();
  }

  /** Whether sound may play: after a gesture noted here, or one the browser saw anywhere in the page. */
  get active(): boolean {
    return this.seen || navigator.userActivation?.hasBeenActive === true;
  }

  /** Notes every click in `target` until `signal` aborts. */
  listen(target: EventTarget, signal: AbortSignal): void {
    target.addEventListener('click', () => this.note(), { signal });
  }
}
