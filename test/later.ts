// A store double for the rules above a store: the same store behind an asynchronous
// boundary, as a networked one (PostgreSQL, Redis) would be. Each call runs on a later
// macrotask and its result (or error) arrives on another, so a rule that assumed a store
// answers at once, or held state across an `await`, fails its tests. It adds no rule of its
// own: what the store does is the real store's.

type Later<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : T[K] };

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Wraps every method of `store` (each must return a Promise) to run and answer on later macrotasks. */
export function later<T extends object>(store: T): Later<T> {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]): Promise<unknown> => {
        await macrotask();
        try {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          await macrotask();
          return result;
        } catch (error) {
          await macrotask();
          throw error;
        }
      };
    },
  }) as Later<T>;
}
