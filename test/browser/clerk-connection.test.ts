// The clerk socket when the network or the server fails: reconnects with backoff and jitter
// (saying so once, and when it is back), reconnects after a server restart, pings every
// 20 s, and after a reconnection picks the attendance up where it was (the call goes on) or
// says it ended meanwhile.
import { expect } from '@open-wc/testing';
import type { ClerkCallStart } from '../../src/call/clerk-seam.js';
import { PING_INTERVAL_MS } from '../../src/ui/line-connection.js';
import { installClock, type InstalledClock } from './fake-clock.js';
import { lastSocket, sockets, useFakeSockets } from './flow-helpers.js';
import {
  TOKEN,
  attendanceHeading,
  callingEvent,
  clerkText,
  clickClerk,
  entry,
  expectClerkAccessible,
  lineEvent,
  recordAnnouncements,
  sessionEvent,
  settleClerk,
  signedIn,
  untilClerk,
} from './clerk-helpers.js';

const NOW = '2026-11-23T13:00:00Z';

let clock: InstalledClock;

describe('<balcao-virtual-atendente> when the connection drops', () => {
  beforeEach(() => {
    useFakeSockets();
    clock = installClock(NOW);
  });

  it('reconnects with growing delays and jitter, says so once, and says when it is back', async () => {
    const { el, socket } = await signedIn([entry('A-001', 2)]);
    const said = recordAnnouncements(el);
    socket.drop();
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Sem conexão. Tentando reconectar…');
    expect(clerkText(el), 'the line stays shown').to.contain('A-001');
    expect(said).to.deep.equal(['Conexão perdida. Tentando reconectar.']);
    await expectClerkAccessible(el);
    clock = installClock(NOW);
    // The retry timer was the uninstalled clock's: a page coming back online retries at once.
    window.dispatchEvent(new Event('online'));
    expect(sockets).to.have.length(2);

    sockets[1]!.drop();
    // Then within 1–2 s: not before 1 s.
    await clock.tickAsync(999);
    expect(sockets).to.have.length(2);
    await clock.tickAsync(1_001);
    expect(sockets).to.have.length(3);
    sockets[2]!.drop();
    // Then within 2–4 s.
    await clock.tickAsync(1_999);
    expect(sockets).to.have.length(3);
    await clock.tickAsync(2_001);
    expect(sockets).to.have.length(4);

    const back = lastSocket();
    back.accept();
    expect(back.sent).to.deep.equal([{ type: 'hello', token: TOKEN }]);
    back.push(sessionEvent());
    back.push(lineEvent([entry('A-001', 2), entry('A-002', 0)]));
    await settleClerk(el);
    expect(clerkText(el)).to.contain('Conectado · atendendo');
    expect(said.at(-1)).to.equal('Conexão restabelecida. 2 pessoas na fila.');
    expect(said.filter((s) => s.startsWith('Conexão perdida')), 'said once').to.have.length(1);
  });

  it('a server restart ("shutdown", then close 1012) reconnects', async () => {
    const { el, socket } = await signedIn();
    socket.push({ type: 'shutdown' });
    await settleClerk(el);
    expect(clerkText(el)).to.contain('O Balcão Virtual está reiniciando. Reconectando em instantes…');
    socket.drop(1012);
    await clock.tickAsync(1_000);
    expect(sockets).to.have.length(2);
  });

  it('pings every 20 s; a silent connection is treated as lost', async () => {
    const { socket } = await signedIn();
    await clock.tickAsync(PING_INTERVAL_MS);
    expect(socket.commands('ping')).to.have.length(1);
    await clock.tickAsync(PING_INTERVAL_MS);
    expect(socket.commands('ping')).to.have.length(2);
    expect(sockets).to.have.length(1);
    socket.autoPong = false;
    await clock.tickAsync(3 * PING_INTERVAL_MS + 1_000);
    expect(sockets.length).to.be.greaterThan(1);
  });

  it('during a call: after reconnecting, the server re-sends the call and it goes on (not started again)', async () => {
    const { el, socket } = await signedIn([entry('A-001', 3)]);
    const starts: ClerkCallStart[] = [];
    el.startClerkCall = (call) => {
      starts.push(call);
      return 'started';
    };
    clickClerk(el, 'Chamar próximo');
    const calling = callingEvent('A-001');
    socket.push(calling);
    socket.push({ type: 'answered', code: 'A-001' });
    socket.push(lineEvent([]));
    await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-001', 'the call');
    socket.drop();
    await clock.tickAsync(1_000);
    const back = lastSocket();
    back.accept();
    back.push(sessionEvent());
    back.push(calling);
    back.push({ type: 'answered', code: 'A-001' });
    back.push(lineEvent([]));
    await settleClerk(el);
    expect(attendanceHeading(el)).to.equal('Em atendimento: A-001');
    expect(starts).to.have.length(1);
    expect(starts[0]!.signal.aborted).to.equal(false);
    // The relay now writes on the new socket.
    starts[0]!.relay.send({ type: 'offer', sdp: 'v=0\r\n' });
    expect(back.commands('rtc')).to.have.length(1);
  });

  it('during a call: if the server re-sends no call, the attendance ended meanwhile; says so', async () => {
    const { el, socket } = await signedIn([entry('A-001', 3)]);
    const starts: ClerkCallStart[] = [];
    el.startClerkCall = (call) => {
      starts.push(call);
      return 'started';
    };
    clickClerk(el, 'Chamar próximo');
    socket.push(callingEvent('A-001'));
    socket.push({ type: 'answered', code: 'A-001' });
    await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-001', 'the call');
    socket.drop();
    await clock.tickAsync(1_000);
    const back = lastSocket();
    back.accept();
    back.push(sessionEvent());
    back.push(lineEvent([]));
    await settleClerk(el);
    expect(attendanceHeading(el)).to.equal('Nenhum atendimento agora');
    expect(clerkText(el)).to.contain('O atendimento A-001 terminou enquanto a conexão estava fora.');
    expect(starts[0]!.signal.aborted).to.equal(true);
  });

  it('a reload during a call starts the call again from the server\'s messages', async () => {
    const first = await signedIn([]);
    first.el.remove();
    const { el, socket } = await signedIn([]);
    const starts: ClerkCallStart[] = [];
    el.startClerkCall = (call) => {
      starts.push(call);
      return 'started';
    };
    socket.push(sessionEvent());
    socket.push(callingEvent('A-007', { sealed: true }));
    socket.push({ type: 'answered', code: 'A-007' });
    socket.push(lineEvent([]));
    await untilClerk(el, () => attendanceHeading(el) === 'Em atendimento: A-007', 'the call');
    expect(starts).to.have.length(1);
    expect(starts[0]!.flags.sealed).to.equal(true);
  });
});
