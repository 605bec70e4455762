// "Entrar no Balcão Virtual" loads the flow (a chunk of its own) and asks what the
// attendance is about. A PJe problem goes to the PJe support channel (Portaria TJRN 38/2021
// art. 6 sole §) and a petition to peticionamento (art. 7): neither ever reaches the line.
// `plantao-contatos` (always open) has a PJe support channel and a peticionamento page;
// `plantao-teste` (always open, phone only) has neither.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setFlowImport } from '../../src/widget/flow-loader.js';
import type * as Flow from '../../src/widget/flow/balcao-virtual-fluxo.js';
import {
  choose,
  deepActiveElement,
  focusDescription,
  focusOnHeading,
  hasInFlow,
  headingOf,
  inFlow,
  next,
  openFlow,
  queueRequests,
  TRIAGE,
  untilHeading,
  useFakeSockets,
} from './flow-helpers.js';
import { clickButton, expectAccessible, hasButton, mountUnit, network, part, stubFetch, textOf, until, type BalcaoVirtual } from './helpers.js';

function hrefs(el: BalcaoVirtual): string[] {
  const flow = el.shadowRoot!.querySelector('balcao-virtual-fluxo')!.shadowRoot!;
  return [...flow.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
}

/** Every request the element makes from now on, by path. */
function recordRequests(): string[] {
  const log = stubFetch(network);
  return log.urls;
}

function queuePaths(urls: readonly string[]): string[] {
  return urls.map((u) => new URL(u).pathname).filter((p) => p.endsWith('/queue') || p.includes('/tickets/'));
}

describe('<balcao-virtual> "Entrar no Balcão Virtual"', () => {
  beforeEach(useFakeSockets);

  it('opens the triage, whose heading takes the focus', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);

    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);
    expect(textOf(el)).to.contain('Plantão de Teste com Telefone e E-mail');
    for (const option of ['Informação sobre um processo', 'Problema técnico no sistema PJe', 'Enviar uma petição ou documento', 'Outro assunto']) {
      expect(textOf(el)).to.contain(option);
    }
    expect(textOf(el)).to.contain('Preciso de intérprete de Libras');
    // The question names the group of options.
    const fieldset = inFlow(el, 'fieldset');
    expect(fieldset.querySelector('legend')?.textContent?.trim()).to.equal(TRIAGE);
    expect(inFlow(el, '#topic-pje').getAttribute('aria-describedby')).to.equal('topic-pje-hint');
    await expectAccessible(el);
  });

  it('shows a short loading line while the chunk arrives', async () => {
    let release: () => void = () => undefined;
    const real = (): Promise<typeof Flow> => import('../../src/widget/flow/balcao-virtual-fluxo.js');
    setFlowImport(() => new Promise((resolve) => (release = () => resolve(real()))));
    const { el } = await mountUnit('plantao-contatos');
    clickButton(el, 'Entrar no Balcão Virtual');
    await until(el, () => textOf(el).includes('Abrindo o Balcão Virtual…'), 'the loading line');
    expect(deepActiveElement() === part(el, '#flow-status'), `focus on the loading line, not ${focusDescription()}`).to.equal(true);
    await expectAccessible(el);
    release();
    await untilHeading(el, TRIAGE);
  });

  it('says so when the chunk cannot be loaded (offline), with "Tentar de novo" and the contacts', async () => {
    let fail = true;
    const real = (): Promise<typeof Flow> => import('../../src/widget/flow/balcao-virtual-fluxo.js');
    setFlowImport(() => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : real()));
    const { el } = await mountUnit('plantao-contatos');
    clickButton(el, 'Entrar no Balcão Virtual');
    await until(el, () => textOf(el).includes('Não foi possível abrir o Balcão Virtual.'), 'the failure');

    expect(textOf(el)).to.contain('Verifique sua internet e tente de novo.');
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    expect(deepActiveElement() === part(el, '#flow-status'), `focus on the message, not ${focusDescription()}`).to.equal(true);
    await expectAccessible(el);

    fail = false;
    clickButton(el, 'Tentar de novo');
    await untilHeading(el, TRIAGE);
  });

  it('"Voltar" on the triage goes back to the status and gives the focus to the Entrar button', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    clickButton(el, 'Voltar');
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');
    expect(textOf(el)).to.contain('Aberto agora');
    expect(deepActiveElement() === part(el, '#enter'), `focus on Entrar, not ${focusDescription()}`).to.equal(true);
  });

  it('asks to choose when nothing was chosen, and focuses the first option', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    await next(el);

    expect(headingOf(el)).to.equal(TRIAGE);
    expect(inFlow(el, '#topic-error').textContent?.trim()).to.equal('Escolha uma das opções.');
    expect(inFlow(el, 'fieldset').getAttribute('aria-describedby')).to.equal('topic-error');
    expect(deepActiveElement() === inFlow(el, '#topic-case-info'), `focus on the first option, not ${focusDescription()}`).to.equal(true);
    await expectAccessible(el);

    choose(el, 'Outro assunto');
    await until(el, () => !hasInFlow(el, '#topic-error'), 'the error to go');
  });
});

describe('<balcao-virtual> triage: PJe problems', () => {
  beforeEach(useFakeSockets);

  it('shows the PJe support channel and never calls the line', async () => {
    const urls = recordRequests();
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Problema técnico no sistema PJe');
    await next(el);
    await untilHeading(el, 'Problemas no sistema PJe');

    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);
    expect(textOf(el)).to.contain('O Balcão Virtual não resolve problemas técnicos do PJe');
    expect(hrefs(el)).to.deep.equal(['https://www.tribunal.example.jus.br/pje/suporte', 'tel:08000001234']);
    expect(textOf(el)).to.contain('Página do suporte do PJe');
    expect(queuePaths(urls), 'no request to the line').to.deep.equal([]);
    expect(await queueRequests()).to.deep.equal([]);
    await expectAccessible(el);

    clickButton(el, 'Voltar');
    await untilHeading(el, TRIAGE);
    expect(inFlow<HTMLInputElement>(el, '#topic-pje').checked, 'the answer is kept').to.equal(true);
  });

  it('without a PJe channel configured, points to the court\'s site and gives the unit\'s contacts', async () => {
    const { el } = await mountUnit('plantao-teste');
    await openFlow(el);
    choose(el, 'Problema técnico no sistema PJe');
    await next(el);
    await untilHeading(el, 'Problemas no sistema PJe');

    expect(textOf(el)).to.contain('Procure o suporte do PJe no site do tribunal. Se precisar, fale com a unidade:');
    expect(hrefs(el)).to.deep.equal(['tel:+551133334444']);
    await expectAccessible(el);
  });
});

describe('<balcao-virtual> triage: petitions', () => {
  beforeEach(useFakeSockets);

  it('explains that the counter takes no petitions, links to peticionamento, and never calls the line', async () => {
    const urls = recordRequests();
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Enviar uma petição ou documento');
    await next(el);
    await untilHeading(el, 'O Balcão Virtual não recebe petições');

    expect(textOf(el)).to.contain('Petições e documentos são enviados pelo peticionamento eletrônico');
    expect(hrefs(el)).to.deep.equal(['https://pje.tribunal.example.jus.br/pje/login.seam', 'tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    expect(queuePaths(urls)).to.deep.equal([]);
    expect(await queueRequests()).to.deep.equal([]);
    await expectAccessible(el);
  });

  it('without a peticionamento page configured, points to the court\'s site', async () => {
    const { el } = await mountUnit('plantao-teste');
    await openFlow(el);
    choose(el, 'Enviar uma petição ou documento');
    await next(el);
    await untilHeading(el, 'O Balcão Virtual não recebe petições');
    expect(textOf(el)).to.contain('Procure o peticionamento eletrônico no site do tribunal.');
    expect(hrefs(el)).to.deep.equal(['tel:+551133334444']);
  });
});

describe('<balcao-virtual> triage: into the line', () => {
  beforeEach(useFakeSockets);

  it('"Informação sobre um processo" asks whether the case is sealed', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Informação sobre um processo');
    await next(el);
    await untilHeading(el, 'O processo tramita em segredo de justiça?');
    expect(focusOnHeading(el)).to.equal(true);
    expect(textOf(el)).to.contain('Se não souber, responda "Não"');
    await expectAccessible(el);

    await next(el);
    expect(inFlow(el, '#question-error').textContent?.trim()).to.equal('Responda sim ou não.');
    await expectAccessible(el);

    choose(el, 'Não');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    clickButton(el, 'Voltar');
    await untilHeading(el, 'O processo tramita em segredo de justiça?');
    expect(inFlow<HTMLInputElement>(el, '#answer-no').checked, 'the answer is kept').to.equal(true);
  });

  it('"Outro assunto" asks whether the person is a lawyer, then the step before the line', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openFlow(el);
    choose(el, 'Outro assunto');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    await expectAccessible(el);
    choose(el, 'Sim');
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');

    expect(textOf(el)).to.contain('Ao entrar, o navegador vai pedir para usar a câmera e o microfone.');
    expect(textOf(el)).not.to.match(/teste de câmera|verificando|conectando/i);
    expect(hasButton(el, 'Entrar na fila'), 'the way into the line').to.equal(true);
    expect(await queueRequests(), 'nothing sent before "Entrar na fila"').to.deep.equal([]);
    await expectAccessible(el);

    clickButton(el, 'Voltar');
    await untilHeading(el, 'Você é advogado(a)?');
    clickButton(el, 'Voltar');
    await untilHeading(el, TRIAGE);
  });

  it('works with the keyboard alone: Tab, arrows, Space and Enter', async () => {
    const { el } = await mountUnit('plantao-contatos');
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, TRIAGE);
    expect(focusOnHeading(el), `focus on the heading, not ${focusDescription()}`).to.equal(true);

    // Into the radio group; arrows move and choose.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('topic-case-info');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()?.id).to.equal('topic-other');
    // Libras checkbox, then Continuar.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('libras');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement()?.textContent ?? '').trim()).to.equal('Continuar');
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Você é advogado(a)?');
    expect(focusOnHeading(el)).to.equal(true);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()?.id).to.equal('answer-no');
    // Enter in a form sends it.
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Antes de entrar na fila');
    expect(focusOnHeading(el)).to.equal(true);
    // The device check first (recommended, not required), then the way into the line.
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = deepActiveElement();
      stops.push((focused?.textContent ?? '').trim() || (focused?.id ?? ''));
    }
    expect(stops).to.deep.equal(['Testar câmera e microfone', 'audio-only', 'Entrar na fila']);
  });
});
