// The life of a ticket in the line, as one table: which event moves a ticket from which
// status to which. The server's store guards every status change with it (the allowed
// from-states are the `WHERE status IN (…)` of each update), so no other place decides
// whether a change is allowed.
//
//   waiting ──call──▶ called ──answer──▶ in-call ──hang-up──▶ hung-up
//      ▲                │  ▲                │                     │
//      └────requeue─────┘  └──────requeue───┘   finish (also from called, in-call)
//   waiting: leave, abandon, expire   called: leave, miss        ▼
//                                                              done

/**
 * `hung-up`: the citizen left during the call; the clerk still marks the outcome.
 * `expired`: still waiting when the unit's day ended (nobody called them).
 */
export type TicketStatus = 'waiting' | 'called' | 'in-call' | 'hung-up' | 'done' | 'left' | 'missed' | 'abandoned' | 'expired';

export type TicketEvent =
  /** A clerk calls the ticket (the head of the line). */
  | 'call'
  /** The citizen pressed "Entrar". */
  | 'answer'
  /** The citizen left during the call. */
  | 'hang-up'
  /** The citizen left before the call began. */
  | 'leave'
  /** The clerk marked the outcome (or the session ended before one was marked). */
  | 'finish'
  /** The call failed on the clerk's side: back to the head of the line. */
  | 'requeue'
  /** The answer window passed. */
  | 'miss'
  /** Away past the grace period while waiting. */
  | 'abandon'
  /** Still waiting when the unit's day ended. */
  | 'expire';

export const TICKET_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'in-call', 'hung-up', 'done', 'left', 'missed', 'abandoned', 'expired'];
export const TICKET_EVENTS: readonly TicketEvent[] = ['call', 'answer', 'hang-up', 'leave', 'finish', 'requeue', 'miss', 'abandon', 'expire'];

/** Every allowed arrow: status × event → next status. What is not here is refused. */
export const TICKET_LIFECYCLE: { readonly [S in TicketStatus]: { readonly [E in TicketEvent]?: TicketStatus } } = {
  waiting: { call: 'called', leave: 'left', abandon: 'abandoned', expire: 'expired' },
  called: { answer: 'in-call', leave: 'left', finish: 'done', requeue: 'waiting', miss: 'missed' },
  'in-call': { 'hang-up': 'hung-up', finish: 'done', requeue: 'waiting' },
  'hung-up': { finish: 'done' },
  done: {},
  left: {},
  missed: {},
  abandoned: {},
  expired: {},
};

/** The status `event` moves a ticket in `status` to; undefined when the table refuses it. */
export function nextTicketStatus(status: TicketStatus, event: TicketEvent): TicketStatus | undefined {
  return TICKET_LIFECYCLE[status][event];
}

/** The statuses `event` may leave from (the guard of its update). */
export function ticketEventSources(event: TicketEvent): readonly TicketStatus[] {
  return TICKET_STATUSES.filter((s) => TICKET_LIFECYCLE[s][event] !== undefined);
}

/** The status `event` leads to (one per event: the table never branches on the from-state). */
export function ticketEventTarget(event: TicketEvent): TicketStatus {
  for (const s of TICKET_STATUSES) {
    const to = TICKET_LIFECYCLE[s][event];
    if (to !== undefined) return to;
  }
  throw new Error(`no arrow for ${event}`);
}

/** A ticket in one of these still holds a place or a call: its socket may say hello. */
export const LIVE_TICKET_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'in-call'];
/** A ticket in one of these belongs to a clerk's call (the clerk's current ticket). */
export const CALL_TICKET_STATUSES: readonly TicketStatus[] = ['called', 'in-call', 'hung-up'];

/** No arrow leaves these. */
export function isFinalTicketStatus(status: TicketStatus): boolean {
  return Object.keys(TICKET_LIFECYCLE[status]).length === 0;
}
