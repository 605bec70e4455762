// Shared helpers for the widget's browser tests.
import { fixture, html, oneEvent } from '@open-wc/testing';
import { BalcaoVirtual } from '../../src/widget/balcao-virtual.js';
import type { BalcaoStatusChangeEvent } from '../../src/widget/events.js';

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

/** Waits until the element shows something other than the loading line. */
export async function settled(el: BalcaoVirtual): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await el.updateComplete;
    if (!el.shadowRoot?.querySelector('.loading')) return;
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  }
  throw new Error(`element still loading: ${textOf(el)}`);
}

/** Mounts a widget for a unit of the fixture API and waits for its first status event. */
export async function mountUnit(unidade: string, attrs: { lang?: string } = {}): Promise<{ el: BalcaoVirtual; event: BalcaoStatusChangeEvent }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('balcao-virtual');
  if (attrs.lang) el.setAttribute('lang', attrs.lang);
  el.setAttribute('servidor', server);
  el.setAttribute('unidade', unidade);
  const event = oneEvent(el, 'balcao-status-change');
  wrapper.append(el);
  const first = await event;
  await settled(el);
  return { el, event: first };
}

export { BalcaoVirtual };
