import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMessage, type MessageSubmission } from '../../src/core/index.js';
import { ConfigError, readConfig, readMailConfig } from '../../src/server/config.js';
import { memoryLogger } from '../../src/server/logger.js';
import { main } from '../../src/server/main.js';
import { composeMail } from '../../src/server/mail/compose.js';
import type { LeasedDelivery } from '../../src/server/mail/outbox.js';
import { createMailTransport } from '../../src/server/mail/transport.js';
import { classifySendError, MailWorker } from '../../src/server/mail/worker.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { unitsJson } from './helpers.js';
import { FAST, freshDataDir, headerValue, MAIL_FROM, openOutbox, OUTBOX_STORES, readOutbox, SMTP_TIMEOUT_MS, submission, testUnits, UNIT, UNIT_EMAIL } from './mail-helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function sink(): Promise<SmtpSink> {
  const s = await startSmtpSink();
  cleanup.push(() => s.close());
  return s;
}

function valid(overrides: Record<string, unknown> = {}): MessageSubmission {
  const check = checkMessage(submission(overrides));
  if (!check.ok) throw new Error(`invalid test submission: ${check.field}`);
  return check.value;
}

const from = { name: 'Balcão Virtual', address: MAIL_FROM };

describe.each(OUTBOX_STORES)('two workers on one outbox file (%s store)', (store) => {
  it('send each row once', async () => {
    const smtp = await sink();
    const file = path.join(freshDataDir(), 'outbox.sqlite');
    const units = testUnits();
    const unit = units.get(UNIT);
    if (!unit) throw new Error('no unit');
    const stores = [openOutbox(file, store), openOutbox(file, store)];
    cleanup.push(async () => {
      for (const s of stores) await s.close();
    });
    const count = 8;
    for (let i = 0; i < count; i++) await stores[i % 2]?.submit(unit, valid({ idempotencyKey: randomUUID() }), Date.now());
    const logger = memoryLogger();
    const workers = stores.map((outbox) => {
      const transport = createMailTransport({ kind: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: SMTP_TIMEOUT_MS });
      cleanup.push(() => transport.close());
      return new MailWorker({ outbox, units, transport, from, logger, timing: { ...FAST, batch: 1 } });
    });
    for (const w of workers) w.start();
    cleanup.push(async () => {
      for (const w of workers) await w.stop();
    });
    await smtp.waitFor(count * 2);
    for (const w of workers) await w.stop();
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(count * 2);
    expect(new Set(ids).size).toBe(count * 2);
    expect(readOutbox(path.dirname(file), (db) => db.prepare(`SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status`).all())).toEqual([{ status: 'sent', n: count * 2 }]);
    // Both took part (the lease, not luck, kept them apart).
    const senders = new Set(logger.lines.map((l) => JSON.parse(l) as { event: string; worker?: string }).filter((l) => l.event === 'mail_sent').map((l) => l.worker));
    expect(senders).toEqual(new Set(workers.map((w) => w.id)));
  });
});

describe('composition', () => {
  it('keeps CR/LF and address syntax out of the headers even when stored content has them', async () => {
    const smtp = await sink();
    const unit = testUnits().get(UNIT);
    if (!unit?.email) throw new Error('no unit');
    const delivery: LeasedDelivery = {
      id: 1,
      kind: 'unit',
      attempts: 1,
      message: {
        protocol: 'BV-2026-000042',
        unit: UNIT,
        subject: 'other',
        receivedAt: Date.now(),
        replyBy: Date.now() + 48 * 3_600_000,
        replyDeadlineHours: 48,
        name: 'Eva\r\nBcc: victim@evil.example\r\nX-Injected: yes\u2028"Quoted" <x@evil.example>',
        email: 'eva@example.com',
        phone: '84 9999\r\nX-Phone: yes',
        caseNumber: null,
        text: 'Olá',
      },
    };
    const transport = createMailTransport({ kind: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: SMTP_TIMEOUT_MS });
    cleanup.push(() => transport.close());
    await transport.send(composeMail(delivery, { ...unit, email: unit.email }, from));
    const [mail] = await smtp.waitFor(1);
    expect(mail?.rcptTo).toEqual([UNIT_EMAIL]);
    expect(mail?.header).not.toMatch(/^(Bcc|X-Injected|X-Phone):/im);
    // One mailbox in each address header, the citizen's own (a string would have been parsed as a list).
    const raw = (name: string): string => (mail?.header ?? '').replace(/\r\n[ \t]+/g, ' ').split('\r\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1) ?? '';
    expect(addressparser(raw('Reply-To'), { flatten: true }).map((a) => a.address)).toEqual(['eva@example.com']);
    expect(addressparser(raw('To'), { flatten: true }).map((a) => a.address)).toEqual([UNIT_EMAIL]);
    expect(headerValue(mail?.header ?? '', 'Reply-To')).toMatch(/<eva@example\.com>$/);
    expect(headerValue(mail?.header ?? '', 'Subject')).toBe('[BV-2026-000042] Outros assuntos — 1ª Vara Cível da Comarca de Natal');
  });
});

describe('classifySendError', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, true, 'smtp_550'],
    [{ code: 'EMESSAGE', responseCode: 554 }, true, 'smtp_554'],
    [{ code: 'EENVELOPE', responseCode: 503 }, false, 'smtp_503'],
    [{ code: 'EENVELOPE', responseCode: 452 }, false, 'smtp_452'],
    [{ code: 'ECONNECTION', responseCode: 421 }, false, 'smtp_421'],
    [{ code: 'ECONNECTION' }, false, 'ECONNECTION'],
    [{ code: 'ETIMEDOUT' }, false, 'ETIMEDOUT'],
    [{ code: 'ESOCKET' }, false, 'ESOCKET'],
    [{ code: 'EAUTH', responseCode: 535 }, true, 'smtp_535'],
    [{ code: 'EENVELOPE' }, true, 'EENVELOPE'],
    [new Error('who knows'), false, 'unknown'],
    [{ code: 'bad code with the server text: maria@example.com' }, false, 'unknown'],
  ])('%j → permanent %s, code %s', (error, permanent, code) => {
    expect(classifySendError(error)).toEqual({ permanent, code });
  });
});

describe('mail settings', () => {
  it('write .eml files under the data directory without SMTP in the demo, or when MAIL_TRANSPORT=files says so', () => {
    const files = { transport: { kind: 'files', dir: path.join('/srv/balcao', 'mail') }, from: 'balcao-virtual@demo.invalid' };
    expect(readMailConfig({}, '/srv/balcao', true)).toEqual(files);
    expect(readMailConfig({ MAIL_TRANSPORT: 'files' }, '/srv/balcao', false)).toEqual(files);
    expect(readMailConfig({ MAIL_TRANSPORT: 'Files' }, '/srv/balcao', false), 'in any case, as the yes/no settings').toEqual(files);
    expect(readConfig(['--demo'], {}).mail?.transport.kind).toBe('files');
    expect(readConfig([], { MAIL_TRANSPORT: 'files' }).mail?.transport.kind).toBe('files');
  });

  it('read SMTP_URL or SMTP_HOST and friends, with MAIL_FROM', () => {
    expect(readMailConfig({ SMTP_URL: 'smtps://balcao%40tjrn:s%3Acret@smtp.tjrn.jus.br', MAIL_FROM: 'balcao@tjrn.jus.br', MAIL_FROM_NAME: 'Balcão TJRN' }, '/d', false)).toEqual({
      transport: { kind: 'smtp', host: 'smtp.tjrn.jus.br', port: 465, secure: true, requireTls: false, user: 'balcao@tjrn', pass: 's:cret' },
      from: 'balcao@tjrn.jus.br',
      fromName: 'Balcão TJRN',
    });
    expect(readMailConfig({ SMTP_HOST: 'smtp.tjrn.jus.br', SMTP_USER: 'u', SMTP_PASS: 'p', MAIL_FROM: 'balcao@tjrn.jus.br' }, '/d', false).transport).toEqual({
      kind: 'smtp',
      host: 'smtp.tjrn.jus.br',
      port: 587,
      secure: false,
      requireTls: true,
      user: 'u',
      pass: 'p',
    });
    expect(readConfig([], { SMTP_URL: 'smtp://localhost:2525', MAIL_FROM: 'a@b.jus.br', MESSAGES_PER_ADDRESS: '5' })).toMatchObject({
      mail: { transport: { kind: 'smtp', host: 'localhost', port: 2525, secure: false, requireTls: false } },
      messagesPerAddress: 5,
      messagesPerUnit: 300,
    });
  });

  it.each([
    [{ SMTP_URL: 'smtp://localhost' }, /MAIL_FROM é obrigatório/],
    [{ SMTP_URL: 'http://localhost', MAIL_FROM: 'a@b.jus.br' }, /SMTP_URL inválido/],
    [{ SMTP_URL: 'smtp://balcao:100%certo@smtp.tjrn.jus.br', MAIL_FROM: 'a@b.jus.br' }, /SMTP_URL inválido: a senha com "%" solto.*% como %25/],
    [{ SMTP_URL: 'smtp://x', SMTP_HOST: 'y', MAIL_FROM: 'a@b.jus.br' }, /não os dois/],
    [{ SMTP_HOST: 'x', SMTP_PORT: 'vinte', MAIL_FROM: 'a@b.jus.br' }, /SMTP_PORT inválida/],
    [{ SMTP_HOST: 'x', SMTP_USER: 'u', MAIL_FROM: 'a@b.jus.br' }, /SMTP_USER e SMTP_PASS/],
    [{ SMTP_HOST: 'x', SMTP_SECURE: 'sim', MAIL_FROM: 'a@b.jus.br' }, /Valor inválido para SMTP_SECURE: "sim".*TLS direto \(porta 465\).*STARTTLS \(porta 587\)/],
    [{ SMTP_PORT: '25' }, /SMTP_PORT sem SMTP_HOST/],
    [{ MAIL_FROM: 'Balcão <a@b.jus.br>' }, /MAIL_FROM inválido/],
    [{ MAIL_FROM: 'a@b.jus.br, c@d.jus.br' }, /MAIL_FROM inválido/],
    [{ SMTP_HOST: 'x', SMTP_SECURE: 'talvez', MAIL_FROM: 'a@b.jus.br' }, /SMTP_SECURE: "talvez".*1, true ou yes.*0, false ou no/],
    [{ SMTP_URL: 'smtp://x', SMTP_ALLOW_PLAIN: 'sim', MAIL_FROM: 'a@b.jus.br' }, /SMTP_ALLOW_PLAIN: "sim"/],
    [{ SMTP_ALLOW_PLAIN: '1' }, /SMTP_ALLOW_PLAIN sem SMTP_HOST/],
    [{ MAIL_TRANSPORT: 'eml' }, /MAIL_TRANSPORT inválido: "eml"/],
    [{ MAIL_TRANSPORT: 'files', SMTP_URL: 'smtp://x', MAIL_FROM: 'a@b.jus.br' }, /MAIL_TRANSPORT=files com SMTP_URL/],
    [{ MAIL_TRANSPORT: 'smtp' }, /Sem SMTP configurado/],
  ])('refuse %j with a message saying what to do', (env, message) => {
    expect(() => readMailConfig(env, '/d', false)).toThrow(ConfigError);
    expect(() => readMailConfig(env, '/d', false)).toThrow(message);
  });

  it('are required outside the demo: without SMTP the start stops, unless MAIL_TRANSPORT=files chooses the files', () => {
    for (const env of [{}, { MAIL_FROM: 'balcao@tjrn.jus.br' }]) {
      expect(() => readMailConfig(env, '/d', false)).toThrow(/Sem SMTP configurado, as mensagens escritas não chegariam às unidades\. Defina SMTP_URL.*MAIL_TRANSPORT=files/);
      expect(() => readConfig([], env)).toThrow(ConfigError);
      expect(() => readConfig(['--no-demo'], { ...env, DEMO: '1' })).toThrow(/Sem SMTP configurado/);
    }
    // The demo asks for none; MAIL_TRANSPORT=smtp asks for SMTP even there.
    expect(readConfig([], { DEMO: 'yes' }).mail?.transport.kind).toBe('files');
    expect(() => readConfig(['--demo'], { MAIL_TRANSPORT: 'smtp' })).toThrow(/Sem SMTP configurado/);
    // The token tool sends no mail: it reads no mail settings.
    expect(readConfig([], {}, { mail: false }).mail).toBeUndefined();
  });

  it('require STARTTLS on port 587 and with a password, unless SMTP_ALLOW_PLAIN says otherwise', () => {
    const tls = (env: Record<string, string>): boolean | undefined => {
      const transport = readMailConfig({ MAIL_FROM: 'a@b.jus.br', ...env }, '/d', false).transport;
      return transport.kind === 'smtp' ? transport.requireTls : undefined;
    };
    expect(tls({ SMTP_URL: 'smtp://smtp.tjrn.jus.br' })).toBe(true);
    expect(tls({ SMTP_URL: 'smtp://smtp.tjrn.jus.br:587' })).toBe(true);
    expect(tls({ SMTP_HOST: 'smtp.tjrn.jus.br', SMTP_PORT: '587' })).toBe(true);
    expect(tls({ SMTP_URL: 'smtp://u:p@relay.tjrn.jus.br:25' })).toBe(true);
    expect(tls({ SMTP_URL: 'smtp://relay.tjrn.jus.br:25' })).toBe(false);
    expect(tls({ SMTP_URL: 'smtps://smtp.tjrn.jus.br' })).toBe(false);
    expect(tls({ SMTP_HOST: 'smtp.tjrn.jus.br', SMTP_SECURE: 'TRUE' })).toBe(false);
    for (const yes of ['1', 'true', 'YES']) expect(tls({ SMTP_URL: 'smtp://smtp.tjrn.jus.br:587', SMTP_ALLOW_PLAIN: yes })).toBe(false);
    for (const no of ['0', 'False', 'no', '']) expect(tls({ SMTP_URL: 'smtp://smtp.tjrn.jus.br:587', SMTP_ALLOW_PLAIN: no })).toBe(true);
  });

  it('with STARTTLS required, send nothing to a server that does not offer it', async () => {
    const smtp = await sink();
    const unit = testUnits().get(UNIT);
    if (!unit?.email) throw new Error('no unit');
    const mail = { from: MAIL_FROM, to: UNIT_EMAIL, subject: 'teste', text: 'teste' };
    const strict = createMailTransport({ kind: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, requireTls: true, timeoutMs: SMTP_TIMEOUT_MS });
    const plain = createMailTransport({ kind: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: SMTP_TIMEOUT_MS });
    cleanup.push(() => {
      strict.close();
      plain.close();
    });
    const failure = await strict.send(mail).then(
      () => undefined,
      (error: unknown) => classifySendError(error),
    );
    expect(failure).toBeDefined();
    expect(smtp.received).toEqual([]);
    // The same server, the same e-mail, STARTTLS not required (SMTP_ALLOW_PLAIN): delivered.
    expect(await plain.send(mail)).toBe('sent');
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the demo (npm start) without SMTP', () => {
  it('says where e-mails go, and prints the path of each .eml file written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'balcao-demo-mail-'));
    const units = path.join(dir, 'units.json');
    writeFileSync(units, JSON.stringify(unitsJson));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const result = await main(['--units', units, '--port', '0', '--host', '127.0.0.1', '--data', path.join(dir, 'data'), '--demo'], {}, io);
    expect(result.code).toBe(0);
    cleanup.push(() => result.stop?.());
    const printed = out.join('');
    expect(printed).toContain(`cada e-mail vira um arquivo .eml em ${path.join(dir, 'data', 'mail')}`);
    const base = /API de uma unidade:\s+(http:\S+)/.exec(printed)?.[1] ?? '';
    const res = await fetch(`${base}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission()) });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 5_000;
    while (out.join('').split('E-mail gravado:').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const files = [...out.join('').matchAll(/E-mail gravado: (\S+\.eml)/g)].map((m) => m[1] ?? '');
    expect(files).toHaveLength(2);
    const unitMail = readFileSync(files.find((f) => f.includes('.unidade_')) ?? '', 'utf8').replace(/\r?\n[ \t]+/g, ' ');
    expect(unitMail).toMatch(/^To: .*<vara@tjrn\.jus\.br>$/m);
    expect(unitMail).toMatch(/^Reply-To: .*<maria\.quiteria@example\.com>$/m);
    // The console shows the path, the structured log never the content.
    expect(err.join('')).not.toContain('maria.quiteria');
  });

  it('refuses SMTP without MAIL_FROM at start-up with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'balcao-demo-mail-'));
    const units = path.join(dir, 'units.json');
    writeFileSync(units, JSON.stringify(unitsJson));
    const err: string[] = [];
    const result = await main(['--units', units, '--port', '0'], { SMTP_URL: 'smtp://smtp.tjrn.jus.br' }, { out: () => {}, err: (t) => err.push(t) });
    expect(result.code).toBe(2);
    expect(err.join('')).toMatch(/MAIL_FROM é obrigatório/);
  });
});
