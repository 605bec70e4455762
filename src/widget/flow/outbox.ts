// The written channel's outbox: no message is ever lost. IndexedDB through idb-keyval, in a
// database of its own ('balcao-virtual-mensagens', store 'outbox': idb-keyval cannot add a
// store to the units' database). It holds, per unit and server, the draft being typed
// (saved while typing, so a reload or a crash keeps it) and each message sent, with its
// client-made idempotency key, from BEFORE the POST until the server confirmed it with a
// valid receipt. Pending messages are sent again when the connection returns, with a backoff
// on repeated failures, and on the next visit (the status element only reads OUTBOX_FLAG, a
// count in localStorage, and loads this module when it is set).
//
// Personal data lives here by nature (the citizen writes to be answered): it goes to the
// unit's server and nowhere else: never to a log, an event or the console.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { parseMessageReceipt, type MessageField, type MessageReceipt, type MessageSubmission } from '../../core/protocol/written-message.js';
import { ONLINE, onPageWake } from '../../ui/page-wake.js';
import { FETCH_TIMEOUT_MS, unitUrl } from '../../ui/server-api.js';

/** localStorage key: how many messages wait in the outbox (absent when none). Holds no personal data. */
export const OUTBOX_FLAG = 'balcao-virtual:outbox';

const DRAFT_PREFIX = 'draft:';
const ENTRY_PREFIX = 'message:';

/** A message waiting for the server's receipt. */
export interface OutboxEntry {
  /** The idempotency key, also the submission's. */
  readonly key: string;
  readonly unit: string;
  /** The server's base URL (href). */
  readonly server: string;
  readonly submission: MessageSubmission;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Failed attempts so far (the backoff grows with them). */
  readonly attempts: number;
  /** Epoch ms before which it is not sent again on its own (Retry-After, backoff). */
  readonly notBefore?: number;
}

/** What the citizen is typing, as typed. */
export interface MessageDraft {
  name: string;
  email: string;
  phone: string;
  caseNumber: string;
  subject: MessageSubmission['subject'] | '';
  text: string;
  consent: boolean;
}

export function emptyMessageDraft(): MessageDraft {
  return { name: '', email: '', phone: '', caseNumber: '', subject: '', text: '', consent: false };
}

let store: UseStore | undefined;

function outboxStore(): UseStore {
  store ??= createStore('balcao-virtual-mensagens', 'outbox');
  return store;
}

function draftKey(server: URL | string, unit: string): string {
  return `${DRAFT_PREFIX}${String(server)}|${unit}`;
}

function isDraft(value: unknown): value is MessageDraft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return ['name', 'email', 'phone', 'caseNumber', 'subject', 'text'].every((k) => typeof d[k] === 'string') && typeof d.consent === 'boolean';
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.key === 'string' && typeof e.unit === 'string' && typeof e.server === 'string' && typeof e.submission === 'object' && typeof e.attempts === 'number';
}

/**
 * How long an abandoned draft is kept: on a shared computer (a library, a lan house) the next
 * person must not find it for long. A message sent is kept until confirmed, however long.
 */
export const DRAFT_TTL_MS = 7 * 24 * 3_600_000;

interface SavedDraft {
  readonly draft: MessageDraft;
  /** Epoch ms. */
  readonly savedAt: number;
}

/** The draft kept for a unit, if any and not older than DRAFT_TTL_MS; undefined when IndexedDB is unavailable. */
export async function readDraft(server: URL, unit: string): Promise<MessageDraft | undefined> {
  try {
    const value = (await get<unknown>(draftKey(server, unit), outboxStore())) as Partial<SavedDraft> | undefined;
    if (!value || typeof value.savedAt !== 'number' || !isDraft(value.draft)) return undefined;
    if (Date.now() - value.savedAt > DRAFT_TTL_MS) {
      await clearDraft(server, unit);
      return undefined;
    }
    return value.draft;
  } catch {
    return undefined;
  }
}

export async function saveDraft(server: URL, unit: string, draft: MessageDraft): Promise<void> {
  try {
    const saved: SavedDraft = { draft, savedAt: Date.now() };
    await set(draftKey(server, unit), saved, outboxStore());
  } catch {
    // Private browsing or a full disk: the form still works, only a reload loses the text.
  }
}

export async function clearDraft(server: URL, unit: string): Promise<void> {
  try {
    await del(draftKey(server, unit), outboxStore());
  } catch {
    // Nothing to do.
  }
}

/** Every message waiting for its receipt, oldest first. */
export async function pendingMessages(): Promise<OutboxEntry[]> {
  try {
    // The store's own getAll over the messages' keys (idb-keyval's `entries` would add a cursor
    // helper to the initial chunk, where idb-keyval lives for the units' cache).
    const range = IDBKeyRange.bound(ENTRY_PREFIX, `${ENTRY_PREFIX}\uffff`);
    const all = await outboxStore()('readonly', (s) => request<unknown[]>(s.getAll(range)));
    return all
      .filter(isEntry)
      .sort((a, b) => a.createdAt - b.createdAt);
  } catch {
    return [];
  }
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Keeps a message until its receipt; false when this device can't keep it (it is still sent). */
export async function keepMessage(entry: OutboxEntry): Promise<boolean> {
  try {
    await set(ENTRY_PREFIX + entry.key, entry, outboxStore());
    await updateFlag();
    return true;
  } catch {
    return false;
  }
}

export async function forgetMessage(key: string): Promise<void> {
  try {
    await del(ENTRY_PREFIX + key, outboxStore());
    await updateFlag();
  } catch {
    // Nothing to do: an unreadable store can't send it again either.
  }
}

async function stillKept(key: string): Promise<boolean> {
  try {
    return isEntry(await get(ENTRY_PREFIX + key, outboxStore()));
  } catch {
    return true;
  }
}

async function updateFlag(): Promise<void> {
  const count = (await pendingMessages()).length;
  try {
    if (count > 0) localStorage.setItem(OUTBOX_FLAG, String(count));
    else localStorage.removeItem(OUTBOX_FLAG);
  } catch {
    // Storage blocked: the outbox is still sent when the form is opened.
  }
}

// ── Sending ──────────────────────────────────────────────────────────────────

/** How one attempt ended. */
export type SendResult =
  | { readonly kind: 'sent'; readonly receipt: MessageReceipt }
  /** Not sent, still in the outbox: no connection, the server failing or busy. `retryAfter` in ms. */
  | { readonly kind: 'saved'; readonly retryAfter?: number }
  /** Refused for good (the outbox entry is dropped; the form keeps the text). */
  | { readonly kind: 'refused'; readonly code: string; readonly field?: MessageField }
  /** No longer in the outbox (another sender had it confirmed meanwhile): not sent again. */
  | { readonly kind: 'gone' };

/** Backoff after `attempts` failures: 15 s, 30 s, 1 min… up to 15 min. */
export function backoffMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

const inFlight = new Map<string, Promise<SendResult>>();

/**
 * Sends one kept message (once at a time per key, whoever asks: the form, the background
 * sender of another element on the page). Removes it from the outbox only after a valid
 * receipt; refused for good, it is dropped too (the form still holds the text).
 */
export function sendMessage(entry: OutboxEntry, ifKept = false): Promise<SendResult> {
  const running = inFlight.get(entry.key);
  if (running) return running;
  const sending = send(entry, ifKept).finally(() => inFlight.delete(entry.key));
  inFlight.set(entry.key, sending);
  return sending;
}

async function send(entry: OutboxEntry, ifKept: boolean): Promise<SendResult> {
  // The background's list may be older than another sender's success: not posted twice.
  if (ifKept && !(await stillKept(entry.key))) return { kind: 'gone' };
  const result = await post(entry);
  if (result.kind === 'gone') return result;
  if (result.kind === 'saved') {
    const attempts = entry.attempts + 1;
    const wait = Math.max(result.retryAfter ?? 0, backoffMs(attempts));
    if (await stillKept(entry.key)) await keepMessage({ ...entry, attempts, notBefore: Date.now() + wait });
    return { kind: 'saved', retryAfter: wait };
  }
  await forgetMessage(entry.key);
  return result;
}

async function post(entry: OutboxEntry): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(unitUrl(new URL(entry.server), entry.unit, '/messages'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(entry.submission),
      credentials: 'omit',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'saved' };
  }
  if (response.status === 200 || response.status === 201) {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    const receipt = parseMessageReceipt(json);
    // A 2xx without a valid receipt (a proxy's page, say): not confirmed, so kept and sent again.
    return receipt ? { kind: 'sent', receipt } : { kind: 'saved' };
  }
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  if (response.status === 429 || response.status >= 500) return { kind: 'saved', ...(retryAfter === undefined ? {} : { retryAfter }) };
  let code = `http_${response.status}`;
  let field: MessageField | undefined;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; field?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.field === 'string') field = body.error.field as MessageField;
  } catch {
    // The status says enough.
  }
  if (response.status === 413) code = 'too_large';
  return { kind: 'refused', code, ...(field ? { field } : {}) };
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Sends the outbox in the background while its host is on the page: at once, when the
 * connection returns (`online`) and after each message's backoff. Stops with the host.
 * `onResult` hears how each attempt ended (the form shows its own message's receipt).
 */
export class OutboxSender implements ReactiveController {
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onResult: (entry: OutboxEntry, result: SendResult) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    onPageWake(() => void this.flush(true), abort.signal, ONLINE);
    void this.flush(false);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sends what is due now (everything when `all`: the connection just returned). */
  async flush(all: boolean): Promise<void> {
    const signal = this.abort?.signal;
    if (!signal || signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    let nextAt = Infinity;
    for (const entry of await pendingMessages()) {
      if (signal.aborted) return;
      if (!all && entry.notBefore !== undefined && entry.notBefore > Date.now()) {
        nextAt = Math.min(nextAt, entry.notBefore);
        continue;
      }
      const result = await sendMessage(entry, true);
      if (signal.aborted) return;
      this.onResult(entry, result);
      if (result.kind === 'saved') nextAt = Math.min(nextAt, Date.now() + (result.retryAfter ?? backoffMs(entry.attempts + 1)));
    }
    if (nextAt !== Infinity && !signal.aborted) this.timer = setTimeout(() => void this.flush(false), Math.max(1000, nextAt - Date.now()));
  }
}

const senders = new WeakSet<ReactiveControllerHost>();

/** For the status element on a later visit: sends the messages left in the outbox, in the background, while it is on the page. */
export function keepSending(host: ReactiveControllerHost): void {
  if (senders.has(host)) return;
  senders.add(host);
  new OutboxSender(host);
}
