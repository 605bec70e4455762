// The clerk's pure pieces: reading the clerk socket's messages (only known types with the
// right fields, nothing else kept), checking and formatting the identification that arrives
// over the call, and taking the token out of the address's fragment.
import { expect } from '@open-wc/testing';
import { parseClerkEvent } from '../../src/core/protocol/index.js';
import { takeTokenFromFragment } from '../../src/clerk/clerk-token.js';
import { readIdentification } from '../../src/clerk/identification.js';
import './clerk-helpers.js';

const PAGE = location.pathname + location.search;
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

describe('readIdentification', () => {
  it('formats valid values and marks wrong ones', () => {
    expect(readIdentification({ name: 'Joana  Silva', cpf: '529.982.247-25', role: 'lawyer', oab: 'oab/rn 12.345', caseNumber: '0000001-42.2026.8.20.0001' })).to.deep.equal({
      name: 'Joana Silva',
      cpf: { text: '529.982.247-25', valid: true },
      role: 'lawyer',
      oab: { text: 'RN 12345', valid: true },
      caseNumber: { text: '0000001-42.2026.8.20.0001', valid: true },
    });
    const wrong = readIdentification({ name: 'Joana Silva', cpf: 12, role: 'judge', oab: 'XX 1', caseNumber: '1' });
    expect(wrong).to.deep.equal({
      name: 'Joana Silva',
      cpf: { text: '', valid: false },
      role: undefined,
      oab: { text: 'XX 1', valid: false },
      caseNumber: { text: '1', valid: false },
    });
    for (const bad of [null, 'Joana', [], {}, { name: '  ' }]) expect(readIdentification(bad)).to.equal(undefined);
  });
});

describe('takeTokenFromFragment', () => {
  afterEach(() => history.replaceState(null, '', PAGE));

  it('takes only the token, decoded, and leaves the rest of the fragment', () => {
    history.replaceState(null, '', `${PAGE}#a=1&token=bvc1.x%2Ey.z&b=2`);
    expect(takeTokenFromFragment()).to.equal('bvc1.x.y.z');
    expect(location.hash).to.equal('#a=1&b=2');
  });

  it('no token: nothing taken, the address untouched', () => {
    history.replaceState(null, '', `${PAGE}#section`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.hash).to.equal('#section');
  });

  it('an empty or oversized token is removed from the address but not used', () => {
    history.replaceState(null, '', `${PAGE}#token=`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.hash).to.equal('');
    history.replaceState(null, '', `${PAGE}#token=${'x'.repeat(3000)}`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.href).not.to.contain('xxxx');
  });
});
