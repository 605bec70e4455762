// The wait estimate: recent service times of the unit, the place in line and the clerks serving.

import type { LineContext } from './context.js';

/** Minutes until `position` is called; null without history or clerks. */
export function estimateMinutes(meanSeconds: number | null, position: number, clerksServing: number): number | null {
  if (clerksServing === 0 || meanSeconds === null) return null;
  return Math.max(1, Math.ceil((meanSeconds * position) / clerksServing / 60));
}

/** Mean duration of recent attendances at a unit, in seconds; null without history. */
export async function serviceMean(ctx: LineContext, unitId: string): Promise<number | null> {
  const durations = await ctx.store.recentDurations(unitId, ctx.config.estimateSample);
  return durations.length === 0 ? null : durations.reduce((sum, d) => sum + d, 0) / durations.length;
}

/** Clerks signed in at the unit, connected and not paused. */
export async function clerksServing(ctx: LineContext, unitId: string): Promise<number> {
  const sessions = await ctx.store.openSessions(unitId);
  return sessions.filter((s) => !s.paused && ctx.presence.isPresent(s.id)).length;
}

/** Units with at least one clerk serving now: one query for all. */
export async function servingUnits(ctx: LineContext): Promise<Set<string>> {
  const sessions = await ctx.store.openSessions();
  return new Set(sessions.filter((s) => !s.paused && ctx.presence.isPresent(s.id)).map((s) => s.unit));
}
