// parseCitizenEvent: what the citizen's browser accepts from the line socket. Anything that
// is not one of the server's messages, with the right fields, is ignored (null); only the
// fields of each message are kept.

import { describe, it, expect } from 'vitest';
import { parseCitizenEvent, type CitizenEvent } from '../../src/core/index.js';

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
