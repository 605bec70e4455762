// When the court's server can't be reached or answers badly: the saved copy on this
// device, or a plain message with the contacts the page gave, never a blank box.
import { expect, oneEvent } from '@open-wc/testing';
import type { BalcaoStatusChangeEvent } from '../../src/widget/events.js';
import { installClock } from './fake-clock.js';
import {
  cachedUnit,
  clickButton,
  expectAccessible,
  forgetCachedUnit,
  hasButton,
  mount,
  mountUnit,
  offline,
  pending,
  place,
  recordPageErrors,
  restoreFetch,
  stubFetch,
  textOf,
  untilCached,
  until,
} from './helpers.js';
import { breakUnits } from './server/api.js';

const contacts = { email: 'balcao@tjxx.jus.br', telefone: '+55 84 3616-0000' } as const;

function linkHrefs(el: HTMLElement): string[] {
  return [...(el.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? '');
}

function expectPageContacts(el: HTMLElement): void {
  expect(linkHrefs(el)).to.include('mailto:balcao@tjxx.jus.br');
  expect(linkHrefs(el)).to.include('tel:+558436160000');
}

describe('<balcao-virtual> without a connection', () => {
  it('shows the unit from the copy saved on this device, saying so', async () => {
    // Monday 10:00 in Rio Branco (UTC−5): open.
    installClock('2026-11-23T15:00:00Z');
    const first = await mountUnit('vara-acre');
    await untilCached('vara-acre');
    first.el.remove();

    stubFetch(offline);
    const { el, event } = await mountUnit('vara-acre');
    await until(el, () => textOf(el).includes('guardados neste aparelho'), 'the saved-copy notice');

    expect(textOf(el)).to.contain('Vara Única de Teste (Acre)');
    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el)).to.contain('atendimento até 14:00');
    expect(textOf(el)).to.contain('vara.acre@tjac.jus.br');
    expect(textOf(el)).to.contain('Sem conexão com o servidor agora');
    expect(textOf(el)).to.contain('Horários guardados neste aparelho em 23 de novembro');
    expect(event.fromCache, 'the status event says it comes from the saved copy').to.equal(true);
    await expectAccessible(el);
  });

  it('without a saved copy, says there is no connection and offers the page\'s contacts', async () => {
    const pageErrors = recordPageErrors();
    try {
      stubFetch(offline);
      const el = await mount({ unidade: 'nunca-vista', ...contacts });

      expect(textOf(el)).to.contain('Sem conexão com o Balcão Virtual.');
      expect(hasButton(el, 'Tentar de novo'), 'Tentar de novo button').to.equal(true);
      expectPageContacts(el);
      await expectAccessible(el);
    } finally {
      pageErrors.stop();
    }
    expect(pageErrors.errors).to.deep.equal([]);
  });

  it('loads the unit when "Tentar de novo" is pressed after the connection returns', async () => {
    await forgetCachedUnit('vara-reconexao');
    const log = stubFetch(offline);
    const el = await mount({ unidade: 'vara-reconexao' });
    expect(textOf(el)).to.contain('Sem conexão com o Balcão Virtual.');
    expect(log.urls).to.have.length(1);

    restoreFetch();
    const event = oneEvent<BalcaoStatusChangeEvent>(el, 'balcao-status-change');
    clickButton(el, 'Tentar de novo');
    expect((await event).fromCache).to.equal(false);
    await el.updateComplete;

    expect(textOf(el)).to.contain('Vara de Teste da Reconexão');
    expect(textOf(el)).to.match(/Aberto agora|Fechado/);
    expect(textOf(el)).not.to.contain('Sem conexão');
  });

  it('loads the unit by itself when the browser says it is online again', async () => {
    await forgetCachedUnit('vara-reconexao');
    stubFetch(offline);
    const el = await mount({ unidade: 'vara-reconexao' });
    expect(textOf(el)).to.contain('Sem conexão com o Balcão Virtual.');

    restoreFetch();
    window.dispatchEvent(new Event('online'));
    await until(el, () => textOf(el).includes('Vara de Teste da Reconexão'), 'the unit after "online"');
    expect(textOf(el)).not.to.contain('Sem conexão');
  });

  it('treats a gateway error (503) as no connection', async () => {
    stubFetch(() => Promise.resolve(new Response('Service Unavailable', { status: 503 })));
    const el = await mount({ unidade: 'nunca-vista', ...contacts });
    expect(textOf(el)).to.contain('Sem conexão com o Balcão Virtual.');
    expectPageContacts(el);
  });

  it('says it is checking while the server has not answered yet', async () => {
    stubFetch(pending);
    const { el, wrapper } = place({ unidade: 'ainda-carregando' });
    wrapper.append(el);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Verificando o horário de atendimento…');
    await expectAccessible(el);
  });
});

describe('<balcao-virtual> for a unit the server does not know', () => {
  it('says the unit was not found and shows the page\'s contacts', async () => {
    const el = await mount({ unidade: 'unidade-que-nao-existe', ...contacts });
    expect(textOf(el)).to.contain('Não encontramos esta unidade no Balcão Virtual.');
    expect(textOf(el)).to.contain('Fale com a unidade pelos contatos abaixo.');
    expect(hasButton(el, 'Tentar de novo'), 'no retry for a unit that does not exist').to.equal(false);
    expectPageContacts(el);
    await expectAccessible(el);
  });

  it('without contacts on the page, points to the court\'s website', async () => {
    const el = await mount({ unidade: 'unidade-que-nao-existe' });
    expect(textOf(el)).to.contain('Não encontramos esta unidade no Balcão Virtual.');
    expect(textOf(el)).to.contain('Procure o telefone e o e-mail da unidade no site do tribunal.');
    expect(linkHrefs(el)).to.deep.equal([]);
  });

  it('forgets the saved copy of a unit the server no longer has', async () => {
    await forgetCachedUnit('vara-extinta');
    const first = await mountUnit('vara-extinta');
    await untilCached('vara-extinta');
    first.el.remove();

    stubFetch(() =>
      Promise.resolve(new Response(JSON.stringify({ error: { code: 'unit_not_found', message: 'x' } }), { status: 404 })),
    );
    const gone = await mount({ unidade: 'vara-extinta' });
    await until(gone, () => textOf(gone).includes('Não encontramos esta unidade'), 'the not-found message');
    expect(textOf(gone)).not.to.contain('Vara Extinta de Teste');
    expect(await cachedUnit('vara-extinta'), 'saved copy deleted').to.equal(undefined);
    gone.remove();

    stubFetch(offline);
    const later = await mount({ unidade: 'vara-extinta' });
    expect(textOf(later)).to.contain('Sem conexão com o Balcão Virtual.');
    expect(textOf(later)).not.to.contain('Vara Extinta de Teste');
  });
});

describe('<balcao-virtual> when the server answers badly', () => {
  for (const [unidade, what] of [
    ['erro-500', 'an HTTP 500'],
    ['nao-json', 'an HTML page instead of JSON'],
    ['invalida', 'a unit with an impossible time zone'],
  ] as const) {
    it(`says the Balcão Virtual has a problem on ${what}`, async () => {
      await breakUnits();
      const el = await mount({ unidade, ...contacts });
      expect(textOf(el)).to.contain(
        'O Balcão Virtual está com um problema e não conseguiu mostrar o horário desta unidade.',
      );
      expect(textOf(el)).to.contain('Tente de novo em alguns minutos.');
      expect(hasButton(el, 'Tentar de novo'), 'Tentar de novo button').to.equal(true);
      expectPageContacts(el);
      await expectAccessible(el);
    });
  }

  it('without a unidade attribute, says the page does not name the unit', async () => {
    const el = await mount({});
    expect(textOf(el)).to.contain('Este Balcão Virtual não indica qual é a unidade.');
    expect(textOf(el)).to.contain('procure o telefone e o e-mail da unidade no site do tribunal');
    await expectAccessible(el);
  });
});
