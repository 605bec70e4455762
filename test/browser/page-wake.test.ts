// The page coming back (src/ui/page-wake.ts): which events call back, the wake-up events
// that come together calling back once, and what ends the quiet after a call.
import { expect } from '@open-wc/testing';
import { installClock, type InstalledClock } from './fake-clock.js';
import { setVisibility } from './helpers.js';
import { ONLINE, PAGE_BACK, RETURNS, SHOWN, WAKE_TOGETHER_MS, onPageWake, type WakeEvents } from '../../src/ui/page-wake.js';

const shown = (): boolean => document.dispatchEvent(new Event('visibilitychange'));
const hide = (): void => {
  setVisibility('hidden');
  document.dispatchEvent(new Event('visibilitychange'));
  setVisibility('visible');
};
const resume = (): boolean => document.dispatchEvent(new Event('resume'));
const focus = (): boolean => window.dispatchEvent(new Event('focus'));
const fromCache = (): boolean => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
const loaded = (): boolean => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
const online = (): boolean => window.dispatchEvent(new Event('online'));
const offline = (): boolean => window.dispatchEvent(new Event('offline'));

function setOnLine(onLine: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine });
}

describe('onPageWake', () => {
  let clock: InstalledClock;
  let listening: AbortController;
  let calls: number;
  let hidden: number;

  function listen(events?: WakeEvents): void {
    onPageWake(() => calls++, listening.signal, events, () => hidden++);
  }

  beforeEach(() => {
    clock = installClock('2026-11-23T12:00:00Z');
    setVisibility('visible');
    listening = new AbortController();
    calls = 0;
    hidden = 0;
  });

  afterEach(() => {
    listening.abort();
    Reflect.deleteProperty(navigator, 'onLine');
  });

  const each: [string, () => unknown][] = [
    ['the page shown again (visibilitychange)', shown],
    ['the page thawed (resume)', resume],
    ['the page back from the back/forward cache (pageshow, persisted)', fromCache],
    ['the window focused again (focus)', focus],
  ];
  for (const [what, event] of each) {
    it(`calls back on ${what}`, () => {
      listen();
      event();
      expect(calls).to.equal(1);
    });
  }

  it('does not call back on the first pageshow (the page loading), nor on online unless asked', () => {
    listen();
    loaded();
    online();
    expect(calls).to.equal(0);
  });

  it('calls back once for wake-up events that come together, and again after WAKE_TOGETHER_MS', async () => {
    listen(PAGE_BACK | ONLINE);
    shown();
    focus();
    fromCache();
    resume();
    online();
    expect(calls, 'once for the burst').to.equal(1);
    await clock.tickAsync(WAKE_TOGETHER_MS - 1);
    focus();
    expect(calls, 'still quiet').to.equal(1);
    await clock.tickAsync(1);
    focus();
    expect(calls, 'after the quiet').to.equal(2);
    expect(clock.countTimers(), 'no timer kept').to.equal(0);
  });

  it('hiding the page says so and ends the quiet: shown again calls back at once', () => {
    listen();
    focus();
    hide();
    expect(hidden).to.equal(1);
    shown();
    expect(calls).to.equal(2);
  });

  it('a call while offline does not count: the connection back calls back at once', () => {
    listen(SHOWN | ONLINE);
    setOnLine(false);
    shown();
    setOnLine(true);
    online();
    expect(calls).to.equal(2);
  });

  it('losing the connection ends the quiet', () => {
    listen(ONLINE);
    online();
    offline();
    online();
    expect(calls).to.equal(2);
  });

  it('a clock set back ends the quiet', () => {
    listen();
    focus();
    clock.setSystemTime(new Date('2026-11-23T11:00:00Z'));
    focus();
    expect(calls).to.equal(2);
  });

  it('listens to the events asked for only', () => {
    listen(SHOWN);
    focus();
    resume();
    fromCache();
    online();
    expect(calls, 'SHOWN: none of the others').to.equal(0);
    shown();
    expect(calls).to.equal(1);

    listening.abort();
    listening = new AbortController();
    calls = 0;
    listen(ONLINE);
    shown();
    focus();
    expect(calls, 'ONLINE: not the page').to.equal(0);
    online();
    expect(calls).to.equal(1);

    listening.abort();
    listening = new AbortController();
    calls = 0;
    listen(RETURNS);
    shown();
    expect(calls, 'RETURNS: not visibilitychange').to.equal(0);
    focus();
    expect(calls).to.equal(1);
  });

  it('stops when the signal aborts', () => {
    listen(PAGE_BACK | ONLINE);
    listening.abort();
    shown();
    focus();
    online();
    hide();
    expect([calls, hidden]).to.deep.equal([0, 0]);
  });
});
