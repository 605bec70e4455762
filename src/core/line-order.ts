// The order of a unit's line, in one place: first come, first served. A citizen whose call
// failed on the clerk's side goes back ahead of everyone (the store gives the ticket a key
// below the head's), so the order is the order of the keys; ties (never issued today) keep
// the earlier join first. Legal priority (Lei 10.048/2000) is to be added here.

export interface LinePlace {
  /** The place's key in the line: lower is served first. */
  readonly orderKey: number;
  /** When the ticket was issued (ms). */
  readonly joinedAt: number;
}

/** The waiting tickets of one unit, head first. Pure: returns a new array. */
export function lineOrder<T extends LinePlace>(waiting: readonly T[]): T[] {
  return [...waiting].sort((a, b) => a.orderKey - b.orderKey || a.joinedAt - b.joinedAt);
}
