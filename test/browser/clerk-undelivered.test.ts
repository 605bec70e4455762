// Written messages that did not arrive, for the unit's staff: the panel "Mensagens não
// entregues (N)" below the line, fetched with the clerk's token in the Authorization header
// (never in a URL) at sign-in, every 5 minutes and when the tab is shown again; each
// message's content as text behind "Ver mensagem"; "Marcar como resolvida" with a
// confirmation; a quiet note when the list can't be fetched. The list and the acknowledgement
// are the real server's: messages stored by its outbox, their e-mails tried by its worker.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { installClock, uninstallClock, type InstalledClock } from './fake-clock.js';
import { deepActiveElement, lastSocket, useFakeSockets } from './flow-helpers.js';
import { acknowledgedElsewhere, injectFault, mailBack, requestsTo, resetServer, storeMessage, type MailOutcome, type MessageSetup } from './server/api.js';
import {
  TOKEN,
  UNIT,
  announcement,
  clerkButton,
  clerkText,
  clickClerk,
  expectClerkAccessible,
  expectTokenOnlyInSessionStorage,
  hasInClerk,
  inClerk,
  recordConsole,
  removeClerks,
  settleClerk,
  signedIn,
  untilClerk,
  type BalcaoVirtualAtendente,
} from './clerk-helpers.js';

const NOW = '2026-11-23T13:00:00Z';
const HTML_TEXT = '<img src=x onerror="alert(1)"><b>urgente</b>\nSegunda linha';

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly authorization: string;
  readonly status: number;
}

/** The unit's next list fails so (the rest are the real outbox's). */
async function failUndelivered(status: number, body: unknown): Promise<void> {
  await injectFault({ path: `/api/units/${UNIT}/messages/undelivered`, method: 'GET', status, body });
}

/** The next acknowledgement fails with 503 (the store unavailable). */
async function failAcknowledge(): Promise<void> {
  const body = { error: { code: 'unavailable', message: 'Indisponível.' } };
  await injectFault({ path: `/api/units/${UNIT}/messages/*/acknowledge`, method: 'POST', status: 503, body });
}

/** The list and acknowledgement requests the server received. */
async function requests(): Promise<Logged[]> {
  return requestsTo(/^\/api\/units\/[^/]+\/messages\/(undelivered|[^/]+\/acknowledge)$/);
}

/** Polls the fixture's log until it holds `count` requests. */
async function waitForRequests(count: number): Promise<Logged[]> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const log = await requests();
    if (log.length >= count) return log;
    if (performance.now() > deadline) throw new Error(`expected ${count} request(s), got ${JSON.stringify(log)}`);
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  }
}

/** A message to the unit received `hoursAgo` (by this test's clock), its two e-mails faring so. */
function written(hoursAgo: number, unit: MailOutcome, copy: MailOutcome, text = 'Preciso de informações sobre o meu processo.'): MessageSetup {
  return {
    message: {
      subject: 'case-info',
      name: 'Joana da Silva',
      email: 'joana@example.com',
      phone: '(84) 99999-0000',
      caseNumber: '0801234-41.2026.8.20.0001',
      text,
    },
    receivedAt: new Date(Date.parse(NOW) - hoursAgo * 3_600_000).toISOString(),
    unit,
    copy,
  };
}

/** The unit's mailbox refused it (550): dead, listed until resolved; the citizen's copy went out. Stored first: BV-2026-000001. */
const DEAD = written(3, 'refused', 'delivered', HTML_TEXT);
/** Neither mail server could be reached: both e-mails still pending, for more than an hour. Stored second: BV-2026-000002. */
const PENDING = written(2, 'unreachable', 'unreachable');

const panel = (el: BalcaoVirtualAtendente): HTMLElement => inClerk(el, 'section.undelivered');
const items = (el: BalcaoVirtualAtendente): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.undelivered-item')];
const itemText = (item: HTMLElement): string => (item.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Each message stored by the real outbox, in turn; then a clerk signs in and sees them. */
async function withPanel(list: MessageSetup[]): Promise<BalcaoVirtualAtendente> {
  for (const message of list) await storeMessage(UNIT, message);
  const { el } = await signedIn([]);
  await untilClerk(el, () => hasInClerk(el, 'section.undelivered'), 'the undelivered panel');
  return el;
}

describe('<balcao-virtual-atendente> undelivered written messages', () => {
  let clock: InstalledClock;
  beforeEach(async () => {
    useFakeSockets();
    clock = installClock(NOW);
    await resetServer();
  });
  afterEach(() => uninstallClock());

  it('shows the panel at sign-in, fetched with the token in the Authorization header and in no URL', async () => {
    const console = recordConsole();
    const el = await withPanel([DEAD, PENDING]);
    const log = await requests();
    expect(log.map((r) => `${r.method} ${r.path}?${r.search}`)).to.deep.equal([`GET /api/units/${UNIT}/messages/undelivered?`]);
    expect(log[0]!.authorization).to.equal(`Bearer ${TOKEN}`);

    const heading = inClerk(el, '#undelivered-heading').textContent!.trim();
    expect(heading).to.equal('Mensagens não entregues (2)');
    // Below the line panel.
    const line = inClerk(el, '.line-panel');
    expect(line.compareDocumentPosition(panel(el)) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    const [dead, pending] = items(el);
    const when = (hoursAgo: number): string =>
      new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short' }).format(Date.parse(NOW) - hoursAgo * 3_600_000);
    expect(itemText(dead!)).to.contain('Protocolo BV-2026-000001');
    expect(itemText(dead!)).to.contain(`Recebida em ${when(3)} · Responder até ${when(3 - 48)}`);
    expect(itemText(dead!)).to.contain('Não foi possível entregá-la na caixa de e-mail da unidade.');
    expect(clerkButton(el, 'Marcar como resolvida'), 'a dead one can be resolved').to.not.equal(undefined);
    expect(itemText(pending!)).to.contain('Protocolo BV-2026-000002');
    expect(itemText(pending!)).to.contain('Ainda aguarda envio à caixa de e-mail da unidade, há mais de uma hora.');
    expect(itemText(pending!)).to.contain('O comprovante ao cidadão ainda aguarda envio, há mais de uma hora.');
    expect(pending!.querySelector('button'), 'a pending one is still being sent: nothing to resolve').to.equal(null);
    // Closed until asked for.
    expect(dead!.querySelector('details')!.open).to.equal(false);

    console.stop();
    await expectTokenOnlyInSessionStorage(el, [lastSocket()], console.lines);
    expect(console.lines.filter((l) => l.includes('Joana') || l.includes('BV-2026')), 'nothing of it in the console').to.deep.equal([]);
    expect(JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })).not.to.contain('Joana');
  });

  it('"Ver mensagem" shows the content as text (HTML stays literal), with a mailto: link whose subject is the protocol', async () => {
    const el = await withPanel([DEAD]);
    const [item] = items(el);
    const summary = item!.querySelector('summary')!;
    expect(summary.textContent!.trim()).to.equal('Ver mensagem');
    summary.click();
    await settleClerk(el);
    expect(item!.querySelector('details')!.open).to.equal(true);
    const content = item!.querySelector('.message-content')!;
    const pairs = [...content.querySelectorAll('dt')].map((dt) => `${dt.textContent!.trim()}: ${dt.nextElementSibling!.textContent!.trim()}`);
    expect(pairs).to.deep.equal([
      'Nome: Joana da Silva',
      'E-mail: joana@example.com',
      'Telefone: (84) 99999-0000',
      'Processo: 0801234-41.2026.8.20.0001',
      `Mensagem: ${HTML_TEXT}`,
    ]);
    expect(content.querySelector('img, b'), 'no HTML rendered').to.equal(null);
    expect(content.querySelector('a')!.getAttribute('href')).to.equal('mailto:joana@example.com?subject=%5BBV-2026-000001%5D');
  });

  it('"Marcar como resolvida" asks first; confirmed, it POSTs with the token and the message leaves', async () => {
    const el = await withPanel([DEAD, PENDING]);
    clickClerk(el, 'Marcar como resolvida');
    await settleClerk(el);
    expect(clerkText(el)).to.contain('O conteúdo desta mensagem será apagado do Balcão Virtual.');
    expect(focusedId(el)).to.equal('confirm-BV-2026-000001');
    expect((await requests()).filter((r) => r.method === 'POST'), 'nothing sent before the confirmation').to.deep.equal([]);

    // Cancelled: nothing sent, back to the button.
    clickClerk(el, 'Cancelar');
    await settleClerk(el);
    expect(focusedId(el)).to.equal('resolve-BV-2026-000001');
    expect((await requests()).filter((r) => r.method === 'POST')).to.deep.equal([]);

    clickClerk(el, 'Marcar como resolvida');
    await settleClerk(el);
    clickClerk(el, 'Sim, marcar como resolvida');
    await untilClerk(el, () => items(el).length === 1, 'the resolved message gone');
    const posts = (await requests()).filter((r) => r.method === 'POST');
    expect(posts.map((r) => `${r.path}?${r.search} ${r.authorization}`)).to.deep.equal([
      `/api/units/${UNIT}/messages/BV-2026-000001/acknowledge? Bearer ${TOKEN}`,
    ]);
    expect(posts.map((r) => r.status), 'the real outbox acknowledged it').to.deep.equal([204]);
    expect(itemText(items(el)[0]!)).to.contain('BV-2026-000002');
    expect(inClerk(el, '#undelivered-heading').textContent!.trim()).to.equal('Mensagens não entregues (1)');
    expect(announcement(el)).to.equal('Mensagem BV-2026-000001 marcada como resolvida.');
    expect(focusedId(el)).to.equal('undelivered-heading');
  });

  it('a failed acknowledgement says so and keeps the message', async () => {
    await failAcknowledge();
    const el = await withPanel([DEAD]);
    clickClerk(el, 'Marcar como resolvida');
    await settleClerk(el);
    clickClerk(el, 'Sim, marcar como resolvida');
    const error = 'Não foi possível marcar a mensagem BV-2026-000001 como resolvida. Ela continua na lista; tente de novo em instantes.';
    await untilClerk(el, () => clerkText(el).includes(error), 'the error');
    expect(items(el)).to.have.length(1);
    expect(inClerk(el, '.undelivered-item .problem').textContent!.trim()).to.equal(error);
    expect(announcement(el)).to.equal(error);
    expect(focusedId(el)).to.equal('resolve-BV-2026-000001');
    expect((await requests()).filter((r) => r.method === 'POST')).to.have.length(1);
  });

  it('an empty list shows no panel; a failed fetch a quiet note, tried again next time', async () => {
    const { el } = await signedIn([]);
    await waitForRequests(1);
    await settleClerk(el);
    expect(hasInClerk(el, '.undelivered')).to.equal(false);
    expect(hasInClerk(el, '.undelivered-note')).to.equal(false);
    expect(clerkText(el)).not.to.contain('Mensagens não entregues');

    await failUndelivered(401, { error: { code: 'unauthorized', message: 'Acesso recusado.' } });
    await clock.tickAsync(5 * 60_000);
    await waitForRequests(2);
    await untilClerk(el, () => hasInClerk(el, '.undelivered-note'), 'the quiet note');
    expect(inClerk(el, '.undelivered-note').textContent!.trim()).to.equal(
      'Não foi possível ver agora se há mensagens escritas não entregues. Uma nova tentativa é feita em 5 minutos.',
    );
    expect(hasInClerk(el, '[part="problem"]'), 'not a problem of the attendance').to.equal(false);
    expect(clerkText(el), 'still signed in').to.contain('Conectado · atendendo');

    await storeMessage(UNIT, DEAD);
    await clock.tickAsync(5 * 60_000);
    await untilClerk(el, () => hasInClerk(el, 'section.undelivered'), 'the panel');
    expect(hasInClerk(el, '.undelivered-note')).to.equal(false);
  });

  it('refreshes every 5 minutes and when the tab is shown again; removed from the page, it stops', async () => {
    const el = await withPanel([DEAD]);
    await storeMessage(UNIT, PENDING);
    await clock.tickAsync(5 * 60_000 - 1000);
    expect(await requests(), 'not before 5 minutes').to.have.length(1);
    await clock.tickAsync(1000);
    await waitForRequests(2);
    await untilClerk(el, () => items(el).length === 2, 'the new list');

    // Resolved in another tab, and the mail servers back: nothing left undelivered.
    await acknowledgedElsewhere(UNIT, 'BV-2026-000001');
    await mailBack();
    document.dispatchEvent(new Event('visibilitychange'));
    await waitForRequests(3);
    await untilClerk(el, () => !hasInClerk(el, 'section.undelivered'), 'the panel gone with the empty list');

    removeClerks();
    await clock.tickAsync(30 * 60_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    expect(await requests(), 'nothing after removal').to.have.length(3);
  });

  it('is accessible (axe), with the message open and while confirming', async () => {
    const el = await withPanel([DEAD, PENDING]);
    items(el)[0]!.querySelector('summary')!.click();
    clickClerk(el, 'Marcar como resolvida');
    await settleClerk(el);
    await expectClerkAccessible(el);
  });

  it('works by keyboard alone: open the message, resolve it, confirm', async () => {
    uninstallClock();
    const el = await withPanel([DEAD]);
    inClerk(el, '#call-next').focus();
    const stops: string[] = [];
    for (let i = 0; i < 2; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement() as HTMLElement;
      stops.push(`${active.localName}:${(active.textContent ?? '').replace(/\s+/g, ' ').trim()}`);
      expect(getComputedStyle(active).outlineStyle, `a visible focus on ${stops.at(-1)}`).to.equal('solid');
      if (i === 0) {
        await sendKeys({ press: 'Enter' });
        await settleClerk(el);
        expect(items(el)[0]!.querySelector('details')!.open, 'Enter opens it').to.equal(true);
        // The link inside is the next stop: skip it.
        await sendKeys({ press: 'Tab' });
        expect((deepActiveElement() as HTMLElement).localName).to.equal('a');
      }
    }
    expect(stops).to.deep.equal(['summary:Ver mensagem', 'button:Marcar como resolvida']);
    await sendKeys({ press: 'Enter' });
    await settleClerk(el);
    expect(focusedId(el)).to.equal('confirm-BV-2026-000001');
    await sendKeys({ press: 'Enter' });
    await untilClerk(el, () => !hasInClerk(el, 'section.undelivered'), 'the message resolved');
    expect((await requests()).filter((r) => r.method === 'POST')).to.have.length(1);
    expect(el.shadowRoot!.activeElement?.id, 'the focus stays in the element').to.equal('attendance-heading');
  });
});

function focusedId(el: BalcaoVirtualAtendente): string {
  return el.shadowRoot!.activeElement?.id ?? '';
}
