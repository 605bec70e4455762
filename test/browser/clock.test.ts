// The status line by the unit's timetable, with the clock pinned: `vara-teste` serves
// Monday to Friday, 08:00–14:00 in America/Fortaleza (UTC−3), i.e. 11:00Z–17:00Z, and
// follows the court calendar (holidays, the Dec 20–Jan 6 recess).
import { expect } from '@open-wc/testing';
import { installClock } from './fake-clock.js';
import { announcementOf, expectAccessible, hasButton, mountUnit, recordStatusEvents, setVisibility, textOf } from './helpers.js';

const at = (iso: string): number => new Date(iso).getTime();

describe('<balcao-virtual> status at a pinned time', () => {
  it('says open until 14:00 on a Monday at 09:00 local, with the way in', async () => {
    installClock('2026-11-23T12:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el)).to.contain('atendimento até 14:00');
    expect(hasButton(el, 'Entrar no Balcão Virtual'), 'Entrar button').to.equal(true);
    expect(event.unit).to.equal('vara-teste');
    expect(event.open).to.equal(true);
    expect(event.nextChange?.getTime()).to.equal(at('2026-11-23T17:00:00Z'));
    expect(event.fromCache).to.equal(false);
    await expectAccessible(el);
  });

  it('says closed until tomorrow 08:00 on a Monday evening, without the way in', async () => {
    installClock('2026-11-23T18:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre amanhã, 08:00');
    expect(hasButton(el, 'Entrar no Balcão Virtual'), 'Entrar button').to.equal(false);
    expect(event.open).to.equal(false);
    expect(event.nextChange?.getTime()).to.equal(at('2026-11-24T11:00:00Z'));
    await expectAccessible(el);
  });

  it('names the weekday when it opens after the weekend', async () => {
    installClock('2026-11-27T18:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre segunda-feira, 08:00');
    expect(event.nextChange?.getTime()).to.equal(at('2026-11-30T11:00:00Z'));
  });

  it('says "hoje às 08:00" before opening time on a working day', async () => {
    installClock('2026-11-23T10:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre hoje às 08:00');
    expect(event.open).to.equal(false);
    expect(event.nextChange?.getTime()).to.equal(at('2026-11-23T11:00:00Z'));
  });

  it('skips a holiday: on Thursday Nov 19 it opens on Monday (Friday Nov 20 is Consciência Negra)', async () => {
    installClock('2026-11-19T18:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('abre segunda-feira, 08:00');
    expect(event.nextChange?.getTime()).to.equal(at('2026-11-23T11:00:00Z'));
  });

  it('gives the date when the court recess closes it for weeks', async () => {
    installClock('2026-12-18T18:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre quinta-feira, 7 de janeiro');
    expect(event.nextChange?.getTime()).to.equal(at('2027-01-07T11:00:00Z'));
    await expectAccessible(el);
  });

  it('on a holiday says why there is no service today', async () => {
    installClock('2026-11-20T12:00:00Z');
    const { el, event } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('Hoje não há expediente: Dia Nacional de Zumbi e da Consciência Negra.');
    expect(textOf(el)).to.contain('abre segunda-feira, 08:00');
    expect(event.open).to.equal(false);
    await expectAccessible(el);
  });
});

describe('<balcao-virtual> changes by itself at the boundaries', () => {
  it('closes at 14:00 local: new text, one event, and an announcement', async () => {
    const clock = installClock('2026-11-23T16:59:59Z');
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Aberto agora');
    expect(announcementOf(el), 'nothing announced on first render').to.equal('');
    const events = recordStatusEvents(el);

    await clock.tickAsync(1000);
    await el.updateComplete;

    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre amanhã, 08:00');
    expect(hasButton(el, 'Entrar no Balcão Virtual'), 'Entrar button').to.equal(false);
    expect(events.map((e) => e.open)).to.deep.equal([false]);
    expect(events[0]?.nextChange?.getTime()).to.equal(at('2026-11-24T11:00:00Z'));
    expect(announcementOf(el)).to.contain('Fechado');
    expect(announcementOf(el)).to.contain('abre amanhã, 08:00');
  });

  it('opens at 08:00 local: new text, one event, and an announcement', async () => {
    const clock = installClock('2026-11-23T10:59:59Z');
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('abre hoje às 08:00');
    const events = recordStatusEvents(el);

    await clock.tickAsync(1000);
    await el.updateComplete;

    expect(textOf(el)).to.contain('Aberto agora');
    expect(textOf(el)).to.contain('atendimento até 14:00');
    expect(hasButton(el, 'Entrar no Balcão Virtual'), 'Entrar button').to.equal(true);
    expect(events.map((e) => e.open)).to.deep.equal([true]);
    expect(events[0]?.nextChange?.getTime()).to.equal(at('2026-11-23T17:00:00Z'));
    expect(announcementOf(el)).to.contain('Aberto agora');
    expect(announcementOf(el)).to.contain('atendimento até 14:00');
  });

  it('turns "amanhã" into "hoje" at the unit\'s midnight, without an event', async () => {
    // 02:59:59Z on Tuesday is 23:59:59 on Monday in Fortaleza.
    const clock = installClock('2026-11-24T02:59:59Z');
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('abre amanhã, 08:00');
    const events = recordStatusEvents(el);

    await clock.tickAsync(1000);
    await el.updateComplete;

    expect(textOf(el)).to.contain('abre hoje às 08:00');
    expect(events).to.have.length(0);
  });

  it('keeps one timer for the next change (no polling of the timetable), and one for the line while open', async () => {
    const clock = installClock('2026-11-23T16:00:00Z');
    const { el } = await mountUnit('vara-teste');
    expect(clock.countTimers(), 'the next change, and the refresh of the line (line.test.ts)').to.equal(2);

    // The status timer is for 17:00Z: the text does not change before it, and changes then.
    await clock.tickAsync(at('2026-11-23T16:59:59Z') - clock.now);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Aberto agora');
    await clock.tickAsync(1000);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Fechado');
    expect(clock.countTimers(), 'one timer again, for the next change; no line while closed').to.equal(1);
  });
});

describe('<balcao-virtual> after the tab slept', () => {
  it('is corrected when the page becomes visible again (visibilitychange)', async () => {
    const clock = installClock('2026-11-23T16:00:00Z');
    const { el } = await mountUnit('vara-teste');
    expect(textOf(el)).to.contain('Aberto agora');

    // The device slept through 17:00Z: time moved on, but no timer ran. While the page is
    // hidden the element waits; when it is shown again, it catches up.
    setVisibility('hidden');
    clock.setSystemTime(new Date('2026-11-23T17:30:00Z'));
    document.dispatchEvent(new Event('visibilitychange'));
    await el.updateComplete;
    expect(textOf(el), 'still as rendered while hidden').to.contain('Aberto agora');

    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await el.updateComplete;

    expect(textOf(el)).to.contain('Fechado');
    expect(textOf(el)).to.contain('abre amanhã, 08:00');
    expect(clock.countTimers(), 'still one timer, re-armed for the next change').to.equal(1);
  });

  it('is corrected when the page is shown from the back/forward cache (pageshow)', async () => {
    const clock = installClock('2026-11-23T16:00:00Z');
    const { el } = await mountUnit('vara-teste');
    const events = recordStatusEvents(el);

    clock.setSystemTime(new Date('2026-11-23T17:30:00Z'));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await el.updateComplete;

    expect(textOf(el)).to.contain('Fechado');
    expect(events.map((e) => e.open)).to.deep.equal([false]);
  });
});
