// What the fixture API (web-test-runner.config.mjs) answers for a unit's line,
// `GET /api/units/:id/line`, set per unit by the tests. A unit whose line was not set
// answers 503, like a server without a line.
import type { LineState } from '../../src/core/protocol/index.js';
import { network } from './helpers.js';

export type LineAnswer =
  /** Any status with a JSON body (an error, or something that is not a line state). */
  | { readonly status: number; readonly body: unknown }
  /** A body that is not JSON (a maintenance page, say). */
  | { readonly status: number; readonly text: string };

/** A line state as the server sends it. */
export function lineState(state: LineState): LineAnswer {
  return { status: 200, body: state };
}

/** The line of an open unit with nobody serving by video. */
export const NOBODY_SERVING = lineState({ open: true, waiting: 0, clerksServing: 0, estimatedWaitMinutes: null });

export async function setLine(unitId: string, answer: LineAnswer): Promise<void> {
  // The real fetch: a test may have stubbed window.fetch for the element.
  const response = await network(new URL(`/__fixture/lines/${encodeURIComponent(unitId)}`, location.href).href, {
    method: 'PUT',
    body: JSON.stringify(answer),
  });
  if (response.status !== 204) throw new Error(`the fixture API did not take the line of ${unitId}: HTTP ${response.status}`);
}

/** Forgets every line set (each unit's line answers 503 again). */
export async function forgetLines(): Promise<void> {
  await network(new URL('/__fixture/lines', location.href).href, { method: 'DELETE' });
}

/** Whether a request URL is for a unit's line. */
export function isLineUrl(url: string): boolean {
  return /\/api\/units\/[^/]+\/line$/.test(new URL(url).pathname);
}
