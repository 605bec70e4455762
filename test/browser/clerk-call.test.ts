// An attendance from the clerk's side: calling (the countdown to the citizen's "Entrar"),
// missed (the server calls the next one), answered (the call handed to the call module
// through the seam, with the relay over the clerk socket both ways), the sealed-case
// identification panel (formatted, "Identidade conferida", gone at the end), the outcomes,
// "a chamada caiu", and the citizen leaving during the call.
import { expect } from '@open-wc/testing';
import type { RtcDescription } from '../../src/core/protocol/index.js';
import type { ClerkCallStart } from '../../src/call/clerk-seam.js';
import { installClock, type InstalledClock } from './fake-clock.js';
import { deepActiveElement, useFakeSockets, type FakeLineSocket } from './flow-helpers.js';
import {
  CLERK_PEER,
  CLERK_PEER_TOKEN,
  SERVER,
  UNIT,
  attendanceHeading,
  callingEvent,
  clerkButton,
  clerkText,
  clickClerk,
  entry,
  expectClerkAccessible,
  focusedInClerk,
  hasInClerk,
  inClerk,
  lineEvent,
  missedEvent,
  recordAnnouncements,
  settleClerk,
  signedIn,
  untilClerk,
  type BalcaoVirtualAtendente,
} from './clerk-helpers.js';

const NOW = '2026-11-23T13:00:00Z';
const OUTCOME_BUTTONS = ['Atendido', 'Não compareceu', 'Encaminhado por e-mail', 'Encaminhado ao suporte PJe'];

let clock: InstalledClock;

/** Signed in with two people waiting; "Chamar próximo" pressed and A-001 being called. */
async function calling(flags: Parameters<typeof callingEvent>[1] = {}): Promise<{ el: BalcaoVirtualAtendente; socket: FakeLineSocket }> {
  const { el, socket } = await signedIn([entry('A-001', 4, flags), entry('A-002', 1)]);
  // No real call in these tests (the call module has its own, and the e2e): a call that can't open.
  el.startClerkCall = () => 'unavailable';
  clickClerk(el, 'Chamar próximo');
  socket.push(callingEvent('A-001', flags));
  socket.push(lineEvent([entry('A-002', 1)]));
  await untilClerk(el, () => attendanceHeading(el) === 'Chamando A-001', 'the calling state');
  return { el, socket };
}

/** The call module's part, played by the test: records what it was given. */
function fakeCallModule(el: BalcaoVirtualAtendente): { starts: ClerkCallStart[] } {
  const record = { starts: [] as ClerkCallStart[] };
  el.startClerkCall = (call) => {
    record.starts.push(call);
    const video = document.createElement('p');
    video.textContent = 'Vídeo do módulo de chamada';
    call.container.append(video);
    return 'started';
  };
  return record;
}

function buttons(el: BalcaoVirtualAtendente): string[] {
  return [...el.shadowRoot!.querySelectorAll('.end button')].map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim());
}

const OFFER: RtcDescription = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const ANSWER: RtcDescription = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };

describe('<balcao-virtual-atendente> an attendance', () => {
  beforeEach(() => {
    useFakeSockets();
    clock = installClock(NOW);
  });

  it('calling: the code, the flags, a countdown to the answer, the focus on the heading', async () => {
    const { el, socket } = await calling({ sealed: true, libras: true });
    expect(socket.commands('call-next')).to.have.length(1);
    expect(clerkText(el)).to.contain('Senha A-001 · Informação sobre processo');
    expect(clerkText(el)).to.contain('Segredo de justiça');
    expect(clerkText(el)).to.contain('Intérprete de Libras');
    expect(clerkText(el)).to.contain('Aguardando o cidadão entrar.');
    expect(clerkText(el)).to.contain('Tempo para entrar: 60 s');
    expect(focusedInClerk(el)).to.equal('<h3#attendance-heading> "Chamando A-001"');
    expect(buttons(el), 'no outcome while the time runs').to.deep.equal([]);

    await clock.tickAsync(15_000);
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Tempo para entrar: 45 s');

    await clock.tickAsync(45_000);
    await settleClerk(el);
    expect(clerkText(el)).to.contain('O tempo para entrar acabou.');
    expect(buttons(el), 'once the time is over, the outcomes').to.deep.equal(OUTCOME_BUTTONS);
    await expectClerkAccessible(el);
  });

  it('missed: says so, and shows the next call the server makes by itself', async () => {
    const { el, socket } = await calling();
    const said = recordAnnouncements(el);
    socket.push(missedEvent('A-001'));
    socket.push(callingEvent('A-002'));
    await untilClerk(el, () => attendanceHeading(el) === 'Chamando A-002', 'the next call');
    expect(clerkText(el)).to.contain('A-001 não entrou a tempo e saiu da fila. A próxima pessoa é chamada automaticamente.');
    expect(said.at(-1)).to.equal(
      'A-001 não entrou a tempo e saiu da fila. A próxima pessoa é chamada automaticamente. Chamando A-002. Aguardando a pessoa entrar.',
    );
    await expectClerkAccessible(el);
  });

  it('the next call the server makes by itself does not take the focus from the rest of the page', async () => {
    const { el, socket } = await calling();
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Outro sistema');
    el.parentElement!.after(input);
    input.focus();
    socket.push(missedEvent('A-001'));
    socket.push(callingEvent('A-002'));
    await untilClerk(el, () => attendanceHeading(el) === 'Chamando A-002', 'the next call');
    expect(document.activeElement === input, 'the focus stays where the clerk is').to.equal(true);
    input.remove();
  });

  it('missed with nobody left: says so', async () => {
    const { el, socket } = await calling();
    socket.push(lineEvent([]));
    socket.push(missedEvent('A-001'));
    socket.push({ type: 'line-empty' });
    await untilClerk(el, () => attendanceHeading(el) === 'Nenhum atendimento agora', 'idle');
    expect(clerkText(el)).to.contain('A-001 não entrou a tempo e saiu da fila. A próxima pessoa é chamada automaticamente. Ninguém na fila para chamar agora.');
  });

  it('answered: the seam gets what the call needs, and the relay works both ways', async () => {
    const { el, socket } = await calling({ sealed: true });
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => clerkText(el).includes('Vídeo do módulo de chamada'), 'the call module\'s UI');
    expect(attendanceHeading(el)).to.equal('Em atendimento: A-001');
    expect(module.starts).to.have.length(1);
    const call = module.starts[0]!;
    const expected = callingEvent('A-001', { sealed: true });
    expect(call.server.href).to.equal(SERVER);
    expect(call.unit).to.equal(UNIT);
    expect([call.peerId, call.peerToken]).to.deep.equal([CLERK_PEER, CLERK_PEER_TOKEN]);
    expect(call.citizenPeerId).to.equal(expected.citizenPeerId);
    expect(call.ice).to.deep.equal(expected.ice);
    expect([call.code, call.subject, call.flags]).to.deep.equal(['A-001', 'case-info', { sealed: true, lawyer: false, libras: false }]);
    expect(call.signal.aborted).to.equal(false);
    expect(call.container.getRootNode() === el.shadowRoot, 'the container is in the element').to.equal(true);
    expect(call.container.getAttribute('part')).to.equal('call');

    // Clerk → citizen: an ICE restart offer goes out on the clerk socket.
    call.relay.send(OFFER);
    expect(socket.commands('rtc')).to.deep.equal([{ type: 'rtc', description: OFFER }]);
    // Citizen → clerk: the answer reaches the call module; unsubscribing stops it.
    const heard: RtcDescription[] = [];
    const unsubscribe = call.relay.onDescription((d) => heard.push(d));
    socket.push({ type: 'rtc', description: ANSWER });
    await settleClerk(el);
    expect(heard).to.deep.equal([ANSWER]);
    unsubscribe();
    socket.push({ type: 'rtc', description: ANSWER });
    await settleClerk(el);
    expect(heard).to.have.length(1);

    expect(buttons(el)).to.deep.equal([...OUTCOME_BUTTONS, 'A chamada caiu (devolver à fila)']);
    expect(clerkText(el)).to.contain('A identificação da pessoa chega pela chamada, quando ela entra.');
    await expectClerkAccessible(el);
  });

  it('the identification panel: formatted values, "Identidade conferida", and nothing left after the end', async () => {
    const { el, socket } = await calling({ sealed: true, lawyer: true });
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    const call = module.starts[0]!;
    const said = recordAnnouncements(el);
    call.onIdentification({ name: '  Joana   Maria da Silva ', cpf: '52998224725', role: 'lawyer', oab: 'RN 12345', caseNumber: '00000014220268200001' });
    await settleClerk(el);
    const panel = inClerk(el, '.identification');
    const pairs = [...panel.querySelectorAll('dt')].map((dt) => `${dt.textContent!.trim()}: ${dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim()}`);
    expect(pairs).to.deep.equal([
      'Nome: Joana Maria da Silva',
      'CPF: 529.982.247-25',
      'Qualidade: Advogado(a) de uma das partes',
      'OAB: RN 12345',
      'Processo: 0000001-42.2026.8.20.0001',
    ]);
    expect(said).to.deep.equal(['Identificação recebida. Confira antes de dar informações do processo.']);
    await expectClerkAccessible(el);
    clock = installClock(NOW);

    const check = inClerk<HTMLInputElement>(el, '#identity-checked');
    expect(check.checked).to.equal(false);
    expect(inClerk(el, 'label[for="identity-checked"]').textContent!.trim()).to.equal('Identidade conferida');
    check.click();
    await settleClerk(el);
    expect(inClerk<HTMLInputElement>(el, '#identity-checked').checked).to.equal(true);

    // A wrong value is shown as received, with a warning.
    call.onIdentification({ name: 'Joana Silva', cpf: '123', role: 'party', caseNumber: '0000001-43.2026.8.20.0001' });
    await settleClerk(el);
    expect(clerkText(el)).to.contain('123 (CPF inválido)');
    expect(clerkText(el)).to.contain('0000001-43.2026.8.20.0001 (número inválido)');
    expect(inClerk<HTMLInputElement>(el, '#identity-checked').checked, 'a new identification is checked again').to.equal(false);

    clickClerk(el, 'Atendido');
    expect(socket.commands('outcome')).to.deep.equal([{ type: 'outcome', outcome: 'attended' }]);
    socket.push({ type: 'ended', code: 'A-001', outcome: 'attended' });
    await untilClerk(el, () => attendanceHeading(el) === 'Nenhum atendimento agora', 'idle');
    expect(call.signal.aborted, 'the call module is told').to.equal(true);
    expect(hasInClerk(el, '.identification')).to.equal(false);
    expect(el.shadowRoot!.innerHTML).not.to.contain('Joana');
    expect(clerkText(el)).to.contain('Atendimento A-001 encerrado: Atendido.');
    // Too late: the call is over, nothing is shown again.
    call.onIdentification({ name: 'Joana Silva', cpf: '52998224725', role: 'party', caseNumber: '00000014220268200001' });
    await settleClerk(el);
    expect(el.shadowRoot!.innerHTML).not.to.contain('Joana');
    expect(deepActiveElement() === inClerk(el, '#call-next'), `focus on "Chamar próximo", not ${focusedInClerk(el)}`).to.equal(true);
  });

  for (const [label, outcome] of [
    ['Atendido', 'attended'],
    ['Não compareceu', 'no-show'],
    ['Encaminhado por e-mail', 'redirected-email'],
    ['Encaminhado ao suporte PJe', 'redirected-pje'],
  ] as const) {
    it(`"${label}" sends the outcome ${outcome}, once, and waits for the server`, async () => {
      const { el, socket } = await calling();
      socket.push({ type: 'answered', code: 'A-001' });
      await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-001', 'the call');
      clickClerk(el, label);
      await settleClerk(el);
      clickClerk(el, label);
      expect(socket.commands('outcome')).to.deep.equal([{ type: 'outcome', outcome }]);
      expect(clerkText(el)).to.contain('Encerrando…');
      expect(clerkButton(el, label)!.getAttribute('aria-disabled')).to.equal('true');
      socket.push({ type: 'ended', code: 'A-001', outcome });
      await untilClerk(el, () => attendanceHeading(el) === 'Nenhum atendimento agora', 'idle');
      expect(clerkText(el)).to.contain(`Atendimento A-001 encerrado: ${label}.`);
    });
  }

  it('when the call cannot open, says so plainly, and the attendance still ends', async () => {
    const { el, socket } = await calling();
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-001', 'the call');
    expect(clerkText(el)).to.contain('Não foi possível abrir a chamada de vídeo neste navegador.');
    expect(el.shadowRoot!.querySelector('video') === null).to.equal(true);
    await expectClerkAccessible(el);
  });

  it('"A chamada caiu" sends call-dropped: the person goes back to the head of the line', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    clickClerk(el, 'A chamada caiu (devolver à fila)');
    await settleClerk(el);
    expect(socket.commands('call-dropped')).to.deep.equal([{ type: 'call-dropped' }]);
    expect(module.starts[0]!.signal.aborted).to.equal(true);
    expect(attendanceHeading(el)).to.equal('Nenhum atendimento agora');
    expect(clerkText(el)).to.contain('A-001 voltou para o início da fila.');
    socket.push(lineEvent([entry('A-001', 5), entry('A-002', 1)]));
    await settleClerk(el);
    expect(inClerk(el, '#call-next').getAttribute('aria-disabled')).to.equal('false');
  });

  it('citizen-left: says the citizen left, ends the call, and asks for the outcome', async () => {
    const { el, socket } = await calling({ sealed: true });
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    module.starts[0]!.onIdentification({ name: 'Joana Silva', cpf: '52998224725', role: 'party', caseNumber: '00000014220268200001' });
    const said = recordAnnouncements(el);
    socket.push({ type: 'citizen-left', code: 'A-001' });
    await untilClerk(el, () => attendanceHeading(el) === 'O cidadão saiu da chamada: A-001', 'the citizen left');
    expect(clerkText(el)).to.contain('O cidadão saiu da chamada. Marque abaixo como terminou o atendimento.');
    expect(module.starts[0]!.signal.aborted).to.equal(true);
    expect(buttons(el), 'the outcomes, and no "a chamada caiu"').to.deep.equal(OUTCOME_BUTTONS);
    expect(clerkText(el), 'the identification stays until the outcome').to.contain('Joana Silva');
    expect(said).to.deep.equal(['O cidadão saiu da chamada. Marque como terminou o atendimento.']);
    await expectClerkAccessible(el);

    clock = installClock(NOW);
    clickClerk(el, 'Não compareceu');
    expect(socket.commands('outcome')).to.deep.equal([{ type: 'outcome', outcome: 'no-show' }]);
  });

  it('an outcome the server refuses (no call any more) clears the attendance and says why', async () => {
    const { el, socket } = await calling();
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-001', 'the call');
    clickClerk(el, 'Atendido');
    socket.push({ type: 'error', code: 'no_call', message: 'Não há atendimento em andamento.' });
    await untilClerk(el, () => attendanceHeading(el) === 'Nenhum atendimento agora', 'idle');
    expect(clerkText(el)).to.contain('Não há atendimento em andamento.');
  });

  it('a call module that throws is treated as unavailable', async () => {
    const { el, socket } = await calling();
    el.startClerkCall = () => {
      throw new Error('no camera');
    };
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => clerkText(el).includes('Não foi possível abrir a chamada de vídeo neste navegador.'), 'the unavailable message');
  });

  it('a call module that could not load (onEnded "unavailable") is said plainly', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    module.starts[0]!.onEnded('unavailable');
    await untilClerk(el, () => clerkText(el).includes('Não foi possível abrir a chamada de vídeo neste navegador.'), 'the unavailable message');
    expect(clerkText(el)).not.to.contain('Vídeo do módulo de chamada');
  });

  it('a call that failed for good sends the citizen back to the head of the line at once, and says so', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    const said = recordAnnouncements(el);
    module.starts[0]!.onState('reconnecting');
    module.starts[0]!.onEnded('failed');
    await settleClerk(el);
    expect(socket.commands('call-dropped')).to.deep.equal([{ type: 'call-dropped' }]);
    expect(module.starts[0]!.signal.aborted).to.equal(true);
    expect(attendanceHeading(el)).to.equal('Nenhum atendimento agora');
    const words = 'A chamada com A-001 caiu e não foi possível reconectar. A-001 voltou para o início da fila.';
    expect(clerkText(el)).to.contain(words);
    expect(said).to.deep.equal([words]);
  });

  it('the citizen hung up on the call (page closed): says so and waits for the line', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    module.starts[0]!.onEnded('hung-up-remote');
    await settleClerk(el);
    expect(clerkText(el)).to.contain('A chamada terminou do lado do cidadão.');
    expect(socket.commands('call-dropped')).to.have.length(0);
    expect(attendanceHeading(el)).to.equal('Em atendimento: A-001');
  });

  it('citizen-back: calls again when the call is not up, and leaves a connected call alone', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    module.starts[0]!.onState('connected');
    // A line socket that came back (a server restart) while the media went on: nothing to do.
    socket.push({ type: 'citizen-back', code: 'A-001' });
    await settleClerk(el);
    expect(module.starts).to.have.length(1);
    expect(module.starts[0]!.signal.aborted).to.equal(false);

    // The citizen reloaded: the old call ended on this side; the element calls again.
    module.starts[0]!.onEnded('hung-up-remote');
    socket.push({ type: 'citizen-back', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 2, 'the second call');
    expect(module.starts[0]!.signal.aborted).to.equal(true);
    expect(module.starts[1]!.citizenPeerId).to.equal(module.starts[0]!.citizenPeerId);
    expect(module.starts[1]!.signal.aborted).to.equal(false);

    // Another ticket's return is not this call's.
    socket.push({ type: 'citizen-back', code: 'A-009' });
    await settleClerk(el);
    expect(module.starts).to.have.length(2);
  });

  it('removed during a call: closes the socket, ends the call, stops its timers', async () => {
    const { el, socket } = await calling();
    const module = fakeCallModule(el);
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => module.starts.length === 1, 'the call');
    el.remove();
    expect(socket.closedByWidget).to.not.equal(undefined);
    expect(module.starts[0]!.signal.aborted).to.equal(true);
    expect(clock.countTimers()).to.equal(0);
  });
});
