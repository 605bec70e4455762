// Shared helpers for the widget's browser tests.
import { expect, oneEvent } from '@open-wc/testing';
import { BalcaoVirtual } from '../../src/widget/balcao-virtual.js';
import type { BalcaoStatusChangeEvent } from '../../src/widget/events.js';
import { deleteCachedUnit, readCachedUnit, type CachedUnit } from '../../src/widget/unit-cache.js';
import { uninstallClock } from './fake-clock.js';

if (!customElements.get('balcao-virtual')) customElements.define('balcao-virtual', BalcaoVirtual);

/** The real server answers through the test runner, on the page's own origin (test/browser/server/real-api.ts). */
export const server = new URL('/', location.href).href;

/** Lit's dev-mode warnings issued during a test (the generic "dev mode" notice excluded). */
export const litWarnings: string[] = [];
const originalWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (/lit/i.test(text) && !/Lit is in dev mode/.test(text)) litWarnings.push(text);
  originalWarn(...args);
};

/** A node's text as textContent gives it, but reading shadow roots (the flow's inner element) instead of light DOM. */
export function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && (node.localName === 'style' || node.localName === 'script')) return '';
  const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  let text = '';
  for (const child of children) text += deepText(child);
  return text;
}

/** Every element matching `selector` in the element's shadow root and the shadow roots inside it. */
export function deepQueryAll<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const found = [...root.querySelectorAll<E>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll<E>(element.shadowRoot, selector));
  }
  return found;
}

/** The element's visible text (its flow's included), whitespace folded. */
export function textOf(el: BalcaoVirtual): string {
  const card = el.shadowRoot?.querySelector('.card');
  return (card ? deepText(card) : '').replace(/\s+/g, ' ').trim();
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

/** The button whose text is `label`, if shown (in the flow too). */
export function buttonNamed(el: BalcaoVirtual, label: string): HTMLButtonElement | undefined {
  const buttons = el.shadowRoot ? deepQueryAll<HTMLButtonElement>(el.shadowRoot, 'button') : [];
  return buttons.find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim() === label);
}

/** Clicks the button with this text; fails the test if there is none. */
export function clickButton(el: BalcaoVirtual, label: string): void {
  const button = buttonNamed(el, label);
  if (!button) throw new Error(`no "${label}" button in: ${textOf(el)}`);
  button.click();
}

// Assertions here compare strings and booleans, never DOM nodes: when an assertion about a
// node fails, the test runner hangs trying to serialize the node for its report.

/** Whether a button with this text is shown. */
export function hasButton(el: BalcaoVirtual, label: string): boolean {
  return buttonNamed(el, label) !== undefined;
}

/** A node as a failure message can show it: `<button#enter> "Entrar no Balcão Virtual"`. */
export function describeNode(node: Element | null | undefined): string {
  if (!node) return '(nothing)';
  const id = node.id ? `#${node.id}` : '';
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `<${node.localName}${id}> "${text}"`;
}

/**
 * Lets the browser run one task (a fetch or IndexedDB answer, say). Not an animation frame:
 * with the runner's `concurrency: 2`, one of the two test pages is a background tab
 * (`document.visibilityState === 'hidden'`), where Chromium runs no animation frames at all
 * and throttles timers to one per second; a message on a MessageChannel is neither.
 */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** How long (real time) a wait may take before the test fails with what the element shows. */
const WAIT_LIMIT_MS = 5000;

/** Waits until `condition` holds after a render (re-checking after each browser task). */
export async function until(el: BalcaoVirtual, condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline) {
    await el.updateComplete;
    if (condition()) return;
    await nextTask();
  }
  throw new Error(`timed out waiting for ${what}; the element shows: ${textOf(el)}`);
}

/** Waits until the element shows something other than the loading line. */
export async function settled(el: BalcaoVirtual): Promise<void> {
  await until(el, () => !el.shadowRoot?.querySelector('.loading'), 'the end of loading');
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

const containers: HTMLElement[] = [];

/** Builds a widget (pointed at the fixture API) and a fresh container in the page, not yet joined. */
export function place(options: MountOptions = {}): { el: BalcaoVirtual; wrapper: HTMLDivElement } {
  const wrapper = document.createElement('div');
  document.body.append(wrapper);
  containers.push(wrapper);
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
  const { el, wrapper } = place(options);
  wrapper.append(el);
  await settled(el);
  return el;
}

/** Mounts a widget for a unit of the fixture API and waits for its first status event. */
export async function mountUnit(
  unidade: string,
  attrs: Omit<MountOptions, 'unidade'> = {},
): Promise<{ el: BalcaoVirtual; event: BalcaoStatusChangeEvent }> {
  const { el, wrapper } = place({ ...attrs, unidade });
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
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline) {
    if ((await cachedUnit(unitId) !== undefined) === present) return;
    await nextTask();
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

/** fetch as it really is (for a stub that only counts requests). */
export function network(url: string, init: RequestInit | undefined): Promise<Response> {
  return realFetch(url, init);
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
export function recordPageErrors(): { readonly errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onError = (event: ErrorEvent): void => void errors.push(String(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent): void => void errors.push(String(event.reason));
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

/**
 * Makes the page report a visibility (until the end of the test). With the runner's
 * concurrency a test page may really be a background tab, so a test that means "the page
 * is shown again" says so instead of relying on which tab is in front.
 */
export function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
}

function restoreVisibility(): void {
  // The stubs are own properties of `document`; the real getters live on Document.prototype.
  Reflect.deleteProperty(document, 'visibilityState');
  Reflect.deleteProperty(document, 'hidden');
}

/** Takes every widget container of the test off the page (their elements disconnect). */
export function removeContainers(): void {
  for (const container of containers.splice(0)) container.remove();
}

// Root hooks for every browser test file: each test starts without Lit warnings and leaves
// its containers, the real fetch and the real clock behind; a Lit dev-mode warning fails
// the test that caused it.
beforeEach(() => {
  litWarnings.length = 0;
});

afterEach(() => {
  removeContainers();
  restoreFetch();
  restoreVisibility();
  uninstallClock();
  if (litWarnings.length > 0) {
    const warnings = litWarnings.splice(0);
    throw new Error(`Lit warned during the test:\n${warnings.join('\n')}`);
  }
});

export { BalcaoVirtual };
