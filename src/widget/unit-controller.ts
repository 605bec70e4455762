// Loads a unit's configuration: from this device's saved copy at once, then from the
// court's server. Owns the fetch, the retry when the connection returns, and the cache.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseUnit, type Unit } from '../core/unit.js';
import { ONLINE, onPageWake } from '../ui/page-wake.js';
import { getJson, unitUrl } from '../ui/server-api.js';
import { deleteCachedUnit, readCachedUnit, writeCachedUnit } from './unit-cache.js';

export type UnitProblem =
  /** The server answered that the unit does not exist. */
  | 'unknown-unit'
  /** The server answered something that is not a valid unit. */
  | 'bad-answer'
  /** The server could not be reached (offline, DNS, timeout, CORS). */
  | 'offline'
  /** The page did not say which unit (no `unidade` attribute). */
  | 'no-unit';

export type UnitState =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'ready';
      readonly unit: Unit;
      /** Present when the unit comes from the saved copy because the server failed. */
      readonly stale?: { readonly savedAt: number; readonly problem: UnitProblem };
      /** Whether the server has not answered yet (showing the saved copy meanwhile). */
      readonly refreshing: boolean;
    }
  | { readonly kind: 'failed'; readonly problem: UnitProblem };

export interface UnitSource {
  /** Base URL of the Balcão Virtual server, or undefined when unknown. */
  readonly server: URL | undefined;
  readonly unitId: string;
}

export class UnitController implements ReactiveController {
  state: UnitState = { kind: 'loading' };
  private abort: AbortController | undefined;
  private source: UnitSource | undefined;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.source) this.load(this.source);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  /** Starts (or restarts) loading a unit. Safe to call while a load is running. */
  load(source: UnitSource): void {
    this.source = source;
    this.abort?.abort();
    if (!source.unitId || !source.server) {
      this.setState({ kind: 'failed', problem: 'no-unit' });
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    if (this.state.kind !== 'ready' || this.state.unit.id !== source.unitId) this.setState({ kind: 'loading' });
    onPageWake(() => this.retry(), abort.signal, ONLINE);
    void this.run(source.server, source.unitId, abort.signal);
  }

  /** Loads again the same unit (a "Tentar de novo" button, or the connection returning). */
  retry(): void {
    if (this.source) this.load(this.source);
  }

  private async run(server: URL, unitId: string, signal: AbortSignal): Promise<void> {
    const url = unitUrl(server, unitId);
    const key = `${url.origin}${url.pathname}`;
    const cachedPromise = readCachedUnit(key).then((entry) => {
      if (!entry || signal.aborted) return undefined;
      try {
        const unit = parseUnit(entry.json);
        if (unit.id !== unitId) return undefined;
        if (this.state.kind === 'loading') this.setState({ kind: 'ready', unit, refreshing: true });
        return { unit, savedAt: entry.savedAt };
      } catch {
        return undefined;
      }
    });

    const result = await fetchUnit(url, unitId, signal);
    if (signal.aborted) return;
    if (result.ok) {
      this.setState({ kind: 'ready', unit: result.unit, refreshing: false });
      await writeCachedUnit(key, { json: result.json, savedAt: Date.now() });
      return;
    }
    if (result.problem === 'unknown-unit') {
      await deleteCachedUnit(key);
      if (!signal.aborted) this.setState({ kind: 'failed', problem: 'unknown-unit' });
      return;
    }
    const cached = await cachedPromise;
    if (signal.aborted) return;
    this.setState(
      cached
        ? { kind: 'ready', unit: cached.unit, refreshing: false, stale: { savedAt: cached.savedAt, problem: result.problem } }
        : { kind: 'failed', problem: result.problem },
    );
  }

  private setState(state: UnitState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

type FetchResult = { ok: true; unit: Unit; json: unknown } | { ok: false; problem: Exclude<UnitProblem, 'no-unit'> };

async function fetchUnit(url: URL, unitId: string, signal: AbortSignal): Promise<FetchResult> {
  const answer = await getJson(url, signal);
  switch (answer.kind) {
    case 'unreachable':
      return { ok: false, problem: 'offline' };
    case 'not-json':
      return { ok: false, problem: 'bad-answer' };
    case 'status':
      if (answer.status === 404) return { ok: false, problem: 'unknown-unit' };
      // A gateway that can't reach the server is the same, for the citizen, as no connection.
      return { ok: false, problem: [502, 503, 504].includes(answer.status) ? 'offline' : 'bad-answer' };
    case 'json':
      try {
        const unit = parseUnit(answer.json);
        return unit.id === unitId ? { ok: true, unit, json: answer.json } : { ok: false, problem: 'bad-answer' };
      } catch {
        return { ok: false, problem: 'bad-answer' };
      }
  }
}
