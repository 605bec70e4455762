// Written messages that did not reach the unit (README, "Messages"): the server marks a
// permanent failure dead and lists it, with a message still pending after an hour, for the
// unit's staff (`GET /api/units/:id/messages/undelivered`, the clerk's token in the
// Authorization header, never in the URL). Fetched at sign-in, every 5 minutes and when the
// tab is shown again; a dead one is "resolved" with `POST …/:protocol/acknowledge`, after
// which the server erases its content. The content lives in memory only: never logged,
// stored, put in an event or announced (announcements carry the protocol alone).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { parseUndelivered, type UndeliveredMessage } from '../core/protocol/http.js';
import { SHOWN, onPageWake } from '../ui/page-wake.js';
import { FETCH_TIMEOUT_MS, unitUrl } from '../ui/server-api.js';

export const UNDELIVERED_REFRESH_MS = 5 * 60_000;

/** Whether the server gave up on the message (it can be resolved). */
export const isDead = (m: UndeliveredMessage): boolean => m.reasons.some((r) => r.status === 'dead');

interface Target {
  readonly server: URL;
  readonly unit: string;
  readonly token: string;
}

/**
 * Keeps the unit's undelivered messages: fetches them while started and the host is on the
 * page, and resolves dead ones. `tell` announces (words without content) and names where
 * the focus goes next.
 */
export class UndeliveredController implements ReactiveController {
  messages: readonly UndeliveredMessage[] = [];
  /** The last fetch failed: a quiet note, and the next one tries again. */
  failed = false;
  /** The message whose "Marcar como resolvida" awaits its confirmation. */
  confirming: string | undefined;
  /** The message being acknowledged now. */
  acknowledging: string | undefined;
  /** The message whose acknowledgement failed (kept, with an error). */
  ackFailed: string | undefined;

  private target: Target | undefined;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners: AbortController | undefined;
  /** Cancels the requests in flight: on stop, and when the host leaves the page. */
  private requests = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly tell: (words: string, focus: string | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.listeners = new AbortController();
    onPageWake(() => this.refresh(), this.listeners.signal, SHOWN);
    if (this.started) this.refresh();
  }

  hostDisconnected(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.cancel();
  }

  /** The server, unit and token signed in with; nothing is fetched until `start`. */
  use(server: URL, unit: string, token: string): void {
    this.stop();
    this.target = { server, unit, token };
  }

  /** Signed in: fetches now and every 5 minutes. */
  start(): void {
    if (!this.target || this.started) return;
    this.started = true;
    this.refresh();
  }

  /** Signed out (or refused): forgets the token and the messages. */
  stop(): void {
    this.cancel();
    this.started = false;
    this.target = undefined;
    this.messages = [];
    this.failed = false;
    this.confirming = this.acknowledging = this.ackFailed = undefined;
    this.host.requestUpdate();
  }

  private cancel(): void {
    this.requests.abort();
    this.requests = new AbortController();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private request(url: URL, method: 'GET' | 'POST', token: string): Promise<Response> {
    return fetch(url, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.any([this.requests.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
  }

  /** Fetches the list now, and again in 5 minutes. */
  refresh(): void {
    const target = this.target;
    if (!this.started || !target || !this.listeners) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), UNDELIVERED_REFRESH_MS);
    const { signal } = this.requests;
    void this.fetchList(target).then((list) => {
      if (signal.aborted || target !== this.target) return;
      // Nothing to show before, nothing now: no update (the usual case).
      if (list?.length === 0 && this.messages.length === 0 && !this.failed) return;
      // A 401/403 is a quiet note too: the clerk socket says when the token is refused.
      this.failed = list === undefined;
      if (list) {
        this.messages = list;
        if (this.confirming && !list.some((m) => m.protocol === this.confirming)) this.confirming = undefined;
      }
      this.host.requestUpdate();
    });
  }

  private async fetchList(target: Target): Promise<UndeliveredMessage[] | undefined> {
    try {
      const response = await this.request(unitUrl(target.server, target.unit, '/messages/undelivered'), 'GET', target.token);
      return response.ok ? parseUndelivered(await response.json()) : undefined;
    } catch {
      return undefined;
    }
  }

  /** "Marcar como resolvida": asks for a confirmation first. */
  askToResolve(protocol: string): void {
    this.confirming = protocol;
    this.ackFailed = undefined;
    this.host.requestUpdate();
    this.tell('', `#confirm-${protocol}`);
  }

  cancelResolve(protocol: string): void {
    this.confirming = undefined;
    this.host.requestUpdate();
    this.tell('', `#resolve-${protocol}`);
  }

  /** Confirmed: the server acknowledges (and erases the content); the message leaves the list. */
  async resolve(protocol: string): Promise<void> {
    const target = this.target;
    if (!target || this.acknowledging) return;
    this.acknowledging = protocol;
    this.host.requestUpdate();
    const { signal } = this.requests;
    let ok = false;
    try {
      const path = `/messages/${encodeURIComponent(protocol)}/acknowledge`;
      ok = (await this.request(unitUrl(target.server, target.unit, path), 'POST', target.token)).status === 204;
    } catch {
      ok = false;
    }
    if (signal.aborted || target !== this.target) return;
    this.acknowledging = undefined;
    this.confirming = undefined;
    if (ok) {
      // The dead e-mails are resolved; one still being retried keeps the message listed.
      this.messages = this.messages.flatMap((m) => {
        if (m.protocol !== protocol) return [m];
        const reasons = m.reasons.filter((r) => r.status !== 'dead');
        return reasons.length > 0 ? [{ ...m, reasons }] : [];
      });
      this.tell(msg(str`Mensagem ${protocol} marcada como resolvida.`), this.messages.length > 0 ? '#undelivered-heading' : '#attendance-heading');
    } else {
      this.ackFailed = protocol;
      this.tell(ackFailedWords(protocol), `#resolve-${protocol}`);
    }
    this.host.requestUpdate();
  }
}

export function ackFailedWords(protocol: string): string {
  return msg(str`Não foi possível marcar a mensagem ${protocol} como resolvida. Ela continua na lista; tente de novo em instantes.`);
}
