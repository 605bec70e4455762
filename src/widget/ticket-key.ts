// Where a citizen's ticket for one unit is kept in this tab (sessionStorage), so that a
// reload goes back to the line. The element only asks whether there is one; the flow's
// lazily loaded chunk reads and writes it (flow/ticket-store.ts). Never personal data.

import { unitUrl } from '../ui/server-api.js';

/** The sessionStorage key of the ticket for a unit of a server. */
export function ticketKey(server: URL, unitId: string): string {
  return `balcao-virtual:ticket:${unitUrl(server, unitId).href}`;
}

/** Whether this tab holds a ticket for the unit (false when storage is unavailable). */
export function hasSavedTicket(key: string): boolean {
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}
