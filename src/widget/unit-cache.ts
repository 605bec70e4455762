// The last good configuration of each unit, kept on this device so the status still shows
// when the court's server can't be reached. IndexedDB through idb-keyval, in a database of
// its own ('balcao-virtual'), never the page's default store. Holds no personal data.

import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export interface CachedUnit {
  /** The unit JSON exactly as the server sent it (validated again when read). */
  readonly json: unknown;
  /** When it was received, epoch ms. */
  readonly savedAt: number;
}

let store: UseStore | undefined;

function unitStore(): UseStore {
  store ??= createStore('balcao-virtual', 'units');
  return store;
}

function isCachedUnit(value: unknown): value is CachedUnit {
  return typeof value === 'object' && value !== null && 'json' in value && typeof (value as CachedUnit).savedAt === 'number';
}

/** Reads a unit; resolves undefined when absent or when IndexedDB is unavailable. */
export async function readCachedUnit(key: string): Promise<CachedUnit | undefined> {
  try {
    const value: unknown = await get(key, unitStore());
    return isCachedUnit(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCachedUnit(key: string, entry: CachedUnit): Promise<void> {
  try {
    await set(key, entry, unitStore());
  } catch {
    // Private browsing or a full disk: the status still shows, only offline use is lost.
  }
}

export async function deleteCachedUnit(key: string): Promise<void> {
  try {
    await del(key, unitStore());
  } catch {
    // Nothing to do: an unreadable store cannot serve stale data either.
  }
}
