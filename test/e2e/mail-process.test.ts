// The written channel's durability across a crash, with the built server as a process
// (`node dist/node/server/main.js`, what `npm start` runs) configured by SMTP_URL and
// MAIL_FROM: a message is stored and answered (201, protocol) while the SMTP server is down,
// the process is SIGKILLed (no shutdown, no lease given back), the SMTP server comes up, and
// a new process on the same data directory delivers the message to the unit's mailbox and the
// copy to the citizen, each exactly once.
//
// The processes run with the worker's default timings (DEFAULT_MAIL_TIMING; neither a flag
// nor an environment variable shortens them), so the failed first attempt is due again 15 to
// 30 s later (30 s base, "equal jitter"). The new process runs 40 s ahead of the machine's
// clock (libfaketime, as if restarted that much later): the attempt is due at once, and it
// is picked up at the process's first poll (every 2 s).
//
// Run: `npm run build && npx vitest run test/e2e/mail-process.test.ts` (part of `npm test`).

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyText, headerValue, readOutbox } from '../server/mail-helpers.js';
import { freePort, startSmtpSink, type SmtpSink } from '../server/smtp-sink.js';
import { startBuiltServer, type Running } from './harness/built-server.js';
import { EVERY_DAY } from './harness/units.js';

const UNIT = 'vara-civel-processo';
const UNIT_EMAIL = 'vara.civel@tribunal.example.jus.br';
const MAIL_FROM = 'balcao@tribunal.example.jus.br';
const UNITS = [{ id: UNIT, name: 'Vara Cível (teste do processo)', timezone: 'America/Fortaleza', hours: EVERY_DAY, holidays: 'none', email: UNIT_EMAIL }];

const MESSAGE = {
  idempotencyKey: '5b0f3c52-8d7e-4a51-9c1a-3f2e6d4b7a90',
  name: 'Severino Araújo Filho',
  email: 'severino.filho@cidadao.example.com',
  phone: '(84) 98888-7777',
  caseNumber: '0000001-42.2026.8.20.0001',
  subject: 'case-info',
  text: 'Solicito informação sobre a audiência marcada.\nAté logo.',
  consent: true,
} as const;

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Seconds the restarted process's clock runs ahead: past the latest a retry can be due (30 s). */
const RESTARTED_LATER = 40;

function startProcess(dataDir: string, unitsFile: string, smtpPort: number, clockAheadSeconds?: number): Promise<Running> {
  const args = ['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--units', unitsFile, '--no-demo'];
  return startBuiltServer(args, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM }, children, { clockAheadSeconds });
}

/** The process's JSON log lines of `event`. */
function logged(running: Running, event: string): Record<string, unknown>[] {
  return running
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event);
}

/** Polls the process's log until `count` lines of `event` (about `protocol`) were written. */
async function untilLogged(running: Running, event: string, protocol: string, count: number, timeoutMs: number): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logged(running, event).filter((e) => e.protocol === protocol);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length} of ${count} "${event}" for ${protocol} after ${timeoutMs} ms; the log:\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface DeliveryRow {
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
}

function deliveries(dataDir: string, protocol: string): DeliveryRow[] {
  return readOutbox(dataDir, (db) =>
    db.prepare('SELECT kind, status, attempts, next_attempt_at, lease_owner FROM deliveries WHERE protocol = ? ORDER BY kind').all(protocol),
  ) as DeliveryRow[];
}

describe('the written channel across a crash', () => {
  it('delivers a message stored before a SIGKILL, after the restart, exactly once to the unit and once to the citizen', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'balcao-mail-proc-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const unitsFile = path.join(dir, 'units.json');
    writeFileSync(unitsFile, JSON.stringify(UNITS));
    // The SMTP server's port, with nothing listening on it yet: the SMTP server is down.
    const smtpPort = await freePort();

    const first = await startProcess(dataDir, unitsFile, smtpPort);
    const res = await fetch(new URL(`api/units/${UNIT}/messages`, first.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MESSAGE),
    });
    expect(res.status).toBe(201);
    const { protocol } = (await res.json()) as { protocol: string };
    expect(protocol).toMatch(/^BV-\d{4}-\d{6}$/);

    // The first process tried both e-mails at once and could not connect: not delivered, due again later.
    const retries = await untilLogged(first, 'mail_retry', protocol, 2, 10_000);
    expect(retries.map((e) => e.recipient).sort()).toEqual(['copy', 'unit']);
    expect(logged(first, 'mail_sent')).toEqual([]);
    const beforeKill = deliveries(dataDir, protocol);
    expect(beforeKill.map(({ kind, status, attempts, lease_owner }) => ({ kind, status, attempts, lease_owner }))).toEqual([
      { kind: 'copy', status: 'pending', attempts: 1, lease_owner: null },
      { kind: 'unit', status: 'pending', attempts: 1, lease_owner: null },
    ]);

    // Killed: no SIGTERM handler runs, nothing is flushed or given back.
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // The SMTP server comes up on that port; a new process on the same data directory.
    const sink: SmtpSink = await startSmtpSink(smtpPort);
    cleanups.push(() => sink.close());
    const dueIn = Math.max(...beforeKill.map((d) => d.next_attempt_at)) - Date.now();
    // Not due yet on the machine's clock (15–30 s after the failed attempt), due on the new process's.
    expect(dueIn).toBeGreaterThan(0);
    expect(dueIn).toBeLessThan(RESTARTED_LATER * 1000);
    const second = await startProcess(dataDir, unitsFile, smtpPort, RESTARTED_LATER);
    // Already due on the second process's clock: sent at its first poll (2 s), with room for load.
    await untilLogged(second, 'mail_sent', protocol, 2, 10_000);

    // Both marked sent, so nothing sends them again: the sink has exactly these two.
    expect(sink.received).toHaveLength(2);
    const toUnit = sink.received.filter((m) => m.rcptTo.includes(UNIT_EMAIL));
    const copies = sink.received.filter((m) => m.rcptTo.includes(MESSAGE.email));
    expect(toUnit, "the unit's mailbox").toHaveLength(1);
    expect(copies, "the citizen's copy").toHaveLength(1);
    const unitMail = toUnit[0]!;
    expect(unitMail.rcptTo).toEqual([UNIT_EMAIL]);
    expect(unitMail.messageId).toBe(`<${protocol.toLowerCase()}.unidade@tribunal.example.jus.br>`);
    expect(headerValue(unitMail.header, 'X-Balcao-Protocolo')).toBe(protocol);
    expect(headerValue(unitMail.header, 'Reply-To')).toBe(`${MESSAGE.name} <${MESSAGE.email}>`);
    const body = bodyText(unitMail.raw);
    expect(body).toContain(`Protocolo: ${protocol}\n`);
    expect(body).toContain(`\n\n${MESSAGE.text}\n\n`);
    const copy = copies[0]!;
    expect(copy.rcptTo).toEqual([MESSAGE.email]);
    expect(copy.messageId).toBe(`<${protocol.toLowerCase()}.copia@tribunal.example.jus.br>`);
    expect(headerValue(copy.header, 'X-Balcao-Protocolo')).toBe(protocol);

    // The outbox says so: sent on the second attempt, and the personal content erased.
    expect(deliveries(dataDir, protocol).map(({ kind, status, attempts }) => ({ kind, status, attempts }))).toEqual([
      { kind: 'copy', status: 'sent', attempts: 2 },
      { kind: 'unit', status: 'sent', attempts: 2 },
    ]);
    const erased = readOutbox(dataDir, (db) => db.prepare('SELECT name, email, phone, case_number, text FROM messages WHERE protocol = ?').get(protocol));
    expect(erased).toEqual({ name: null, email: null, phone: null, case_number: null, text: null });

    // No personal field in either process's log.
    for (const running of [first, second]) {
      for (const value of [MESSAGE.name, MESSAGE.email, MESSAGE.phone, MESSAGE.caseNumber, 'audiência marcada']) expect(running.stderr()).not.toContain(value);
    }

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
