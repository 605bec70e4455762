// @ts-check
// The statistics every section reports: medians, percentiles, means, the best round.

/**
 * The values sorted numerically (NaN last), as a typed array.
 * @param {Iterable<number>} values
 */
const sorted = (values) => Float64Array.from(values).sort();

/**
 * The median (the mean of the two middle values for an even count); NaN for none.
 * @param {Iterable<number>} values
 */
export function median(values) {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? at(s, m) : (at(s, m - 1) + at(s, m)) / 2;
}

/**
 * Nearest-rank percentile; NaN for none.
 * @param {Iterable<number>} values
 * @param {number} p 0 to 100
 */
export function percentile(values, p) {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  return at(s, Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1)));
}

/**
 * Quantile `q` (0 to 1) interpolated between the two nearest values; NaN for none.
 * @param {Iterable<number>} values
 * @param {number} q
 */
export function interpolated(values, q) {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = at(s, Math.floor(i));
  return lo + (at(s, Math.ceil(i)) - lo) * (i - Math.floor(i));
}

/**
 * p50, p95 and p99 (nearest rank).
 * @param {Iterable<number>} values
 */
export const quantiles = (values) => {
  const list = [...values];
  return [50, 95, 99].map((p) => percentile(list, p));
};

/** @param {readonly number[]} values */
export const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The round with the lowest (or, with `highest`, the highest) `key`.
 * @template {string} K
 * @template {Record<K, number>} T
 * @param {readonly T[]} runs at least one
 * @param {K} key
 */
export function best(runs, key, highest = false) {
  const [first, ...rest] = runs;
  if (first === undefined) throw new Error(`no round to pick the best ${key} from`);
  return rest.reduce((a, b) => ((highest ? b[key] > a[key] : b[key] < a[key]) ? b : a), first);
}

/**
 * The most frequent value, with its count: "value (n/total)".
 * @param {readonly (string | number)[]} list
 */
export function mostCommon(list) {
  /** @type {Map<string | number, number>} */
  const counts = new Map();
  for (const x of list) counts.set(x, (counts.get(x) ?? 0) + 1);
  const [value, n] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? ['–', 0];
  return `${value} (${n}/${list.length})`;
}

/**
 * `s[i]` for an index known to be inside the array.
 * @param {Float64Array} s
 * @param {number} i
 */
function at(s, i) {
  return /** @type {number} */ (s[i]);
}
