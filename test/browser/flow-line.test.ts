// In the line: the ticket's code, the position and the estimated wait, live over the line
// socket (a fake one here, played by the test as the server); polite announcements of the
// position at most every 30 s; the turn ("Sua vez!": title, sound, alert with the clerk and
// a 60 s countdown); leaving with a confirmation; every ending the server can send; the
// connection dropping (backoff, grace period) and the page being reloaded.
import { expect } from '@open-wc/testing';
import type { CallStart } from '../../src/call/citizen-seam.js';
import { PING_INTERVAL_MS } from '../../src/ui/line-connection.js';
import { ANNOUNCE_INTERVAL_MS } from '../../src/ui/position-announcer.js';
import { installClock, type InstalledClock } from './fake-clock.js';
import {
  calledEvent,
  inCallEvent,
  deepActiveElement,
  flowOf,
  focusDescription,
  focusOnHeading,
  hasInFlow,
  headingOf,
  inFlow,
  joinLine,
  lastSocket,
  queueRequests,
  sockets,
  toBeforeLine,
  toBeforeLineSealed,
  untilHeading,
  useFakeSockets,
  VALID,
  type FakeLineSocket,
} from './flow-helpers.js';
import {
  announcementOf,
  clickButton,
  expectAccessible,
  hasButton,
  mountUnit,
  setVisibility,
  textOf,
  until,
  type BalcaoVirtual,
} from './helpers.js';

const NOW = '2026-11-23T12:00:00Z';
const TICKET_KEY = `balcao-virtual:ticket:${new URL('/api/units/plantao-contatos', location.href).href}`;
const PAGE_TITLE = 'Vara de teste — Tribunal';

function waiting(position: number, estimatedWaitMinutes: number | null = 10, clerksServing = 2): Record<string, unknown> {
  return { type: 'waiting', code: 'A-001', position, estimatedWaitMinutes, clerksServing };
}

/** Every text the polite live region takes from now on. */
function recordAnnouncements(el: BalcaoVirtual): string[] {
  const said: string[] = [];
  const region = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
  new MutationObserver(() => {
    const text = announcementOf(el);
    if (text && text !== said.at(-1)) said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

/** WebAudio replaced by a counter of contexts and of oscillators started. */
function spyAudio(): { contexts: number; started: number; restore(): void } {
  const original = window.AudioContext;
  const spy = { contexts: 0, started: 0, restore: () => void (window.AudioContext = original) };
  const node = { connect: <T>(next: T): T => next };
  class FakeAudioContext {
    currentTime = 0;
    destination = {};
    constructor() {
      spy.contexts++;
    }
    createOscillator(): unknown {
      return { ...node, type: 'sine', frequency: { value: 0 }, addEventListener: () => undefined, start: () => void spy.started++, stop: () => undefined };
    }
    createGain(): unknown {
      return { ...node, gain: { setValueAtTime: () => undefined } };
    }
    close(): Promise<void> {
      return Promise.resolve();
    }
  }
  window.AudioContext = FakeAudioContext as unknown as typeof AudioContext;
  return spy;
}

async function settle(el: BalcaoVirtual): Promise<void> {
  await el.updateComplete;
  await flowOf(el).updateComplete;
}

/** In the line of `plantao-contatos` (always open), position 3, with the socket open. */
async function inLine(): Promise<{ el: BalcaoVirtual; socket: FakeLineSocket }> {
  const { el } = await mountUnit('plantao-contatos');
  await toBeforeLine(el);
  const socket = await joinLine(el);
  socket.push(waiting(3));
  await settle(el);
  return { el, socket };
}

let clock: InstalledClock;
let audio: ReturnType<typeof spyAudio>;
const originalTitle = document.title;

describe('<balcao-virtual> in the line', () => {
  beforeEach(() => {
    useFakeSockets();
    setVisibility('visible');
    clock = installClock(NOW);
    audio = spyAudio();
    document.title = PAGE_TITLE;
  });
  afterEach(() => {
    audio.restore();
    document.title = originalTitle;
  });

  it('shows the position and the wait live, and announces changes at most every 30 s', async () => {
    const { el, socket } = await inLine();
    const said = recordAnnouncements(el);
    expect(textOf(el)).to.contain('Há 2 pessoas na sua frente.');

    socket.push(waiting(2, 5));
    await settle(el);
    expect(textOf(el)).to.contain('Há 1 pessoa na sua frente.');
    expect(inFlow(el, '.estimate').textContent!.trim()).to.equal('espera estimada de 5 minutos');
    expect(said).to.deep.equal(['Há 1 pessoa na sua frente.']);

    // Ten seconds later: shown at once, said only when 30 s have passed since the last one.
    await clock.tickAsync(10_000);
    socket.push(waiting(1, 1));
    await settle(el);
    expect(textOf(el)).to.contain('Você é a próxima pessoa a ser chamada.');
    expect(said).to.have.length(1);
    await clock.tickAsync(ANNOUNCE_INTERVAL_MS - 10_000);
    await settle(el);
    expect(said).to.deep.equal(['Há 1 pessoa na sua frente.', 'Você é a próxima pessoa a ser chamada.']);

    // The same position again (a reconnection, say) is not said again.
    socket.push(waiting(1, 1));
    await clock.tickAsync(ANNOUNCE_INTERVAL_MS);
    expect(said).to.have.length(2);
    await expectAccessible(el);
  });

  it('says so when nobody is serving any more, keeping the place', async () => {
    const { el, socket } = await inLine();
    const said = recordAnnouncements(el);
    socket.push(waiting(3, null, 0));
    await settle(el);
    expect(textOf(el)).to.contain('Ninguém está atendendo por vídeo agora. Seu lugar na fila continua guardado. Escreva ou ligue para a unidade.');
    expect(textOf(el)).to.contain('sem estimativa ainda');
    expect(said).to.deep.equal(['Ninguém está atendendo por vídeo agora. Seu lugar na fila continua guardado. Há 2 pessoas na sua frente.']);
    await expectAccessible(el);

    socket.push(waiting(3, 10, 1));
    await settle(el);
    expect(textOf(el)).not.to.contain('Ninguém está atendendo');
    expect(said.at(-1)).to.equal('Atendimento por vídeo disponível agora. Há 2 pessoas na sua frente.');
  });

  it('on the turn: alert with the clerk, the tab\'s title, a sound, the countdown, and the announcement', async () => {
    const { el, socket } = await inLine();
    const said = recordAnnouncements(el);
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');

    expect(focusOnHeading(el), `focus on "Sua vez!", not ${focusDescription()}`).to.equal(true);
    expect(document.title).to.equal(`Sua vez! — ${PAGE_TITLE}`);
    expect(textOf(el)).to.contain('Maria Souza, Plantão de Teste com Telefone e E-mail, está chamando você.');
    expect(textOf(el)).to.contain('Entre em até 60 segundos.');
    expect(hasButton(el, 'Entrar')).to.equal(true);
    expect(audio.contexts, 'a sound after the join click').to.equal(1);
    expect(audio.started).to.equal(1);
    expect(said.at(-1)).to.equal('Sua vez! Maria Souza, Plantão de Teste com Telefone e E-mail, está chamando você. Entre em até 60 segundos.');
    expect(inFlow(el, '.alert').getAttribute('part')).to.equal('alert');
    const saved = JSON.parse(sessionStorage.getItem(TICKET_KEY)!) as Record<string, unknown>;
    expect(saved.clerkPeerId).to.equal('clerk-peer-abcdefghijklmnop');

    await clock.tickAsync(15_000);
    await settle(el);
    expect(textOf(el)).to.contain('Entre em até 45 segundos.');
    expect(said, 'the countdown is not announced each second').to.have.length(1);

    // The server repeats the call after a reconnection: no second alert, sound or announcement.
    socket.push({ ...calledEvent(), answerBy: new Date(Date.parse(NOW) + 60_000).toISOString() });
    await settle(el);
    expect(audio.contexts).to.equal(1);
    expect(said).to.have.length(1);
    await expectAccessible(el);
  });

  it('when the countdown ends, says the time is over and waits for the server', async () => {
    const { el, socket } = await inLine();
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    await clock.tickAsync(60_000);
    await settle(el);
    expect(textOf(el)).to.contain('O tempo para entrar acabou.');
    expect(hasButton(el, 'Entrar')).to.equal(false);

    socket.push({ type: 'missed' });
    await untilHeading(el, 'Você não entrou a tempo');
    expect(document.title).to.equal(PAGE_TITLE);
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    expect(socket.closedByWidget, 'the socket is closed').to.not.equal(undefined);
    expect(textOf(el)).to.contain('Chamaram você, mas o tempo para entrar acabou.');
    expect(hasButton(el, 'Entrar na fila de novo')).to.equal(true);
    await expectAccessible(el);

    // Joining again: the answers are known, straight to the step before the line.
    clickButton(el, 'Entrar na fila de novo');
    await untilHeading(el, 'Antes de entrar na fila');
    await joinLine(el);
    expect((await queueRequests()).filter((r) => r.path.endsWith('/queue'))).to.have.length(2);
  });

  it('"Entrar" answers and hands over to the call; when the call cannot open, says so with phone and e-mail', async () => {
    const { el, socket } = await inLine();
    flowOf(el).startCall = () => 'unavailable';
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    clickButton(el, 'Entrar');
    await untilHeading(el, 'Fale com a unidade');

    expect(socket.commands('answer')).to.have.length(1);
    expect(document.title).to.equal(PAGE_TITLE);
    expect(textOf(el)).to.contain('Não foi possível abrir a chamada de vídeo neste navegador.');
    expect(textOf(el)).not.to.match(/conectando|aguarde/i);
    expect(el.shadowRoot!.querySelector('video') === null).to.equal(true);
    const links = [...flowOf(el).shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    await expectAccessible(el);

    socket.push(inCallEvent());
    socket.push({ type: 'done', outcome: 'attended' });
    await untilHeading(el, 'Atendimento encerrado');
    expect(textOf(el)).to.contain('Obrigado por usar o Balcão Virtual.');
    clickButton(el, 'Voltar ao início');
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');
  });

  it('hands the call module what it needs through startCall, identification included, in the click', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLineSealed(el);
    const socket = await joinLine(el);
    let call: CallStart | undefined;
    flowOf(el).startCall = (start) => {
      call = start;
      const video = document.createElement('p');
      video.textContent = 'A chamada do módulo de vídeo';
      start.container.append(video);
      return 'started';
    };
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    clickButton(el, 'Entrar');
    await until(el, () => textOf(el).includes('A chamada do módulo de vídeo'), 'the call module\'s UI');

    expect(call).to.not.equal(undefined);
    const c = call!;
    expect(c.gesture).to.equal(true);
    expect(c.clerkPeerId).to.equal('clerk-peer-abcdefghijklmnop');
    expect(c.clerk?.name).to.equal('Maria Souza');
    expect(c.ice).to.deep.equal(calledEvent(60).ice);
    // The PeerJS id the real line issued to the ticket.
    expect(c.ticket.peerId).to.match(/^bv[0-9a-f]{32}$/);
    expect(c.unit.id).to.equal('plantao-contatos');
    expect(c.identification).to.deep.equal({ name: VALID.name, cpf: '52998224725', role: 'party', caseNumber: VALID.caseNumber });
    expect(c.signal.aborted).to.equal(false);
    expect(socket.commands('answer')).to.have.length(1);

    socket.push({ type: 'done', outcome: 'attended' });
    await untilHeading(el, 'Atendimento encerrado');
    expect(c.signal.aborted, 'the call is told it is over').to.equal(true);
    expect(flowOf(el).identification(), 'the identification is not kept after the call').to.equal(undefined);
    await expectAccessible(el);
  });

  it('requeued: back at the head of the line, said and shown', async () => {
    const { el, socket } = await inLine();
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    const said = recordAnnouncements(el);
    socket.push({ type: 'requeued' });
    socket.push(waiting(1, 2));
    await untilHeading(el, 'Você está na fila');

    expect(textOf(el)).to.contain('Você voltou para o início da fila.');
    expect(said[0]).to.equal('Você voltou para o início da fila.');
    expect(document.title).to.equal(PAGE_TITLE);
    expect(hasInFlow(el, '.alert')).to.equal(false);
    expect(sessionStorage.getItem(TICKET_KEY), 'still in the line').to.not.equal(null);
  });

  it('expired: the day ended before the turn, with the contacts', async () => {
    const { el, socket } = await inLine();
    socket.push({ type: 'expired' });
    await untilHeading(el, 'A fila de hoje foi encerrada');
    expect(textOf(el)).to.contain('O horário de atendimento da unidade terminou antes da sua vez.');
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    expect(hasButton(el, 'Voltar ao início')).to.equal(true);
    await expectAccessible(el);
  });

  it('ticket_not_found: the place was lost; offers to join again', async () => {
    const { el, socket } = await inLine();
    socket.push({ type: 'error', code: 'ticket_not_found', message: 'Esta senha não está mais na fila.' });
    socket.drop(4004);
    await untilHeading(el, 'Sua senha não está mais na fila');
    expect(textOf(el)).to.contain('Entre na fila de novo se ainda precisar de atendimento.');
    expect(hasButton(el, 'Entrar na fila de novo')).to.equal(true);
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    await clock.tickAsync(60_000);
    expect(sockets, 'no reconnection').to.have.length(1);
    await expectAccessible(el);
  });

  it('"Sair da fila" asks first; "Continuar na fila" keeps the place and the focus comes back', async () => {
    const { el } = await inLine();
    clickButton(el, 'Sair da fila');
    await settle(el);
    expect(textOf(el)).to.contain('Sair da fila? Você perde seu lugar. Se voltar, entra no fim da fila.');
    expect(deepActiveElement() === inFlow(el, '#confirm-text'), `focus on the question, not ${focusDescription()}`).to.equal(true);
    await expectAccessible(el);

    clickButton(el, 'Continuar na fila');
    await settle(el);
    expect(deepActiveElement() === inFlow(el, '#leave'), `focus back on "Sair da fila", not ${focusDescription()}`).to.equal(true);
    expect((await queueRequests()).filter((r) => r.path.includes('/leave'))).to.deep.equal([]);
  });

  it('"Sim, sair da fila" leaves: back to the status, said, and nothing kept', async () => {
    const { el, socket } = await inLine();
    const ticketId = (JSON.parse(sessionStorage.getItem(TICKET_KEY)!) as { ticketId: string }).ticketId;
    clickButton(el, 'Sair da fila');
    await settle(el);
    clickButton(el, 'Sim, sair da fila');
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');

    const leaves = (await queueRequests()).filter((r) => r.path.includes('/leave'));
    expect(leaves.map((r) => [r.method, r.path, r.body])).to.deep.equal([['POST', `/api/tickets/${ticketId}/leave`, '']]);
    expect(announcementOf(el)).to.equal('Você saiu da fila.');
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    expect(socket.closedByWidget).to.not.equal(undefined);
    expect(clock.countTimers(), 'only the status timers are left').to.be.at.most(2);
  });

  it('left (in another tab, say) goes back to the status', async () => {
    const { el, socket } = await inLine();
    socket.push({ type: 'left' });
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');
    expect(announcementOf(el)).to.equal('Você saiu da fila.');
  });
});

describe('<balcao-virtual> when the connection drops', () => {
  beforeEach(() => {
    useFakeSockets();
    setVisibility('visible');
    clock = installClock(NOW);
    audio = spyAudio();
  });
  afterEach(() => audio.restore());

  it('reconnects with growing delays, says so, and says when it is back', async () => {
    const { el, socket } = await inLine();
    const said = recordAnnouncements(el);
    const ticketId = (JSON.parse(sessionStorage.getItem(TICKET_KEY)!) as { ticketId: string }).ticketId;
    socket.drop();
    await settle(el);
    expect(textOf(el)).to.contain('Conexão perdida. Tentando reconectar… Seu lugar fica guardado por até 3 min.');
    expect(said).to.deep.equal(['Conexão perdida. Tentando reconectar.']);
    expect(textOf(el), 'the place is still shown').to.contain('Há 2 pessoas na sua frente.');

    // First attempt within 0.5–1 s.
    await clock.tickAsync(1_000);
    expect(sockets).to.have.length(2);
    sockets[1]!.drop();
    // Second within 1–2 s: not before 1 s.
    await clock.tickAsync(999);
    expect(sockets).to.have.length(2);
    await clock.tickAsync(1_001);
    expect(sockets).to.have.length(3);
    sockets[2]!.drop();
    // Third within 2–4 s.
    await clock.tickAsync(1_999);
    expect(sockets).to.have.length(3);
    await clock.tickAsync(2_001);
    expect(sockets).to.have.length(4);

    const back = lastSocket();
    back.accept();
    expect(back.sent).to.deep.equal([{ type: 'hello', ticketId }]);
    back.push(waiting(2, 5));
    await settle(el);
    expect(textOf(el)).not.to.contain('Conexão perdida');
    expect(textOf(el)).to.contain('Há 1 pessoa na sua frente.');
    expect(said.at(-1)).to.equal('Conexão restabelecida. Há 1 pessoa na sua frente.');
  });

  it('past the grace period, says the place may be lost, with the contacts', async () => {
    const { el, socket } = await inLine();
    socket.drop();
    await clock.tickAsync(180_000);
    await settle(el);
    expect(textOf(el)).to.contain('Sem conexão há mais de 3 min. Seu lugar na fila pode ter sido perdido.');
    await expectAccessible(el);

    // The connection comes back; the server says the place is gone.
    window.dispatchEvent(new Event('online'));
    const back = lastSocket();
    back.accept();
    back.push({ type: 'error', code: 'ticket_not_found', message: 'Esta senha não está mais na fila.' });
    back.drop(4004);
    await untilHeading(el, 'Sua senha não está mais na fila');
  });

  it('a server restart ("shutdown", then close 1012) reconnects', async () => {
    const { socket } = await inLine();
    socket.push({ type: 'shutdown' });
    socket.drop(1012);
    await clock.tickAsync(1_000);
    expect(sockets).to.have.length(2);
  });

  it('pings every 20 s, and a silent connection is treated as lost', async () => {
    const { socket } = await inLine();
    await clock.tickAsync(PING_INTERVAL_MS);
    expect(socket.commands('ping')).to.have.length(1);
    await clock.tickAsync(PING_INTERVAL_MS);
    expect(sockets, 'answered: the same connection').to.have.length(1);
    socket.autoPong = false;
    expect(socket.commands('ping')).to.have.length(2);
    // No answer for more than 50 s: a new connection.
    await clock.tickAsync(3 * PING_INTERVAL_MS + 1_000);
    expect(sockets.length).to.be.greaterThan(1);
  });

  it('another tab took the ticket over: says so and does not fight for it', async () => {
    const { el, socket } = await inLine();
    socket.drop(4000);
    await settle(el);
    expect(textOf(el)).to.contain('Sua senha foi aberta em outra aba ou janela.');
    await clock.tickAsync(120_000);
    expect(sockets).to.have.length(1);
    clickButton(el, 'Usar esta aba');
    expect(sockets).to.have.length(2);
  });
});

describe('<balcao-virtual> after a reload', () => {
  beforeEach(() => {
    useFakeSockets();
    setVisibility('visible');
    clock = installClock(NOW);
    audio = spyAudio();
    document.title = '';
  });
  afterEach(() => {
    audio.restore();
    document.title = originalTitle;
  });

  it('goes back to the line from the ticket kept in this tab, without taking the focus or joining again', async () => {
    const first = await inLine();
    const ticket = JSON.parse(sessionStorage.getItem(TICKET_KEY)!) as { ticketId: string; code: string };
    first.el.remove();
    expect(first.socket.closedByWidget, 'the old page closes its socket').to.not.equal(undefined);
    expect((await queueRequests()).filter((r) => r.path.includes('/leave')), 'leaving the page does not leave the line').to.deep.equal([]);

    (document.activeElement as HTMLElement | null)?.blur();
    const before = focusDescription();
    const { el } = await mountUnit('plantao-contatos');
    await untilHeading(el, 'Você está na fila');
    expect(inFlow(el, '.code').textContent!.trim()).to.equal(ticket.code);
    expect(textOf(el)).to.contain('Conectando à fila…');
    expect(focusDescription(), 'the focus is not taken').to.equal(before);

    const socket = lastSocket();
    socket.accept();
    expect(socket.sent).to.deep.equal([{ type: 'hello', ticketId: ticket.ticketId }]);
    socket.push(waiting(2));
    await settle(el);
    expect(textOf(el)).to.contain('Há 1 pessoa na sua frente.');
    expect((await queueRequests()).filter((r) => r.path.endsWith('/queue'))).to.have.length(1);

    // Called before the person touched the page: no sound (browsers would refuse it), the rest as usual.
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    expect(document.title, 'a page without a title').to.equal('Sua vez!');
    expect(audio.contexts).to.equal(0);
  });

  it('during a call: hands over to the call module again, without a gesture', async () => {
    const first = await inLine();
    const starts: CallStart[] = [];
    const record = (start: CallStart): 'started' => {
      starts.push(start);
      start.container.append(Object.assign(document.createElement('p'), { textContent: 'A chamada do módulo de vídeo' }));
      return 'started';
    };
    flowOf(first.el).startCall = record;
    first.socket.push(calledEvent(60));
    await untilHeading(first.el, 'Sua vez!');
    clickButton(first.el, 'Entrar');
    await until(first.el, () => textOf(first.el).includes('A chamada do módulo de vídeo'), 'the first call');
    first.el.remove();
    expect(starts[0]?.signal.aborted, 'the page going away ends the call').to.equal(true);

    const { el } = await mountUnit('plantao-contatos');
    await untilHeading(el, 'Você está na fila');
    flowOf(el).startCall = record;
    const socket = lastSocket();
    socket.accept();
    // The server's `in-call` brings the clerk and fresh ICE servers (new TURN credentials).
    const ice = { iceServers: [{ urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1999999999:bv', credential: 'fresh' }], iceTransportPolicy: 'relay' } as const;
    socket.push(inCallEvent(ice));
    await until(el, () => textOf(el).includes('A chamada do módulo de vídeo'), 'the call again');
    expect(starts).to.have.length(2);
    const again = starts[1]!;
    expect(again.gesture).to.equal(false);
    expect(again.clerkPeerId).to.equal('clerk-peer-abcdefghijklmnop');
    expect(again.clerk?.name).to.equal('Maria Souza');
    expect(again.ice).to.deep.equal(ice);
    expect(again.signal.aborted).to.equal(false);
  });

  it('keeps the line across closing time (everyone who joined is served)', async () => {
    // vara-teste closes at 17:00Z on weekdays.
    const { el } = await mountUnit('vara-teste');
    clickButton(el, 'Entrar no Balcão Virtual');
    await until(el, () => headingOf(el) === 'Sobre o que é o atendimento?', 'the triage');
    await toBeforeLineContinue(el);
    const socket = await joinLine(el);
    socket.push(waiting(3));
    await clock.tickAsync(6 * 60 * 60 * 1000);
    await settle(el);
    expect(headingOf(el)).to.equal('Você está na fila');
  });
});

describe('<balcao-virtual> removed while in the line', () => {
  beforeEach(() => {
    useFakeSockets();
    setVisibility('visible');
    clock = installClock(NOW);
    audio = spyAudio();
    document.title = PAGE_TITLE;
  });
  afterEach(() => {
    audio.restore();
    document.title = originalTitle;
  });

  it('closes the socket, stops every timer, gives the title back and keeps the place', async () => {
    const { el, socket } = await inLine();
    socket.push(calledEvent(60));
    await untilHeading(el, 'Sua vez!');
    el.remove();
    expect(socket.closedByWidget).to.not.equal(undefined);
    expect(clock.countTimers()).to.equal(0);
    expect(document.title).to.equal(PAGE_TITLE);
    expect(sessionStorage.getItem(TICKET_KEY)).to.not.equal(null);
    expect((await queueRequests()).filter((r) => r.path.includes('/leave'))).to.deep.equal([]);
  });
});

/** From the triage of a unit other than plantao-contatos: "Outro assunto", not a lawyer, up to the step before the line. */
async function toBeforeLineContinue(el: BalcaoVirtual): Promise<void> {
  const { choose, next } = await import('./flow-helpers.js');
  choose(el, 'Outro assunto');
  await next(el);
  await untilHeading(el, 'Você é advogado(a)?');
  choose(el, 'Não');
  await next(el);
  await untilHeading(el, 'Antes de entrar na fila');
}
