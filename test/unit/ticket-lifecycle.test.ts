// The ticket lifecycle table: every allowed arrow, every refused one, and the guards the
// store's updates are generated from.
import { describe, expect, it } from 'vitest';
import {
  TICKET_EVENTS,
  TICKET_STATUSES,
  isFinalTicketStatus,
  nextTicketStatus,
  ticketEventSources,
  ticketEventTarget,
  type TicketEvent,
  type TicketStatus,
} from '../../src/core/ticket-lifecycle.js';

/** Written out by hand from the rules of the line, not read from the table. */
const ARROWS: readonly [TicketStatus, TicketEvent, TicketStatus][] = [
  ['waiting', 'call', 'called'],
  ['waiting', 'leave', 'left'],
  ['waiting', 'abandon', 'abandoned'],
  ['waiting', 'expire', 'expired'],
  ['called', 'answer', 'in-call'],
  ['called', 'leave', 'left'],
  ['called', 'finish', 'done'],
  ['called', 'requeue', 'waiting'],
  ['called', 'miss', 'missed'],
  ['in-call', 'hang-up', 'hung-up'],
  ['in-call', 'finish', 'done'],
  ['in-call', 'requeue', 'waiting'],
  ['hung-up', 'finish', 'done'],
];

describe('the ticket lifecycle', () => {
  it.each(ARROWS)('%s --%s--> %s', (from, event, to) => {
    expect(nextTicketStatus(from, event)).toBe(to);
  });

  const refused = TICKET_STATUSES.flatMap((from) =>
    TICKET_EVENTS.filter((event) => !ARROWS.some(([f, e]) => f === from && e === event)).map((event): [TicketStatus, TicketEvent] => [from, event]),
  );
  it.each(refused)('refuses %s --%s-->', (from, event) => {
    expect(nextTicketStatus(from, event)).toBeUndefined();
  });

  it('has 13 arrows and refuses the other 68 pairs', () => {
    expect(ARROWS).toHaveLength(13);
    expect(refused).toHaveLength(TICKET_STATUSES.length * TICKET_EVENTS.length - 13);
  });

  it('gives each event its from-states, the guard of the store’s update', () => {
    expect(ticketEventSources('call')).toEqual(['waiting']);
    expect(ticketEventSources('answer')).toEqual(['called']);
    expect(ticketEventSources('hang-up')).toEqual(['in-call']);
    expect(ticketEventSources('leave')).toEqual(['waiting', 'called']);
    expect(ticketEventSources('finish')).toEqual(['called', 'in-call', 'hung-up']);
    expect(ticketEventSources('requeue')).toEqual(['called', 'in-call']);
    expect(ticketEventSources('miss')).toEqual(['called']);
    expect(ticketEventSources('abandon')).toEqual(['waiting']);
    expect(ticketEventSources('expire')).toEqual(['waiting']);
  });

  it('gives each event one target, whatever the from-state', () => {
    for (const event of TICKET_EVENTS) {
      const targets = new Set(ticketEventSources(event).map((s) => nextTicketStatus(s, event)));
      expect([...targets]).toEqual([ticketEventTarget(event)]);
    }
  });

  it('ends a ticket for good in done, left, missed, abandoned and expired', () => {
    expect(TICKET_STATUSES.filter(isFinalTicketStatus)).toEqual(['done', 'left', 'missed', 'abandoned', 'expired']);
  });
});
