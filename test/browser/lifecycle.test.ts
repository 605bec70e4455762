// What the element leaves behind: nothing running once removed, a second registration that
// changes nothing, and a reserved height so the page does not jump when the status arrives.
import { expect } from '@open-wc/testing';
import { installClock } from './fake-clock.js';
import {
  BalcaoVirtual,
  mountUnit,
  network,
  pending,
  place,
  recordPageErrors,
  setVisibility,
  settled,
  stubFetch,
  textOf,
} from './helpers.js';

describe('<balcao-virtual> after removal', () => {
  it('leaves no timer behind', async () => {
    const clock = installClock('2026-11-23T12:00:00Z');
    const { el } = await mountUnit('vara-teste');
    expect(clock.countTimers(), 'two timers while shown open: the next change, and the line refresh').to.equal(2);

    el.remove();
    expect(clock.countTimers()).to.equal(0);
  });

  it('arms its timer again when put back on the page', async () => {
    const clock = installClock('2026-11-23T12:00:00Z');
    const { el } = await mountUnit('vara-teste');
    const wrapper = el.parentElement!;
    el.remove();
    wrapper.append(el);
    await settled(el);
    expect(clock.countTimers(), 'the next change, and the line refresh').to.equal(2);

    await clock.tickAsync(5 * 60 * 60 * 1000); // past 17:00Z
    await el.updateComplete;
    expect(textOf(el)).to.contain('Fechado');
  });

  it('makes no request when the connection returns, and ignores the page waking up', async () => {
    const log = stubFetch(network);
    const { el } = await mountUnit('vara-teste');
    const requests = log.urls.length;
    expect(requests, 'the unit was fetched').to.be.greaterThan(0);
    const pageErrors = recordPageErrors();
    try {
      el.remove();
      window.dispatchEvent(new Event('online'));
      setVisibility('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('pageshow'));
      window.dispatchEvent(new Event('focus'));

      expect(log.urls.length, 'no new request').to.equal(requests);
      expect(el.isUpdatePending, 'no update asked for').to.equal(false);
    } finally {
      pageErrors.stop();
    }
    expect(pageErrors.errors).to.deep.equal([]);
  });

  it('cancels a request still under way', async () => {
    const signals: AbortSignal[] = [];
    stubFetch((url, init) => {
      if (init?.signal) signals.push(init.signal);
      return pending(url, init);
    });
    const { el, wrapper } = place({ unidade: 'vara-teste' });
    wrapper.append(el);
    await el.updateComplete;
    expect(signals).to.have.length(1);

    el.remove();
    expect(signals[0]?.aborted, 'request aborted').to.equal(true);
  });
});

describe('registration', () => {
  it('importing src/index.ts when the element is already defined changes nothing', async () => {
    expect(customElements.get('balcao-virtual') === BalcaoVirtual, 'defined by helpers.ts').to.equal(true);
    const index = await import('../../src/index.js');
    expect(index.BalcaoVirtual === BalcaoVirtual, 'index exports the same class').to.equal(true);
    // Every event the element dispatches, for a page's `instanceof` and its types.
    const events = [index.BalcaoStatusChangeEvent, index.BalcaoQueueJoinEvent, index.BalcaoCallStartEvent, index.BalcaoCallEndEvent, index.BalcaoMessageSentEvent];
    expect(events.map((e) => typeof e === 'function' && e.prototype instanceof Event)).to.deep.equal([true, true, true, true, true]);
    expect(customElements.get('balcao-virtual') === BalcaoVirtual, 'still the same definition').to.equal(true);
  });

  it('running the registration a second time (the script loaded twice) does not throw', async () => {
    // A query string makes the browser evaluate src/index.ts again as a new module.
    const again = new URL('../../src/index.ts?loaded-twice', import.meta.url).href;
    const pageErrors = recordPageErrors();
    try {
      const module = (await import(again)) as { BalcaoVirtual?: unknown };
      expect(module.BalcaoVirtual === BalcaoVirtual, 'the same element class').to.equal(true);
    } finally {
      pageErrors.stop();
    }
    expect(pageErrors.errors).to.deep.equal([]);
    expect(customElements.get('balcao-virtual') === BalcaoVirtual, 'still the same definition').to.equal(true);
  });
});

describe('<balcao-virtual> reserved height (no layout shift)', () => {
  for (const width of ['360px', '1024px']) {
    for (const [state, now] of [
      ['open', '2026-11-23T12:00:00Z'],
      ['closed', '2026-11-23T18:00:00Z'],
    ] as const) {
      it(`while loading is at least as tall as the ${state} status, ${width} wide`, async () => {
        installClock(now);
        const { el: shown } = await mountUnit('vara-teste', { width });
        const statusHeight = shown.getBoundingClientRect().height;

        stubFetch(pending);
        const { el: loading, wrapper } = place({ unidade: 'sempre-carregando', width });
        wrapper.append(loading);
        await loading.updateComplete;
        expect(textOf(loading)).to.contain('Verificando o horário de atendimento');
        const loadingHeight = loading.getBoundingClientRect().height;

        expect(
          loadingHeight,
          `loading ${loadingHeight}px vs ${state} status ${statusHeight}px at ${width}: the status would push the page down by ${statusHeight - loadingHeight}px`,
        ).to.be.at.least(statusHeight);
      });
    }
  }
});
