// The page coming back: shown again after another tab or app (`visibilitychange` →
// visible), thawed after the browser froze it (`resume`), restored from the back/forward
// cache (`pageshow` with `persisted`: the first `pageshow` is the page loading, not coming
// back), focused again (`focus`) and, for a site that asks, the connection back
// (`online`). A phone's tab that slept fires its timers late or not at all: what the element
// shows, asks or retries is corrected from here.
//
// Wake-up events that come together call back once: coming back to a tab fires
// `visibilitychange` then `focus`, from the back/forward cache `pageshow` too, a phone
// waking up `online` as well. After each call the helper stays quiet for WAKE_TOGETHER_MS.
// A call made while the page is hidden or offline does not count (the page coming back, or
// the connection, must still be heard), and hiding the page or losing the connection ends
// the quiet. No timer is kept.

/** Which events call back: a sum of SHOWN, RETURNS and ONLINE. */
export type WakeEvents = number;
/** The page shown again (`visibilitychange` → visible). */
export const SHOWN = 1;
/** The page's other returns: thawed (`resume`), from the back/forward cache (`pageshow`), focused (`focus`). */
export const RETURNS = 2;
/** The connection back (`online`). */
export const ONLINE = 4;
/** Every return of the page (the default). */
export const PAGE_BACK = SHOWN | RETURNS;

/** Wake-up events this close together (ms) call back once. */
export const WAKE_TOGETHER_MS = 5_000;

/**
 * Calls `wake` when the page comes back (see the module's header) until `signal` aborts;
 * `hidden`, when the page is hidden (with SHOWN).
 */
export function onPageWake(wake: () => void, signal: AbortSignal, events: WakeEvents = PAGE_BACK, hidden?: () => void): void {
  /** When the helper last called back, shown and online; -Infinity when there is no quiet. */
  let last = -Infinity;
  const now = (): number => (document.hidden || !navigator.onLine ? -Infinity : Date.now());
  const back = (): void => {
    // Math.abs: a clock set back (the device's, or a test's) ends the quiet too.
    if (Math.abs(Date.now() - last) < WAKE_TOGETHER_MS) return;
    last = now();
    wake();
  };
  const options = { signal };
  if (events & SHOWN) {
    document.addEventListener('visibilitychange', () => (document.hidden ? ((last = -Infinity), hidden?.()) : back()), options);
  }
  if (events & RETURNS) {
    document.addEventListener('resume', back, options);
    window.addEventListener('pageshow', (event) => event.persisted && back(), options);
    window.addEventListener('focus', back, options);
  }
  if (events & ONLINE) {
    window.addEventListener('online', back, options);
    window.addEventListener('offline', () => (last = -Infinity), options);
  }
}
