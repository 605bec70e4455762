// The flow's side of the call (src/call/citizen-seam.ts): what it hands the call module
// (the line socket as the relay of ICE-restart descriptions), what it does when the call
// connects and ends (`balcao-call-start`, `balcao-call-end`, the citizen's hang-up leaving
// the line, a failed call waiting for the line with the contacts), all with the call module
// played by the test. The real call module is tested in test/browser/call-view.test.ts and
// end to end in test/e2e.
import { expect } from '@open-wc/testing';
import type { RtcDescription } from '../../src/core/protocol/index.js';
import type { CallStart } from '../../src/call/citizen-seam.js';
import type { BalcaoCallEndEvent, BalcaoCallStartEvent } from '../../src/widget/events.js';
import { calledEvent, flowOf, joinLine, toBeforeLine, toBeforeLineSealed, untilHeading, useFakeSockets, type FakeLineSocket } from './flow-helpers.js';
import { clickButton, expectAccessible, mountUnit, textOf, until, type BalcaoVirtual } from './helpers.js';

const TICKET_KEY = `balcao-virtual:ticket:${new URL('/api/units/plantao-contatos', location.href).href}`;
const OFFER: RtcDescription = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const ANSWER: RtcDescription = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };

async function settle(el: BalcaoVirtual): Promise<void> {
  await el.updateComplete;
  await flowOf(el).updateComplete;
}

/** In a call: joined `plantao-contatos`, called, "Entrar" pressed; the call module played by the test. */
async function inCall(sealed = false): Promise<{ el: BalcaoVirtual; socket: FakeLineSocket; call: CallStart; events: Event[] }> {
  const { el } = await mountUnit('plantao-contatos');
  if (sealed) await toBeforeLineSealed(el);
  else await toBeforeLine(el);
  const socket = await joinLine(el);
  socket.push({ type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 2, clerksServing: 1 });
  const events: Event[] = [];
  for (const type of ['balcao-call-start', 'balcao-call-end']) document.addEventListener(type, (e) => events.push(e));
  let call: CallStart | undefined;
  flowOf(el).startCall = (start) => {
    call = start;
    start.container.append(Object.assign(document.createElement('p'), { textContent: 'Vídeo do módulo de chamada' }));
    return 'started';
  };
  socket.push(calledEvent(60));
  await untilHeading(el, 'Sua vez!');
  clickButton(el, 'Entrar');
  await until(el, () => call !== undefined && textOf(el).includes('Vídeo do módulo de chamada'), 'the call module');
  return { el, socket, call: call!, events };
}

function eventsOfType<E extends Event>(events: Event[], type: string): E[] {
  return events.filter((e) => e.type === type) as E[];
}

describe('<balcao-virtual> the call, as the flow sees it', () => {
  beforeEach(() => useFakeSockets());

  it('relays the call\'s descriptions over the line socket, both ways, until the call is over', async () => {
    const { el, socket, call } = await inCall();
    const heard: RtcDescription[] = [];
    call.relay.onDescription((d) => heard.push(d));
    call.relay.send(ANSWER);
    expect(socket.commands('rtc')).to.deep.equal([{ type: 'rtc', description: ANSWER }]);
    socket.push({ type: 'rtc', description: OFFER });
    expect(heard).to.deep.equal([OFFER]);

    socket.push({ type: 'done', outcome: 'attended' });
    await untilHeading(el, 'Atendimento encerrado');
    expect(call.signal.aborted).to.equal(true);
    call.relay.send(ANSWER);
    socket.push({ type: 'rtc', description: OFFER });
    expect(socket.commands('rtc'), 'nothing sent after the call').to.have.length(1);
    expect(heard, 'nothing heard after the call').to.have.length(1);
  });

  it('says balcao-call-start when the media connects and balcao-call-end when the line ends it, with no personal data', async () => {
    const { el, socket, call, events } = await inCall(true);
    expect(eventsOfType(events, 'balcao-call-start')).to.have.length(0);
    call.onConnected();
    call.onConnected();
    const starts = eventsOfType<BalcaoCallStartEvent>(events, 'balcao-call-start');
    expect(starts.map((e) => ({ unit: e.unit, code: e.code }))).to.deep.equal([{ unit: 'plantao-contatos', code: call.ticket.code }]);
    expect(call.ticket.code).to.match(/^[A-Z]-\d{3}$/);
    expect(starts[0]!.bubbles && starts[0]!.composed).to.equal(true);

    socket.push({ type: 'done', outcome: 'attended' });
    await untilHeading(el, 'Atendimento encerrado');
    const ends = eventsOfType<BalcaoCallEndEvent>(events, 'balcao-call-end');
    expect(ends).to.have.length(1);
    expect(ends[0]!.reason).to.equal('line-ended');
    expect(ends[0]!.durationSeconds).to.be.within(0, 5);
    // Nothing of the identification (nor the ticket's secrets) rides on the events.
    for (const e of [...starts, ...ends]) {
      const carried = JSON.stringify({ ...e, unit: e.unit, code: e.code });
      expect(carried).not.to.match(/52998224725|529\.982|Joana|0000001/);
      expect(Object.keys(e).filter((k) => k !== 'isTrusted').sort()).to.deep.equal(e.type === 'balcao-call-end' ? ['code', 'durationSeconds', 'reason', 'unit'] : ['code', 'unit']);
    }
  });

  it('the citizen hung up: leaves the line, thanks, forgets the ticket, says balcao-call-end once', async () => {
    const { el, socket, call, events } = await inCall();
    call.onConnected();
    call.onEnded('hung-up-local');
    await untilHeading(el, 'Atendimento encerrado');
    expect(socket.commands('leave')).to.deep.equal([{ type: 'leave' }]);
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    expect(call.signal.aborted).to.equal(true);
    const ends = eventsOfType<BalcaoCallEndEvent>(events, 'balcao-call-end');
    expect(ends.map((e) => e.reason)).to.deep.equal(['hung-up-local']);
  });

  it('the clerk hung up: says so and waits for the line, which ends the attendance', async () => {
    const { el, socket, call, events } = await inCall();
    call.onConnected();
    call.onEnded('hung-up-remote');
    await settle(el);
    expect(textOf(el)).to.contain('A unidade encerrou a chamada. Aguarde um instante nesta página.');
    expect(socket.commands('leave')).to.have.length(0);
    expect(sessionStorage.getItem(TICKET_KEY), 'still the ticket').to.not.equal(null);
    await expectAccessible(el);
    socket.push({ type: 'done', outcome: 'attended' });
    await untilHeading(el, 'Atendimento encerrado');
    expect(eventsOfType<BalcaoCallEndEvent>(events, 'balcao-call-end').map((e) => e.reason)).to.deep.equal(['hung-up-remote']);
  });

  it('a call that failed for good: says so with the phone and e-mail, then back at the head of the line', async () => {
    const { el, socket, call, events } = await inCall();
    call.onConnected();
    call.onEnded('failed');
    await settle(el);
    expect(textOf(el)).to.contain('A chamada caiu e não foi possível reconectar.');
    const links = [...flowOf(el).shadowRoot!.querySelectorAll('.problem a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    await expectAccessible(el);

    socket.push({ type: 'requeued' });
    socket.push({ type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 2, clerksServing: 1 });
    await untilHeading(el, 'Você está na fila');
    expect(textOf(el)).to.contain('Você voltou para o início da fila.');
    expect(textOf(el)).not.to.contain('A chamada caiu');
    expect(eventsOfType<BalcaoCallEndEvent>(events, 'balcao-call-end').map((e) => e.reason)).to.deep.equal(['failed']);
  });

  it('a call module that could not load: says the call could not open, with the phone and e-mail', async () => {
    const { el, call, events } = await inCall();
    call.onEnded('unavailable');
    await settle(el);
    expect(textOf(el)).to.contain('Não foi possível abrir a chamada de vídeo neste navegador.');
    expect(textOf(el)).not.to.contain('Vídeo do módulo de chamada');
    expect(eventsOfType(events, 'balcao-call-end'), 'never connected: no end event').to.have.length(0);
  });

  it('ignores what an ended call says after the line ended it', async () => {
    const { el, socket, call, events } = await inCall();
    call.onConnected();
    socket.push({ type: 'requeued' });
    await untilHeading(el, 'Você está na fila');
    call.onEnded('hung-up-local');
    call.onConnected();
    await settle(el);
    expect(socket.commands('leave')).to.have.length(0);
    expect(eventsOfType(events, 'balcao-call-start')).to.have.length(1);
    expect(eventsOfType<BalcaoCallEndEvent>(events, 'balcao-call-end').map((e) => e.reason)).to.deep.equal(['line-ended']);
  });
});
