// The HTTP bodies (core/protocol/http.ts, line-state.ts): the join request the server
// accepts, the join answer (ticket) and the line state the widget reads, and the undelivered
// list the clerk's element reads, grouped by protocol.

import { describe, expect, it } from 'vitest';
import { parseJoinRequest, parseLineState, parseTicket, parseUndelivered, type Ticket, type UndeliveredEntry } from '../../src/core/protocol/index.js';

describe('parseJoinRequest', () => {
  it('takes the subject and the flags, false when absent', () => {
    expect(parseJoinRequest({ subject: 'case-info', sealed: true })).toEqual({ ok: true, value: { subject: 'case-info', sealed: true, lawyer: false, libras: false } });
    expect(parseJoinRequest({ subject: 'other', sealed: false, lawyer: true, libras: true })).toEqual({ ok: true, value: { subject: 'other', sealed: false, lawyer: true, libras: true } });
  });

  it('names the field it refuses; unknown fields (personal data) are refused', () => {
    expect(parseJoinRequest(null)).toEqual({ ok: false, field: '(body)' });
    expect(parseJoinRequest([])).toEqual({ ok: false, field: '(body)' });
    expect(parseJoinRequest({ subject: 'case-info', cpf: '52998224725' })).toEqual({ ok: false, field: 'cpf' });
    expect(parseJoinRequest({ subject: 'petition' })).toEqual({ ok: false, field: 'subject' });
    expect(parseJoinRequest({})).toEqual({ ok: false, field: 'subject' });
    expect(parseJoinRequest({ subject: 'other', sealed: 'yes' })).toEqual({ ok: false, field: 'sealed' });
    expect(parseJoinRequest({ subject: 'other', lawyer: 1 })).toEqual({ ok: false, field: 'lawyer' });
    expect(parseJoinRequest({ subject: 'other', libras: null })).toEqual({ ok: false, field: 'libras' });
  });
});

const ticket: Ticket = {
  ticketId: 'tkt_0123456789abcdef',
  code: 'A-014',
  unit: 'vara-civel-natal-1',
  peerId: 'peer-0123456789abcdef',
  peerToken: 'token-0123456789',
  answerWindowSeconds: 60,
  graceSeconds: 90,
  position: 3,
  estimatedWaitMinutes: 12,
  clerksServing: 2,
};

describe('parseTicket', () => {
  it('reads a join answer, only its fields kept', () => {
    expect(parseTicket({ ...ticket, extra: 'x' })).toEqual(ticket);
    expect(parseTicket({ ...ticket, position: 1, estimatedWaitMinutes: null, clerksServing: 0 })).toEqual({ ...ticket, position: 1, estimatedWaitMinutes: null, clerksServing: 0 });
  });

  it('refuses an answer with a field missing or wrong', () => {
    const bad: Record<string, unknown>[] = [
      { ticketId: undefined },
      { ticketId: '' },
      { code: 'x'.repeat(257) },
      { unit: 5 },
      { peerId: null },
      { peerToken: undefined },
      { answerWindowSeconds: 0 },
      { graceSeconds: 1.5 },
      { position: 0 },
      { position: -1 },
      { estimatedWaitMinutes: undefined },
      { estimatedWaitMinutes: -3 },
      { clerksServing: '2' },
    ];
    for (const change of bad) expect(parseTicket({ ...ticket, ...change }), JSON.stringify(change)).toBeNull();
    expect(parseTicket(null)).toBeNull();
    expect(parseTicket('ticket')).toBeNull();
  });
});

describe('parseLineState', () => {
  it('reads the line state, only its fields kept', () => {
    expect(parseLineState({ open: true, waiting: 4, clerksServing: 2, estimatedWaitMinutes: 9, unit: 'x' })).toEqual({ open: true, waiting: 4, clerksServing: 2, estimatedWaitMinutes: 9 });
    expect(parseLineState({ open: false, waiting: 0, clerksServing: 0, estimatedWaitMinutes: null })).toEqual({ open: false, waiting: 0, clerksServing: 0, estimatedWaitMinutes: null });
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'open',
      {},
      { open: 'yes', waiting: 0, clerksServing: 0, estimatedWaitMinutes: null },
      { open: true, waiting: -1, clerksServing: 0, estimatedWaitMinutes: null },
      { open: true, waiting: 0.5, clerksServing: 0, estimatedWaitMinutes: null },
      { open: true, waiting: 0, clerksServing: '1', estimatedWaitMinutes: null },
      { open: true, waiting: 0, clerksServing: 1 },
      { open: true, waiting: 0, clerksServing: 1, estimatedWaitMinutes: Number.POSITIVE_INFINITY },
    ]) {
      expect(parseLineState(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

/** A row as the server lists it (src/server/mail/outbox.ts `undelivered`). */
function entry(change: Partial<UndeliveredEntry> = {}): UndeliveredEntry {
  return {
    protocol: 'BV-2026-000123',
    recipient: 'unit',
    status: 'dead',
    attempts: 3,
    lastError: 'smtp_550',
    receivedAt: '2026-11-23T12:00:00.000Z',
    replyBy: '2026-11-25T12:00:00.000Z',
    subject: 'case-info',
    name: 'Maria da Silva',
    email: 'maria@example.com',
    phone: null,
    caseNumber: null,
    text: 'Olá',
    ...change,
  };
}

describe('parseUndelivered', () => {
  it('groups the rows of one message under its protocol, in the order listed, with the content once', () => {
    const rows = [entry(), entry({ protocol: 'BV-2026-000124', status: 'pending', name: null, email: null, text: null }), entry({ recipient: 'copy', status: 'pending' })];
    expect(parseUndelivered(JSON.parse(JSON.stringify({ messages: rows })))).toEqual([
      {
        protocol: 'BV-2026-000123',
        receivedAt: '2026-11-23T12:00:00.000Z',
        replyBy: '2026-11-25T12:00:00.000Z',
        reasons: [
          { recipient: 'unit', status: 'dead' },
          { recipient: 'copy', status: 'pending' },
        ],
        name: 'Maria da Silva',
        email: 'maria@example.com',
        phone: null,
        caseNumber: null,
        text: 'Olá',
      },
      {
        protocol: 'BV-2026-000124',
        receivedAt: '2026-11-23T12:00:00.000Z',
        replyBy: '2026-11-25T12:00:00.000Z',
        reasons: [{ recipient: 'unit', status: 'pending' }],
        name: null,
        email: null,
        phone: null,
        caseNumber: null,
        text: null,
      },
    ]);
    expect(parseUndelivered({ messages: [] })).toEqual([]);
  });

  it('content that is not text reads as erased (null)', () => {
    const [message] = parseUndelivered({ messages: [{ ...entry(), name: 5, text: { x: 1 } }] }) ?? [];
    expect(message).toMatchObject({ name: null, text: null, email: 'maria@example.com' });
  });

  it('refuses a list with a malformed row', () => {
    for (const bad of [
      null,
      [],
      {},
      { messages: 'x' },
      { messages: [null] },
      { messages: [{ ...entry(), protocol: 7 }] },
      { messages: [{ ...entry(), receivedAt: undefined }] },
      { messages: [{ ...entry(), replyBy: null }] },
      { messages: [{ ...entry(), recipient: 'court' }] },
      { messages: [{ ...entry(), status: 'sent' }] },
    ]) {
      expect(parseUndelivered(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
