// The way in while the counter is open: "Entrar no Balcão Virtual" opens the flow (a chunk
// loaded on demand), focus moves to its first screen and comes back on "Voltar"; all of it
// by keyboard alone. One polite live region for everything the widget announces.
// `plantao-contatos` is open around the clock.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, focusDescription, focusOnHeading, headingOf, TRIAGE, untilHeading, useFakeSockets } from './flow-helpers.js';
import { deepQueryAll, describeNode, expectAccessible, hasButton, mount, mountUnit, part, textOf, until } from './helpers.js';
import type { BalcaoVirtual } from './helpers.js';
import { breakUnits } from './server/api.js';

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

describe('<balcao-virtual> the way in', () => {
  beforeEach(useFakeSockets);

  it('works with the keyboard alone: Tab to Entrar, Enter, the triage; Tab to Voltar, Enter, back on Entrar', async () => {
    const { el } = await mountUnit('plantao-contatos');
    (document.activeElement as HTMLElement | null)?.blur();

    await sendKeys({ press: 'Tab' });
    expect(document.activeElement === el, `focus in the widget, not on ${describeNode(document.activeElement)}`).to.equal(true);
    expectFocusOn(el, ENTER, 'the Entrar button, the first stop');

    await sendKeys({ press: 'Enter' });
    await untilHeading(el, TRIAGE);
    expect(focusOnHeading(el), `focus on the triage's heading, not ${focusDescription()}`).to.equal(true);

    // Four options (one tab stop: the radio group), Libras, Continuar, Voltar.
    const stops: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = deepActiveElement();
      stops.push(focused?.id || (focused?.textContent ?? '').trim());
    }
    expect(stops).to.deep.equal(['topic-case-info', 'libras', 'Continuar', 'Voltar']);

    await sendKeys({ press: 'Enter' });
    await until(el, () => hasButton(el, 'Entrar no Balcão Virtual'), 'the status');
    expectFocusOn(el, ENTER, 'the Entrar button');
  });

  it('Escape does not throw away what was answered', async () => {
    const { el } = await mountUnit('plantao-contatos');
    part(el, ENTER).click();
    await untilHeading(el, TRIAGE);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(headingOf(el)).to.equal(TRIAGE);
  });
});

describe('<balcao-virtual> structure for assistive technology', () => {
  it('is a region named after the unit, with one polite live region', async () => {
    const { el } = await mountUnit('plantao-contatos');
    expect(part(el, 'section.card').getAttribute('aria-label')).to.equal('Balcão Virtual: Plantão de Teste com Telefone e E-mail');
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('[role="status"][aria-live="polite"]')).to.have.length(1);
  });

  it('keeps that one live region in the flow (the flow announces through it)', async () => {
    useFakeSockets();
    const { el } = await mountUnit('plantao-contatos');
    part(el, ENTER).click();
    await untilHeading(el, TRIAGE);
    expect(deepQueryAll(el.shadowRoot!, '[aria-live]')).to.have.length(1);
    expect(deepQueryAll(el.shadowRoot!, '[role="alert"]')).to.have.length(0);
    expect(textOf(el)).to.contain(TRIAGE);
    await expectAccessible(el);
  });

  it('keeps the one live region while showing a problem', async () => {
    await breakUnits();
    const el = await mount({ unidade: 'erro-500' });
    expect(textOf(el)).to.contain('O Balcão Virtual está com um problema');
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).to.have.length(1);
    expect(part(el, 'section.card').getAttribute('aria-label')).to.equal('Balcão Virtual');
  });
});
