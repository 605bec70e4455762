// The way in while the counter is open: "Entrar no Balcão Virtual" opens a panel with the
// unit's phone and e-mail (video is not offered on this page yet), focus moves to it and
// comes back; all of it by keyboard alone. `plantao-contatos` is open around the clock.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clickButton, describeNode, expectAccessible, hasButton, mount, mountUnit, part, textOf, until } from './helpers.js';
import type { BalcaoVirtual } from './helpers.js';

/** The element focused inside the widget's shadow root, if any. */
function focusedIn(el: BalcaoVirtual): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

function expectFocusOn(el: BalcaoVirtual, selector: string, what: string): void {
  const focused = focusedIn(el);
  const target = part(el, selector);
  expect(focused === target, `focus on ${what}, not on ${describeNode(focused)}`).to.equal(true);
}

const ENTER = '#enter';
const PANEL_TITLE = '#panel-title';

async function openPanel(el: BalcaoVirtual): Promise<void> {
  clickButton(el, 'Entrar no Balcão Virtual');
  await until(el, () => textOf(el).includes('Fale com a unidade'), 'the contact panel');
}

describe('<balcao-virtual> contact panel', () => {
  it('opens on "Entrar no Balcão Virtual" and takes the focus', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openPanel(el);

    expectFocusOn(el, PANEL_TITLE, 'the panel title');
    expect(part(el, PANEL_TITLE).textContent).to.equal('Fale com a unidade');
    const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    expect(hasButton(el, 'Voltar'), 'Voltar button').to.equal(true);
    await expectAccessible(el);
  });

  it('does not pretend that a call is starting', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openPanel(el);
    expect(textOf(el)).not.to.match(/conectando|chamada|ligando|aguarde|na fila/i);
    expect(textOf(el)).to.contain('O atendimento por vídeo ainda não está disponível nesta página');
    expect(el.shadowRoot!.querySelector('video') === null, 'no video element').to.equal(true);
  });

  it('"Voltar" returns to the status and gives the focus back to the Entrar button', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openPanel(el);
    clickButton(el, 'Voltar');
    await until(el, () => !textOf(el).includes('Fale com a unidade'), 'the status view');

    expect(textOf(el)).to.contain('Aberto agora');
    expectFocusOn(el, ENTER, 'the Entrar button');
  });

  it('Escape closes the panel and gives the focus back to the Entrar button', async () => {
    const { el } = await mountUnit('plantao-contatos');
    await openPanel(el);
    await sendKeys({ press: 'Escape' });
    await until(el, () => !textOf(el).includes('Fale com a unidade'), 'the status view');

    expectFocusOn(el, ENTER, 'the Entrar button');
  });

  it('works with the keyboard alone: Tab to Entrar, Enter, Tab to Voltar, Enter', async () => {
    const { el } = await mountUnit('plantao-contatos');
    (document.activeElement as HTMLElement | null)?.blur();

    await sendKeys({ press: 'Tab' });
    expect(document.activeElement === el, `focus in the widget, not on ${describeNode(document.activeElement)}`).to.equal(true);
    expectFocusOn(el, ENTER, 'the Entrar button, the first stop');

    await sendKeys({ press: 'Enter' });
    await until(el, () => textOf(el).includes('Fale com a unidade'), 'the contact panel');
    expectFocusOn(el, PANEL_TITLE, 'the panel title');

    // Phone link, e-mail link, then Voltar.
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      stops.push((focusedIn(el)?.textContent ?? '').trim());
    }
    expect(stops).to.deep.equal(['+55 11 3222-1000', 'plantao.teste@tjsp.jus.br', 'Voltar']);

    await sendKeys({ press: 'Enter' });
    await until(el, () => !textOf(el).includes('Fale com a unidade'), 'the status view');
    expectFocusOn(el, ENTER, 'the Entrar button');
  });
});

describe('<balcao-virtual> structure for assistive technology', () => {
  it('is a region named after the unit, with one polite live region', async () => {
    const { el } = await mountUnit('plantao-contatos');
    expect(part(el, 'section.card').getAttribute('aria-label')).to.equal('Balcão Virtual: Plantão de Teste com Telefone e E-mail');
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('[role="status"][aria-live="polite"]')).to.have.length(1);
  });

  it('keeps the one live region while showing a problem', async () => {
    const el = await mount({ unidade: 'erro-500' });
    expect(textOf(el)).to.contain('O Balcão Virtual está com um problema');
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).to.have.length(1);
    expect(part(el, 'section.card').getAttribute('aria-label')).to.equal('Balcão Virtual');
  });
});
