// The embedded rate-limit budgets: fixed windows per key in memory, asked through the
// Promise-returning RateLimiter interface the routes use (a shared store is an adapter).
import { describe, expect, it } from 'vitest';
import { fixedWindowLimiter, tokenBucket } from '../../src/server/rate-limit.js';
import { later } from '../later.js';

describe('fixedWindowLimiter', () => {
  it('lets `limit` events per key through in a window, then refuses until the next window', async () => {
    let t = 0;
    const limiter = fixedWindowLimiter(2, 1_000, () => t);
    expect([await limiter.take('a'), await limiter.take('a'), await limiter.take('a')]).toEqual([true, true, false]);
    expect(await limiter.take('b'), 'another key has its own budget').toBe(true);
    t = 999;
    expect(await limiter.take('a')).toBe(false);
    t = 1_000;
    expect([await limiter.take('a'), await limiter.take('a'), await limiter.take('a')]).toEqual([true, true, false]);
  });

  it('counts the same behind a store answering on a later macrotask, asked all at once', async () => {
    const limiter = later(fixedWindowLimiter(3, 60_000, () => 0));
    const answers = await Promise.all(Array.from({ length: 5 }, () => limiter.take('198.51.100.7')));
    expect(answers.filter(Boolean)).toHaveLength(3);
  });
});

describe('tokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let t = 0;
    const take = tokenBucket(10, 2, () => t);
    expect([take(), take(), take()]).toEqual([true, true, false]);
    t = 100;
    expect([take(), take()]).toEqual([true, false]);
  });
});
