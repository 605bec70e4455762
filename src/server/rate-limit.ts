// Rate-limit budgets: per key (a client address, a unit), how many events fit in a window.
// The routes ask through the `RateLimiter` interface, whose answer is a Promise so that a
// budget kept outside the process (Redis, when a court runs more than one server) is an
// adapter; the embedded default keeps fixed windows in this process's memory. The key is a
// client address or a unit id: it lives only here, for the window, and is never logged.

export interface RateLimiter {
  /** Whether one more event for `key` fits; counts it when it does. */
  take(key: string): Promise<boolean>;
}

export function fixedWindowLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    async take(key) {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        counts = new Map();
      }
      const n = counts.get(key) ?? 0;
      if (n >= limit) return false;
      counts.set(key, n + 1);
      return true;
    },
  };
}

/** Token bucket for a stream of messages on one socket (the socket's own, in the process that holds it: synchronous). */
export function tokenBucket(ratePerSecond: number, burst: number, now: () => number = Date.now): () => boolean {
  let tokens = burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
