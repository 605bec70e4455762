// No message is ever lost: the draft kept while typing (a reload brings it back), the message
// kept in this device's outbox before it is sent and until the server confirmed it, sent when
// the connection returns (with the same idempotency key) or on the next visit, and a prefilled
// e-mail as the last resort. Plus every way into the form, wherever video can't happen.
import { expect } from '@open-wc/testing';
import type { EndReason } from '../../src/call/types.js';
import type { CallStart } from '../../src/call/citizen-seam.js';
import { emptyMessageDraft, keepMessage, pendingMessages, readDraft, saveDraft } from '../../src/widget/flow/outbox.js';
import { setMediaEnvironment } from '../../src/ui/media-choice.js';
import { installClock, uninstallClock } from './fake-clock.js';
import {
  calledEvent,
  choose,
  fill,
  flowOf,
  focusOnHeading,
  inFlow,
  joinLine,
  openFlow,
  toBeforeLine,
  untilHeading,
  useFakeSockets,
  valueOf,
} from './flow-helpers.js';
import {
  announcementOf,
  clickButton,
  expectAccessible,
  mountUnit,
  network,
  nextTask,
  pending,
  restoreFetch,
  server,
  stubFetch,
  textOf,
  until,
  type BalcaoVirtual,
} from './helpers.js';
import { forgetLines, NOBODY_SERVING, setLine } from './line-fixture.js';
import { answerMessage, fillMessage, MESSAGE, offlineForMessages, receivedMessages, sendForm, toWrite, WRITE } from './write-fixture.js';

const SAVED = 'Sua mensagem está guardada neste aparelho e será enviada assim que a conexão voltar.';

async function untilTrue(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline) {
    if (await condition()) return;
    await nextTask();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every console line and every `balcao-*` event from now on: none may carry what the citizen wrote. */
function watchLeaks(el: BalcaoVirtual): { text(): string; stop(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      (originals[i] as (...a: unknown[]) => void).apply(console, args);
    };
  });
  const types = ['balcao-message-sent', 'balcao-status-change', 'balcao-queue-join'];
  const onEvent = (e: Event): void => void lines.push(`${e.type} ${JSON.stringify({ ...e })}`);
  for (const type of types) el.addEventListener(type, onEvent);
  return {
    text: () => lines.join('\n'),
    stop() {
      methods.forEach((m, i) => (console[m] = originals[i]!));
      for (const type of types) el.removeEventListener(type, onEvent);
    },
  };
}

describe('<balcao-virtual> "Escrever para a unidade": nothing lost', () => {
  beforeEach(useFakeSockets);
  afterEach(forgetLines);

  it('offline at submit: kept on this device, said so; sent once when the connection returns, same key', async () => {
    const { el } = await mountUnit('plantao-contatos');
    const tried = offlineForMessages();
    const leaks = watchLeaks(el);
    try {
      await toWrite(el);
      await fillMessage(el);
      await sendForm(el);
      await untilHeading(el, 'Mensagem guardada');
      expect(textOf(el)).to.contain(SAVED);
      expect(textOf(el)).not.to.contain('enviada.');
      expect(focusOnHeading(el)).to.equal(true);
      expect(announcementOf(el)).to.equal(SAVED);
      const kept = await pendingMessages();
      expect(kept).to.have.length(1);
      expect(kept[0]!.unit).to.equal('plantao-contatos');
      expect(kept[0]!.attempts).to.equal(1);
      expect(kept[0]!.submission).to.include({ name: MESSAGE.name, text: MESSAGE.text });
      expect(localStorage.getItem('balcao-virtual:outbox')).to.equal('1');
      await expectAccessible(el);

      expect(tried.map((m) => m.idempotencyKey)).to.deep.equal([kept[0]!.key]);

      restoreFetch();
      window.dispatchEvent(new Event('online'));
      await untilHeading(el, 'Mensagem enviada');
      expect(inFlow(el, '#protocol').textContent!.trim()).to.match(/^BV-2026-\d{6}$/);
      const received = await receivedMessages();
      expect(received.map((m) => m.submission.idempotencyKey), 'sent once, with the same key').to.deep.equal([kept[0]!.key]);
      expect(await pendingMessages()).to.deep.equal([]);
      expect(localStorage.getItem('balcao-virtual:outbox')).to.equal(null);

      // Another `online` later sends nothing more.
      window.dispatchEvent(new Event('online'));
      await nextTask();
      await nextTask();
      expect(await receivedMessages()).to.have.length(1);
    } finally {
      leaks.stop();
    }
    for (const value of Object.values(MESSAGE)) expect(leaks.text(), 'no field in the console or an event').not.to.contain(value);
  });

  it('a server that cannot store it (503, Retry-After): kept and never called sent; "Tentar enviar agora" sends it', async () => {
    await answerMessage('plantao-contatos', { status: 503, body: { error: { code: 'unavailable', message: 'Indisponível.' } }, headers: { 'Retry-After': '120' } });
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await untilHeading(el, 'Mensagem guardada');
    expect(textOf(el)).to.contain(SAVED);
    const [kept] = await pendingMessages();
    expect(kept!.notBefore! - Date.now(), 'waits at least what Retry-After says').to.be.greaterThan(100_000);
    clickButton(el, 'Tentar enviar agora');
    await untilHeading(el, 'Mensagem enviada');
    const keys = (await receivedMessages()).map((m) => m.submission.idempotencyKey);
    expect(keys).to.deep.equal([kept!.key, kept!.key]);
  });

  it('the message is in the outbox before the request leaves; the button says it is sending', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await fillMessage(el);
    stubFetch((url, init) => (url.endsWith('/messages') ? pending(url, init) : network(url, init)));
    await sendForm(el);
    await until(el, () => textOf(el).includes('Enviando…'), 'sending');
    await untilTrue(async () => (await pendingMessages()).length === 1, 'the entry kept');
    expect(inFlow(el, 'button[type="submit"]').getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(el);
  });

  it('the last resort: a prefilled e-mail to the unit\'s address, with the text', async () => {
    const { el } = await mountUnit('plantao-contatos');
    offlineForMessages();
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await untilHeading(el, 'Mensagem guardada');
    const href = inFlow<HTMLAnchorElement>(el, '#mailto').getAttribute('href')!;
    expect(href.startsWith('mailto:plantao.teste@tjsp.jus.br?subject=')).to.equal(true);
    const query = new URLSearchParams(href.slice(href.indexOf('?') + 1));
    expect(query.get('subject')).to.equal('Balcão Virtual: mensagem para Plantão de Teste com Telefone e E-mail');
    const body = query.get('body')!;
    expect(body).to.contain(`Nome: ${MESSAGE.name}`);
    expect(body).to.contain(`E-mail: ${MESSAGE.email}`);
    expect(body).to.contain(`Processo: ${MESSAGE.caseNumber}`);
    expect(body).to.contain('Assunto: Informação sobre um processo');
    expect(body).to.contain(MESSAGE.text);
  });

  it('the last resort uses the page\'s `email` attribute when the unit has no address', async () => {
    const { el } = await mountUnit('plantao-teste', { email: 'balcao@tjxx.jus.br' });
    offlineForMessages();
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await untilHeading(el, 'Mensagem guardada');
    expect(inFlow<HTMLAnchorElement>(el, '#mailto').getAttribute('href')!.startsWith('mailto:balcao@tjxx.jus.br?')).to.equal(true);
  });

  it('a reload while typing: the draft comes back', async () => {
    const first = await mountUnit('plantao-contatos');
    await toWrite(first.el);
    fill(first.el, 'name', MESSAGE.name);
    fill(first.el, 'email', MESSAGE.email);
    choose(first.el, 'Outro assunto');
    fill(first.el, 'text', 'Começo da mensagem');
    await flowOf(first.el).updateComplete;
    // Removed right away (before the typing pause saves it): saved as it goes.
    first.el.remove();
    await untilTrue(async () => (await readDraft(new URL(server), 'plantao-contatos'))?.text === 'Começo da mensagem', 'the draft saved');

    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await until(el, () => valueOf(el, 'text') === 'Começo da mensagem', 'the draft restored');
    expect(valueOf(el, 'name')).to.equal(MESSAGE.name);
    expect(valueOf(el, 'email')).to.equal(MESSAGE.email);
    expect(inFlow<HTMLInputElement>(el, '#subject-other').checked).to.equal(true);
    expect(inFlow(el, '#text-counter').textContent!.trim()).to.equal('Faltam 3.982 caracteres');
  });

  it('the draft is saved after a pause in typing, without leaving the page', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    fill(el, 'text', 'Rascunho');
    await untilTrue(async () => (await readDraft(new URL(server), 'plantao-contatos'))?.text === 'Rascunho', 'the draft saved');
  });

  it('an abandoned draft is forgotten after 7 days (a shared computer)', async () => {
    installClock('2026-11-01T12:00:00Z');
    await saveDraft(new URL(server), 'plantao-contatos', { ...emptyMessageDraft(), name: MESSAGE.name });
    installClock('2026-11-07T12:00:00Z');
    expect((await readDraft(new URL(server), 'plantao-contatos'))?.name, 'six days later: kept').to.equal(MESSAGE.name);
    installClock('2026-11-08T12:00:01Z');
    expect(await readDraft(new URL(server), 'plantao-contatos'), 'seven days later: gone').to.equal(undefined);
    // Back to a day it would still be fresh: it was deleted, not only hidden.
    installClock('2026-11-02T12:00:00Z');
    expect(await readDraft(new URL(server), 'plantao-contatos'), 'deleted, not only hidden').to.equal(undefined);
    uninstallClock();
  });

  it('the next visit: a message left in the outbox is sent in the background, without opening anything', async () => {
    await keepMessage({
      key: '6f1c1c1e-1111-4222-8333-444455556666',
      unit: 'plantao-contatos',
      server: new URL(server).href,
      submission: { idempotencyKey: '6f1c1c1e-1111-4222-8333-444455556666', ...MESSAGE, subject: 'other', consent: true },
      createdAt: Date.now() - 60_000,
      attempts: 2,
    });
    expect(localStorage.getItem('balcao-virtual:outbox')).to.equal('1');
    await mountUnit('plantao-contatos');
    await untilTrue(async () => (await pendingMessages()).length === 0, 'the outbox sent');
    const received = await receivedMessages();
    expect(received.map((m) => m.submission.idempotencyKey)).to.deep.equal(['6f1c1c1e-1111-4222-8333-444455556666']);
    expect(localStorage.getItem('balcao-virtual:outbox')).to.equal(null);
  });

  it('opening the form while a message still waits shows it waiting (not the same text to send twice)', async () => {
    const first = await mountUnit('plantao-contatos');
    offlineForMessages();
    await toWrite(first.el);
    await fillMessage(first.el);
    await sendForm(first.el);
    await untilHeading(first.el, 'Mensagem guardada');
    first.el.remove();

    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await untilHeading(el, 'Mensagem guardada');
    restoreFetch();
    window.dispatchEvent(new Event('online'));
    await untilHeading(el, 'Mensagem enviada');
    const keys = new Set((await receivedMessages()).map((m) => m.submission.idempotencyKey));
    expect(keys.size, 'one message, one key').to.equal(1);
  });
});

describe('<balcao-virtual> "Escrever para a unidade": the ways in', () => {
  beforeEach(useFakeSockets);
  afterEach(() => {
    setMediaEnvironment();
    return forgetLines();
  });

  it('a closed counter: "Escrever para a unidade" on the status, saying when it opens and the deadline', async () => {
    // Sunday 10:00 in Fortaleza: closed, opens Monday at 08:00.
    installClock('2026-11-22T13:00:00Z');
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    clickButton(el, 'Escrever para a unidade');
    await untilHeading(el, WRITE);
    expect(focusOnHeading(el)).to.equal(true);
    expect(textOf(el)).to.contain('O Balcão Virtual está fechado agora (abre amanhã, 08:00), mas você pode escrever.');
    expect(textOf(el)).to.contain('A unidade responde por e-mail em até 48 horas.');
    await expectAccessible(el);
    clickButton(el, 'Voltar');
    await until(el, () => textOf(el).includes('Fechado'), 'the status again');
  });

  it('nobody serving by video: from the notice', async () => {
    await setLine('plantao-contatos', NOBODY_SERVING);
    const { el } = await mountUnit('plantao-contatos');
    await until(el, () => textOf(el).includes('Ninguém está atendendo por vídeo agora.'), 'nobody serving');
    await openFlow(el);
    clickButton(el, 'Escrever uma mensagem');
    await untilHeading(el, WRITE);
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Sobre o que é o atendimento?');
  });

  it('a browser that cannot make calls: from the screen before the line', async () => {
    setMediaEnvironment({ peerConnection: false });
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    expect(textOf(el)).to.contain('Este navegador não consegue fazer chamadas de vídeo.');
    clickButton(el, 'Escrever uma mensagem');
    await untilHeading(el, WRITE);
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Antes de entrar na fila');
  });

  it('camera and microphone blocked: from the device check', async () => {
    setMediaEnvironment({
      getUserMedia: () => Promise.reject(new DOMException('blocked by the test', 'NotAllowedError')),
    });
    const { el } = await mountUnit('plantao-contatos');
    await toBeforeLine(el);
    clickButton(el, 'Testar câmera e microfone');
    await until(el, () => textOf(el).includes('O navegador bloqueou a câmera e o microfone.'), 'the devices blocked');
    clickButton(el, 'Escrever uma mensagem');
    await untilHeading(el, WRITE);
  });

  for (const [what, push, heading] of [
    ['missed', { type: 'missed' }, 'Você não entrou a tempo'],
    ['expired', { type: 'expired' }, 'A fila de hoje foi encerrada'],
    ['lost', { type: 'error', code: 'ticket_not_found', message: 'Esta senha não está mais na fila.' }, 'Sua senha não está mais na fila'],
  ] as const) {
    it(`the ending "${what}": from its screen`, async () => {
      const { el } = await mountUnit('plantao-contatos');
      await toBeforeLine(el);
      const socket = await joinLine(el);
      socket.push(push);
      await untilHeading(el, heading);
      clickButton(el, 'Escrever uma mensagem');
      await untilHeading(el, WRITE);
      clickButton(el, 'Voltar');
      await untilHeading(el, heading);
    });
  }

  for (const [what, end, text] of [
    ['failed', 'failed', 'A chamada caiu e não foi possível reconectar.'],
    ['unavailable', 'unavailable', 'Não foi possível abrir a chamada de vídeo neste navegador.'],
  ] as const) {
    it(`a call ${what}: from the note next to the phone and e-mail`, async () => {
      const { el } = await mountUnit('plantao-contatos');
      await toBeforeLine(el);
      const socket = await joinLine(el);
      socket.push({ type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 2, clerksServing: 1 });
      let call: CallStart | undefined;
      flowOf(el).startCall = (start) => {
        call = start;
        return 'started';
      };
      socket.push(calledEvent(60));
      await untilHeading(el, 'Sua vez!');
      clickButton(el, 'Entrar');
      await until(el, () => call !== undefined, 'the call module');
      call!.onEnded(end as EndReason | 'unavailable');
      await until(el, () => textOf(el).includes(text), 'the call ending');
      clickButton(el, 'Escrever uma mensagem');
      await untilHeading(el, WRITE);
    });
  }
});
