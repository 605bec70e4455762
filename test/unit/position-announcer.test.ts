// The rules of what someone waiting in the line hears (src/ui/position-announcer.ts): said at
// once, or the position when it changed, at most every 30 s, the latest one when the wait is
// over; never the same position twice. With the clock faked, so that "30 s" is exact.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS, PositionAnnouncer } from '../../src/ui/position-announcer.js';

let said: string[];
let announcer: PositionAnnouncer;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
  said = [];
  announcer = new PositionAnnouncer((text) => said.push(text));
});

afterEach(() => {
  announcer.cancel();
  vi.useRealTimers();
});

describe('PositionAnnouncer', () => {
  it('says a first position at once', () => {
    announcer.position('3ª posição');
    expect(said).toEqual(['3ª posição']);
  });

  it('says a new position at most every 30 s: the latest one, when the wait is over', () => {
    announcer.position('3ª posição');
    vi.advanceTimersByTime(10_000);
    announcer.position('2ª posição');
    announcer.position('1ª posição');
    expect(said).toEqual(['3ª posição']);
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS - 10_000 - 1);
    expect(said).toEqual(['3ª posição']);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['3ª posição', '1ª posição']);
  });

  it('never says the same position twice, and drops a pending one that came back to it', () => {
    announcer.position('3ª posição');
    announcer.position('3ª posição');
    vi.advanceTimersByTime(5_000);
    announcer.position('2ª posição');
    announcer.position('3ª posição');
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    expect(said).toEqual(['3ª posição']);
  });

  it('says `now` at once, drops the pending position, and counts it for the 30 s', () => {
    announcer.position('3ª posição');
    announcer.position('2ª posição');
    vi.advanceTimersByTime(20_000);
    announcer.now('Conexão perdida. Tentando reconectar.');
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    expect(said).toEqual(['3ª posição', 'Conexão perdida. Tentando reconectar.']);
    announcer.position('1ª posição');
    expect(said.at(-1)).toBe('1ª posição');
  });

  it('positionSaid: said with a prefix at once, or only remembered as said', () => {
    announcer.positionSaid('5ª posição');
    expect(said).toEqual([]);
    announcer.position('5ª posição');
    expect(said, 'already known as said').toEqual([]);
    announcer.positionSaid('4ª posição', 'Conexão restabelecida.');
    expect(said).toEqual(['Conexão restabelecida. 4ª posição']);
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    announcer.position('4ª posição');
    expect(said).toHaveLength(1);
  });

  it('reset: forgets the position said (a new ticket hears its first one)', () => {
    announcer.position('1ª posição');
    announcer.reset();
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    announcer.position('1ª posição');
    expect(said).toEqual(['1ª posição', '1ª posição']);
  });

  it('cancel: a pending position is never said', () => {
    announcer.position('3ª posição');
    announcer.position('2ª posição');
    announcer.cancel();
    vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 2);
    expect(said).toEqual(['3ª posição']);
  });
});
