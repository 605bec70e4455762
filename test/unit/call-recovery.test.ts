// The call's timers and the timing rules of its recovery (src/call/timers.ts,
// src/call/recovery.ts), in Node with fake timers: no browser, no connection. What an ICE
// restart does to a real RTCPeerConnection is the e2e suites' (test/e2e/call, test/e2e/webrtc).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendOn } from '../../src/call/channel.js';
import { recovery, type RecoveryHost } from '../../src/call/recovery.js';
import { DEFAULT_TIMING, Timers } from '../../src/call/timers.js';
import type { CallRole, EndReason } from '../../src/call/types.js';
import type { RtcDescription } from '../../src/core/protocol/rtc.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Timers', () => {
  it('runs a named timeout once; setting the name again replaces it; clear and clearAll cancel', () => {
    const timers = new Timers();
    const fired: string[] = [];
    timers.set('a', 100, () => fired.push('a1'));
    timers.set('a', 200, () => fired.push('a2'));
    timers.set('b', 50, () => fired.push('b'));
    timers.set('c', 50, () => fired.push('c'));
    timers.clear('c');
    expect(timers.has('a')).toBe(true);
    vi.advanceTimersByTime(150);
    expect(fired).toEqual(['b']);
    expect(timers.has('b')).toBe(false);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['b', 'a2']);
    timers.set('d', 10, () => fired.push('d'));
    timers.clearAll();
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['b', 'a2']);
  });

  it('until: true at once, true on the event that makes it hold, false after the time', async () => {
    const timers = new Timers();
    const target = new EventTarget();
    let ready = true;
    await expect(timers.until(target, 'change', () => ready, 100)).resolves.toBe(true);
    // checkNow false: a condition that already holds waits for the event.
    const onEvent = timers.until(target, 'change', () => ready, 100, false);
    target.dispatchEvent(new Event('change'));
    await expect(onEvent).resolves.toBe(true);
    ready = false;
    const late = timers.until(target, 'change', () => ready, 100);
    target.dispatchEvent(new Event('change'));
    vi.advanceTimersByTime(100);
    await expect(late).resolves.toBe(false);
  });

  it('wait resolves after the time, and never once the timers are cleared', async () => {
    const timers = new Timers();
    let done = 0;
    void timers.wait(100).then(() => done++);
    void timers.wait(100).then(() => done++);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(2);
    void timers.wait(100).then(() => done++);
    timers.clearAll();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(2);
  });
});

/** A recovery with no media connection (a restart attempt fails at once) and its call's ends. */
function setUp(role: CallRole, connected = false) {
  const timers = new Timers();
  const ends: EndReason[] = [];
  const sent: RtcDescription[] = [];
  const host: RecoveryHost = {
    role,
    timing: DEFAULT_TIMING,
    timers,
    relay: { send: (description) => sent.push(description), onDescription: () => () => undefined },
    media: () => undefined,
    over: () => ends.length > 0,
    connected: () => connected,
    end: (reason) => {
      ends.push(reason);
      timers.clearAll();
    },
  };
  return { timers, ends, sent, recovery: recovery(host) };
}

describe('recovery timing', () => {
  it('clerk: disconnected waits the grace, then restarts with backoff until the budget ends the call', async () => {
    const { ends, recovery: r } = setUp('clerk');
    r.troubled(false);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.disconnectGraceMs - 1);
    expect(r.restarts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.restarts).toBe(1);
    // 1 s, 2 s, 4 s, then 4 s again between attempts.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(r.restarts).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(r.restarts).toBe(3);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(r.restarts).toBe(4);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(r.restarts).toBe(5);
    expect(ends).toEqual([]);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.recoveryBudgetMs - 11_000);
    expect(ends).toEqual(['failed']);
  });

  it('failed restarts at once; back() before the budget stops the attempts; stop() too', async () => {
    const { ends, recovery: r, timers } = setUp('clerk');
    r.troubled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.restarts).toBe(1);
    const pc = { onicecandidate: () => undefined } as unknown as RTCPeerConnection;
    r.back(pc);
    expect(pc.onicecandidate).toBeNull();
    timers.clear('budget');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.restarts).toBe(1);
    expect(ends).toEqual([]);
    r.troubled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.restarts).toBe(2);
    r.stop();
    timers.clear('budget');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.restarts).toBe(2);
  });

  it('citizen: never restarts; gives up when no offer comes, and 5 s after the clerk’s budget', async () => {
    const silent = setUp('citizen');
    silent.recovery.troubled(true);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.citizenSilenceMs - 1);
    expect(silent.ends).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(silent.ends).toEqual(['failed']);
    expect(silent.recovery.restarts).toBe(0);

    const offered = setUp('citizen');
    offered.recovery.troubled(true);
    // Each offer (even one it cannot apply) resets the wait to the gap between two offers.
    const offerEvery = DEFAULT_TIMING.citizenSilenceMs - 1_000;
    for (let t = 0; t + offerEvery < DEFAULT_TIMING.recoveryBudgetMs + 5_000; t += offerEvery) {
      await vi.advanceTimersByTimeAsync(offerEvery);
      offered.recovery.onDescription({ type: 'offer', sdp: 'v=0' });
    }
    expect(offered.ends).toEqual([]);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.recoveryBudgetMs + 5_000);
    expect(offered.ends).toEqual(['failed']);
  });

  it('ignores descriptions that are not for its side, or malformed', async () => {
    const clerk = setUp('clerk');
    clerk.recovery.onDescription({ type: 'offer', sdp: 'v=0' });
    const citizen = setUp('citizen', true);
    citizen.recovery.onDescription({ type: 'answer', sdp: 'v=0' });
    citizen.recovery.onDescription({ type: 'offer', sdp: '' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect([clerk.ends, citizen.ends, clerk.sent, citizen.sent]).toEqual([[], [], [], []]);
    // A connected citizen's offer sets no silence deadline.
    citizen.recovery.onDescription({ type: 'offer', sdp: 'v=0' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(citizen.ends).toEqual([]);
  });
});

describe('the data channel', () => {
  it('sends JSON only on an open channel, and says whether it did', () => {
    const sent: string[] = [];
    const channel = (readyState: RTCDataChannelState, fail = false): RTCDataChannel =>
      ({
        readyState,
        send: (text: string) => {
          if (fail) throw new Error('closing');
          sent.push(text);
        },
      }) as unknown as RTCDataChannel;
    expect(sendOn(channel('open'), { type: 'bye' })).toBe(true);
    expect(sent).toEqual(['{"type":"bye"}']);
    expect(sendOn(channel('connecting'), { type: 'bye' })).toBe(false);
    expect(sendOn(channel('open', true), { type: 'bye' })).toBe(false);
    expect(sendOn(undefined, { type: 'bye' })).toBe(false);
    expect(sent).toHaveLength(1);
  });
});
