// The clerk socket's contract (core/protocol/clerk.ts): what the clerk's element accepts from
// the server (only known types with the right fields, nothing else kept) and what the
// server accepts from the element.

import { describe, it, expect } from 'vitest';
import { parseClerkCommand, parseClerkEvent } from '../../src/core/protocol/index.js';

const ICE = { iceServers: [{ urls: ['stun:stun.tribunal.example:3478'] }], iceTransportPolicy: 'all' };

describe('parseClerkEvent', () => {
  it('keeps the fields of each message and drops anything else', () => {
    expect(parseClerkEvent({ type: 'session', peerId: 'p', peerToken: 't', name: 'Maria Souza', unit: 'u', unitName: 'U', extra: 'x' })).to.deep.equal({
      type: 'session',
      peerId: 'p',
      peerToken: 't',
      name: 'Maria Souza',
      unit: 'u',
      unitName: 'U',
    });
    const entry = { code: 'A-001', subject: 'other', sealed: true, lawyer: false, libras: true, joinedAt: '2026-11-23T12:00:00.000Z', away: false, cpf: '1' };
    expect(parseClerkEvent({ type: 'line', waiting: [entry], clerksServing: 2, paused: false })).to.deep.equal({
      type: 'line',
      waiting: [{ code: 'A-001', subject: 'other', sealed: true, lawyer: false, libras: true, joinedAt: '2026-11-23T12:00:00.000Z', away: false }],
      clerksServing: 2,
      paused: false,
    });
    const calling = { type: 'calling', code: 'A-001', subject: 'case-info', flags: { sealed: true, lawyer: false, libras: false }, citizenPeerId: 'c', answerBy: '2026-11-23T12:01:00.000Z', ice: ICE };
    expect(parseClerkEvent(calling)).to.deep.equal(calling);
    expect(parseClerkEvent({ type: 'ended', code: 'A-001', outcome: 'redirected-pje' })).to.deep.equal({ type: 'ended', code: 'A-001', outcome: 'redirected-pje' });
    expect(parseClerkEvent({ type: 'rtc', description: { type: 'answer', sdp: 'v=0' } })).to.deep.equal({ type: 'rtc', description: { type: 'answer', sdp: 'v=0' } });
    expect(parseClerkEvent({ type: 'error', code: 'busy', message: 'm' })).to.deep.equal({ type: 'error', code: 'busy', message: 'm' });
    for (const type of ['line-empty', 'pong', 'shutdown']) expect(parseClerkEvent({ type })).to.deep.equal({ type });
  });

  it('refuses malformed messages', () => {
    for (const bad of [
      null,
      'x',
      [],
      { type: 'nope' },
      { type: 'session', peerId: 'p' },
      { type: 'line', waiting: [{ code: 'A-001' }], clerksServing: 1, paused: false },
      { type: 'line', waiting: [], clerksServing: -1, paused: false },
      { type: 'calling', code: 'A-001', subject: 'case-info', flags: {}, citizenPeerId: 'c', answerBy: 'x', ice: ICE },
      { type: 'calling', code: 'A-001', subject: 'petition', flags: { sealed: false, lawyer: false, libras: false }, citizenPeerId: 'c', answerBy: '2026-11-23T12:01:00Z', ice: ICE },
      { type: 'ended', code: 'A-001', outcome: 'won' },
      { type: 'missed' },
      { type: 'rtc', description: { type: 'pranswer', sdp: 'v=0' } },
      { type: 'error', code: 'nope', message: 'm' },
    ]) {
      expect(parseClerkEvent(bad), JSON.stringify(bad)).to.equal(null);
    }
  });
});

describe('parseClerkCommand', () => {
  it('reads each command, keeping only its fields', () => {
    expect(parseClerkCommand({ type: 'hello', token: 'abc', extra: 1 })).toEqual({ type: 'hello', token: 'abc' });
    expect(parseClerkCommand({ type: 'outcome', outcome: 'no-show' })).toEqual({ type: 'outcome', outcome: 'no-show' });
    for (const type of ['call-next', 'call-dropped', 'pause', 'resume', 'ping']) expect(parseClerkCommand({ type, x: 1 })).toEqual({ type });
    expect(parseClerkCommand({ type: 'rtc', description: { type: 'offer', sdp: 'v=0', x: 1 } })).toEqual({ type: 'rtc', description: { type: 'offer', sdp: 'v=0' } });
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      [],
      { type: 'hello' },
      { type: 'hello', token: 'x'.repeat(2049) },
      { type: 'outcome', outcome: 'won' },
      { type: 'rtc', description: { type: 'offer', sdp: '' } },
      { type: 'answer' },
      { type: 'leave' },
    ]) {
      expect(parseClerkCommand(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
