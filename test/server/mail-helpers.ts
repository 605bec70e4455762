// Servers with the written channel wired to an in-process SMTP sink, and what the tests read
// back: the outbox file, decoded headers and bodies, the structured logs.

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseUnits } from '../../src/core/index.js';
import type { ServerConfig } from '../../src/server/config.js';
import { memoryLogger } from '../../src/server/logger.js';
import { SqliteOutbox, type Outbox } from '../../src/server/mail/outbox.js';
import type { MailTiming } from '../../src/server/mail/worker.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';
import type { UnitDirectory } from '../../src/server/units.js';
import { later } from '../later.js';
import { testConfig, unitsJson } from './helpers.js';

export const MAIL_FROM = 'balcao@tjrn.jus.br';
export const UNIT = 'vara-civel-natal';
export const UNIT_EMAIL = 'vara@tjrn.jus.br';
export const VALID_CNJ = '0000001-42.2026.8.20.0001';

/** Short timings: retries within tens of milliseconds, a send timing out after 1 s. */
export const FAST: Partial<MailTiming> = { pollMs: 25, leaseMs: 3_000, retryBaseMs: 40, retryMaxMs: 150 };
export const SMTP_TIMEOUT_MS = 1_000;

export function testUnits(): UnitDirectory {
  const json = [
    ...unitsJson,
    { id: 'juizado-sem-email', name: 'Juizado Especial sem e-mail', timezone: 'America/Fortaleza', hours: { mon: [['08:00', '14:00']] } },
    { id: 'vara-familia', name: 'Vara de Família', timezone: 'America/Fortaleza', hours: { mon: [['08:00', '14:00']] }, email: 'familia@tjrn.jus.br', replyDeadlineHours: 24 },
  ];
  return new Map(parseUnits(json).map((u) => [u.id, u]));
}

/**
 * The outbox stores the rules (routes, worker) are tested against: SQLite itself, and SQLite
 * behind a later macrotask (test/later.ts), as a networked store would answer.
 */
export const OUTBOX_STORES = ['sqlite', 'later'] as const;
export type OutboxStore = (typeof OUTBOX_STORES)[number];

/** Opens the outbox file as `store`. */
export function openOutbox(file: string, store: OutboxStore): Outbox {
  const sqlite = new SqliteOutbox({ file });
  return store === 'later' ? later(sqlite) : sqlite;
}

let serverStore: OutboxStore = 'sqlite';
const opened: Outbox[] = [];

/** The store the next servers get (when a test gives none); `closeOutboxes()` closes those opened. */
export function useOutboxStore(store: OutboxStore): void {
  serverStore = store;
}

export async function closeOutboxes(): Promise<void> {
  for (const box of opened.splice(0)) await box.close();
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'balcao-mail-'));
}

export interface MailServer {
  readonly server: BalcaoServer;
  readonly url: URL;
  readonly logs: string[];
  readonly dataDir: string;
}

export async function startMailServer(
  options: {
    smtpPort?: number;
    dataDir?: string;
    config?: Partial<ServerConfig>;
    outbox?: Outbox;
    onMailFile?: (file: string) => void;
    pendingAlertMs?: number;
  } = {},
): Promise<MailServer> {
  const dataDir = options.dataDir ?? freshDataDir();
  const logger = memoryLogger();
  let outbox = options.outbox;
  if (!outbox && serverStore !== 'sqlite') {
    outbox = openOutbox(path.join(dataDir, 'outbox.sqlite'), serverStore);
    opened.push(outbox);
  }
  const config = testConfig({
    dataDir,
    ...(options.smtpPort === undefined
      ? {}
      : { mail: { transport: { kind: 'smtp', host: '127.0.0.1', port: options.smtpPort, secure: false, timeoutMs: SMTP_TIMEOUT_MS }, from: MAIL_FROM } }),
    ...options.config,
  });
  const server = createServer(config, {
    units: testUnits(),
    logger,
    mailTiming: FAST,
    ...(outbox ? { outbox } : {}),
    ...(options.onMailFile ? { onMailFile: options.onMailFile } : {}),
    ...(options.pendingAlertMs === undefined ? {} : { pendingAlertMs: options.pendingAlertMs }),
  });
  const url = await server.start();
  return { server, url, logs: logger.lines, dataDir };
}

export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    name: 'Maria Aparecida Quitéria',
    email: 'maria.quiteria@example.com',
    phone: '(84) 99876-5432',
    caseNumber: VALID_CNJ,
    subject: 'case-info',
    text: 'Gostaria de saber se o alvará do meu processo já foi expedido.',
    consent: true,
    ...overrides,
  };
}

export function postMessage(url: URL, body: unknown, unit = UNIT, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(`api/units/${unit}/messages`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export type ErrorBody = { error: { code: string; message: string; field?: string; problem?: string } };

/** Parsed JSON log lines. */
export function events(logs: readonly string[], event?: string): Record<string, unknown>[] {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => event === undefined || l.event === event);
}

/** Resolves once `count` log lines of `event` were written (polls the in-memory log). */
export async function waitForEvent(logs: readonly string[], event: string, count = 1, timeoutMs = 5_000): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events(logs, event);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length} of ${count} "${event}" events after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The outbox file, read-only, for assertions on what is stored. */
export function readOutbox<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'outbox.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A header's value with RFC 2047 encoded words decoded (unfolded). */
export function headerValue(header: string, name: string): string | undefined {
  const unfolded = header.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQ(text.replace(/_/g, ' ')),
    );
}

function decodeQ(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The body of a single-part message, quoted-printable decoded. */
export function bodyText(raw: string): string {
  const start = raw.indexOf('\r\n\r\n');
  const body = raw.slice(start + 4).replace(/=\r\n/g, '');
  return decodeQ(body).replace(/\r\n/g, '\n');
}
