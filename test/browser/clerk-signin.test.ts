// Signing a clerk in: the token from the address's fragment (taken out of the address bar at
// once), from the page's property, or from this tab's sessionStorage after a reload; never
// anywhere else. A refused token says what to do next, in plain words, and is forgotten.
import { expect } from '@open-wc/testing';
import { installClock, type InstalledClock } from './fake-clock.js';
import { lastSocket, sockets, useFakeSockets } from './flow-helpers.js';
import {
  SERVER,
  TOKEN,
  TOKEN_KEY,
  UNIT,
  UNIT_NAME,
  announcement,
  clerkText,
  clickClerk,
  expectClerkAccessible,
  expectTokenOnlyInSessionStorage,
  lineEvent,
  mountClerk,
  recordConsole,
  sessionEvent,
  signedIn,
  untilClerk,
} from './clerk-helpers.js';

const NOW = '2026-11-23T12:00:00Z';
const PAGE = location.pathname + location.search;

let clock: InstalledClock;

describe('<balcao-virtual-atendente> signing in', () => {
  beforeEach(() => {
    useFakeSockets();
    clock = installClock(NOW);
  });
  afterEach(() => {
    history.replaceState(null, '', PAGE);
  });

  it('takes the token from the fragment, removes it from the address bar, keeps it only in sessionStorage', async () => {
    const consoleLog = recordConsole();
    try {
      history.replaceState(null, '', `${PAGE}#token=${encodeURIComponent(TOKEN)}&view=compact`);
      const el = await mountClerk();
      expect(location.hash, 'the token is gone from the address; the rest stays').to.equal('#view=compact');
      expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(TOKEN);

      const socket = lastSocket();
      expect(socket.url).to.equal(`${SERVER.replace('http', 'ws')}api/clerk`);
      expect(clerkText(el)).to.contain('Conectando ao Balcão Virtual…');
      socket.accept();
      expect(socket.sent, 'the token travels only in the first message').to.deep.equal([{ type: 'hello', token: TOKEN }]);
      socket.push(sessionEvent());
      socket.push(lineEvent([]));
      await untilClerk(el, () => clerkText(el).includes(UNIT_NAME), 'the signed-in screen');
      expect(clerkText(el)).to.contain('Você aparece para o cidadão como Maria Souza.');
      expect(clerkText(el)).to.contain('Conectado · atendendo');
      expect(announcement(el)).to.equal(`Conectado como Maria Souza, ${UNIT_NAME}.`);

      // A reload: a new element in the same tab signs in with the kept token, without a fragment.
      el.remove();
      expect(socket.closedByWidget, 'the old page closed its socket').to.not.equal(undefined);
      const again = await mountClerk();
      const second = lastSocket();
      second.accept();
      expect(second.sent).to.deep.equal([{ type: 'hello', token: TOKEN }]);
      second.push(sessionEvent());
      second.push(lineEvent([]));
      await untilClerk(again, () => clerkText(again).includes(UNIT_NAME), 'signed in again');

      await expectTokenOnlyInSessionStorage(again, sockets, consoleLog.lines);
    } finally {
      consoleLog.stop();
    }
  });

  it('a fragment with only the token leaves no "#" behind', async () => {
    history.replaceState(null, '', `${PAGE}#token=${encodeURIComponent(TOKEN)}`);
    await mountClerk();
    expect(location.href).to.equal(new URL(PAGE, location.href).href);
  });

  it('the token given by the page (property) is used and not stored', async () => {
    const el = await mountClerk({ token: TOKEN });
    const socket = lastSocket();
    socket.accept();
    expect(socket.sent).to.deep.equal([{ type: 'hello', token: TOKEN }]);
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
    expect(el.getAttribute('token'), 'not reflected into the DOM').to.equal(null);
  });

  it('without any token, says how to get access, for the clerk and for the admin', async () => {
    const el = await mountClerk();
    expect(sockets, 'no connection without a token').to.have.length(0);
    expect(clerkText(el)).to.contain('Entre com seu acesso de servidor(a)');
    expect(clerkText(el)).to.contain('Peça um novo acesso à administração do Balcão Virtual do tribunal');
    expect(clerkText(el)).to.contain(`npm run clerk-token -- --unit ${UNIT} --name "Nome Sobrenome"`);
    await expectClerkAccessible(el);
  });

  it('a refused token (error unauthorized, close 4001): plain words, the next step, forgotten, not retried', async () => {
    const consoleLog = recordConsole();
    try {
      history.replaceState(null, '', `${PAGE}#token=${encodeURIComponent(TOKEN)}`);
      const el = await mountClerk();
      const socket = lastSocket();
      socket.accept();
      socket.push({ type: 'error', code: 'unauthorized', message: 'Acesso de servidor inválido ou vencido.' });
      socket.drop(4001);
      await untilClerk(el, () => clerkText(el).includes('Acesso inválido ou vencido'), 'the refusal');
      expect(clerkText(el)).to.contain('O acesso vale por 12 horas');
      expect(clerkText(el)).to.contain(`npm run clerk-token -- --unit ${UNIT} --name "Nome Sobrenome"`);
      expect(announcement(el)).to.equal('Acesso recusado: o acesso de servidor(a) é inválido ou venceu.');
      expect(sessionStorage.getItem(TOKEN_KEY), 'a refused token is forgotten').to.equal(null);
      await clock.tickAsync(120_000);
      expect(sockets, 'not retried').to.have.length(1);
      await expectTokenOnlyInSessionStorage(el, sockets, consoleLog.lines);
      await expectClerkAccessible(el);
    } finally {
      consoleLog.stop();
    }
  });

  it('a token of another unit: says so and stops', async () => {
    const el = await mountClerk({ token: TOKEN });
    const socket = lastSocket();
    socket.accept();
    socket.push(sessionEvent({ unit: 'outra-vara', unitName: 'Outra Vara' }));
    await untilClerk(el, () => clerkText(el).includes('Este acesso é de outra unidade'), 'the wrong unit');
    expect(clerkText(el)).to.contain('O acesso aberto aqui é para atender Outra Vara, mas esta página é de outra unidade.');
    expect(socket.closedByWidget).to.not.equal(undefined);
    await expectClerkAccessible(el);
  });

  it('without a unit: says what the page is missing', async () => {
    const el = await mountClerk({ unidade: ' ', token: TOKEN });
    expect(sockets).to.have.length(0);
    expect(clerkText(el)).to.contain('Esta página não indica qual é a unidade.');
    await expectClerkAccessible(el);
  });

  it('another tab took the session over (4000): does not fight; "Usar esta aba" takes it back', async () => {
    const { el, socket } = await signedIn();
    socket.drop(4000);
    await untilClerk(el, () => clerkText(el).includes('Atendimento aberto em outra aba'), 'the replaced screen');
    expect(clerkText(el)).to.contain('Seu atendimento foi aberto em outra aba ou janela.');
    await clock.tickAsync(120_000);
    expect(sockets, 'no reconnection by itself').to.have.length(1);
    await expectClerkAccessible(el);

    clock = installClock(NOW);
    clickClerk(el, 'Usar esta aba');
    expect(sockets).to.have.length(2);
    const back = lastSocket();
    back.accept();
    expect(back.sent).to.deep.equal([{ type: 'hello', token: TOKEN }]);
    back.push(sessionEvent());
    back.push(lineEvent([]));
    await untilClerk(el, () => clerkText(el).includes('Conectado · atendendo'), 'signed in again');
  });

  it('uses the unit given: the token key is per server and unit', () => {
    expect(TOKEN_KEY).to.equal(`balcao-virtual:clerk-token:${SERVER}api/units/${UNIT}`);
  });
});
