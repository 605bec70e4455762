// Helpers for <balcao-virtual-atendente>: the element against a fake clerk socket (the
// flow's FakeLineSocket, played by the test as the server), the server's messages, the
// WebAudio spy, and where the token may and may not be found.
import { expect } from '@open-wc/testing';
import type { ClerkEvent, TicketFlags, WaitingEntry } from '../../src/core/protocol/index.js';
import { BalcaoVirtualAtendente } from '../../src/clerk/balcao-virtual-atendente.js';
import { lastSocket, type FakeLineSocket } from './flow-helpers.js';
import { deepQueryAll, deepText, describeNode, nextTask } from './helpers.js';
import { uninstallClock } from './fake-clock.js';
import { clerkToken } from './server/api.js';

if (!customElements.get('balcao-virtual-atendente')) customElements.define('balcao-virtual-atendente', BalcaoVirtualAtendente);

export { BalcaoVirtualAtendente };

/** The real server, through the test runner (test/browser/server/real-api.ts). */
export const SERVER = new URL('/', location.href).href;
export const UNIT = 'vara-teste';
export const UNIT_NAME = 'Vara de Teste da Comarca';
/** A real token of the unit (`bvc1.<payload>.<signature>`), signed by the server behind the suite. */
export const TOKEN = await clerkToken(UNIT);
/** Its signature: easy to find anywhere the token leaks. */
const TOKEN_SECRET = TOKEN.split('.')[2] ?? TOKEN;
export const TOKEN_KEY = `balcao-virtual:clerk-token:${new URL(`/api/units/${UNIT}`, location.href).href}`;
export const CLERK_PEER = 'bvclerkpeer0123456789abcdef';
export const CLERK_PEER_TOKEN = 'clerk-peer-token-0123456789';
export const PAGE_TITLE = 'Atendimento — Tribunal';

export function sessionEvent(overrides: Partial<Extract<ClerkEvent, { type: 'session' }>> = {}): ClerkEvent {
  return { type: 'session', peerId: CLERK_PEER, peerToken: CLERK_PEER_TOKEN, name: 'Maria Souza', unit: UNIT, unitName: UNIT_NAME, ...overrides };
}

const NO_FLAGS: TicketFlags = { sealed: false, lawyer: false, libras: false };

/** Someone in the line, who joined `minutesAgo` before now (Date.now(): the fake clock's). */
export function entry(code: string, minutesAgo: number, flags: Partial<TicketFlags> = {}, away = false, subject: WaitingEntry['subject'] = 'case-info'): WaitingEntry {
  return { code, subject, ...NO_FLAGS, ...flags, joinedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), away };
}

export function lineEvent(waiting: WaitingEntry[], paused = false, clerksServing = 1): ClerkEvent {
  return { type: 'line', waiting, clerksServing, paused };
}

/** `missed` (typed here: the citizen's socket has a `missed` without a code). */
export function missedEvent(code: string): ClerkEvent {
  return { type: 'missed', code };
}

export const CITIZEN_PEER = 'bvcitizenpeer0123456789abcd';

/** A `calling` message, answerBy `seconds` after now. */
export function callingEvent(code = 'A-001', flags: Partial<TicketFlags> = {}, seconds = 60): Extract<ClerkEvent, { type: 'calling' }> {
  return {
    type: 'calling',
    code,
    subject: 'case-info',
    flags: { ...NO_FLAGS, ...flags },
    citizenPeerId: `${CITIZEN_PEER}-${code}`,
    answerBy: new Date(Date.now() + seconds * 1000).toISOString(),
    ice: { iceServers: [{ urls: ['turn:turn.tribunal.example:3478'], username: '1:bv', credential: 'x' }], iceTransportPolicy: 'relay' },
  };
}

// ── The element ─────────────────────────────────────────────────────────────

const containers: HTMLElement[] = [];

export interface ClerkOptions {
  readonly unidade?: string;
  readonly token?: string;
  readonly lang?: string;
  readonly width?: string;
}

/** Builds the element (pointed at the fixture server) in a fresh container and waits for its first render. */
export async function mountClerk(options: ClerkOptions = {}): Promise<BalcaoVirtualAtendente> {
  const wrapper = document.createElement('div');
  if (options.width) wrapper.style.width = options.width;
  document.body.append(wrapper);
  containers.push(wrapper);
  const el = document.createElement('balcao-virtual-atendente');
  el.setAttribute('servidor', SERVER);
  if (options.lang) el.setAttribute('lang', options.lang);
  if (options.token) el.token = options.token;
  el.setAttribute('unidade', options.unidade ?? UNIT);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

/** Signed in: the element mounted with a token, the socket accepted, `session` and the line pushed. */
export async function signedIn(waiting: WaitingEntry[] = [], options: ClerkOptions = {}): Promise<{ el: BalcaoVirtualAtendente; socket: FakeLineSocket }> {
  const el = await mountClerk({ token: TOKEN, ...options });
  const socket = lastSocket();
  socket.accept();
  socket.push(sessionEvent());
  socket.push(lineEvent(waiting));
  await untilClerk(el, () => clerkText(el).includes('Maria Souza') || clerkText(el).includes(UNIT_NAME), 'the signed-in screen');
  return { el, socket };
}

export function removeClerks(): void {
  for (const c of containers.splice(0)) c.remove();
}

/** The element's visible text, whitespace folded. */
export function clerkText(el: BalcaoVirtualAtendente): string {
  const card = el.shadowRoot?.querySelector('.card');
  return (card ? deepText(card) : '').replace(/\s+/g, ' ').trim();
}

export function announcement(el: BalcaoVirtualAtendente): string {
  return (el.shadowRoot?.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every text the polite live region takes from now on. */
export function recordAnnouncements(el: BalcaoVirtualAtendente): string[] {
  const said: string[] = [];
  const region = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
  new MutationObserver(() => {
    const text = announcement(el);
    if (text && text !== said.at(-1)) said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

export function inClerk<E extends Element = HTMLElement>(el: BalcaoVirtualAtendente, selector: string): E {
  const found = el.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no "${selector}" in: ${clerkText(el)}`);
  return found;
}

export function hasInClerk(el: BalcaoVirtualAtendente, selector: string): boolean {
  return Boolean(el.shadowRoot?.querySelector(selector));
}

export function clerkButton(el: BalcaoVirtualAtendente, label: string): HTMLButtonElement | undefined {
  return deepQueryAll<HTMLButtonElement>(el.shadowRoot!, 'button').find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim() === label);
}

export function clickClerk(el: BalcaoVirtualAtendente, label: string): void {
  const button = clerkButton(el, label);
  if (!button) throw new Error(`no "${label}" button in: ${clerkText(el)}`);
  button.click();
}

/** The text of the attendance panel's heading. */
export function attendanceHeading(el: BalcaoVirtualAtendente): string {
  return (el.shadowRoot?.querySelector('#attendance-heading')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element focused in the element's shadow root, described. */
export function focusedInClerk(el: BalcaoVirtualAtendente): string {
  return describeNode(el.shadowRoot?.activeElement);
}

const WAIT_LIMIT_MS = 5000;

export async function untilClerk(el: BalcaoVirtualAtendente, condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline) {
    await el.updateComplete;
    if (condition()) return;
    await nextTask();
  }
  throw new Error(`timed out waiting for ${what}; the element shows: ${clerkText(el)}`);
}

export async function settleClerk(el: BalcaoVirtualAtendente): Promise<void> {
  await el.updateComplete;
  await nextTask();
  await el.updateComplete;
}

/** axe on the element as rendered now (the fake clock put away first: axe schedules with setTimeout). */
export async function expectClerkAccessible(el: BalcaoVirtualAtendente): Promise<void> {
  uninstallClock();
  await expect(el).to.be.accessible();
}

// ── Sound ───────────────────────────────────────────────────────────────────

/** WebAudio replaced by a counter of oscillators started. */
export function spyAudio(): { started: number; restore(): void } {
  const original = window.AudioContext;
  const spy = { started: 0, restore: () => void (window.AudioContext = original) };
  const node = { connect: <T>(next: T): T => next };
  class FakeAudioContext {
    currentTime = 0;
    destination = {};
    createOscillator(): unknown {
      return { ...node, type: 'sine', frequency: { value: 0 }, addEventListener: () => undefined, start: () => void spy.started++, stop: () => undefined };
    }
    createGain(): unknown {
      return { ...node, gain: { setValueAtTime: () => undefined } };
    }
    close(): Promise<void> {
      return Promise.resolve();
    }
  }
  window.AudioContext = FakeAudioContext as unknown as typeof AudioContext;
  return spy;
}

// ── Where the token may be ──────────────────────────────────────────────────

/** Everything the console was given from now on (restored by `stop`). */
export function recordConsole(): { readonly lines: string[]; stop(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  for (const m of methods) {
    const original = console[m].bind(console);
    console[m] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
      original(...args);
    };
  }
  return {
    lines,
    stop() {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every value in every IndexedDB database of the page, as text. */
async function indexedDbText(): Promise<string> {
  const texts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of db.objectStoreNames) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
      texts.push(safeJson(values));
    }
    db.close();
  }
  return texts.join('\n');
}

/**
 * Fails when the token is anywhere but this tab's sessionStorage and the hello messages:
 * request URLs (resources and sockets), the address, history, localStorage, IndexedDB,
 * cookies, the console, and the element's DOM and attributes.
 */
export async function expectTokenOnlyInSessionStorage(el: BalcaoVirtualAtendente, sockets: readonly FakeLineSocket[], consoleLines: readonly string[]): Promise<void> {
  const urls = [...performance.getEntriesByType('resource').map((e) => e.name), ...sockets.map((s) => s.url)];
  expect(urls.filter((u) => u.includes(TOKEN_SECRET)), 'request URLs').to.deep.equal([]);
  expect(location.href, 'the address').not.to.contain(TOKEN_SECRET);
  expect(safeJson(history.state), 'history state').not.to.contain(TOKEN_SECRET);
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    expect(`${key}=${localStorage.getItem(key)}`, 'localStorage').not.to.contain(TOKEN_SECRET);
  }
  expect(await indexedDbText(), 'IndexedDB').not.to.contain(TOKEN_SECRET);
  expect(document.cookie, 'cookies').not.to.contain(TOKEN_SECRET);
  expect(consoleLines.filter((l) => l.includes(TOKEN_SECRET)), 'the console').to.deep.equal([]);
  expect(el.outerHTML + (el.shadowRoot?.innerHTML ?? ''), 'the DOM').not.to.contain(TOKEN_SECRET);
  for (const socket of sockets) {
    for (const command of socket.sent) {
      if (command.type !== 'hello') expect(JSON.stringify(command), 'commands other than hello').not.to.contain(TOKEN_SECRET);
    }
  }
}

/** Forgets clerk tokens kept in this tab by earlier tests. */
export function forgetClerkTokens(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith('balcao-virtual:clerk-token:')) sessionStorage.removeItem(key);
  }
}

afterEach(() => {
  removeClerks();
  forgetClerkTokens();
});
