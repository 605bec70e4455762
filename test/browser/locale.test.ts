// The widget speaks the language of its own `lang`, else the nearest ancestor's, else the
// document's; and says in which time zone its hours are when that is not the visitor's.
// The language is page-wide (src/ui/locale.ts), so each test waits for the text to
// change, and the page goes back to Portuguese after each test.
import { expect } from '@open-wc/testing';
import { sourceLocale } from '../../src/generated/locale-codes.js';
import { useLocale } from '../../src/ui/locale.js';
import { installClock } from './fake-clock.js';
import { expectAccessible, hasButton, mountUnit, part, place, removeContainers, settled, textOf, until } from './helpers.js';
import type { BalcaoVirtual } from './helpers.js';
import { breakUnits } from './server/api.js';

const MONDAY_OPEN = '2026-11-23T12:00:00Z';
const MONDAY_CLOSED = '2026-11-23T18:00:00Z';

const documentLang = document.documentElement.lang;

function cardLang(el: BalcaoVirtual): string | null {
  return part(el, '.card').getAttribute('lang');
}

async function untilText(el: BalcaoVirtual, text: string): Promise<void> {
  await until(el, () => textOf(el).includes(text), `"${text}"`);
}

describe('<balcao-virtual> in each language', () => {
  afterEach(async () => {
    removeContainers();
    document.documentElement.lang = documentLang;
    await useLocale(sourceLocale);
  });

  it('speaks English with lang="en" on the element, open…', async () => {
    installClock(MONDAY_OPEN);
    const { el } = await mountUnit('vara-teste', { lang: 'en' });
    await untilText(el, 'Open now');
    expect(textOf(el)).to.match(/open until 0?2:00\sPM/);
    expect(hasButton(el, 'Enter the Virtual Counter'), 'the way in, in English').to.equal(true);
    expect(cardLang(el)).to.equal('en');
    await expectAccessible(el);
  });

  it('…and closed', async () => {
    installClock(MONDAY_CLOSED);
    const { el } = await mountUnit('vara-teste', { lang: 'en' });
    await untilText(el, 'Closed');
    expect(textOf(el)).to.match(/opens tomorrow, 0?8:00\sAM/);
    expect(textOf(el)).not.to.contain('Fechado');
    expect(cardLang(el)).to.equal('en');
    await expectAccessible(el);
  });

  it('speaks Spanish with lang="es" on an ancestor, open and closed', async () => {
    const clock = installClock('2026-11-23T16:59:59Z');
    const { el, wrapper } = place({ unidade: 'vara-teste' });
    wrapper.lang = 'es';
    wrapper.append(el);
    await settled(el);
    await untilText(el, 'Abierto ahora');
    expect(cardLang(el)).to.equal('es');

    await clock.tickAsync(1000);
    await untilText(el, 'Cerrado');
    expect(textOf(el)).not.to.contain('Abierto ahora');
    await expectAccessible(el);
  });

  it('follows the document\'s <html lang> when nothing closer says', async () => {
    installClock(MONDAY_OPEN);
    document.documentElement.lang = 'en';
    const { el } = await mountUnit('vara-teste');
    await untilText(el, 'Open now');
    expect(cardLang(el)).to.equal('en');
  });

  it('follows a change of the document\'s language while shown', async () => {
    installClock(MONDAY_OPEN);
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Aberto agora');
    document.documentElement.lang = 'es-AR';
    await untilText(el, 'Abierto ahora');
    expect(cardLang(el)).to.equal('es');
  });

  it('prefers its own lang to the document\'s, and follows a change of it', async () => {
    installClock(MONDAY_OPEN);
    document.documentElement.lang = 'es';
    const { el } = await mountUnit('vara-teste', { lang: 'en-GB' });
    await untilText(el, 'Open now');
    el.setAttribute('lang', 'pt-BR');
    await untilText(el, 'Aberto agora');
    expect(cardLang(el)).to.equal('pt-BR');
  });

  it('stays in Portuguese for a language it does not have', async () => {
    installClock(MONDAY_OPEN);
    const { el } = await mountUnit('vara-teste', { lang: 'fr' });
    expect(textOf(el)).to.contain('Aberto agora');
    expect(cardLang(el)).to.equal('pt-BR');
    await expectAccessible(el);
  });

  it('translates the problem messages too', async () => {
    await breakUnits();
    const { el, wrapper } = place({ unidade: 'erro-500', lang: 'en' });
    wrapper.append(el);
    await untilText(el, 'The Virtual Counter has a problem');
    expect(hasButton(el, 'Try again'), 'Try again button').to.equal(true);
    await expectAccessible(el);
  });
});

/** The zone's offset at an instant, as Intl writes it ("GMT-05:00"). */
function offsetName(at: number, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? ''
  );
}

describe('<balcao-virtual> time zone note', () => {
  it('names the unit\'s time zone when the visitor\'s clock shows another time', async () => {
    const clock = installClock('2026-11-23T15:00:00Z');
    const { el } = await mountUnit('vara-acre');
    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el), 'hours in Rio Branco time').to.contain('atendimento até 14:00');

    const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (offsetName(clock.now, visitorZone) === offsetName(clock.now, 'America/Rio_Branco')) {
      expect(textOf(el), `visitor in ${visitorZone}, same time as Acre`).not.to.contain('Horários no fuso da unidade');
    } else {
      expect(textOf(el), `visitor in ${visitorZone}`).to.contain('Horários no fuso da unidade:');
      expect(part(el, '.note').textContent).to.match(/Acre/);
    }
  });
});
