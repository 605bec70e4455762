// Shared helpers for the widget's browser tests.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { BalcaoVirtual } from '../../src/widget/balcao-virtual.js';
import type { BalcaoStatusChangeEvent } from '../../src/widget/events.js';
import { deleteCachedUnit, readCachedUnit, type CachedUnit } from '../../src/widget/unit-cache.js';
import { uninstallClock } from './fake-clock.js';

if (!customElements.get('balcao-virtual')) customElements.define('balcao-virtual', BalcaoVirtual);

/** The fixture API is served by the test runner itself, on the page's own origin. */
export const server = new URL('/', location.href).href;

/** Lit's dev-mode warnings issued during a test (the generic "dev mode" notice excluded). */
export const litWarnings: string[] = [];
const originalWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (/lit/i.test(text) && !/Lit is in dev mode/.test(text)) litWarnings.push(text);
  originalWarn(...args);
};

/** The element's visible text, whitespace folded. */
export function textOf(el: BalcaoVirtual): string {
  return (el.shadowRoot?.querySelector('.card')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of the element's polite live region (what a screen reader announces). */
export function announcementOf(el: BalcaoVirtual): string {
  const region = el.shadowRoot?.querySelector('[role="status"][aria-live="polite"]');
  if (!region) throw new Error('no polite live region in the element');
  return (region.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** An element in the shadow root, or a test failure naming what was missing. */
export function part<E extends Element = HTMLElement>(el: BalcaoVirtual, selector: string): E {
  const found = el.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no "${selector}" in: ${textOf(el)}`);
  return found;
}

/** The button whose text is `label`, if shown. */
export function buttonNamed(el: BalcaoVirtual, label: string): HTMLButtonElement | undefined {
  const buttons = [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
  return buttons.find((b) => (b.textContent ?? '').trim() === label);
}

export function nextFrame(): Promise<void> {
  return new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
}

/** Waits (a few hundred animation frames at most) until `condition` holds after a render. */
export async function until(el: BalcaoVirtual, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await el.updateComplete;
    if (condition()) return;
    await nextFrame();
  }
  throw new Error(`timed out waiting for ${what}; the element shows: ${textOf(el)}`);
}

/** Waits until the element shows something other than the loading line. */
export async function settled(el: BalcaoVirtual): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await el.updateComplete;
    if (!el.shadowRoot?.querySelector('.loading')) return;
    await nextFrame();
  }
  throw new Error(`element still loading: ${textOf(el)}`);
}

export interface MountOptions {
  /** The `unidade` attribute; omitted when undefined. */
  readonly unidade?: string;
  readonly lang?: string;
  readonly email?: string;
  readonly telefone?: string;
  /** CSS width of the element's container, e.g. '360px'. */
  readonly width?: string;
}

/** Builds a widget (pointed at the fixture API) inside a fresh container, without waiting. */
export async function place(options: MountOptions = {}): Promise<{ el: BalcaoVirtual; wrapper: HTMLDivElement }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  if (options.width) wrapper.style.width = options.width;
  const el = document.createElement('balcao-virtual');
  if (options.lang) el.setAttribute('lang', options.lang);
  if (options.email) el.setAttribute('email', options.email);
  if (options.telefone) el.setAttribute('telefone', options.telefone);
  el.setAttribute('servidor', server);
  if (options.unidade !== undefined) el.setAttribute('unidade', options.unidade);
  return { el, wrapper };
}

/**
 * Runs axe on the element as it is rendered now. axe-core schedules its own work with
 * setTimeout, which never fires under a fake clock, so a fake clock is put away first
 * (what the element shows stays as rendered: nothing asks it to render again).
 */
export async function expectAccessible(el: BalcaoVirtual): Promise<void> {
  uninstallClock();
  await expect(el).to.be.accessible();
}

/** Mounts a widget and waits until it shows something other than "loading" (a status or a problem). */
export async function mount(options: MountOptions = {}): Promise<BalcaoVirtual> {
  const { el, wrapper } = await place(options);
  wrapper.append(el);
  await settled(el);
  return el;
}

/** Mounts a widget for a unit of the fixture API and waits for its first status event. */
export async function mountUnit(
  unidade: string,
  attrs: Omit<MountOptions, 'unidade'> = {},
): Promise<{ el: BalcaoVirtual; event: BalcaoStatusChangeEvent }> {
  const { el, wrapper } = await place({ ...attrs, unidade });
  const event = oneEvent<BalcaoStatusChangeEvent>(el, 'balcao-status-change');
  wrapper.append(el);
  const first = await event;
  await settled(el);
  return { el, event: first };
}

/** Records every `balcao-status-change` an element fires from now on. */
export function recordStatusEvents(el: BalcaoVirtual): BalcaoStatusChangeEvent[] {
  const events: BalcaoStatusChangeEvent[] = [];
  el.addEventListener('balcao-status-change', (event) => events.push(event));
  return events;
}

/** The key under which the widget saves a fixture unit in this browser's IndexedDB. */
function cacheKey(unitId: string): string {
  const url = new URL(`api/units/${encodeURIComponent(unitId)}`, server);
  return `${url.origin}${url.pathname}`;
}

/** The saved copy of a fixture unit, if this browser has one. */
export function cachedUnit(unitId: string): Promise<CachedUnit | undefined> {
  return readCachedUnit(cacheKey(unitId));
}

/** Deletes the saved copy of a fixture unit (IndexedDB outlives each test). */
export function forgetCachedUnit(unitId: string): Promise<void> {
  return deleteCachedUnit(cacheKey(unitId));
}

/** Waits until the widget has saved (or deleted) its copy of a unit; saving follows rendering. */
export async function untilCached(unitId: string, present = true): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await cachedUnit(unitId) !== undefined) === present) return;
    await nextFrame();
  }
  throw new Error(`the saved copy of ${unitId} is still ${present ? 'absent' : 'present'}`);
}

const realFetch = window.fetch;

/** Every request the widget made through a stubbed fetch. */
export interface FetchLog {
  readonly urls: string[];
}

/** Replaces window.fetch for this test (restored after each test). */
export function stubFetch(answer: (url: string, init: RequestInit | undefined) => Promise<Response>): FetchLog {
  const log: FetchLog = { urls: [] };
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    log.urls.push(url);
    return answer(url, init);
  };
  return log;
}

/** fetch as when the network is down. */
export function offline(): Promise<Response> {
  return Promise.reject(new TypeError('Failed to fetch'));
}

/** A request that never gets an answer, though it still honours its abort signal. */
export function pending(_url: string, init: RequestInit | undefined): Promise<Response> {
  return new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}

/** Errors that reached the window during a test (an element must not throw them). */
export function recordPageErrors(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent): void => void errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent): void => void errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

// Root hooks for every browser test file: each test starts without Lit warnings and leaves
// the real fetch and the real clock behind; a Lit dev-mode warning fails the test that caused it.
beforeEach(() => {
  litWarnings.length = 0;
});

afterEach(() => {
  restoreFetch();
  uninstallClock();
  if (litWarnings.length > 0) {
    const warnings = litWarnings.splice(0);
    throw new Error(`Lit warned during the test:\n${warnings.join('\n')}`);
  }
});

export { BalcaoVirtual };
