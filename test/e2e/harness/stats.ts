// Summaries for the printed measurements (call/measure.ts, counter/measure.ts).

/** The q-quantile (0…1) of `xs`, interpolated between the nearest ranks; NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (s[lo] ?? Number.NaN) + ((s[hi] ?? Number.NaN) - (s[lo] ?? Number.NaN)) * (i - lo);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);
