// Identification for a sealed case (Portaria TJRN 38/2021 art. 6): name, CPF, role (OAB for
// a lawyer) and the case number, checked with core's validators as the person leaves each
// field and when sending, with the reason in plain Portuguese next to the field. Nothing
// typed is ever cleared; the focus goes to the first field to correct.
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import {
  choose,
  deepActiveElement,
  errorOf,
  fill,
  flowOf,
  focusDescription,
  focusOnHeading,
  hasInFlow,
  headingOf,
  inFlow,
  next,
  openFlow,
  untilHeading,
  useFakeSockets,
  VALID,
  valueOf,
} from './flow-helpers.js';
import { clickButton, expectAccessible, mountUnit, textOf, until, type BalcaoVirtual } from './helpers.js';

const IDENTIFICATION = 'Sua identificação';

async function toIdentification(el: BalcaoVirtual): Promise<void> {
  await openFlow(el);
  choose(el, 'Informação sobre um processo');
  await next(el);
  await untilHeading(el, 'O processo tramita em segredo de justiça?');
  choose(el, 'Sim');
  await next(el);
  await untilHeading(el, IDENTIFICATION);
}

function input(el: BalcaoVirtual, id: string): HTMLInputElement {
  return inFlow<HTMLInputElement>(el, `#${id}`);
}

describe('<balcao-virtual> identification for a sealed case', () => {
  beforeEach(useFakeSockets);

  it('has labelled fields with the right keyboards and autocomplete, and the LGPD notice', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);

    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);
    const flow = flowOf(el).shadowRoot!;
    const labelOf = (id: string): string => flow.querySelector(`label[for="${id}"]`)?.textContent?.trim() ?? '';
    expect(labelOf('name')).to.equal('Nome completo');
    expect(labelOf('cpf')).to.equal('CPF');
    expect(labelOf('caseNumber')).to.equal('Número do processo');
    expect(input(el, 'name').getAttribute('autocomplete')).to.equal('name');
    expect(input(el, 'cpf').hasAttribute('autocomplete'), 'CPF has no standard autocomplete token').to.equal(false);
    expect(input(el, 'cpf').inputMode).to.equal('numeric');
    expect(input(el, 'caseNumber').inputMode).to.equal('numeric');
    expect(input(el, 'cpf').getAttribute('aria-describedby')).to.equal('cpf-hint');
    expect(hasInFlow(el, '#oab'), 'no OAB field before "advogado(a)"').to.equal(false);

    const notice = inFlow(el, '#lgpd').textContent!.replace(/\s+/g, ' ');
    expect(notice).to.contain('nome, CPF');
    expect(notice).to.contain('servem só para isso');
    expect(notice).to.contain('ficam apenas nesta página até a chamada começar');
    expect(notice).to.contain('vão direto para a pessoa que atender');
    expect(notice).to.contain('Não são enviados ao servidor do Balcão Virtual nem guardados neste aparelho');
    await expectAccessible(el);
  });

  it('explains a CPF with wrong check digits when the field is left, and marks it invalid', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'cpf', '529.982.247-26');
    await flowOf(el).updateComplete;

    expect(errorOf(el, 'cpf')).to.equal('CPF com dígitos verificadores errados. Confira o número.');
    expect(input(el, 'cpf').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'cpf').getAttribute('aria-describedby')).to.equal('cpf-hint cpf-error');
    expect(valueOf(el, 'cpf'), 'what was typed stays').to.equal('529.982.247-26');
    await expectAccessible(el);

    // Corrected: the error goes as the person types.
    fill(el, 'cpf', VALID.cpf);
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'cpf')).to.equal(undefined);
    expect(input(el, 'cpf').getAttribute('aria-invalid')).to.equal('false');
  });

  it('explains a CPF of repeated digits and one in the wrong shape', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'cpf', '111.111.111-11');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'cpf')).to.equal('Este número não é um CPF válido. Confira o número.');
    fill(el, 'cpf', '529982247');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'cpf')).to.equal('Digite os 11 números do CPF, com ou sem pontos e traço.');
  });

  it('explains a case number with wrong check digits, and one that does not exist', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'caseNumber', '0000001-43.2026.8.20.0001');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'caseNumber')).to.equal('Número do processo com dígitos verificadores errados. Confira o número.');
    expect(input(el, 'caseNumber').getAttribute('aria-invalid')).to.equal('true');

    fill(el, 'caseNumber', '0000001-42.2026.0.20.0001');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'caseNumber')).to.equal('Este número de processo não existe: confira os números depois do ano.');

    fill(el, 'caseNumber', '00000014220268200001');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'caseNumber'), 'bare digits are fine').to.equal(undefined);
  });

  it('leaving a wrong field with a click: the click lands where aimed, then the message shows', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    const cpf = input(el, 'cpf');
    cpf.focus();
    await sendKeys({ type: '52998224726' });
    // A message appearing above on mouse down would push the radio down before mouse up.
    const radio = input(el, 'role-lawyer');
    radio.scrollIntoView({ block: 'center' });
    const box = radio.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await flowOf(el).updateComplete;
    expect(input(el, 'role-lawyer').checked, 'the radio aimed at is chosen').to.equal(true);
    await until(el, () => errorOf(el, 'cpf') !== undefined, 'the CPF message');
    expect(errorOf(el, 'cpf')).to.equal('CPF com dígitos verificadores errados. Confira o número.');
  });

  it('does not scold an empty field on the way through', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    input(el, 'name').focus();
    input(el, 'cpf').focus();
    input(el, 'caseNumber').focus();
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'name')).to.equal(undefined);
    expect(errorOf(el, 'cpf')).to.equal(undefined);
  });

  it('on sending, shows every problem and focuses the first field to correct; nothing typed is lost', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'name', 'Joana');
    fill(el, 'caseNumber', '0000001-43.2026.8.20.0001');
    await next(el);

    expect(headingOf(el)).to.equal(IDENTIFICATION);
    expect(errorOf(el, 'name')).to.equal('Informe seu nome completo, com sobrenome.');
    expect(errorOf(el, 'cpf')).to.equal('Informe seu CPF.');
    expect(errorOf(el, 'role')).to.equal('Diga se você é parte, advogado(a) ou outra pessoa.');
    expect(errorOf(el, 'caseNumber')).to.equal('Número do processo com dígitos verificadores errados. Confira o número.');
    expect(deepActiveElement() === input(el, 'name'), `focus on the name, not ${focusDescription()}`).to.equal(true);
    expect(valueOf(el, 'name')).to.equal('Joana');
    expect(valueOf(el, 'caseNumber')).to.equal('0000001-43.2026.8.20.0001');
    await expectAccessible(el);

    fill(el, 'name', VALID.name);
    fill(el, 'cpf', VALID.cpf);
    await next(el);
    expect(deepActiveElement() === input(el, 'role-party'), `focus on the first role, not ${focusDescription()}`).to.equal(true);
  });

  it('asks a lawyer for the OAB registration, and explains a wrong one', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'name', VALID.name);
    fill(el, 'cpf', VALID.cpf);
    choose(el, 'Advogado(a)');
    await flowOf(el).updateComplete;
    fill(el, 'caseNumber', VALID.caseNumber);
    expect(inFlow(el, 'label[for="oab"]').textContent?.trim()).to.equal('Inscrição na OAB');
    await next(el);

    expect(headingOf(el)).to.equal(IDENTIFICATION);
    expect(errorOf(el, 'oab')).to.equal('Informe sua inscrição na OAB, com a sigla do estado. Exemplo: RN 12345.');
    expect(deepActiveElement() === input(el, 'oab'), `focus on the OAB, not ${focusDescription()}`).to.equal(true);
    await expectAccessible(el);

    fill(el, 'oab', 'ZZ 12345');
    await flowOf(el).updateComplete;
    expect(errorOf(el, 'oab')).to.equal('Sigla de estado inexistente. Use a sigla da seccional da OAB, como RN ou SP.');

    // Not a lawyer after all: the OAB field goes, what was typed stays for later.
    choose(el, 'Parte no processo');
    await flowOf(el).updateComplete;
    expect(hasInFlow(el, '#oab')).to.equal(false);
    choose(el, 'Advogado(a)');
    await flowOf(el).updateComplete;
    expect(valueOf(el, 'oab')).to.equal('ZZ 12345');

    fill(el, 'oab', VALID.oab);
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');
  });

  it('with everything right goes to the step before the line, and keeps it all when coming back', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    fill(el, 'name', `  ${VALID.name}  `);
    fill(el, 'cpf', VALID.cpf);
    choose(el, 'Parte no processo');
    fill(el, 'caseNumber', VALID.caseNumber);
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');

    expect(flowOf(el).identification()).to.deep.equal({
      name: VALID.name,
      cpf: '52998224725',
      role: 'party',
      caseNumber: VALID.caseNumber,
    });

    clickButton(el, 'Voltar');
    await untilHeading(el, IDENTIFICATION);
    expect(valueOf(el, 'name')).to.equal(`  ${VALID.name}  `);
    expect(valueOf(el, 'cpf')).to.equal(VALID.cpf);
    expect(input(el, 'role-party').checked).to.equal(true);
    expect(valueOf(el, 'caseNumber')).to.equal(VALID.caseNumber);
  });

  it('gives no identification when the case is not sealed', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Informação sobre um processo');
    await next(el);
    await untilHeading(el, 'O processo tramita em segredo de justiça?');
    choose(el, 'Não');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    expect(flowOf(el).identification()).to.equal(undefined);
    expect(textOf(el)).not.to.contain('CPF');
  });

  it('fits a 320 px wide column, errors included (no sideways scrolling)', async () => {
    const { el } = await mountUnit('plantao-contatos', { width: '320px' });
    await toIdentification(el);
    choose(el, 'Advogado(a)');
    await next(el);
    const card = el.shadowRoot!.querySelector<HTMLElement>('.card')!;
    expect(card.scrollWidth, 'the card does not overflow').to.be.at.most(card.clientWidth);
    for (const field of flowOf(el).shadowRoot!.querySelectorAll<HTMLElement>('input, button, .error, .notice')) {
      const box = field.getBoundingClientRect();
      const cardBox = card.getBoundingClientRect();
      expect(box.right, `${field.localName}#${field.id} inside the card`).to.be.at.most(cardBox.right + 0.5);
    }
  });

  it('works with the keyboard alone', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await toIdentification(el);
    const tab = (): Promise<void> => sendKeys({ press: 'Tab' });

    await tab();
    expect(deepActiveElement()?.id).to.equal('name');
    await sendKeys({ type: VALID.name });
    await tab();
    expect(deepActiveElement()?.id).to.equal('cpf');
    await sendKeys({ type: '52998224726' });
    await tab();
    await flowOf(el).updateComplete;
    // Left with wrong check digits: said at once, next to the field.
    expect(errorOf(el, 'cpf')).to.equal('CPF com dígitos verificadores errados. Confira o número.');
    expect(deepActiveElement()?.id).to.equal('role-party');
    await sendKeys({ press: 'Space' });
    await tab();
    expect(deepActiveElement()?.id).to.equal('caseNumber');
    await sendKeys({ type: VALID.caseNumber });
    await sendKeys({ press: 'Enter' });
    await flowOf(el).updateComplete;
    expect(deepActiveElement()?.id, 'back to the CPF to correct it').to.equal('cpf');

    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '5' });
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Antes de entrar na fila');
    expect(focusOnHeading(el)).to.equal(true);
  });
});
