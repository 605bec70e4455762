// One running call for either side (src/ui/call-host.ts): the seam gets the host's relay,
// container and signal with the side's details; a new call ends the one running; nothing
// of a call that is no longer current goes through.
import { describe, expect, it } from 'vitest';
import type { DescriptionRelay } from '../../src/call/types.js';
import type { RtcDescription } from '../../src/core/protocol/rtc.js';
import { CallHost, type HostedCall, type HostedResult } from '../../src/ui/call-host.js';

/** What a side's seam takes: the host's part and a side's own (a code and two reports). */
interface TestCall extends HostedCall {
  readonly code: string;
  readonly onState: (state: string) => void;
  readonly onEnded: (reason: string) => void;
}

const offer: RtcDescription = { type: 'offer', sdp: 'v=0 offer' };
const answer: RtcDescription = { type: 'answer', sdp: 'v=0 answer' };

function setUp() {
  const sent: RtcDescription[] = [];
  const containers: HTMLElement[] = [];
  const host = new CallHost(
    (description) => sent.push(description),
    () => {
      const container = { id: `container-${containers.length + 1}` } as unknown as HTMLElement;
      containers.push(container);
      return container;
    },
  );
  const calls: TestCall[] = [];
  const states: string[] = [];
  const ends: string[] = [];
  const start = (code: string, answerWith: (call: TestCall) => HostedResult = () => 'started'): HostedResult | undefined =>
    host.start(
      (call: TestCall) => {
        calls.push(call);
        return answerWith(call);
      },
      (whileCurrent) => ({
        code,
        onState: whileCurrent((state: string) => states.push(`${code}:${state}`)),
        onEnded: whileCurrent((reason: string) => ends.push(`${code}:${reason}`)),
      }),
    );
  return { host, sent, containers, calls, states, ends, start };
}

function listen(relay: DescriptionRelay): { heard: RtcDescription[]; stop: () => void } {
  const heard: RtcDescription[] = [];
  const stop = relay.onDescription((description) => heard.push(description));
  return { heard, stop };
}

describe('CallHost', () => {
  it('hands the seam the side\'s details with its relay, a new container and a live signal; answers what the seam said', () => {
    const { host, calls, containers, start } = setUp();
    expect(host.container, 'no call yet').toBeUndefined();
    expect(start('A-001')).toBe('started');
    const [call] = calls;
    expect(call?.code).toBe('A-001');
    expect(call?.container).toBe(containers[0]);
    expect(host.container).toBe(containers[0]);
    expect(call?.signal.aborted).toBe(false);
    expect(start('A-002', () => 'unavailable')).toBe('unavailable');
  });

  it('answers "unavailable" when the seam throws', () => {
    const { start } = setUp();
    expect(
      start('A-001', () => {
        throw new Error('no WebRTC');
      }),
    ).toBe('unavailable');
  });

  it('answers nothing when the call was ended before the seam returned', () => {
    const { host, start } = setUp();
    expect(
      start('A-001', () => {
        host.end();
        return 'started';
      }),
    ).toBeUndefined();
  });

  it('passes the reports of the current call only: not after it ended, not after another started', () => {
    const { host, calls, states, ends, start } = setUp();
    start('A-001');
    calls[0]?.onState('connected');
    start('A-002');
    expect(calls[0]?.signal.aborted, 'the first call ended').toBe(true);
    calls[0]?.onState('reconnecting');
    calls[0]?.onEnded('failed');
    calls[1]?.onState('connected');
    host.end();
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(host.container).toBeUndefined();
    calls[1]?.onEnded('hung-up-local');
    expect(states).toEqual(['A-001:connected', 'A-002:connected']);
    expect(ends).toEqual([]);
  });

  it('relays this side\'s descriptions while the call runs, and the other side\'s to the current call', () => {
    const { host, sent, calls, start } = setUp();
    start('A-001');
    const relay = calls[0]!.relay;
    const first = listen(relay);
    const second = listen(relay);
    relay.send(offer);
    host.deliver(answer);
    second.stop();
    host.deliver(offer);
    expect(sent).toEqual([offer]);
    expect(first.heard).toEqual([answer, offer]);
    expect(second.heard, 'unsubscribed').toEqual([answer]);

    start('A-002');
    relay.send(offer);
    host.deliver(answer);
    expect(sent, 'nothing sent for an ended call').toEqual([offer]);
    expect(first.heard, 'nothing delivered to an ended call').toEqual([answer, offer]);
    const late = listen(relay);
    host.deliver(answer);
    expect(late.heard, 'no listening once ended').toEqual([]);

    const current = listen(calls[1]!.relay);
    host.deliver(answer);
    expect(current.heard).toEqual([answer]);
  });

  it('a listener may stop listening while a description is delivered', () => {
    const { host, calls, start } = setUp();
    start('A-001');
    const heard: string[] = [];
    const stop = calls[0]!.relay.onDescription(() => {
      heard.push('first');
      stop();
    });
    calls[0]!.relay.onDescription(() => heard.push('second'));
    host.deliver(offer);
    host.deliver(offer);
    expect(heard).toEqual(['first', 'second', 'second']);
  });

  it('asks for a container per call', () => {
    const { containers, start } = setUp();
    start('A-001');
    start('A-002');
    expect(containers).toHaveLength(2);
  });

});
