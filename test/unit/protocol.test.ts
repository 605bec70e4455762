// The citizen's line socket (core/protocol/line.ts, rtc.ts). parseCitizenEvent: what the
// citizen's browser accepts from the line socket. Anything that is not one of the server's
// messages, with the right fields, is ignored (null); only the fields of each message are
// kept. parseCitizenCommand: what the server accepts from the browser; the ICE
// configuration and session descriptions both sockets carry; the clerk's name as shown.

import { describe, it, expect } from 'vitest';
import {
  clerkShownName,
  MAX_SDP_LENGTH,
  parseCitizenCommand,
  parseCitizenEvent,
  parseIce,
  parseRtcDescription,
  type CitizenEvent,
} from '../../src/core/index.js';

const called = {
  type: 'called',
  clerk: { name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' },
  clerkPeerId: 'clerk-peer-0123456789abcdef',
  answerBy: '2026-11-23T12:01:00.000Z',
  ice: {
    iceServers: [{ urls: ['turn:turn.tribunal.example.jus.br:3478'], username: '1764000000:bv', credential: 'c2VjcmV0' }],
    iceTransportPolicy: 'relay',
  },
} as const;

/** `in-call`, as after a reload during the call: whom to answer, with fresh ICE servers. */
const inCall = {
  type: 'in-call',
  clerk: called.clerk,
  clerkPeerId: called.clerkPeerId,
  ice: { iceServers: [{ urls: ['stun:stun.tribunal.example.jus.br:3478'] }], iceTransportPolicy: 'all' },
} as const;

describe('parseCitizenEvent', () => {
  it.each<CitizenEvent>([
    { type: 'waiting', code: 'A-014', position: 3, estimatedWaitMinutes: 12, clerksServing: 2 },
    { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: null, clerksServing: 0 },
    called,
    inCall,
    { ...inCall, ice: { iceServers: [], iceTransportPolicy: 'all' } },
    { type: 'missed' },
    { type: 'requeued' },
    { type: 'done', outcome: 'attended' },
    { type: 'left' },
    { type: 'expired' },
    { type: 'pong' },
    { type: 'shutdown' },
    { type: 'error', code: 'ticket_not_found', message: 'Esta senha não está mais na fila.' },
  ])('reads %j', (event) => {
    expect(parseCitizenEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('keeps only the fields of each message', () => {
    expect(parseCitizenEvent({ type: 'left', extra: 'x' })).toEqual({ type: 'left' });
    expect(parseCitizenEvent({ ...called, clerk: { ...called.clerk, cpf: '52998224725' }, more: 1 })).toEqual(called);
    expect(parseCitizenEvent({ ...inCall, clerk: { ...inCall.clerk, email: 'maria@tjrn.jus.br' }, answerBy: called.answerBy })).toEqual(inCall);
    expect(parseCitizenEvent({ type: 'waiting', code: 'A-1', position: 1, estimatedWaitMinutes: 1, clerksServing: 1, name: 'x' })).toEqual({
      type: 'waiting',
      code: 'A-1',
      position: 1,
      estimatedWaitMinutes: 1,
      clerksServing: 1,
    });
  });

  it.each([
    null,
    'waiting',
    42,
    [],
    {},
    { type: 'hello' },
    { type: 'waiting', code: 'A-1', position: 0, estimatedWaitMinutes: null, clerksServing: 0 },
    { type: 'waiting', code: 'A-1', position: 1.5, estimatedWaitMinutes: null, clerksServing: 0 },
    { type: 'waiting', code: '', position: 1, estimatedWaitMinutes: null, clerksServing: 0 },
    { type: 'waiting', code: 'A-1', position: 1, estimatedWaitMinutes: -1, clerksServing: 0 },
    { type: 'waiting', code: 'A-1', position: 1, clerksServing: 0 },
    { ...called, answerBy: 'amanhã' },
    { ...called, clerk: { name: 'Maria Souza' } },
    { ...called, clerkPeerId: 7 },
    { ...called, ice: { iceServers: [{ urls: 'stun:x' }], iceTransportPolicy: 'all' } },
    { ...called, ice: { iceServers: [], iceTransportPolicy: 'none' } },
    { type: 'in-call' },
    { type: 'in-call', clerkPeerId: inCall.clerkPeerId, ice: inCall.ice },
    { ...inCall, clerk: { name: 'Maria Souza' } },
    { ...inCall, clerk: { name: '', unit: inCall.clerk.unit } },
    { ...inCall, clerk: 'Maria Souza' },
    { ...inCall, clerkPeerId: '' },
    { ...inCall, clerkPeerId: 'x'.repeat(129) },
    { ...inCall, ice: undefined },
    { ...inCall, ice: { iceServers: [{ urls: ['turn:x'], credential: 7 }], iceTransportPolicy: 'relay' } },
    { ...inCall, ice: { iceServers: [], iceTransportPolicy: 'none' } },
    { type: 'done', outcome: 'great' },
    { type: 'error', code: 'boom', message: 'x' },
    { type: 'error', code: 'toString', message: 'x' },
    { type: 'error', code: 'ticket_not_found' },
  ])('ignores %j', (json) => {
    expect(parseCitizenEvent(json)).toBeNull();
  });
});

describe('parseCitizenCommand', () => {
  it('reads each command, keeping only its fields', () => {
    expect(parseCitizenCommand({ type: 'hello', ticketId: 'tkt_0123456789abcdef', cpf: '1' })).toEqual({ type: 'hello', ticketId: 'tkt_0123456789abcdef' });
    for (const type of ['answer', 'leave', 'ping']) expect(parseCitizenCommand({ type, x: 1 })).toEqual({ type });
    expect(parseCitizenCommand({ type: 'rtc', description: { type: 'answer', sdp: 'v=0' } })).toEqual({ type: 'rtc', description: { type: 'answer', sdp: 'v=0' } });
  });

  it.each([
    null,
    [],
    { type: 'hello' },
    { type: 'hello', ticketId: 'short' },
    { type: 'hello', ticketId: 'has spaces in it, too many' },
    { type: 'hello', ticketId: 'x'.repeat(65) },
    { type: 'rtc', description: { type: 'offer' } },
    { type: 'call-next' },
    { type: 'outcome', outcome: 'attended' },
  ])('ignores %j', (json) => {
    expect(parseCitizenCommand(json)).toBeNull();
  });
});

describe('parseRtcDescription', () => {
  it('keeps the type and the SDP, up to the longest relayed', () => {
    expect(parseRtcDescription({ type: 'offer', sdp: 'v=0', candidate: 'x' })).toEqual({ type: 'offer', sdp: 'v=0' });
    expect(parseRtcDescription({ type: 'answer', sdp: 'v'.repeat(MAX_SDP_LENGTH) })).toEqual({ type: 'answer', sdp: 'v'.repeat(MAX_SDP_LENGTH) });
  });

  it.each([null, { type: 'pranswer', sdp: 'v=0' }, { type: 'offer', sdp: '' }, { type: 'offer', sdp: 'v'.repeat(MAX_SDP_LENGTH + 1) }, { type: 'offer' }])('ignores %j', (json) => {
    expect(parseRtcDescription(json)).toBeNull();
  });
});

describe('parseIce', () => {
  it('keeps the servers and the policy, credentials only when given', () => {
    const ice = { iceServers: [{ urls: ['stun:a'] }, { urls: ['turn:b'], username: 'u', credential: 'c', extra: 1 }], iceTransportPolicy: 'relay', x: 1 };
    expect(parseIce(ice)).toEqual({ iceServers: [{ urls: ['stun:a'] }, { urls: ['turn:b'], username: 'u', credential: 'c' }], iceTransportPolicy: 'relay' });
    expect(parseIce({ iceServers: [], iceTransportPolicy: 'all' })).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
  });

  it.each([
    null,
    { iceServers: [] },
    { iceServers: {}, iceTransportPolicy: 'all' },
    { iceServers: [{ urls: [''] }], iceTransportPolicy: 'all' },
    { iceServers: [{ urls: ['x'.repeat(513)] }], iceTransportPolicy: 'all' },
    { iceServers: [{ urls: ['turn:b'], username: 5 }], iceTransportPolicy: 'all' },
  ])('ignores %j', (json) => {
    expect(parseIce(json)).toBeNull();
  });
});

describe('clerkShownName', () => {
  it.each([
    ['Maria Aparecida da Silva Souza', 'Maria Souza'],
    ['  João   dos Santos ', 'João Santos'],
    ['Ana de', 'Ana'],
    ['Pedro', 'Pedro'],
    ['', ''],
  ])('%j → %j', (full, shown) => {
    expect(clerkShownName(full)).toBe(shown);
  });
});
