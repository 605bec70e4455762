// While the counter is open by the timetable, the element asks the server about the unit's
// line (`GET /api/units/:id/line`): when no clerk is serving by video, it says so and points
// to the unit's e-mail and phone; otherwise it says how many people wait and for how long.
// It asks again every 30 s while the page is shown, never while closed, hidden or removed,
// and a failed request only hides what the line said. `plantao-contatos` is open around the
// clock, with a phone and an e-mail; `vara-teste` serves 11:00Z–17:00Z on weekdays.
import { expect } from '@open-wc/testing';
import { sourceLocale } from '../../src/generated/locale-codes.js';
import { LINE_REFRESH_MS, LINE_RETRY_MS } from '../../src/widget/line-controller.js';
import { useLocale } from '../../src/ui/locale.js';
import { installClock } from './fake-clock.js';
import {
  announcementOf,
  expectAccessible,
  hasButton,
  mountUnit,
  network,
  nextTask,
  offline,
  pending,
  place,
  recordPageErrors,
  removeContainers,
  setVisibility,
  stubFetch,
  textOf,
  until,
  type BalcaoVirtual,
} from './helpers.js';
import { NOBODY_SERVING, forgetLines, isLineUrl, lineState, setLine, type LineAnswer } from './line-fixture.js';

/** A Monday, 09:00 in São Paulo: `plantao-contatos` is open (it always is), `vara-teste` too. */
const MONDAY_OPEN = '2026-11-23T12:00:00Z';

const NOBODY = 'Ninguém está atendendo por vídeo agora.';
const NOBODY_NEXT_STEP = 'Escreva ou ligue para a unidade.';

function serving(waiting: number, clerksServing: number, estimatedWaitMinutes: number | null): LineAnswer {
  return lineState({ waiting, clerksServing, estimatedWaitMinutes });
}

async function untilText(el: BalcaoVirtual, text: string): Promise<void> {
  await until(el, () => textOf(el).includes(text), `"${text}"`);
}

function hrefs(el: BalcaoVirtual): string[] {
  return [...(el.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? '');
}

/** The line requests among the URLs a stubbed fetch saw. */
function lineRequests(urls: readonly string[]): number {
  return urls.filter(isLineUrl).length;
}

/** Every text the polite live region takes from now on (what a screen reader would say). */
function recordAnnouncements(el: BalcaoVirtual): string[] {
  const said: string[] = [];
  const region = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
  new MutationObserver(() => {
    const text = announcementOf(el);
    if (text !== said.at(-1)) said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

/**
 * A fetch that hands the element fully read answers, and a promise for when every line
 * request made so far has been answered (so a test can check that nothing changed after).
 */
function bufferedFetch(): { urls: string[]; lineAnswered(): Promise<void> } {
  const answers: Promise<unknown>[] = [];
  const log = stubFetch(async (url, init) => {
    const buffered = network(url, init).then(async (r) => new Response(await r.text(), { status: r.status, headers: r.headers }));
    if (isLineUrl(url)) answers.push(buffered.catch(() => undefined));
    return buffered;
  });
  return {
    urls: log.urls,
    async lineAnswered() {
      await Promise.all(answers);
      // The element reads the answer and renders within a task or two.
      for (let i = 0; i < 3; i++) await nextTask();
    },
  };
}

describe('<balcao-virtual> while nobody is serving by video', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  it('says so, with the unit\'s phone and e-mail as tel: and mailto: links', async () => {
    installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    stubFetch((url, init) => {
      requests.push({ url, init });
      return network(url, init);
    });
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);

    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el)).to.contain(`${NOBODY} ${NOBODY_NEXT_STEP}`);
    expect(hrefs(el)).to.deep.equal(['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br']);
    expect(hasButton(el, 'Entrar no Balcão Virtual'), 'the way in stays').to.equal(true);
    expect(announcementOf(el), 'what the page shows first is not announced').to.equal('');

    // One small GET: no body, no cookies, nothing in the URL but the unit.
    const line = requests.filter((r) => isLineUrl(r.url));
    expect(line.map((r) => new URL(r.url).pathname + new URL(r.url).search)).to.deep.equal(['/api/units/plantao-contatos/line']);
    expect(line[0]?.init?.method ?? 'GET').to.equal('GET');
    expect(line[0]?.init?.body ?? null).to.equal(null);
    expect(line[0]?.init?.credentials).to.equal('omit');
    await expectAccessible(el);
  });

  it('names only the phone when the unit has no e-mail', async () => {
    installClock(MONDAY_OPEN);
    await setLine('plantao-teste', NOBODY_SERVING);
    const { el } = await mountUnit('plantao-teste');
    await untilText(el, NOBODY);
    expect(textOf(el)).to.contain('Ligue para a unidade.');
    expect(hrefs(el)).to.deep.equal(['tel:+551133334444']);
  });

  it('names only the e-mail when the unit has no phone', async () => {
    // Monday 10:00 in Rio Branco.
    installClock('2026-11-23T15:00:00Z');
    await setLine('vara-acre', NOBODY_SERVING);
    const { el } = await mountUnit('vara-acre');
    await untilText(el, NOBODY);
    expect(textOf(el)).to.contain('Escreva para a unidade por e-mail.');
    expect(hrefs(el)).to.deep.equal(['mailto:vara.acre@tjac.jus.br']);
  });
});

describe('<balcao-virtual> while clerks are serving', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  for (const [line, words] of [
    [serving(2, 2, 10), '2 pessoas na fila · espera estimada de 10 minutos'],
    [serving(1, 1, null), '1 pessoa na fila · sem estimativa ainda'],
    [serving(0, 3, 1), 'Ninguém na fila agora · espera estimada de 1 minuto'],
  ] as const) {
    it(`says "${words}"`, async () => {
      installClock(MONDAY_OPEN);
      await setLine('plantao-contatos', line);
      const { el } = await mountUnit('plantao-contatos');
      await untilText(el, words);
      expect(textOf(el)).not.to.contain(NOBODY);
      expect(announcementOf(el)).to.equal('');
      await expectAccessible(el);
    });
  }

  it('says only "Ninguém na fila agora" when nobody waits and there is no estimate', async () => {
    installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', serving(0, 1, null));
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, 'Ninguém na fila agora');
    expect(textOf(el)).not.to.contain('estimativa');
    expect(textOf(el)).not.to.contain(NOBODY);
  });

  it('adds nothing when the server says the line is closed (its clock and the page\'s differ)', async () => {
    installClock(MONDAY_OPEN);
    // The server's clock on the Sunday before: `vara-teste` is closed there, open on the page.
    await setLine('vara-teste', lineState({ waiting: 0, clerksServing: 0, estimatedWaitMinutes: null, at: '2026-11-22T12:00:00Z' }));
    const fetches = bufferedFetch();
    const { el } = await mountUnit('vara-teste');
    const before = textOf(el);
    await fetches.lineAnswered();
    await el.updateComplete;
    expect(lineRequests(fetches.urls)).to.equal(1);
    expect(textOf(el)).to.equal(before);
    expect(textOf(el)).not.to.contain(NOBODY);
  });
});

describe('<balcao-virtual> follows the line only while the counter is open', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  it('asks nothing and says nothing about the line while closed', async () => {
    const clock = installClock('2026-11-23T18:00:00Z');
    await setLine('vara-teste', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');

    await clock.tickAsync(10 * LINE_REFRESH_MS);
    await el.updateComplete;
    expect(lineRequests(log.urls)).to.equal(0);
    expect(textOf(el)).not.to.contain(NOBODY);
    expect(clock.countTimers(), 'only the timer for the next change').to.equal(1);
  });

  it('starts asking when the counter opens at 08:00', async () => {
    const clock = installClock('2026-11-23T10:59:59Z');
    await setLine('vara-teste', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('vara-teste');
    expect(lineRequests(log.urls)).to.equal(0);

    await clock.tickAsync(1000);
    await untilText(el, NOBODY);
    expect(textOf(el)).to.contain('Aberto agora');
    expect(lineRequests(log.urls)).to.equal(1);
    expect(announcementOf(el), 'the opening is announced, not the line').to.contain('Aberto agora');
  });

  it('stops at closing time: the notice goes with the status, and no more requests', async () => {
    const clock = installClock('2026-11-23T16:59:45Z');
    await setLine('vara-teste', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('vara-teste');
    await untilText(el, NOBODY);
    const asked = lineRequests(log.urls);

    await clock.tickAsync(15_000);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).not.to.contain(NOBODY);
    expect(announcementOf(el)).to.contain('Fechado');
    expect(clock.countTimers(), 'only the timer for the next change').to.equal(1);

    await clock.tickAsync(10 * LINE_RETRY_MS);
    expect(lineRequests(log.urls)).to.equal(asked);
  });
});

describe('<balcao-virtual> refreshes the line', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  it('a clerk signing in and out: the notice goes and comes back, announced once each time', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);
    const said = recordAnnouncements(el);

    // A clerk signs in.
    await setLine('plantao-contatos', serving(0, 1, null));
    await clock.tickAsync(LINE_REFRESH_MS);
    await until(el, () => !textOf(el).includes(NOBODY), 'the notice to go');
    expect(textOf(el)).to.contain('Ninguém na fila agora');
    expect(announcementOf(el)).to.equal('Atendimento por vídeo disponível agora. Ninguém na fila agora');

    // People join: shown, not announced.
    await setLine('plantao-contatos', serving(3, 1, 12));
    await clock.tickAsync(LINE_REFRESH_MS);
    await untilText(el, '3 pessoas na fila · espera estimada de 12 minutos');
    // The same again: nothing changes.
    await clock.tickAsync(LINE_REFRESH_MS);
    await untilText(el, '3 pessoas na fila · espera estimada de 12 minutos');

    // The clerk pauses.
    await setLine('plantao-contatos', serving(3, 0, null));
    await clock.tickAsync(LINE_REFRESH_MS);
    await untilText(el, NOBODY);
    expect(textOf(el)).not.to.contain('pessoas na fila');
    expect(said).to.deep.equal([
      'Atendimento por vídeo disponível agora. Ninguém na fila agora',
      `${NOBODY} ${NOBODY_NEXT_STEP}`,
    ]);
  });

  it('asks once when the page wakes up, not once per wake-up event', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);
    expect(lineRequests(log.urls)).to.equal(1);

    await clock.tickAsync(10_000);
    await setLine('plantao-contatos', serving(0, 1, null));
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('pageshow'));
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
    expect(lineRequests(log.urls)).to.equal(2);
    await until(el, () => !textOf(el).includes(NOBODY), 'the notice to go');
  });

  it('asks nothing while the page is hidden, and asks again when it is shown', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);
    const asked = lineRequests(log.urls);

    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await clock.tickAsync(10 * LINE_REFRESH_MS);
    expect(lineRequests(log.urls), 'no request while hidden').to.equal(asked);
    expect(clock.countTimers(), 'only the timer for the next change').to.equal(1);

    await setLine('plantao-contatos', serving(2, 2, 10));
    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(lineRequests(log.urls), 'asked at once').to.equal(asked + 1);
    await untilText(el, '2 pessoas na fila');
  });
});

describe('<balcao-virtual> when the line cannot be read', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  const failures: [string, LineAnswer | 'offline'][] = [
    ['503, the line unavailable', { status: 503, body: { error: { code: 'unavailable', message: 'Indisponível.' } } }],
    ['404', { status: 404, body: { error: { code: 'unit_not_found', message: 'Unidade não encontrada.' } } }],
    ['500', { status: 500, body: { error: { code: 'internal', message: 'Erro interno' } } }],
    ['a page that is not JSON', { status: 200, text: '<html>Página de manutenção</html>' }],
    ['JSON that is not a line', { status: 200, body: { open: true, waiting: -1, clerksServing: 'dois' } }],
    ['no connection', 'offline'],
  ];

  for (const [what, failure] of failures) {
    it(`shows nothing extra, and no error, on ${what}`, async () => {
      const clock = installClock(MONDAY_OPEN);
      const pageErrors = recordPageErrors();
      try {
        await setLine('plantao-contatos', NOBODY_SERVING);
        let connected = true;
        const log = stubFetch((url, init) => (!connected && isLineUrl(url) ? offline() : network(url, init)));
        const { el } = await mountUnit('plantao-contatos');
        await untilText(el, NOBODY);
        const asked = lineRequests(log.urls);

        if (failure === 'offline') connected = false;
        else await setLine('plantao-contatos', failure);
        await clock.tickAsync(LINE_REFRESH_MS);
        await until(el, () => !textOf(el).includes(NOBODY), 'the notice to go');
        expect(textOf(el)).to.contain('Aberto agora');
        expect(textOf(el)).not.to.match(/na fila|problema|Sem conexão|erro/i);
        expect(hasButton(el, 'Tentar de novo'), 'no "Tentar de novo"').to.equal(false);
        expect(announcementOf(el), 'nothing announced').to.equal('');

        // Tried again later, further apart.
        await clock.tickAsync(LINE_REFRESH_MS);
        expect(lineRequests(log.urls), 'not again after 30 s').to.equal(asked + 1);
        await clock.tickAsync(LINE_RETRY_MS - LINE_REFRESH_MS);
        expect(lineRequests(log.urls), 'again after 60 s').to.equal(asked + 2);
      } finally {
        pageErrors.stop();
      }
      expect(pageErrors.errors).to.deep.equal([]);
    });
  }

  it('shows nothing extra when the very first answer fails (a server without a line answers 503)', async () => {
    installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', { status: 503, body: { error: { code: 'unavailable', message: 'Fila indisponível.' } } });
    const fetches = bufferedFetch();
    const { el } = await mountUnit('plantao-contatos');
    const before = textOf(el);
    await fetches.lineAnswered();
    await el.updateComplete;
    expect(lineRequests(fetches.urls)).to.equal(1);
    expect(textOf(el)).to.equal(before);
    expect(announcementOf(el)).to.equal('');
  });

  it('after a failure, the same state again is not announced', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);

    await setLine('plantao-contatos', { status: 503, body: {} });
    await clock.tickAsync(LINE_REFRESH_MS);
    await until(el, () => !textOf(el).includes(NOBODY), 'the notice to go');
    await setLine('plantao-contatos', NOBODY_SERVING);
    await clock.tickAsync(LINE_RETRY_MS);
    await untilText(el, NOBODY);
    expect(announcementOf(el)).to.equal('');
  });
});

describe('<balcao-virtual> line, after removal', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(forgetLines);

  it('asks nothing more, whatever the page does', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', NOBODY_SERVING);
    const log = stubFetch(network);
    const { el } = await mountUnit('plantao-contatos');
    await untilText(el, NOBODY);
    const asked = log.urls.length;

    el.remove();
    expect(clock.countTimers()).to.equal(0);
    await clock.tickAsync(10 * LINE_RETRY_MS);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('pageshow'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(log.urls.length).to.equal(asked);
    expect(el.isUpdatePending, 'no update asked for').to.equal(false);
  });

  it('cancels a line request under way', async () => {
    installClock(MONDAY_OPEN);
    const signals: AbortSignal[] = [];
    stubFetch((url, init) => {
      if (!isLineUrl(url)) return network(url, init);
      if (init?.signal) signals.push(init.signal);
      return pending(url, init);
    });
    const { el } = await mountUnit('plantao-contatos');
    expect(signals).to.have.length(1);
    el.remove();
    expect(signals[0]?.aborted, 'request aborted').to.equal(true);
  });
});

describe('<balcao-virtual> line in each language', () => {
  beforeEach(() => setVisibility('visible'));
  afterEach(async () => {
    await forgetLines();
    removeContainers();
    await useLocale(sourceLocale);
  });

  const cases: [string, LineAnswer, string[]][] = [
    ['en', NOBODY_SERVING, ['Nobody is answering video calls right now. Write to or call the unit.']],
    ['en', serving(2, 2, 10), ['2 people in line · estimated wait 10 minutes']],
    ['en', serving(1, 1, null), ['1 person in line · no estimate yet']],
    ['es', NOBODY_SERVING, ['Nadie está atendiendo por video ahora. Escriba o llame a la unidad.']],
    ['es', serving(2, 2, 10), ['2 personas en la fila · espera estimada de 10 minutos']],
    ['es', serving(0, 1, 1), ['Nadie en la fila ahora · espera estimada de 1 minuto']],
  ];
  for (const [lang, line, texts] of cases) {
    it(`lang="${lang}": ${texts.join(' ')}`, async () => {
      installClock(MONDAY_OPEN);
      await setLine('plantao-contatos', line);
      const { el } = await mountUnit('plantao-contatos', { lang });
      for (const text of texts) await untilText(el, text);
      await expectAccessible(el);
    });
  }

  it('announces in the language shown', async () => {
    const clock = installClock(MONDAY_OPEN);
    await setLine('plantao-contatos', serving(0, 1, null));
    const { el } = await mountUnit('plantao-contatos', { lang: 'en' });
    await untilText(el, 'Nobody in line now');
    await setLine('plantao-contatos', NOBODY_SERVING);
    await clock.tickAsync(LINE_REFRESH_MS);
    await untilText(el, 'Nobody is answering video calls right now.');
    expect(announcementOf(el)).to.equal('Nobody is answering video calls right now. Write to or call the unit.');
  });
});

/** Makes the element see the visitor in this time zone (until the returned function is called). */
function visitorIn(timeZone: string): () => void {
  const original = Intl.DateTimeFormat.prototype.resolvedOptions;
  Intl.DateTimeFormat.prototype.resolvedOptions = function (this: Intl.DateTimeFormat) {
    return { ...original.call(this), timeZone };
  };
  return () => {
    Intl.DateTimeFormat.prototype.resolvedOptions = original;
  };
}

describe('<balcao-virtual> line and the reserved height (no layout shift)', () => {
  let restoreZone: (() => void) | undefined;
  beforeEach(() => setVisibility('visible'));
  afterEach(async () => {
    restoreZone?.();
    restoreZone = undefined;
    await forgetLines();
    removeContainers();
    await useLocale(sourceLocale);
  });

  const lines: [string, LineAnswer, Record<string, string>][] = [
    ['nobody serving', NOBODY_SERVING, { 'pt-BR': NOBODY, en: 'Nobody is answering', es: 'Nadie está atendiendo' }],
    [
      'the longest line words',
      serving(12, 2, 45),
      { 'pt-BR': '12 pessoas na fila · espera estimada de 45 minutos', en: '12 people in line', es: '12 personas en la fila' },
    ],
  ];
  // `vara-teste` (Fortaleza) for a visitor in Fortaleza, the usual court page visitor, and
  // for one in UTC, who also reads the time-zone note: the tallest card.
  const cases: [unit: string, visitorZone: string, width: string][] = [
    ['plantao-contatos', 'America/Sao_Paulo', '360px'],
    ['plantao-contatos', 'America/Sao_Paulo', '1024px'],
    ['vara-teste', 'America/Fortaleza', '360px'],
    ['vara-teste', 'America/Fortaleza', '1024px'],
    ['vara-teste', 'UTC', '360px'],
    ['vara-teste', 'UTC', '1024px'],
  ];
  for (const [unit, zone, width] of cases) {
    for (const [what, line, texts] of lines) {
      for (const lang of ['pt-BR', 'en', 'es']) {
        it(`${unit}, ${what}, ${lang}, visitor in ${zone}, ${width} wide: fits the height reserved while loading`, async () => {
          installClock(MONDAY_OPEN);
          restoreZone = visitorIn(zone);
          await setLine(unit, line);
          const { el: shown } = await mountUnit(unit, { width, lang });
          await untilText(shown, texts[lang] ?? '');
          expect(textOf(shown).includes('fuso') || textOf(shown).includes('time zone') || textOf(shown).includes('huso'), 'time-zone note').to.equal(
            zone === 'UTC',
          );
          const shownHeight = shown.getBoundingClientRect().height;

          stubFetch(pending);
          const { el: loading, wrapper } = place({ unidade: 'sempre-carregando', width });
          wrapper.append(loading);
          await loading.updateComplete;
          const loadingHeight = loading.getBoundingClientRect().height;
          expect(shownHeight, `${shownHeight}px shown vs ${loadingHeight}px reserved`).to.be.at.most(loadingHeight);
        });
      }
    }
  }
});
