// The written channel end to end, through the real elements: the built script (dist/) served
// by the real server to the court's page in headless Chromium, where the browser refuses both
// the camera and the microphone; the citizen goes through the triage, tests the devices, is
// offered "Escrever uma mensagem", writes, sends and gets the protocol and the deadline. The
// server sends by SMTP (SMTP_URL, MAIL_FROM, as an operator configures it) to an in-process
// SMTP sink on 127.0.0.1 (../../server/smtp-sink.ts), which plays the unit's mailbox and the
// citizen's.
//
// Run: `npm run build && npx vitest run test/e2e/counter/write.test.ts` (part of `npm test`).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, headerValue, readOutbox } from '../../server/mail-helpers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../server/smtp-sink.js';
import { denyCameraAndMicrophone } from './page-scripts.js';
import { Counter, UNIT, UNIT_EMAIL, UNIT_NAME, startWorld, type World } from './world.js';

const MAIL_FROM = 'balcao@tribunal.example.jus.br';

/** What the citizen types, as typed: the case number as bare digits (the unit reads it formatted). */
const TYPED = {
  name: 'Quitéria Conceição de Araújo',
  email: 'quiteria.araujo@cidada.example.com',
  phone: '(84) 99876-5432',
  caseNumber: '00000014220268200001',
  // Accents, a line break, and markup that must arrive as the characters typed.
  text: 'Bom dia! Preciso saber se a certidão de óbito já foi juntada ao processo; é urgente.\nObservação: <b>negrito</b> & ação.',
} as const;
const CASE_FORMATTED = '0000001-42.2026.8.20.0001';

/** Personal data that must never be in the server's log. */
const PERSONAL = {
  name: TYPED.name,
  email: TYPED.email,
  phone: TYPED.phone,
  'phone (digits)': '998765432',
  'case number (digits)': TYPED.caseNumber,
  'case number (formatted)': CASE_FORMATTED,
  'text (first line)': 'certidão de óbito',
  'text (markup)': '<b>negrito</b>',
} as const;

let world: World;
let sink: SmtpSink | undefined;
beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => world?.close());
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

/** The keys in the widget's IndexedDB outbox (outbox.ts: database 'balcao-virtual-mensagens', store 'outbox'), and the localStorage flag. */
function widgetOutbox(): Promise<{ keys: string[]; flag: string | null }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('balcao-virtual-mensagens');
    open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('outbox')) {
        db.close();
        reject(new Error(`no store "outbox" in balcao-virtual-mensagens (stores: ${[...db.objectStoreNames].join(', ')})`));
        return;
      }
      const keys = db.transaction('outbox', 'readonly').objectStore('outbox').getAllKeys();
      keys.onerror = () => reject(keys.error ?? new Error('getAllKeys failed'));
      keys.onsuccess = () => {
        db.close();
        resolve({ keys: keys.result.map(String), flag: localStorage.getItem('balcao-virtual:outbox') });
      };
    };
  });
}

/** The server's structured log lines of `event`. */
function logged(logs: readonly string[], event: string): Record<string, unknown>[] {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === event);
}

const protocolOf = (mail: ReceivedMail): string | undefined => headerValue(mail.header, 'X-Balcao-Protocolo');

describe('the written channel, end to end', () => {
  it('a citizen with camera and microphone blocked ends up writing, and the unit\'s mailbox receives exactly that message', { timeout: 45_000 }, async (context) => {
    sink = await startSmtpSink();
    const counter = await Counter.open(world, context, [], { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM });
    const citizen = await counter.openCitizen([denyCameraAndMicrophone]);
    const started = Date.now();

    // The triage, the screen before the line, the device check and its way out.
    await citizen.answerQuestions(undefined);
    await citizen.testDevices();
    let status = '';
    await counter.until(() => `the device check says both are blocked (it says "${status}")`, async () => (status = await citizen.deviceStatus()) === 'O navegador bloqueou a câmera e o microfone.');
    // The guidance's own "Escrever uma mensagem" (the unstaffed notice above offers one too: nobody serves here).
    const devices = citizen.widget.getByRole('region', { name: 'Câmera e microfone' });
    await devices.getByRole('button', { name: 'Escrever uma mensagem', exact: true }).click();
    await counter.until('the form "Escrever para a unidade"', () => citizen.heading('Escrever para a unidade').isVisible());

    // The form, filled as a person does.
    const form = citizen.widget.locator('form[part="form"]');
    await form.getByLabel('Nome completo').fill(TYPED.name);
    await form.getByLabel('E-mail', { exact: true }).fill(TYPED.email);
    await form.getByLabel('Telefone (opcional)').fill(TYPED.phone);
    await form.getByLabel('Número do processo (opcional)').fill(TYPED.caseNumber);
    await form.getByRole('radio', { name: 'Informação sobre um processo' }).check();
    await form.getByLabel('Mensagem', { exact: true }).fill(TYPED.text);
    await form.getByRole('checkbox', { name: 'Li como meus dados são usados e concordo.' }).check();
    await form.getByRole('button', { name: 'Enviar mensagem', exact: true }).click();

    // The receipt: the protocol and the deadline.
    await counter.until('the receipt "Mensagem enviada"', () => citizen.heading('Mensagem enviada').isVisible());
    const protocol = ((await citizen.widget.locator('#protocol').textContent()) ?? '').trim();
    // Numbered per calendar year in Brasília time (outbox.ts).
    const year = new Intl.DateTimeFormat('en', { timeZone: 'America/Sao_Paulo', year: 'numeric' }).format(started);
    expect(protocol).toMatch(new RegExp(`^BV-${year}-\\d{6}$`));
    const stored = readOutbox(counter.config.dataDir, (db) =>
      db.prepare('SELECT unit, received_at, reply_by, reply_deadline_hours FROM messages WHERE protocol = ?').get(protocol),
    ) as { unit: string; received_at: number; reply_by: number; reply_deadline_hours: number } | undefined;
    expect(stored, `the outbox's row of ${protocol}`).toMatchObject({ unit: UNIT, reply_deadline_hours: 48 });
    expect(stored!.received_at).toBeGreaterThanOrEqual(started);
    expect(stored!.reply_by - stored!.received_at).toBe(48 * 3_600_000);
    // The deadline as the citizen's browser writes dates (its own Intl), in the unit's time zone.
    const deadline = await citizen.side.page.evaluate(
      (at) => new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Fortaleza', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at)),
      stored!.reply_by,
    );
    const receiptText = await citizen.side.text();
    expect(receiptText).toContain(`A unidade responde até ${deadline} (horário da unidade).`);
    expect(receiptText).toContain(`Uma cópia da mensagem foi enviada para ${TYPED.email}.`);

    // The worker sends both e-mails; once both are marked sent nothing sends them again.
    await counter.until(
      () => `both e-mails of ${protocol} sent (the log has ${logged(counter.logs, 'mail_sent').length} "mail_sent"; the sink got ${sink?.received.length})`,
      async () => logged(counter.logs, 'mail_sent').filter((e) => e.protocol === protocol).length === 2,
    );
    const mails = sink.received.filter((m) => protocolOf(m) === protocol);
    expect(sink.received.length, 'every e-mail the sink got').toBe(2);
    const toUnit = mails.filter((m) => m.rcptTo.includes(UNIT_EMAIL));
    const copies = mails.filter((m) => m.rcptTo.includes(TYPED.email));
    expect(toUnit, "the unit's mailbox: exactly one e-mail of this protocol").toHaveLength(1);
    expect(copies, "the citizen's copy: exactly one").toHaveLength(1);

    const unitMail = toUnit[0]!;
    expect(unitMail.rcptTo).toEqual([UNIT_EMAIL]);
    expect(unitMail.mailFrom).toBe(MAIL_FROM);
    expect(unitMail.acknowledged).toBe(true);
    expect(unitMail.messageId).toBe(`<${protocol.toLowerCase()}.unidade@tribunal.example.jus.br>`);
    expect(headerValue(unitMail.header, 'To')).toMatch(new RegExp(`<${UNIT_EMAIL.replace(/\./g, '\\.')}>$`));
    expect(headerValue(unitMail.header, 'To')).toContain(UNIT_NAME);
    expect(headerValue(unitMail.header, 'Reply-To')).toBe(`${TYPED.name} <${TYPED.email}>`);
    expect(headerValue(unitMail.header, 'From')).toContain(`<${MAIL_FROM}>`);
    expect(headerValue(unitMail.header, 'Subject')).toContain(`[${protocol}]`);
    // Plain text only: the markup typed is characters, not HTML.
    expect(headerValue(unitMail.header, 'Content-Type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(unitMail.raw).not.toMatch(/text\/html/i);
    const unitBody = bodyText(unitMail.raw);
    expect(unitBody).toContain(`\n\n${TYPED.text}\n\n`);
    expect(unitBody).toContain(`Nome: ${TYPED.name}\n`);
    expect(unitBody).toContain(`E-mail: ${TYPED.email}\n`);
    expect(unitBody).toContain(`Telefone: ${TYPED.phone}\n`);
    expect(unitBody).toContain(`Processo: ${CASE_FORMATTED}\n`);
    expect(unitBody).toContain(`Protocolo: ${protocol}\n`);
    expect(unitBody).toContain('Assunto: Informação processual\n');

    const copy = copies[0]!;
    expect(copy.rcptTo).toEqual([TYPED.email]);
    expect(copy.messageId).toBe(`<${protocol.toLowerCase()}.copia@tribunal.example.jus.br>`);
    expect(headerValue(copy.header, 'To')).toContain(TYPED.email);
    expect(headerValue(copy.header, 'Subject')).toContain(`[${protocol}]`);
    const copyBody = bodyText(copy.raw);
    expect(copyBody).toContain(`Protocolo: ${protocol}\n`);
    // The receipt carries neither the name nor the words typed (compose.ts: anyone can type any address).
    expect(copyBody).not.toContain('negrito');
    expect(copyBody).not.toContain(TYPED.name);

    // Nothing personal in the server's log; the log did see the message go.
    expect(logged(counter.logs, 'message_stored').map((e) => e.protocol)).toEqual([protocol]);
    const logText = counter.logs.join('');
    expect(Object.entries(PERSONAL).filter(([, needle]) => logText.includes(needle)).map(([what]) => what), "personal data in the server's log").toEqual([]);

    // The page talked to this server and the court's site only.
    expect(citizen.side.trafficOutside(counter.hosts), "the citizen's page: traffic off the test's hosts").toEqual([]);
    expect(citizen.side.requests.filter((r) => r.url.endsWith(`/api/units/${UNIT}/messages`)).length, 'POSTs of the message').toBe(1);

    // The widget's outbox on this device is empty once the receipt came (the message and the draft).
    let outbox: { keys: string[]; flag: string | null } | undefined;
    await counter.until(
      () => `the widget's IndexedDB outbox empty (it holds ${JSON.stringify(outbox)})`,
      async () => {
        outbox = await citizen.side.page.evaluate(widgetOutbox);
        return outbox.keys.length === 0 && outbox.flag === null;
      },
      5_000,
    );
  });
});
