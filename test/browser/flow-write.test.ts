// "Escrever para a unidade": when video can't happen, or the citizen prefers writing, a form
// with real labels, the errors next to each field in plain Portuguese (core's checkMessage),
// the message's length counted down, the LGPD notice and consent, usable with the keyboard
// alone. The server's receipt: the protocol and the deadline, in the unit's time zone.
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { MessageReceipt } from '../../src/core/protocol/index.js';
import type { BalcaoMessageSentEvent } from '../../src/widget/events.js';
import { pendingMessages, readDraft } from '../../src/widget/flow/outbox.js';
import {
  choose,
  deepActiveElement,
  errorOf,
  fill,
  flowOf,
  focusDescription,
  focusOnHeading,
  headingOf,
  inFlow,
  toBeforeLineSealed,
  untilHeading,
  useFakeSockets,
  VALID,
  valueOf,
} from './flow-helpers.js';
import { announcementOf, clickButton, expectAccessible, hasButton, mountUnit, server, textOf, until, type BalcaoVirtual } from './helpers.js';
import { NOBODY_SERVING, setLine, forgetLines } from './line-fixture.js';
import { SERVER_EPOCH } from './server/controls.js';
import { answerMessage, fillMessage, forgetMessages, MESSAGE, receivedMessages, sendForm, toWrite, WRITE } from './write-fixture.js';

function field(el: BalcaoVirtual, id: string): HTMLInputElement {
  return inFlow<HTMLInputElement>(el, `#${id}`);
}

function labelOf(el: BalcaoVirtual, id: string): string {
  return (flowOf(el).shadowRoot!.querySelector(`label[for="${id}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Tab (or Shift+Tab) until the focus is on `id`; fails after `limit` presses. */
async function tabTo(id: string, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (deepActiveElement()?.id === id) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached #${id}; the focus is on ${focusDescription()}`);
}

describe('<balcao-virtual> "Escrever para a unidade": the form', () => {
  beforeEach(useFakeSockets);
  afterEach(forgetLines);

  it('is reached from the triage; labelled fields with autocomplete and keyboards, the LGPD notice, the counter', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);
    expect(labelOf(el, 'name')).to.equal('Nome completo');
    expect(labelOf(el, 'email')).to.equal('E-mail');
    expect(labelOf(el, 'phone')).to.equal('Telefone (opcional)');
    expect(labelOf(el, 'caseNumber')).to.equal('Número do processo (opcional)');
    expect(labelOf(el, 'text')).to.equal('Mensagem');
    expect(labelOf(el, 'consent')).to.equal('Li como meus dados são usados e concordo.');
    expect(field(el, 'name').getAttribute('autocomplete')).to.equal('name');
    expect(field(el, 'email').getAttribute('autocomplete')).to.equal('email');
    expect(field(el, 'email').inputMode).to.equal('email');
    expect(field(el, 'phone').getAttribute('autocomplete')).to.equal('tel');
    expect(field(el, 'phone').inputMode).to.equal('tel');
    expect(field(el, 'caseNumber').inputMode).to.equal('numeric');
    expect(field(el, 'text').getAttribute('aria-describedby')).to.equal('text-counter');
    expect(inFlow(el, '#text-counter').textContent!.trim()).to.equal('Faltam 4.000 caracteres');
    expect(textOf(el)).to.contain('A unidade responde por e-mail em até 48 horas.');
    expect(textOf(el), 'always open: no closed notice').not.to.contain('fechado agora');

    const notice = inFlow(el, '#lgpd').textContent!.replace(/\s+/g, ' ');
    expect(notice).to.contain('Seu nome, e-mail, telefone, número do processo e a mensagem servem só para a unidade responder a você.');
    expect(notice).to.contain('por e-mail para os servidores da unidade');
    expect(notice).to.contain('Até serem enviados, ficam guardados neste aparelho; um rascunho não enviado é apagado depois de 7 dias.');
    expect(notice).to.contain('pelo tempo que a lei exige');
    await expectAccessible(el);

    clickButton(el, 'Voltar');
    await untilHeading(el, 'Sobre o que é o atendimento?');
  });

  it('on sending an empty form, shows every problem next to its field and focuses the first', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await sendForm(el);
    expect(errorOf(el, 'name')).to.equal('Informe seu nome.');
    expect(errorOf(el, 'email')).to.equal('Informe seu e-mail: a resposta da unidade vai para ele.');
    expect(errorOf(el, 'phone'), 'optional').to.equal(undefined);
    expect(errorOf(el, 'caseNumber'), 'optional').to.equal(undefined);
    expect(errorOf(el, 'subject')).to.equal('Escolha o assunto da mensagem.');
    expect(errorOf(el, 'text')).to.equal('Escreva sua mensagem.');
    expect(errorOf(el, 'consent')).to.equal('Para enviar, marque que você leu como seus dados são usados.');
    expect(field(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'email').getAttribute('aria-describedby')).to.equal('email-hint email-error');
    expect(field(el, 'consent').getAttribute('aria-describedby')).to.equal('consent-error');
    expect(deepActiveElement() === field(el, 'name'), `focus on the name, not ${focusDescription()}`).to.equal(true);
    expect(await receivedMessages(), 'nothing sent').to.deep.equal([]);
    await expectAccessible(el);
  });

  it('checks the e-mail and the case number as each field is left, keeping what was typed', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    fill(el, 'email', 'joana@exemplo');
    fill(el, 'caseNumber', '0000001-43.2026.8.20.0001');
    fill(el, 'phone', 'ligar de manhã');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'email')).to.equal('Confira o e-mail. Ele deve ser como nome@exemplo.com.br, sem espaços.');
    expect(errorOf(el, 'caseNumber')).to.equal('Número do processo com dígitos verificadores errados. Confira o número.');
    expect(errorOf(el, 'phone')).to.equal('Confira o telefone: use só números, com DDD. Exemplo: (84) 99999-0000.');
    expect(valueOf(el, 'email')).to.equal('joana@exemplo');
    expect(errorOf(el, 'name'), 'an empty field is not scolded on the way through').to.equal(undefined);

    fill(el, 'email', MESSAGE.email);
    fill(el, 'caseNumber', '00000014220268200001');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'email')).to.equal(undefined);
    expect(errorOf(el, 'caseNumber'), 'bare digits are fine').to.equal(undefined);
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('false');
  });

  it('leaving a wrong field with a click: the click lands where aimed, then the message shows', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    const email = field(el, 'email');
    email.focus();
    await sendKeys({ type: 'joana@exemplo' });
    // A message appearing above on mouse down would push the radio down before mouse up.
    const radio = field(el, 'subject-case-info');
    radio.scrollIntoView({ block: 'center' });
    const box = radio.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await flowOf(el).updateComplete;
    expect(field(el, 'subject-case-info').checked, 'the radio aimed at is chosen').to.equal(true);
    await until(el, () => errorOf(el, 'email') !== undefined, 'the e-mail message');
    expect(errorOf(el, 'email')).to.equal('Confira o e-mail. Ele deve ser como nome@exemplo.com.br, sem espaços.');
    expect(valueOf(el, 'email'), 'what was typed stays').to.equal('joana@exemplo');
  });

  it('counts the characters left, and says so in the live region only near the limit', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    fill(el, 'text', 'x'.repeat(200));
    await flowOf(el).updateComplete;
    expect(inFlow(el, '#text-counter').textContent!.trim()).to.equal('Faltam 3.800 caracteres');
    expect(announcementOf(el), 'far from the limit: nothing announced').not.to.contain('caracteres');

    fill(el, 'text', 'x'.repeat(3_999));
    await flowOf(el).updateComplete;
    expect(inFlow(el, '#text-counter').textContent!.trim()).to.equal('Falta 1 caractere');
    expect(announcementOf(el)).to.equal('Falta 1 caractere');

    fill(el, 'text', 'x'.repeat(4_012));
    await flowOf(el).updateComplete;
    expect(inFlow(el, '#text-counter').textContent!.trim()).to.equal('12 caracteres acima do limite');
    expect(errorOf(el, 'text')).to.equal('A mensagem passou do limite. Tire 12 caracteres.');
    expect(valueOf(el, 'text'), 'never cut').to.have.length(4_012);
  });

  it('sends the message and shows the protocol, the deadline in the unit\'s time, and the copy by e-mail', async () => {
    // A fresh server, its clock at SERVER_EPOCH (13:30 UTC, 10:30 in São Paulo, the unit's time zone), its outbox empty.
    await forgetMessages();
    const { el } = await mountUnit('plantao-contatos');
    const sent: BalcaoMessageSentEvent[] = [];
    el.addEventListener('balcao-message-sent', (e) => sent.push(e));
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await untilHeading(el, 'Mensagem enviada');

    // The first protocol of the year the real outbox issues, and its deadline: 48 hours (the unit's default) after the server's clock.
    expect(inFlow(el, '#protocol').textContent!.trim()).to.equal('BV-2026-000001');
    expect(textOf(el)).to.contain('A unidade responde até 25/11/2026, 10:30 (horário da unidade).');
    expect(textOf(el)).to.contain(`Uma cópia da mensagem foi enviada para ${MESSAGE.email}.`);
    expect(focusOnHeading(el)).to.equal(true);
    expect(announcementOf(el)).to.equal('Mensagem enviada. Protocolo BV-2026-000001.');

    const [message, ...more] = await receivedMessages();
    expect(more, 'sent once').to.have.length(0);
    expect(message!.path).to.equal('/api/units/plantao-contatos/messages');
    expect(message!.contentType).to.equal('application/json');
    const { idempotencyKey, ...rest } = message!.submission;
    expect(idempotencyKey).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rest).to.deep.equal({ ...MESSAGE, subject: 'case-info', consent: true });
    // What the real server answered the page.
    expect(message!.status).to.equal(201);
    const receipt = JSON.parse(message!.answer) as MessageReceipt;
    expect(receipt.protocol).to.equal('BV-2026-000001');
    expect(Date.parse(receipt.receivedAt) - Date.parse(SERVER_EPOCH), 'received at the server\'s clock').to.be.within(0, 60_000);
    expect(Date.parse(receipt.replyBy) - Date.parse(receipt.receivedAt)).to.equal(48 * 3_600_000);
    expect(receipt.replyDeadlineHours).to.equal(48);

    expect(sent.map((e) => ({ unit: e.unit, protocol: e.protocol, keys: Object.keys(e).filter((k) => k !== 'isTrusted') }))).to.deep.equal([
      { unit: 'plantao-contatos', protocol: 'BV-2026-000001', keys: ['unit', 'protocol'] },
    ]);
    expect(await pendingMessages(), 'confirmed: out of the outbox').to.deep.equal([]);
    expect(await readDraft(new URL(server), 'plantao-contatos'), 'the draft is gone too').to.equal(undefined);
    expect(localStorage.getItem('balcao-virtual:outbox')).to.equal(null);
    await expectAccessible(el);

    clickButton(el, 'Escrever outra mensagem');
    await untilHeading(el, WRITE);
    expect(valueOf(el, 'name'), 'a new, empty form').to.equal('');
  });

  it('can be filled and sent with the keyboard alone', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await tabTo('name');
    await sendKeys({ type: MESSAGE.name });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: MESSAGE.email });
    await tabTo('subject-case-info');
    await sendKeys({ press: 'Space' });
    await tabTo('text');
    await sendKeys({ type: 'Quero saber do meu processo.' });
    await tabTo('consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement()?.textContent ?? '').trim(), 'Tab reaches "Enviar mensagem"').to.equal('Enviar mensagem');
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Mensagem enviada');
    const [message] = await receivedMessages();
    expect(message!.submission).to.include({ name: MESSAGE.name, email: MESSAGE.email, subject: 'case-info', text: 'Quero saber do meu processo.' });
  });

  it('a field the server refuses (400) shows next to it; nothing typed is lost', async () => {
    await answerMessage('plantao-contatos', { status: 400, body: { error: { code: 'bad_request', message: 'E-mail inválido.', field: 'email' } } });
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await until(el, () => errorOf(el, 'email') !== undefined, 'the e-mail refused');
    expect(errorOf(el, 'email')).to.equal('Confira este campo: o Balcão Virtual não aceitou o que foi escrito.');
    expect(headingOf(el)).to.equal(WRITE);
    expect(valueOf(el, 'text')).to.equal(MESSAGE.text);
    expect(deepActiveElement() === field(el, 'email'), `focus on the e-mail, not ${focusDescription()}`).to.equal(true);
    expect(await pendingMessages(), 'refused for good: not kept to be sent again').to.deep.equal([]);
    await expectAccessible(el);
  });

  it('an idempotency conflict (409) is said plainly; sending again uses a fresh key', async () => {
    await answerMessage('plantao-contatos', { status: 409, body: { error: { code: 'idempotency_conflict', message: 'Conflito.' } } });
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await fillMessage(el);
    await sendForm(el);
    await until(el, () => textOf(el).includes('erro de identificação do envio'), 'the conflict said');
    expect(textOf(el)).to.contain('Nada do que você escreveu foi perdido');
    expect(valueOf(el, 'text')).to.equal(MESSAGE.text);
    await expectAccessible(el);
    await sendForm(el);
    await untilHeading(el, 'Mensagem enviada');
    const keys = (await receivedMessages()).map((m) => m.submission.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).not.to.equal(keys[1]);
  });

  it('PJe problems and petitions go to their own channels, and back to the form', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    fill(el, 'name', MESSAGE.name);
    clickButton(el, 'suporte do PJe');
    await untilHeading(el, 'Problemas no sistema PJe');
    clickButton(el, 'Voltar');
    await untilHeading(el, WRITE);
    expect(valueOf(el, 'name'), 'what was typed stays').to.equal(MESSAGE.name);
    clickButton(el, 'peticionamento eletrônico');
    await untilHeading(el, 'O Balcão Virtual não recebe petições');
    clickButton(el, 'Voltar');
    await untilHeading(el, WRITE);
  });

  it('never takes the sealed-case identification: the form starts empty', async () => {
    await setLine('plantao-contatos', NOBODY_SERVING);
    const { el } = await mountUnit('plantao-contatos');
    await until(el, () => textOf(el).includes('Ninguém está atendendo por vídeo agora.'), 'nobody serving');
    await toBeforeLineSealed(el);
    clickButton(el, 'Escrever uma mensagem');
    await untilHeading(el, WRITE);
    expect(valueOf(el, 'name')).to.equal('');
    expect(valueOf(el, 'caseNumber')).to.equal('');
    expect(textOf(el)).not.to.contain(VALID.name);
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Antes de entrar na fila');
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
  });

  it('a subject chosen and consent given clear their errors at once', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toWrite(el);
    await sendForm(el);
    choose(el, 'Outro assunto');
    field(el, 'consent').click();
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'subject')).to.equal(undefined);
    expect(errorOf(el, 'consent')).to.equal(undefined);
    expect(errorOf(el, 'name')).to.equal('Informe seu nome.');
  });
});
