// Minutes each unit spends open by its timetable without a clerk serving (CNJ Res. 372
// art. 3), per local day: summed in memory every tick, written once a minute with the last
// tick (after a restart, the time the server was down counts as unstaffed).

import { isoDate, localDayNumber, nextLocalMidnight, openingStatus, openTimeByDay, type Unit } from '../../core/index.js';
import type { LineContext } from './context.js';
import { servingUnits } from './estimates.js';

/** How often the unstaffed tally and the last tick are written (one transaction). */
const FLUSH_MS = 60_000;

/** A stretch of time in which a unit's opening status and local day stay the same. */
export interface Phase {
  readonly open: boolean;
  readonly day: string;
  readonly dayNumber: number;
  readonly from: number;
  /** The next opening or closing, or the next local midnight, whichever comes first. */
  readonly until: number;
}

/** Each unit's current phase, so the per-second tick doesn't recompute the timetable (Intl is slow). */
export class UnitPhases {
  private readonly phases = new Map<string, Phase>();

  of(unit: Unit, at: number): Phase {
    const cached = this.phases.get(unit.id);
    if (cached && at >= cached.from && at < cached.until) return cached;
    const status = openingStatus(unit, new Date(at));
    const change = (status.open ? status.closesAt : status.nextOpen)?.getTime() ?? Infinity;
    const dayNumber = localDayNumber(at, unit.timezone);
    const phase: Phase = {
      open: status.open,
      day: isoDate(dayNumber),
      dayNumber,
      from: at,
      until: Math.max(at + 1, Math.min(change, nextLocalMidnight(at, unit.timezone))),
    };
    this.phases.set(unit.id, phase);
    return phase;
  }
}

export class UnstaffedTally {
  /** Unstaffed milliseconds not yet written, by unit and local day. */
  private readonly pending = new Map<string, Map<string, number>>();
  lastTick: number;
  private lastFlush: number;

  constructor(
    readonly phases: UnitPhases,
    start: number,
  ) {
    this.lastTick = start;
    this.lastFlush = start;
  }

  /** Adds the open time of `unit` between `from` and `to`. */
  add(unit: Unit, from: number, to: number): void {
    if (to <= from) return;
    // The usual tick: one second inside one phase.
    const phase = this.phases.of(unit, from);
    const spans = to <= phase.until ? (phase.open ? [{ day: phase.day, ms: to - from }] : []) : openTimeByDay(unit, from, to);
    if (spans.length === 0) return;
    let days = this.pending.get(unit.id);
    if (!days) this.pending.set(unit.id, (days = new Map()));
    for (const { day, ms } of spans) days.set(day, (days.get(day) ?? 0) + ms);
  }

  pendingOf(unitId: string): ReadonlyMap<string, number> {
    return this.pending.get(unitId) ?? new Map<string, number>();
  }

  flushDue(now: number): boolean {
    return now - this.lastFlush >= FLUSH_MS;
  }

  /** Writes the tally and the last tick in one transaction of the store. */
  async flush(ctx: LineContext, now: number): Promise<void> {
    const add = [...this.pending].flatMap(([unit, days]) => [...days].map(([day, ms]) => ({ unit, day, seconds: ms / 1000 })));
    await ctx.store.flushUnstaffed(add, now);
    // Only what was written: nothing else runs meanwhile (the line's steps are serialized).
    this.pending.clear();
    this.lastFlush = now;
  }
}

/** The tick's share: units open with nobody serving get the time since the last tick, gaps included. */
export async function tallyUnstaffed(ctx: LineContext, now: number): Promise<void> {
  const serving = await servingUnits(ctx);
  const tally = ctx.unstaffed;
  for (const unit of ctx.units.values()) {
    if (!serving.has(unit.id)) tally.add(unit, tally.lastTick, now);
  }
  tally.lastTick = Math.max(tally.lastTick, now);
  if (tally.flushDue(now)) await tally.flush(ctx, now);
}

/** Minutes per local day, written and pending together. */
export async function unstaffedMinutes(ctx: LineContext, unitId: string): Promise<{ day: string; minutes: number }[]> {
  const seconds = new Map<string, number>();
  for (const r of await ctx.store.unstaffed(unitId)) seconds.set(r.day, r.seconds);
  for (const [day, ms] of ctx.unstaffed.pendingOf(unitId)) seconds.set(day, (seconds.get(day) ?? 0) + ms / 1000);
  return [...seconds]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, s]) => ({ day, minutes: Math.round((s / 60) * 10) / 10 }));
}
