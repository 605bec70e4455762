// A unit's line as the real server answers it (`GET /api/units/:id/line`), set per unit by
// the tests: made by the real line's own steps (clerks signed in, citizens waiting, an
// attendance for the estimate), or a failure injected in its place.
import { injectFault, resetServer, setUpLine, type LineSetup } from './server/api.js';

export type LineAnswer =
  /** The real line, set up so. */
  | LineSetup
  /** Any status with a JSON body (an error, or something that is not a line state). */
  | { readonly status: number; readonly body: unknown }
  /** A body that is not JSON (a maintenance page, say). */
  | { readonly status: number; readonly text: string };

/** A line made by the real line's steps. */
export function lineState(setup: LineSetup): LineAnswer {
  return setup;
}

/** The line of an open unit with nobody serving by video. */
export const NOBODY_SERVING = lineState({ waiting: 0, clerksServing: 0, estimatedWaitMinutes: null });

/** From now on the unit's line answers this (a fresh server for a line set up; the same server for a failure). */
export async function setLine(unitId: string, answer: LineAnswer): Promise<void> {
  if ('status' in answer) await injectFault({ path: `/api/units/${unitId}/line`, method: 'GET', sticky: true, ...answer });
  else await setUpLine(unitId, answer);
}

/** A fresh server (every line as the real one starts). */
export async function forgetLines(): Promise<void> {
  await resetServer();
}

/** Whether a request URL is for a unit's line. */
export function isLineUrl(url: string): boolean {
  return /\/api\/units\/[^/]+\/line$/.test(new URL(url).pathname);
}
