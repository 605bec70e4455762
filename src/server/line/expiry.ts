// The end of a unit's day: people still waiting from an earlier day leave the line (told
// so), once per local day per unit, when the unit was closed at the midnight that began
// today — nobody serves a line overnight. A unit open across midnight (a 24-hour duty) keeps its line.

import { localInstant, openingStatus } from '../../core/index.js';
import type { LineContext } from './context.js';
import { endTicket } from './endings.js';
import { unitChanged } from './notices.js';

export class DayExpiry {
  /** Local day each unit's stale tickets were last looked for. */
  private readonly checkedDay = new Map<string, string>();

  async run(ctx: LineContext, now: number): Promise<void> {
    for (const unit of ctx.units.values()) {
      const { day: today, dayNumber: todayNumber } = ctx.unstaffed.phases.of(unit, now);
      if (this.checkedDay.get(unit.id) === today) continue;
      this.checkedDay.set(unit.id, today);
      if (openingStatus(unit, new Date(localInstant(todayNumber, 0, unit.timezone))).open) continue;
      const stale = await ctx.store.staleWaiting(unit.id, today);
      for (const t of stale) {
        if (await endTicket(ctx, t, 'expire')) ctx.out.citizen(t.id, { type: 'expired' });
      }
      if (stale.length > 0) await unitChanged(ctx, unit.id);
    }
  }
}
