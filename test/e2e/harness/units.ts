// What the suites' units files share.

/** Opening hours of a 24-hour unit (every day, all day): open whenever a test runs. */
export const EVERY_DAY: Readonly<Record<string, readonly (readonly [string, string])[]>> = Object.fromEntries(
  ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [['00:00', '24:00']] as const]),
);
