// The benchmark's shared library (scripts/bench/lib/) and the trace arithmetic of section B:
// plain JavaScript type-checked by scripts/tsconfig.bench.json. This suite (TypeScript,
// without allowJs) loads the modules by path and names only the functions it tests.
import { describe, expect, it, vi } from 'vitest';

const load = async <T>(file: string): Promise<T> => (await import(new URL(`../../scripts/bench/${file}`, import.meta.url).href)) as T;

interface Stats {
  median(values: Iterable<number>): number;
  percentile(values: Iterable<number>, p: number): number;
  interpolated(values: Iterable<number>, q: number): number;
  quantiles(values: Iterable<number>): number[];
  mean(values: readonly number[]): number;
  best<T>(runs: readonly T[], key: string, highest?: boolean): T;
  mostCommon(list: readonly (string | number)[]): string;
}
interface Format {
  fmtInt(n: number): string;
  fmtMs(n: number | undefined): string;
  fmt(n: number, digits?: number): string;
  fmtRatio(n: number): string;
  pct(x: number): string;
  table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string;
  replaceSection(report: string, letter: string, section: string): string;
}
interface Env {
  envCount(name: string, fallback: number): number;
  envCounts(name: string, fallback: readonly number[]): readonly number[];
}
type Interval = [number, number];
interface TraceModule {
  unionWithin(intervals: readonly Interval[], from: number, to: number): number;
  parseTrace(buffer: Buffer): unknown;
  analyzeLoad(trace: unknown, run: number, responseEnd: number): { busy: number; js: number; styleLayout: number; paint: number };
}

const stats = await load<Stats>('lib/stats.mjs');
const format = await load<Format>('lib/format.mjs');
const env = await load<Env>('lib/env.mjs');
const trace = await load<TraceModule>('status/trace.mjs');

describe('bench statistics', () => {
  it('median: the middle value, the mean of the two middle ones for an even count, NaN for none', () => {
    expect(stats.median([5, 1, 3])).toBe(3);
    expect(stats.median([4, 1, 3, 2])).toBe(2.5);
    expect(stats.median([])).toBeNaN();
  });

  it('percentile: nearest rank, numeric order (not text order)', () => {
    const values = [10, 9, 100, 2, 30, 7, 8, 1, 6, 5];
    expect(stats.percentile(values, 50)).toBe(7);
    expect(stats.percentile(values, 90)).toBe(30);
    expect(stats.percentile(values, 100)).toBe(100);
    expect(stats.percentile(values, 0)).toBe(1);
    expect(stats.percentile([], 50)).toBeNaN();
    expect(stats.quantiles(Array.from({ length: 100 }, (_, i) => 100 - i))).toEqual([50, 95, 99]);
  });

  it('interpolated quantile: between the two nearest values', () => {
    expect(stats.interpolated([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(stats.interpolated([40, 0, 10, 20, 30], 0.95)).toBeCloseTo(38);
    expect(stats.interpolated([7], 0.95)).toBe(7);
  });

  it('mean, best round (lowest or highest), most common value with its count', () => {
    expect(stats.mean([1, 2, 6])).toBe(3);
    const runs = [{ ms: 3, rate: 1 }, { ms: 1, rate: 9 }, { ms: 2, rate: 5 }];
    expect(stats.best(runs, 'ms')).toBe(runs[1]);
    expect(stats.best(runs, 'rate', true)).toBe(runs[1]);
    expect(stats.best([runs[0], runs[2]], 'rate', true)).toBe(runs[2]);
    expect(() => stats.best([], 'ms')).toThrow(/no round/);
    expect(stats.mostCommon(['a', 'b', 'b', 'c'])).toBe('b (2/4)');
    expect(stats.mostCommon([])).toBe('– (0/0)');
  });
});

describe('bench formatting', () => {
  it('numbers, ratios and shares; a dash for what was not measured', () => {
    expect(format.fmtInt(1234567.6)).toBe('1,234,568');
    expect(format.fmtInt(NaN)).toBe('–');
    expect(format.fmtMs(12.345)).toBe('12.3');
    expect(format.fmtMs(undefined)).toBe('–');
    expect(format.fmt(1.2345)).toBe('1.23');
    expect(format.fmt(Infinity)).toBe('–');
    expect(format.fmtRatio(1.5)).toBe('1.50×');
    expect(format.fmtRatio(1 / 0)).toBe('–');
    expect(format.pct(0.256)).toBe('26 %');
  });

  it('table: Markdown, the first column left-aligned unless told otherwise', () => {
    expect(format.table(['A', 'B'], [['x', '1']])).toBe('| A | B |\n| :-- | --: |\n| x | 1 |');
    expect(format.table(['A', 'B', 'C'], [], ['l', 'r', 'l'])).toBe('| A | B | C |\n| :-- | --: | :-- |');
  });

  it('replaceSection: only that section, up to the next level-two heading; appended when missing', () => {
    const report = '# Benchmarks\n\n## Summary\n\nx\n\n## A. Sizes\n\nold A\n\n### Budget\n\nb\n\n## B. Browser\n\nold B\n\n## C. Server\n\nold C\n';
    expect(format.replaceSection(report, 'A', '## A. Sizes\n\nnew A\n')).toBe('# Benchmarks\n\n## Summary\n\nx\n\n## A. Sizes\n\nnew A\n\n## B. Browser\n\nold B\n\n## C. Server\n\nold C\n');
    expect(format.replaceSection(report, 'C', '## C. Server\n\nnew C\n')).toBe(report.replace('old C', 'new C'));
    expect(format.replaceSection(report, 'D', '## D. Call\n\nd\n')).toBe(`${report}\n## D. Call\n\nd\n`);
    expect(format.replaceSection('## A. Sizes\n\nold\n\n## B. x\n', 'A', '## A. Sizes\n\nnew\n')).toBe('## A. Sizes\n\nnew\n\n## B. x\n');
  });
});

describe('bench environment knobs', () => {
  it('a whole number ≥ 1 or the default; anything else stops the run', () => {
    vi.stubEnv('BENCH_TEST_KNOB', '');
    expect(env.envCount('BENCH_TEST_KNOB', 20)).toBe(20);
    vi.stubEnv('BENCH_TEST_KNOB', '3');
    expect(env.envCount('BENCH_TEST_KNOB', 20)).toBe(3);
    vi.stubEnv('BENCH_TEST_KNOB', '0');
    expect(() => env.envCount('BENCH_TEST_KNOB', 20)).toThrow(/BENCH_TEST_KNOB/);
    vi.stubEnv('BENCH_TEST_KNOB', '1000, 5000');
    expect(env.envCounts('BENCH_TEST_KNOB', [1])).toEqual([1000, 5000]);
    vi.stubEnv('BENCH_TEST_KNOB', '1000,x');
    expect(() => env.envCounts('BENCH_TEST_KNOB', [1])).toThrow(/BENCH_TEST_KNOB/);
    vi.unstubAllEnvs();
  });
});

describe('bench trace arithmetic (section B)', () => {
  it('unionWithin: overlapping intervals count once, clipped to the window', () => {
    expect(trace.unionWithin([[0, 10], [5, 15], [20, 30]], 0, 100)).toBe(25);
    expect(trace.unionWithin([[0, 10], [5, 15], [20, 30]], 8, 25)).toBe(12);
    expect(trace.unionWithin([[40, 50]], 0, 30)).toBe(0);
  });

  it('analyzeLoad: busy, JS, style + layout and paint on the marked thread inside responseEnd → end mark', () => {
    const nav = { name: 'navigationStart', cat: 'blink.user_timing', ph: 'R', ts: 1_000_000, pid: 1, tid: 7, args: { data: { navigationId: 'n' } } };
    const events = [
      nav,
      // Before responseEnd (page clock 10 ms = trace 1 010 000 µs): left out.
      { name: 'EvaluateScript', ph: 'X', ts: 1_000_000, dur: 5_000, pid: 1, tid: 7 },
      { name: 'RunTask', ph: 'X', ts: 1_012_000, dur: 10_000, pid: 1, tid: 7 },
      { name: 'EvaluateScript', ph: 'X', ts: 1_013_000, dur: 4_000, pid: 1, tid: 7 },
      { name: 'Layout', ph: 'B', ts: 1_030_000, pid: 1, tid: 7 },
      { ph: 'E', ts: 1_032_000, pid: 1, tid: 7 },
      { name: 'Paint', ph: 'X', ts: 1_039_000, dur: 3_000, pid: 1, tid: 7 },
      // Another thread: left out.
      { name: 'RunTask', ph: 'X', ts: 1_012_000, dur: 20_000, pid: 2, tid: 7 },
      { name: 'bench-end-4', cat: 'blink.user_timing', ph: 'R', ts: 1_040_000, pid: 1, tid: 7, args: { data: { navigationId: 'n', startTime: 40 } } },
    ];
    const parsed = trace.parseTrace(Buffer.from(JSON.stringify({ traceEvents: events })));
    expect(trace.analyzeLoad(parsed, 4, 10)).toEqual({ busy: 13, js: 4, styleLayout: 2, paint: 1 });
    expect(() => trace.analyzeLoad(parsed, 5, 10)).toThrow(/bench-end-5/);
  });
});
