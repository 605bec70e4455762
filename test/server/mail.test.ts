import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BODY_BYTES, parseMessageReceipt, zonedParts, type MessageReceipt } from '../../src/core/index.js';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
import { SqliteOutbox } from '../../src/server/mail/outbox.js';
import { freePort, startSmtpSink, type SmtpSink } from './smtp-sink.js';
import {
  bodyText,
  closeOutboxes,
  events,
  freshDataDir,
  headerValue,
  MAIL_FROM,
  OUTBOX_STORES,
  postMessage,
  readOutbox,
  startMailServer,
  submission,
  UNIT,
  useOutboxStore,
  UNIT_EMAIL,
  VALID_CNJ,
  waitForEvent,
  type ErrorBody,
  type MailServer,
} from './mail-helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
  await closeOutboxes();
  useOutboxStore('sqlite');
});

async function sink(port?: number): Promise<SmtpSink> {
  const s = await startSmtpSink(port);
  cleanup.push(() => s.close());
  return s;
}

async function server(options: Parameters<typeof startMailServer>[0] = {}): Promise<MailServer> {
  const started = await startMailServer(options);
  cleanup.push(() => started.server.stop());
  return started;
}

async function clerkToken(dataDir: string, unit: string): Promise<string> {
  return new LocalClerkAuth(await loadOrCreateSecret(dataDir)).mint({ unit, name: 'Gerente da Unidade' }, Date.now());
}

describe.each(OUTBOX_STORES)('POST /api/units/:id/messages (%s store)', (store) => {
  beforeEach(() => useOutboxStore(store));

  it('stores the message, answers 201 with the protocol and deadline, and e-mails the unit (Reply-To the citizen) and the citizen once each', async () => {
    const smtp = await sink();
    const { url, logs, dataDir } = await server({ smtpPort: smtp.port });
    const body = submission();
    const res = await postMessage(url, body);
    expect(res.status).toBe(201);
    const receipt = parseMessageReceipt(await res.json());
    expect(receipt).not.toBeNull();
    const { protocol, receivedAt, replyBy, replyDeadlineHours } = receipt as MessageReceipt;
    expect(protocol).toMatch(new RegExp(`^BV-${zonedParts(Date.parse(receivedAt), 'America/Sao_Paulo').year}-000001$`));
    expect(replyDeadlineHours).toBe(48);
    expect(Date.parse(replyBy) - Date.parse(receivedAt)).toBe(48 * 3_600_000);

    await waitForEvent(logs, 'mail_sent', 2);
    expect(smtp.received).toHaveLength(2);
    const toUnit = smtp.received.find((m) => m.rcptTo[0] === UNIT_EMAIL);
    const copy = smtp.received.find((m) => m.rcptTo[0] === 'maria.quiteria@example.com');
    expect(toUnit?.rcptTo).toEqual([UNIT_EMAIL]);
    expect(copy?.rcptTo).toEqual(['maria.quiteria@example.com']);
    expect(toUnit?.mailFrom).toBe(MAIL_FROM);
    const h = toUnit?.header ?? '';
    expect(headerValue(h, 'Reply-To')).toBe('Maria Aparecida Quitéria <maria.quiteria@example.com>');
    expect(headerValue(h, 'Message-ID')).toBe(`<${protocol.toLowerCase()}.unidade@tjrn.jus.br>`);
    expect(headerValue(h, 'Subject')).toBe(`[${protocol}] Informação processual — 1ª Vara Cível da Comarca de Natal`);
    expect(headerValue(h, 'Content-Type')).toMatch(/^text\/plain; charset=utf-8/);
    const text = bodyText(toUnit?.raw ?? '');
    expect(text).toContain(body.text as string);
    expect(text).toContain(`Protocolo: ${protocol}`);
    expect(text).toContain(`Processo: ${VALID_CNJ}`);
    expect(text).toContain('prazo de 48 horas');

    const copyHeader = copy?.header ?? '';
    expect(headerValue(copyHeader, 'Message-ID')).toBe(`<${protocol.toLowerCase()}.copia@tjrn.jus.br>`);
    expect(headerValue(copyHeader, 'Reply-To')).toBe(`1ª Vara Cível da Comarca de Natal <${UNIT_EMAIL}>`);
    expect(headerValue(copyHeader, 'Subject')).toBe(`[${protocol}] Recebemos sua mensagem — 1ª Vara Cível da Comarca de Natal`);
    const copyText = bodyText(copy?.raw ?? '');
    expect(copyText).toContain(`Protocolo: ${protocol}`);
    expect(copyText).toContain('prazo de 48 horas');
    // The receipt carries no free text (anyone can type anyone's address).
    expect(copyText).not.toContain('alvará');
    expect(copyText).not.toContain('Maria');

    // Both sent: the personal content is erased, the metadata stays.
    const row = readOutbox(dataDir, (db) => db.prepare(`SELECT * FROM messages WHERE protocol = ?`).get(protocol)) as Record<string, unknown>;
    expect(row).toMatchObject({ name: null, email: null, phone: null, case_number: null, text: null, unit: UNIT, subject: 'case-info' });
    expect(row.erased_at).toEqual(expect.any(Number));
    // And from the disk while the server still runs: not in the database file, nor its WAL.
    const onDisk = readdirSync(dataDir)
      .filter((f) => f.startsWith('outbox.sqlite'))
      .map((f) => readFileSync(path.join(dataDir, f)));
    expect(onDisk.length).toBeGreaterThan(0);
    for (const bytes of onDisk) {
      for (const personal of ['Maria Aparecida', 'maria.quiteria@example.com', body.text as string]) expect(bytes.includes(Buffer.from(personal))).toBe(false);
    }
    const statuses = readOutbox(dataDir, (db) => db.prepare(`SELECT kind, status, attempts FROM deliveries ORDER BY kind`).all());
    expect(statuses).toEqual([
      { kind: 'copy', status: 'sent', attempts: 1 },
      { kind: 'unit', status: 'sent', attempts: 1 },
    ]);

    // No personal data in any log line; the events name the protocol.
    const all = logs.join('\n');
    for (const personal of ['Maria', 'Quit', 'maria.quiteria', '99876', VALID_CNJ, 'alvará', '127.0.0.1']) expect(all).not.toContain(personal);
    expect(events(logs, 'message_stored')[0]).toMatchObject({ protocol, unit: UNIT });
    expect(events(logs, 'mail_sent').map((e) => e.recipient).sort()).toEqual(['copy', 'unit']);
  });

  it('gives the same protocol for the same key three times, with one outbox row and one e-mail to the unit', async () => {
    const smtp = await sink();
    const { url, logs, dataDir } = await server({ smtpPort: smtp.port });
    const body = submission();
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await postMessage(url, body);
      answers.push({ status: res.status, receipt: (await res.json()) as MessageReceipt });
    }
    expect(answers.map((a) => a.status)).toEqual([201, 200, 200]);
    expect(new Set(answers.map((a) => a.receipt.protocol)).size).toBe(1);
    expect(answers[1]?.receipt).toEqual(answers[0]?.receipt);
    await waitForEvent(logs, 'mail_sent', 2);
    expect(readOutbox(dataDir, (db) => db.prepare(`SELECT COUNT(*) AS n FROM messages`).get())).toEqual({ n: 1 });
    expect(smtp.received.filter((m) => m.rcptTo[0] === UNIT_EMAIL)).toHaveLength(1);
    // Even after the content is erased, the same key and payload still replays.
    const again = await postMessage(url, body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as MessageReceipt).protocol).toBe(answers[0]?.receipt.protocol);
  });

  it('refuses the same key with a different payload (409 idempotency_conflict) and numbers new messages in sequence', async () => {
    const { url } = await server();
    const body = submission();
    expect((await postMessage(url, body)).status).toBe(201);
    const res = await postMessage(url, { ...body, text: 'Outro texto, mesma chave.' });
    expect(res.status).toBe(409);
    const error = ((await res.json()) as ErrorBody).error;
    expect(error.code).toBe('idempotency_conflict');
    expect(error.message).toMatch(/outro conteúdo/);
    const other = await postMessage(url, { ...body, idempotencyKey: 'another-key-0123456789' }, 'vara-familia');
    expect(other.status).toBe(201);
    const receipt = (await other.json()) as MessageReceipt;
    expect(receipt.protocol).toMatch(/-000002$/);
    expect(receipt.replyDeadlineHours).toBe(24);
  });

  it('refuses CR/LF in one-line fields with 400 naming the field, so none reaches a header', async () => {
    const smtp = await sink();
    const { url, logs } = await server({ smtpPort: smtp.port });
    const attacks: [string, Record<string, unknown>][] = [
      ['name', { name: 'Maria\r\nBcc: victim@evil.example' }],
      ['email', { email: 'maria@example.com\r\nBcc: victim@evil.example' }],
      ['email', { email: 'maria@example.com, victim@evil.example' }],
      ['phone', { phone: '84 9999-9999\nX-Injected: yes' }],
      ['caseNumber', { caseNumber: `${VALID_CNJ}\r\nSubject: spam` }],
    ];
    for (const [field, attack] of attacks) {
      const res = await postMessage(url, submission(attack));
      expect(res.status, field).toBe(400);
      const error = ((await res.json()) as ErrorBody).error;
      expect(error).toMatchObject({ code: 'bad_request', field });
      expect(error.message).toMatch(/Confira o campo/);
    }
    // A legitimate message with line breaks in its text: they stay in the body.
    const ok = await postMessage(url, submission({ text: 'Linha 1\r\nBcc: victim@evil.example\r\n\r\nLinha 3' }));
    expect(ok.status).toBe(201);
    await waitForEvent(logs, 'mail_sent', 2);
    for (const mail of smtp.received) {
      expect(mail.header).not.toMatch(/^(Bcc|X-Injected):/im);
      expect(mail.header).not.toContain('victim@evil.example');
      expect(mail.rcptTo).not.toContain('victim@evil.example');
    }
    expect(bodyText(smtp.received.find((m) => m.rcptTo[0] === UNIT_EMAIL)?.raw ?? '')).toContain('Linha 1\nBcc: victim@evil.example\n\nLinha 3');
  });

  it('sends HTML in the text as text (plain text only, the characters as typed)', async () => {
    const smtp = await sink();
    const { url, logs } = await server({ smtpPort: smtp.port });
    const html = '<b>Urgente</b> <script>alert("x")</script> & <a href="https://evil.example">clique</a>';
    expect((await postMessage(url, submission({ text: html }))).status).toBe(201);
    await waitForEvent(logs, 'mail_sent', 2);
    const mail = smtp.received.find((m) => m.rcptTo[0] === UNIT_EMAIL);
    expect(mail?.raw).not.toMatch(/text\/html/i);
    expect(headerValue(mail?.header ?? '', 'Content-Type')).toMatch(/^text\/plain/);
    expect(bodyText(mail?.raw ?? '')).toContain(html);
  });

  it('answers 404 for an unknown unit, 409 no_mailbox for a unit without e-mail, 413 for a body too large', async () => {
    const { url } = await server();
    const unknown = await postMessage(url, submission(), 'nao-existe');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('unit_not_found');

    const noMailbox = await postMessage(url, submission(), 'juizado-sem-email');
    expect(noMailbox.status).toBe(409);
    const error = ((await noMailbox.json()) as ErrorBody).error;
    expect(error.code).toBe('no_mailbox');
    expect(error.message).toMatch(/Ligue para a unidade/);

    const large = await postMessage(url, submission({ text: 'x'.repeat(MAX_MESSAGE_BODY_BYTES) }));
    expect(large.status).toBe(413);
    expect(((await large.json()) as ErrorBody).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/Encurte o texto/) as unknown });

    const tooLong = await postMessage(url, submission({ text: 'x'.repeat(4_001) }));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as ErrorBody).error).toMatchObject({ field: 'text', problem: 'too-long' });

    const malformed = await postMessage(url, '{"name": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).error.code).toBe('bad_request');
  });

  it('follows the allowed origins like POST /queue', async () => {
    const { url } = await server();
    const preflight = await fetch(new URL(`api/units/${UNIT}/messages`, url), {
      method: 'OPTIONS',
      headers: { origin: 'https://www.tjrn.jus.br', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    const allowed = await postMessage(url, submission(), UNIT, { origin: 'https://www.tjrn.jus.br' });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.tjrn.jus.br');
    const evil = await fetch(new URL(`api/units/${UNIT}/messages`, url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.status).toBe(403);
  });

  it('limits messages per client address and per unit (429 with Retry-After); the same key again still replays', async () => {
    const perAddress = await server({ config: { messagesPerAddress: 2, messagesPerUnit: 100 } });
    const first = submission();
    expect((await postMessage(perAddress.url, first)).status).toBe(201);
    expect((await postMessage(perAddress.url, submission())).status).toBe(201);
    const limited = await postMessage(perAddress.url, submission());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3600');
    expect(((await limited.json()) as ErrorBody).error.code).toBe('rate_limited');
    expect((await postMessage(perAddress.url, first)).status).toBe(200);

    const perUnit = await server({ config: { messagesPerAddress: 100, messagesPerUnit: 2, trustProxy: true } });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    expect((await postMessage(perUnit.url, submission(), UNIT, from('198.51.100.1'))).status).toBe(201);
    expect((await postMessage(perUnit.url, submission(), UNIT, from('198.51.100.2'))).status).toBe(201);
    const unitLimited = await postMessage(perUnit.url, submission(), UNIT, from('198.51.100.3'));
    expect(unitLimited.status).toBe(429);
    expect(unitLimited.headers.get('retry-after')).toBe('3600');
    expect(((await unitLimited.json()) as ErrorBody).error.message).toMatch(/Esta unidade recebeu muitas mensagens/);
    // Another unit is not affected.
    expect((await postMessage(perUnit.url, submission(), 'vara-familia', from('198.51.100.3'))).status).toBe(201);
  });

  it('answers 503 with Retry-After, never a receipt, when the store cannot write', async () => {
    const dataDir = freshDataDir();
    await new SqliteOutbox({ file: path.join(dataDir, 'outbox.sqlite') }).close();
    const readOnly = new SqliteOutbox({ file: path.join(dataDir, 'outbox.sqlite'), readonly: true });
    cleanup.push(async () => readOnly.close());
    const { url, logs } = await server({ dataDir, outbox: readOnly });
    const res = await postMessage(url, submission());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const error = ((await res.json()) as ErrorBody).error;
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/não foi recebida/);
    expect(events(logs, 'message_store_failed')[0]).toMatchObject({ unit: UNIT, code: 'SQLITE_READONLY' });
    expect(readOutbox(dataDir, (db) => db.prepare(`SELECT COUNT(*) AS n FROM messages`).get())).toEqual({ n: 0 });
  });
});

describe.each(OUTBOX_STORES)('delivery faults (%s store)', (store) => {
  beforeEach(() => useOutboxStore(store));

  it('retries while SMTP answers 421, then delivers each e-mail once', async () => {
    const smtp = await sink();
    smtp.faults.push('busy', 'busy', 'busy', 'busy');
    const { url, logs } = await server({ smtpPort: smtp.port });
    const res = await postMessage(url, submission());
    const { protocol } = (await res.json()) as MessageReceipt;
    await waitForEvent(logs, 'mail_sent', 2);
    expect(smtp.connections).toBeGreaterThanOrEqual(6);
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual([
      `<${protocol.toLowerCase()}.copia@tjrn.jus.br>`,
      `<${protocol.toLowerCase()}.unidade@tjrn.jus.br>`,
    ]);
    const retries = events(logs, 'mail_retry');
    expect(retries).toHaveLength(4);
    expect(retries[0]).toMatchObject({ protocol, unit: UNIT, error: 'smtp_421', attempt: 1 });
    // Backoff with jitter: half the capped delay plus a random part of the other half (base 40 ms, cap 150 ms).
    const unitDelays = retries.filter((r) => r.recipient === 'unit').map((r) => Number(r.delayMs));
    expect(unitDelays[0]).toBeGreaterThanOrEqual(20);
    expect(unitDelays[0]).toBeLessThanOrEqual(40);
    expect(unitDelays[1]).toBeGreaterThanOrEqual(40);
    expect(unitDelays[1]).toBeLessThanOrEqual(80);
  });

  it('marks a 5xx refusal dead, never sent, and lists it for the unit’s managers (clerk token) until acknowledged', async () => {
    const smtp = await sink();
    smtp.faults.push('reject');
    const { url, logs, dataDir } = await server({ smtpPort: smtp.port });
    const { protocol } = (await (await postMessage(url, submission())).json()) as MessageReceipt;
    const [dead] = await waitForEvent(logs, 'mail_dead');
    expect(dead).toMatchObject({ protocol, recipient: 'unit', error: 'smtp_550', reason: 'permanent' });
    await waitForEvent(logs, 'mail_sent');
    const unitRow = readOutbox(dataDir, (db) => db.prepare(`SELECT status, sent_at, last_error FROM deliveries WHERE kind = 'unit'`).get());
    expect(unitRow).toEqual({ status: 'dead', sent_at: null, last_error: 'smtp_550' });

    const list = new URL(`api/units/${UNIT}/messages/undelivered`, url);
    expect((await fetch(list)).status).toBe(401);
    expect((await fetch(list, { headers: { authorization: 'Bearer bvc1.forged.token' } })).status).toBe(401);
    const otherUnit = await fetch(list, { headers: { authorization: `Bearer ${await clerkToken(dataDir, 'vara-familia')}` } });
    expect(otherUnit.status).toBe(403);
    expect(((await otherUnit.json()) as ErrorBody).error.code).toBe('forbidden_unit');
    const auth = { authorization: `Bearer ${await clerkToken(dataDir, UNIT)}` };
    const res = await fetch(list, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { messages } = (await res.json()) as { messages: Record<string, unknown>[] };
    expect(messages).toEqual([
      expect.objectContaining({ protocol, recipient: 'unit', status: 'dead', lastError: 'smtp_550', name: 'Maria Aparecida Quitéria', email: 'maria.quiteria@example.com' }),
    ]);
    // Still no personal data in the logs, dead or not.
    expect(logs.join('\n')).not.toContain('maria.quiteria');

    const ack = new URL(`api/units/${UNIT}/messages/${protocol}/acknowledge`, url);
    expect((await fetch(ack, { method: 'POST' })).status).toBe(401);
    expect((await fetch(ack, { method: 'POST', headers: auth })).status).toBe(204);
    expect((await fetch(ack, { method: 'POST', headers: auth })).status).toBe(404);
    expect(((await (await fetch(list, { headers: auth })).json()) as { messages: unknown[] }).messages).toEqual([]);
    expect(readOutbox(dataDir, (db) => db.prepare(`SELECT name, text FROM messages`).get())).toEqual({ name: null, text: null });
  });

  it('retries after a dropped connection or a timeout after DATA: delivered at least once, never zero', async () => {
    const smtp = await sink();
    smtp.faults.push('drop-after-data', 'stall-after-data');
    const { url, logs } = await server({ smtpPort: smtp.port });
    const { protocol } = (await (await postMessage(url, submission())).json()) as MessageReceipt;
    await waitForEvent(logs, 'mail_sent', 2);
    const retries = events(logs, 'mail_retry');
    expect(retries.map((r) => [r.recipient, r.error])).toEqual([
      ['unit', 'ECONNECTION'],
      ['copy', 'ETIMEDOUT'],
    ]);
    for (const kind of ['unidade', 'copia']) {
      const copies = smtp.received.filter((m) => m.messageId === `<${protocol.toLowerCase()}.${kind}@tjrn.jus.br>`);
      // The lost acknowledgement and the retry: a duplicate with the same Message-ID, never none.
      expect(copies.map((m) => m.acknowledged)).toEqual([false, true]);
    }
  });

  it('delivers after a restart what was stored while SMTP was down', async () => {
    const port = await freePort();
    const first = await startMailServer({ smtpPort: port });
    const { protocol } = (await (await postMessage(first.url, submission())).json()) as MessageReceipt;
    await waitForEvent(first.logs, 'mail_retry', 2);
    await first.server.stop();
    expect(readOutbox(first.dataDir, (db) => db.prepare(`SELECT status, lease_owner FROM deliveries`).all())).toEqual([
      { status: 'pending', lease_owner: null },
      { status: 'pending', lease_owner: null },
    ]);

    const smtp = await sink(port);
    const second = await server({ smtpPort: port, dataDir: first.dataDir });
    await waitForEvent(second.logs, 'mail_sent', 2);
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual([
      `<${protocol.toLowerCase()}.copia@tjrn.jus.br>`,
      `<${protocol.toLowerCase()}.unidade@tjrn.jus.br>`,
    ]);
  });

  it('gives the leases back when stopped mid-send, so the next server sends at once (not after the lease expires)', async () => {
    const smtp = await sink();
    smtp.faults.push('stall-after-data');
    const first = await startMailServer({ smtpPort: smtp.port });
    expect((await postMessage(first.url, submission())).status).toBe(201);
    await smtp.waitFor(1);
    // The unit's e-mail is in flight (the server never answers DATA): stop with a short grace.
    await first.server.stop(50);
    expect(readOutbox(first.dataDir, (db) => db.prepare(`SELECT kind, status, lease_owner FROM deliveries ORDER BY id`).all())).toEqual([
      { kind: 'unit', status: 'pending', lease_owner: null },
      { kind: 'copy', status: 'pending', lease_owner: null },
    ]);
    const second = await server({ smtpPort: smtp.port, dataDir: first.dataDir });
    // Well within the 3 s lease the first server held.
    await waitForEvent(second.logs, 'mail_sent', 2, 1_500);
    expect(smtp.received.filter((m) => m.rcptTo[0] === UNIT_EMAIL).map((m) => m.acknowledged)).toEqual([false, true]);
  });

  it('lists for the managers a message still pending after the alert threshold', async () => {
    const port = await freePort();
    const { url, logs, dataDir } = await server({ smtpPort: port, pendingAlertMs: 0 });
    const { protocol } = (await (await postMessage(url, submission())).json()) as MessageReceipt;
    await waitForEvent(logs, 'mail_retry', 2);
    const res = await fetch(new URL(`api/units/${UNIT}/messages/undelivered`, url), { headers: { authorization: `Bearer ${await clerkToken(dataDir, UNIT)}` } });
    const { messages } = (await res.json()) as { messages: Record<string, unknown>[] };
    expect(messages.map((m) => [m.protocol, m.recipient, m.status])).toEqual([
      [protocol, 'unit', 'pending'],
      [protocol, 'copy', 'pending'],
    ]);
    expect(messages[0]?.lastError).toEqual(expect.stringMatching(/^E[A-Z]+$/));
  });

  it('writes each e-mail as an .eml file under <data dir>/mail when no SMTP is configured, says where, and never calls it sent', async () => {
    const files: string[] = [];
    // Every pending message listed at once: a written one is done, not listed.
    const { url, logs, dataDir } = await server({ onMailFile: (file) => files.push(file), pendingAlertMs: 0 });
    const { protocol } = (await (await postMessage(url, submission())).json()) as MessageReceipt;
    const written = await waitForEvent(logs, 'mail_written', 2);
    expect(written.map((e) => [e.protocol, e.recipient]).sort()).toEqual([
      [protocol, 'copy'],
      [protocol, 'unit'],
    ]);
    expect(files.map((f) => path.basename(f)).sort()).toEqual([`${protocol.toLowerCase()}.copia_demo.invalid.eml`, `${protocol.toLowerCase()}.unidade_demo.invalid.eml`]);
    expect(files.every((f) => f.startsWith(path.join(dataDir, 'mail')))).toBe(true);
    // A file is not a message sent: no "mail_sent", its own status in the outbox, and done
    // (not leased again: each file once; the content, in the files now, erased from the outbox).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events(logs, 'mail_sent')).toEqual([]);
    expect(files).toHaveLength(2);
    const rows = readOutbox(dataDir, (db) => db.prepare('SELECT kind, status, sent_at, written_at FROM deliveries ORDER BY kind').all()) as { kind: string; status: string; sent_at: number | null; written_at: number | null }[];
    expect(rows.map((r) => [r.kind, r.status, r.sent_at, typeof r.written_at])).toEqual([
      ['copy', 'written', null, 'number'],
      ['unit', 'written', null, 'number'],
    ]);
    expect(readOutbox(dataDir, (db) => db.prepare('SELECT name, text FROM messages WHERE protocol = ?').get(protocol))).toEqual({ name: null, text: null });
    const listed = await fetch(new URL(`api/units/${UNIT}/messages/undelivered`, url), { headers: { authorization: `Bearer ${await clerkToken(dataDir, UNIT)}` } });
    expect(((await listed.json()) as { messages: unknown[] }).messages).toEqual([]);
  });
});
