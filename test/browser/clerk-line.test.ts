// The clerk's view of the line: a table with each person's code, waiting time (updating by
// the minute), subject and flags as words; the alert when someone joins an empty line (sound,
// the tab's title, a highlight, one announcement); "Chamar próximo" and why it can't be used;
// pause and resume; the keyboard path.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { installClock, uninstallClock, type InstalledClock } from './fake-clock.js';
import { deepActiveElement } from './flow-helpers.js';
import { useFakeSockets } from './flow-helpers.js';
import {
  PAGE_TITLE,
  announcement,
  clerkButton,
  clerkText,
  clickClerk,
  entry,
  expectClerkAccessible,
  hasInClerk,
  inClerk,
  lineEvent,
  recordAnnouncements,
  settleClerk,
  signedIn,
  spyAudio,
  type BalcaoVirtualAtendente,
} from './clerk-helpers.js';

const NOW = '2026-11-23T13:00:00Z';
const originalTitle = document.title;

let clock: InstalledClock;
let audio: ReturnType<typeof spyAudio>;

/** The table's rows as text, cell by cell. */
function rows(el: BalcaoVirtualAtendente): string[][] {
  return [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

function callNextState(el: BalcaoVirtualAtendente): { disabled: string | null; reason: string } {
  const button = inClerk(el, '#call-next');
  const reasonId = button.getAttribute('aria-describedby');
  const reason = reasonId ? (el.shadowRoot!.getElementById(reasonId)?.textContent ?? '').trim() : '';
  return { disabled: button.getAttribute('aria-disabled'), reason };
}

describe('<balcao-virtual-atendente> the line', () => {
  beforeEach(() => {
    useFakeSockets();
    clock = installClock(NOW);
    audio = spyAudio();
    document.title = PAGE_TITLE;
  });
  afterEach(() => {
    audio.restore();
    document.title = originalTitle;
  });

  it('shows each person: code, waiting time (updating), subject, flags as words, and who is away', async () => {
    const { el } = await signedIn([
      entry('A-001', 12, { sealed: true }),
      entry('A-002', 3, { lawyer: true, libras: true }, true, 'other'),
      entry('A-003', 0.5),
    ]);
    const time = (minutesAgo: number): string =>
      new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit' }).format(Date.now() - minutesAgo * 60_000);
    expect(rows(el)).to.deep.equal([
      ['A-001', `12 min desde ${time(12)}`, 'Informação sobre processo', 'Segredo de justiça'],
      ['A-002', `3 min desde ${time(3)}`, 'Outro assunto', 'Advogado(a) Intérprete de Libras Ausente'],
      ['A-003', `menos de 1 min desde ${time(0.5)}`, 'Informação sobre processo', ''],
    ]);
    expect(clerkText(el)).to.contain('3 pessoas na fila');
    expect(clerkText(el)).to.contain('Ausente: a pessoa está sem conexão agora.');
    // Table semantics: column headers, each row named by its code.
    const headers = [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => `${th.getAttribute('scope')}:${th.textContent!.trim()}`);
    expect(headers).to.deep.equal(['col:Senha', 'col:Esperando há', 'col:Assunto', 'col:Situação']);
    expect(el.shadowRoot!.querySelectorAll('tbody th[scope="row"]')).to.have.length(3);
    expect(inClerk(el, 'caption').textContent!.trim()).to.equal('Pessoas na fila, em ordem de chegada');
    expect(inClerk(el, 'time').getAttribute('datetime')).to.equal(new Date(Date.now() - 12 * 60_000).toISOString());

    await clock.tickAsync(60_000);
    await settleClerk(el);
    expect(rows(el).map((r) => r[1]!.split(' desde')[0])).to.deep.equal(['13 min', '4 min', '1 min']);
    await expectClerkAccessible(el);
  });

  it('an empty line says so', async () => {
    const { el } = await signedIn([]);
    expect(clerkText(el)).to.contain('Ninguém na fila');
    expect(hasInClerk(el, 'table')).to.equal(false);
    await expectClerkAccessible(el);
  });

  it('someone joins the empty line: a beep (after a click), "(1) Fila — …" in the title, a highlight, one announcement', async () => {
    const { el, socket } = await signedIn([]);
    clickClerk(el, 'Ativar aviso sonoro');
    await settleClerk(el);
    expect(audio.started, 'the sample sound').to.equal(1);
    expect(clerkButton(el, 'Ativar aviso sonoro'), 'asked once').to.equal(undefined);
    const said = recordAnnouncements(el);

    socket.push(lineEvent([entry('A-001', 0)]));
    await settleClerk(el);
    expect(audio.started).to.equal(2);
    expect(document.title).to.equal(`(1) Fila — ${PAGE_TITLE}`);
    expect(inClerk(el, '.line-panel').classList.contains('alerting')).to.equal(true);
    expect(clerkText(el)).to.contain('1 pessoa na fila · chegou alguém');
    expect(said).to.deep.equal(['Chegou uma pessoa na fila.']);
    await expectClerkAccessible(el);
    clock = installClock(NOW);

    // More people: the title follows; no second sound or announcement.
    socket.push(lineEvent([entry('A-001', 0), entry('A-002', 0)]));
    await settleClerk(el);
    expect(document.title).to.equal(`(2) Fila — ${PAGE_TITLE}`);
    expect(audio.started).to.equal(2);
    expect(said).to.have.length(1);

    // "Chamar próximo" ends the alert.
    clickClerk(el, 'Chamar próximo');
    await settleClerk(el);
    expect(document.title).to.equal(PAGE_TITLE);
    expect(inClerk(el, '.line-panel').classList.contains('alerting')).to.equal(false);
  });

  it('no sound before any click (browsers refuse it); the title and the highlight still show; the line emptying ends it', async () => {
    const { el, socket } = await signedIn([]);
    expect(clerkText(el)).to.contain('Para ouvir um aviso quando alguém entrar na fila vazia, ative o som');
    socket.push(lineEvent([entry('A-001', 0)]));
    await settleClerk(el);
    expect(audio.started).to.equal(0);
    expect(document.title).to.equal(`(1) Fila — ${PAGE_TITLE}`);
    expect(announcement(el)).to.equal('Chegou uma pessoa na fila.');

    socket.push(lineEvent([]));
    await settleClerk(el);
    expect(document.title).to.equal(PAGE_TITLE);
  });

  it('no alert for the line already there at sign-in, nor on every change', async () => {
    const { el, socket } = await signedIn([entry('A-001', 5)]);
    const said = recordAnnouncements(el);
    socket.push(lineEvent([entry('A-001', 5), entry('A-002', 0)]));
    socket.push(lineEvent([entry('A-002', 0)]));
    await settleClerk(el);
    expect(document.title).to.equal(PAGE_TITLE);
    expect(said).to.deep.equal([]);
  });

  it('"Chamar próximo" says why it can\'t be used: empty line, everyone away, paused, an attendance in progress, no connection', async () => {
    const { el, socket } = await signedIn([]);
    expect(callNextState(el)).to.deep.equal({ disabled: 'true', reason: 'Não há ninguém para chamar.' });
    clickClerk(el, 'Chamar próximo');
    expect(socket.commands('call-next'), 'nothing sent').to.have.length(0);
    await expectClerkAccessible(el);
    clock = installClock(NOW);

    socket.push(lineEvent([entry('A-001', 1, {}, true)]));
    await settleClerk(el);
    expect(callNextState(el).reason).to.equal('Quem está na fila está sem conexão agora. A pessoa pode ser chamada quando voltar.');

    socket.push(lineEvent([entry('A-001', 1)], true));
    await settleClerk(el);
    expect(callNextState(el)).to.deep.equal({ disabled: 'true', reason: 'Seu atendimento está pausado. Retome para chamar a próxima pessoa.' });

    socket.push(lineEvent([entry('A-001', 1)]));
    await settleClerk(el);
    expect(callNextState(el)).to.deep.equal({ disabled: 'false', reason: '' });
    clickClerk(el, 'Chamar próximo');
    await settleClerk(el);
    expect(socket.commands('call-next')).to.have.length(1);
    expect(inClerk(el, '#call-next').textContent!.trim()).to.equal('Chamando…');
    socket.push({ type: 'calling', code: 'A-001', subject: 'case-info', flags: { sealed: false, lawyer: false, libras: false }, citizenPeerId: 'bvcitizen0123456789', answerBy: new Date(Date.now() + 60_000).toISOString(), ice: { iceServers: [], iceTransportPolicy: 'all' } });
    socket.push(lineEvent([entry('A-002', 1)]));
    await settleClerk(el);
    expect(callNextState(el)).to.deep.equal({ disabled: 'true', reason: 'Termine o atendimento atual antes de chamar a próxima pessoa.' });

    socket.drop();
    await settleClerk(el);
    expect(callNextState(el).reason).to.equal('Sem conexão com o Balcão Virtual. Tentando reconectar.');
    expect(clerkText(el)).to.contain('Sem conexão. Tentando reconectar…');
  });

  it('the server finds nobody to call (line-empty): says so', async () => {
    const { el, socket } = await signedIn([entry('A-001', 1), entry('A-002', 1, {}, true)]);
    clickClerk(el, 'Chamar próximo');
    socket.push({ type: 'line-empty' });
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Quem está na fila está sem conexão agora. Tente de novo em instantes.');
    expect(inClerk(el, '#call-next').textContent!.trim()).to.equal('Chamar próximo');
  });

  it('a refusal of the server is shown in words (busy, paused)', async () => {
    const { el, socket } = await signedIn([entry('A-001', 1)]);
    clickClerk(el, 'Chamar próximo');
    socket.push({ type: 'error', code: 'paused', message: 'Seu atendimento está pausado.' });
    await settleClerk(el);
    expect(inClerk(el, '#problem').textContent!.trim()).to.equal('Seu atendimento está pausado. Retome para chamar a próxima pessoa.');
    expect(announcement(el)).to.equal('Seu atendimento está pausado. Retome para chamar a próxima pessoa.');
  });

  it('pause and resume: the command, then the server\'s word for it', async () => {
    const { el, socket } = await signedIn([entry('A-001', 1)]);
    const said = recordAnnouncements(el);
    clickClerk(el, 'Pausar atendimento');
    await settleClerk(el);
    expect(socket.commands('pause')).to.have.length(1);
    expect(inClerk(el, '#pause').getAttribute('aria-disabled'), 'waiting for the server').to.equal('true');
    clickClerk(el, 'Pausar atendimento');
    expect(socket.commands('pause'), 'not sent twice').to.have.length(1);

    socket.push(lineEvent([entry('A-001', 1)], true, 0));
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Conectado · em pausa');
    expect(said).to.deep.equal(['Atendimento pausado. Ninguém será chamado por você até retomar.']);
    await expectClerkAccessible(el);
    clock = installClock(NOW);

    clickClerk(el, 'Retomar atendimento');
    expect(socket.commands('resume')).to.have.length(1);
    socket.push(lineEvent([entry('A-001', 1)], false, 1));
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Conectado · atendendo');
    expect(said.at(-1)).to.equal('Atendimento retomado.');
    expect(callNextState(el).disabled).to.equal('false');
  });

  it('works by keyboard alone, with a visible focus', async () => {
    uninstallClock();
    const { el, socket } = await signedIn([entry('A-001', 1)]);
    // Tab starts from a button just before the element, as from the page's own content.
    const start = document.createElement('button');
    start.textContent = 'start';
    el.parentElement!.before(start);
    start.focus();
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement() as HTMLElement | null;
      stops.push((active?.textContent ?? '').replace(/\s+/g, ' ').trim() || (active?.outerHTML ?? 'nothing').slice(0, 80));
      expect(getComputedStyle(active!).outlineStyle, `a visible focus on ${stops.at(-1)}`).to.equal('solid');
    }
    expect(stops).to.deep.equal(['Pausar atendimento', 'Ativar aviso sonoro', 'Chamar próximo']);
    await sendKeys({ press: 'Enter' });
    await settleClerk(el);
    expect(socket.commands('call-next')).to.have.length(1);
    start.remove();
  });

  it('at 360 px wide, nothing is wider than the element', async () => {
    const { el } = await signedIn([entry('A-001', 12, { sealed: true, lawyer: true, libras: true }), entry('A-002', 3, {}, true)], { width: '360px' });
    const card = inClerk(el, '.card');
    expect(card.scrollWidth, 'no horizontal scroll').to.be.at.most(card.clientWidth + 1);
    expect(el.getBoundingClientRect().width).to.equal(360);
  });
});
