// @ts-check
// Where the benchmark runs and the settings it reads from the environment, each with the
// value a full `npm run bench` uses when unset (smaller values make a quick smoke run).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root directory. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** What `npm run build` writes. */
export const dist = path.join(root, 'dist');
/** The browser sections B (through playwright-core) and the machine table use. */
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Where the report goes: BENCH_OUT (relative to the working directory), BENCHMARKS.md by default. */
export const outFile = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(root, 'BENCHMARKS.md');

/**
 * A positive whole number from the environment, `fallback` when unset; a value that is not
 * one stops the run rather than measuring something nobody asked for.
 * @param {string} name
 * @param {number} fallback
 */
export function envCount(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, not "${text}"`);
  return n;
}

/**
 * A comma-separated list of positive whole numbers from the environment, `fallback` when unset.
 * @param {string} name
 * @param {readonly number[]} fallback
 * @returns {readonly number[]}
 */
export function envCounts(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const list = text.split(',').map((part) => Number(part.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} must be whole numbers ≥ 1 separated by commas, not "${text}"`);
  return list;
}
