import { expect } from '@open-wc/testing';
import { mountUnit, textOf } from './helpers.js';

describe('<balcao-virtual> status', () => {
  it('shows an always-open unit as open, with its phone as a tel: link', async () => {
    const { el, event } = await mountUnit('plantao-teste');
    expect(event.open).to.equal(true);
    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el)).to.contain('atendimento 24 horas');
    const tel = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href^="tel:"]');
    expect(tel?.getAttribute('href')).to.equal('tel:+551133334444');
    await expect(el).to.be.accessible();
  });
});
