// The unit's line as `GET /api/units/:id/line` answers it: what the citizen's widget shows
// before anyone joins (its first chunk reads it, so this module imports nothing but guards.ts).

import { isCount } from './guards.js';

/** Answer of `GET /api/units/:id/line`. No personal data. */
export interface LineState {
  /** Open by the unit's timetable, as the server sees it. */
  readonly open: boolean;
  /** People waiting in the line now. */
  readonly waiting: number;
  /** Clerks signed in and not paused. */
  readonly clerksServing: number;
  /** For someone joining now; null without a basis for an estimate ("sem estimativa ainda"). */
  readonly estimatedWaitMinutes: number | null;
}

/** The line state in a server answer, or undefined when the answer is not one. */
export function parseLineState(json: unknown): LineState | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { open, waiting, clerksServing, estimatedWaitMinutes } = json as Partial<Record<keyof LineState, unknown>>;
  if (typeof open !== 'boolean' || !isCount(waiting) || !isCount(clerksServing)) return undefined;
  if (estimatedWaitMinutes !== null && !isCount(estimatedWaitMinutes)) return undefined;
  return { open, waiting, clerksServing, estimatedWaitMinutes };
}
