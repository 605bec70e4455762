// Joining the line: one POST with the four flags the server takes and nothing else (no
// personal data can ride along), the ticket kept in this tab for a reload (no personal data
// either), `balcao-queue-join` with the unit, the code and the position only. A refusal is
// said in plain words with a next step, and nothing typed is lost.
import { expect } from '@open-wc/testing';
import type { BalcaoQueueJoinEvent } from '../../src/widget/events.js';
import {
  answerJoin,
  choose,
  deepActiveElement,
  flowOf,
  focusDescription,
  focusOnHeading,
  inFlow,
  joinLine,
  lastSocket,
  next,
  openFlow,
  queueRequests,
  sockets,
  toBeforeLine,
  toBeforeLineSealed,
  unitError,
  untilHeading,
  useFakeSockets,
  VALID,
  valueOf,
} from './flow-helpers.js';
import { clickButton, expectAccessible, hasButton, mountUnit, network, offline, stubFetch, textOf, until, type BalcaoVirtual } from './helpers.js';
import { forgetLines, lineState, setLine } from './line-fixture.js';

const TICKET_KEY = `balcao-virtual:ticket:${new URL('/api/units/plantao-contatos', location.href).href}`;

/** Everything this page keeps: sessionStorage, localStorage and every IndexedDB store, as text. */
async function everythingStored(): Promise<string> {
  const parts: string[] = [];
  for (const storage of [sessionStorage, localStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      parts.push(`${key}=${storage.getItem(key)}`);
    }
  }
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const name of db.objectStoreNames) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      parts.push(JSON.stringify({ db: info.name, store: name, keys, values }));
    }
    db.close();
  }
  return parts.join('\n');
}

/** Every console line from now on (the widget must log no personal data). */
function recordConsole(): { readonly lines: string[]; stop(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      (originals[i] as (...a: unknown[]) => void).apply(console, args);
    };
  });
  return {
    lines,
    stop() {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    },
  };
}

/** Every event of the page (any type) reaching the document or the window, as JSON of its own fields and detail. */
function recordAllEvents(el: BalcaoVirtual): { readonly seen: string[]; stop(): void } {
  const seen: string[] = [];
  const types = ['balcao-queue-join', 'balcao-status-change', 'balcao-call-start', 'balcao-call-end', 'change', 'input', 'submit', 'click'];
  const listener = (event: Event): void => {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(event)) fields[key] = (event as unknown as Record<string, unknown>)[key];
    const detail = (event as CustomEvent).detail as unknown;
    seen.push(JSON.stringify({ type: event.type, fields, detail: detail ?? null }));
  };
  for (const type of types) {
    document.addEventListener(type, listener, true);
    el.addEventListener(type, listener);
  }
  return {
    seen,
    stop() {
      for (const type of types) {
        document.removeEventListener(type, listener, true);
        el.removeEventListener(type, listener);
      }
    },
  };
}

const PERSONAL = [VALID.name, 'Joana', '52998224725', VALID.cpf, '529.982', VALID.caseNumber, '00000014220268200001', 'RN 12345', 'RN 12.345'];

function expectNoPersonalData(text: string, where: string): void {
  for (const value of PERSONAL) expect(text.includes(value), `"${value}" found in ${where}`).to.equal(false);
}

describe('<balcao-virtual> joining the line', () => {
  beforeEach(useFakeSockets);
  afterEach(forgetLines);

  it('sends the four flags only, shows the ticket, keeps it in this tab and fires balcao-queue-join', async () => {
    const { el } = await mountUnit('plantao-contatos');
    const joins: BalcaoQueueJoinEvent[] = [];
    document.addEventListener('balcao-queue-join', (e) => joins.push(e as BalcaoQueueJoinEvent), { once: true });
    await openFlow(el);
    choose(el, 'Outro assunto');
    choose(el, 'Preciso de intérprete de Libras');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    choose(el, 'Sim');
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');
    await joinLine(el);

    const requests = await queueRequests();
    expect(requests.map((r) => [r.method, r.path, r.search])).to.deep.equal([['POST', '/api/units/plantao-contatos/queue', '']]);
    expect(requests[0]!.contentType).to.equal('application/json');
    expect(JSON.parse(requests[0]!.body)).to.deep.equal({ subject: 'other', sealed: false, lawyer: true, libras: true });

    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);
    const code = inFlow(el, '.code').textContent!.trim();
    expect(code).to.match(/^A-\d{3}$/);
    expect(textOf(el)).to.contain('Há 2 pessoas na sua frente.');
    expect(inFlow(el, '.estimate').textContent!.trim()).to.equal('espera estimada de 10 minutos');
    expect(hasButton(el, 'Sair da fila')).to.equal(true);

    // The event: bubbling out of the element, composed, with three fields.
    expect(joins).to.have.length(1);
    const event = joins[0]!;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.target === el, 'retargeted to the element').to.equal(true);
    expect({ unit: event.unit, code: event.code, position: event.position }).to.deep.equal({ unit: 'plantao-contatos', code, position: 3 });
    expect(Object.keys(event).filter((k) => k !== 'isTrusted').sort(), 'its own fields').to.deep.equal(['code', 'position', 'unit']);

    // The ticket in this tab: what the line needs, nothing else.
    const saved = JSON.parse(sessionStorage.getItem(TICKET_KEY)!) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).to.deep.equal(['answerWindowSeconds', 'code', 'graceSeconds', 'peerId', 'peerToken', 'ticketId', 'unit']);
    expect(saved.code).to.equal(code);

    // The line socket: hello with the ticket, nothing else.
    const socket = lastSocket();
    expect(socket.url).to.equal(new URL('/api/line', location.href).href.replace(/^http/, 'ws'));
    expect(socket.sent).to.deep.equal([{ type: 'hello', ticketId: saved.ticketId }]);
    await expectAccessible(el);
  });

  it('for a sealed case: the flag and the role travel, the identification goes nowhere', async () => {
    const stopConsole = recordConsole();
    const { el } = await mountUnit('plantao-contatos');
    const events = recordAllEvents(el);
    const urls = stubFetch(network).urls;
    try {
      await toBeforeLineSealed(el, 'Advogado');
      await joinLine(el);
      const socket = lastSocket();
      socket.push({ type: 'waiting', code: 'A-001', position: 3, estimatedWaitMinutes: 10, clerksServing: 2 });
      await flowOf(el).updateComplete;

      const requests = await queueRequests();
      expect(JSON.parse(requests[0]!.body)).to.deep.equal({ subject: 'case-info', sealed: true, lawyer: true, libras: false });
      expectNoPersonalData(JSON.stringify(requests), 'a request to the server');
      expectNoPersonalData(urls.join('\n'), 'a URL');
      expectNoPersonalData(JSON.stringify(socket.sent), 'the line socket');
      expectNoPersonalData(await everythingStored(), 'the storage of this page');
      expectNoPersonalData(events.seen.join('\n'), 'an event');
      expect(events.seen.some((e) => e.includes('balcao-queue-join')), 'the join event was seen').to.equal(true);
      expectNoPersonalData(stopConsole.lines.join('\n'), 'the console');
      // Still in memory, for the call.
      expect(flowOf(el).identification()?.cpf).to.equal('52998224725');
    } finally {
      events.stop();
      stopConsole.stop();
    }
  });

  it('tells the citizen when nobody is serving by video, before joining and after', async () => {
    await setLine('plantao-contatos', lineState({ waiting: 0, clerksServing: 0, estimatedWaitMinutes: null }));
    const { el } = await mountUnit('plantao-contatos');
    await until(el, () => textOf(el).includes('Ninguém está atendendo por vídeo agora.'), 'the status saying so');
    await openFlow(el);
    expect(textOf(el)).to.contain('Ninguém está atendendo por vídeo agora. Escreva ou ligue para a unidade.');
    choose(el, 'Outro assunto');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    choose(el, 'Não');
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');
    expect(textOf(el)).to.contain('Ninguém está atendendo por vídeo agora.');
    await expectAccessible(el);

    // The real join answers: first in line, no estimate, nobody serving.
    await joinLine(el);
    expect(textOf(el)).to.contain('Você é a próxima pessoa a ser chamada.');
    expect(textOf(el)).to.contain('sem estimativa ainda');
    expect(textOf(el)).to.contain('Ninguém está atendendo por vídeo agora. Seu lugar na fila continua guardado. Escreva ou ligue para a unidade.');
    const links = [...flowOf(el).shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    await expectAccessible(el);
  });
});

describe('<balcao-virtual> when joining fails', () => {
  beforeEach(useFakeSockets);

  it('409: the counter is closed; no retry, the contacts, and the focus on the message', async () => {
    await answerJoin('plantao-contatos', unitError(409, 'unit_closed', 'O Balcão Virtual desta unidade está fechado agora.'));
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    clickButton(el, 'Entrar na fila');
    await until(el, () => textOf(el).includes('está fechado agora'), 'the refusal');

    expect(textOf(el)).to.contain('O Balcão Virtual desta unidade está fechado agora. Veja o horário de atendimento ou escreva para a unidade.');
    expect(deepActiveElement() === inFlow(el, '#join-error'), `focus on the message, not ${focusDescription()}`).to.equal(true);
    expect(hasButton(el, 'Entrar na fila') || hasButton(el, 'Tentar de novo'), 'no retry').to.equal(false);
    expect(hasButton(el, 'Voltar ao início')).to.equal(true);
    const links = [...flowOf(el).shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    expect(sessionStorage.getItem(TICKET_KEY)).to.equal(null);
    expect(sockets).to.have.length(0);
    await expectAccessible(el);
  });

  it('503: the line is full; "Tentar de novo" joins when there is room, and nothing typed was lost', async () => {
    await answerJoin('plantao-contatos', unitError(503, 'line_full', 'A fila desta unidade está cheia agora.', { 'Retry-After': '120' }));
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLineSealed(el);
    clickButton(el, 'Entrar na fila');
    await until(el, () => textOf(el).includes('A fila desta unidade está cheia agora.'), 'the refusal');
    expect(textOf(el)).to.contain('Tente de novo em alguns minutos ou escreva para a unidade.');
    expect(hasButton(el, 'Tentar de novo')).to.equal(true);
    await expectAccessible(el);

    // Back to the identification: everything is still there.
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Sua identificação');
    expect(valueOf(el, 'name')).to.equal(VALID.name);
    expect(valueOf(el, 'cpf')).to.equal(VALID.cpf);
    expect(valueOf(el, 'caseNumber')).to.equal(VALID.caseNumber);
    clickButton(el, 'Continuar');
    await untilHeading(el, 'Antes de entrar na fila');

    await answerJoin('plantao-contatos', unitError(503, 'line_full', 'A fila desta unidade está cheia agora.', { 'Retry-After': '120' }));
    clickButton(el, 'Entrar na fila');
    await until(el, () => hasButton(el, 'Tentar de novo'), 'the refusal again');
    clickButton(el, 'Tentar de novo');
    await untilHeading(el, 'Você está na fila');
    expect((await queueRequests()).filter((r) => r.path.endsWith('/queue'))).to.have.length(3);
  });

  it('429: too many attempts', async () => {
    await answerJoin('plantao-contatos', unitError(429, 'rate_limited', 'Muitas tentativas seguidas deste endereço.', { 'Retry-After': '600' }));
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    clickButton(el, 'Entrar na fila');
    await until(el, () => textOf(el).includes('Muitas tentativas seguidas deste endereço. Espere alguns minutos e tente de novo.'), 'the refusal');
    expect(hasButton(el, 'Tentar de novo')).to.equal(true);
  });

  it('offline: says so, and the retry works when the connection is back', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    stubFetch(offline);
    clickButton(el, 'Entrar na fila');
    await until(el, () => textOf(el).includes('Sem conexão com o Balcão Virtual. Verifique sua internet e tente de novo.'), 'the message');
    stubFetch(network);
    clickButton(el, 'Tentar de novo');
    await untilHeading(el, 'Você está na fila');
  });

  it('an unknown refusal shows the server\'s own message', async () => {
    await answerJoin('plantao-contatos', unitError(418, 'teapot', 'Mensagem do servidor em português.'));
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    clickButton(el, 'Entrar na fila');
    await until(el, () => textOf(el).includes('Mensagem do servidor em português.'), 'the message');
  });

  it('says "Entrando na fila…" while waiting, and a second click sends nothing more', async () => {
    let release: () => void = () => undefined;
    stubFetch((url, init) =>
      new URL(url).pathname.endsWith('/queue') ? new Promise((resolve) => (release = () => resolve(network(url, init)))) : network(url, init),
    );
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    clickButton(el, 'Entrar na fila');
    await until(el, () => hasButton(el, 'Entrando na fila…'), 'the waiting label');
    expect(inFlow(el, '#join').getAttribute('aria-disabled')).to.equal('true');
    clickButton(el, 'Entrando na fila…');
    release();
    await untilHeading(el, 'Você está na fila');
    expect((await queueRequests()).filter((r) => r.path.endsWith('/queue'))).to.have.length(1);
  });
});

describe('<balcao-virtual> the line after "Voltar" from the triage', () => {
  beforeEach(useFakeSockets);

  it('opening the flow again starts fresh', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Outro assunto');
    clickButton(el, 'Voltar');
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');
    await openFlow(el);
    expect(inFlow<HTMLInputElement>(el, '#topic-other').checked).to.equal(false);
  });
});
