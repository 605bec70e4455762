// The shared UI layer's live region and focus (src/ui/live-region.ts, src/ui/focus.ts), on
// small test elements: the region's markup (polite or assertive), a new node for every thing
// said (so the same words twice are read twice), and where the focus goes after an update:
// asked for, a default that anything asked overrides, and the clerk's variant that never
// takes the focus from the rest of the page and catches it when its button goes away.
import { expect } from '@open-wc/testing';
import { LitElement, html, type TemplateResult } from 'lit';
import { FocusController, InsideFocusController } from '../../src/ui/focus.js';
import { LiveRegion, liveRegion } from '../../src/ui/live-region.js';
import { baseStyles } from '../../src/ui/styles.js';

class TestSpeaker extends LitElement {
  static override styles = baseStyles;
  readonly polite = new LiveRegion(this);
  readonly urgent = new LiveRegion(this, 'assertive');

  protected override render(): TemplateResult {
    return html`<p>Texto</p>${liveRegion(this.polite)}${liveRegion(this.urgent)}`;
  }
}

class TestFocuser extends LitElement {
  static override properties = { buttons: { state: true, attribute: false } };
  /** The buttons shown, by id. */
  buttons = ['one', 'two'];
  readonly focusing = new FocusController(this);
  /** A default for the coming update (as the flow's heading on a new screen). */
  fallback: string | undefined;

  protected override willUpdate(): void {
    if (this.fallback) this.focusing.target ??= this.fallback;
    this.fallback = undefined;
  }

  protected override render(): TemplateResult {
    return html`<h2 id="heading" tabindex="-1">Título</h2>
      ${this.buttons.map((id) => html`<button id=${id}>${id}</button>`)}`;
  }
}

class TestInsideFocuser extends LitElement {
  static override properties = { buttons: { state: true, attribute: false } };
  buttons = ['one', 'two'];
  readonly focusing = new InsideFocusController(this, '#heading');

  protected override render(): TemplateResult {
    return html`<h2 id="heading" tabindex="-1">Título</h2>
      ${this.buttons.map((id) => html`<button id=${id}>${id}</button>`)}`;
  }
}

customElements.define('test-ui-speaker', TestSpeaker);
customElements.define('test-ui-focuser', TestFocuser);
customElements.define('test-ui-inside-focuser', TestInsideFocuser);

const mounted: HTMLElement[] = [];

async function mount<E extends LitElement>(tag: string): Promise<E> {
  const el = document.createElement(tag) as E;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** The element focused inside `el`'s shadow root, by id ('' when none). */
function focusedIn(el: LitElement): string {
  return el.shadowRoot?.activeElement?.id ?? '';
}

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
  (document.activeElement as HTMLElement | null)?.blur();
});

describe('src/ui live region', () => {
  it('renders one visually hidden, atomic region per announcer: polite is a status, assertive an alert', async () => {
    const el = await mount<TestSpeaker>('test-ui-speaker');
    const polite = el.shadowRoot!.querySelector('[role="status"]')!;
    const urgent = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(polite.getAttribute('aria-live')).to.equal('polite');
    expect(urgent.getAttribute('aria-live')).to.equal('assertive');
    for (const region of [polite, urgent]) {
      expect(region.getAttribute('aria-atomic')).to.equal('true');
      expect(region.classList.contains('visually-hidden')).to.equal(true);
      expect(region.getBoundingClientRect().width, 'not seen').to.be.at.most(1);
      expect(region.textContent?.trim(), 'nothing said on the first render').to.equal('');
    }
  });

  it('says the words given, in a new node each time, even the same words (so they are read again)', async () => {
    const el = await mount<TestSpeaker>('test-ui-speaker');
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    el.polite.say('Chamada conectada.');
    await el.updateComplete;
    const first = region.querySelector('span');
    expect(first?.textContent).to.equal('Chamada conectada.');

    el.polite.say('Chamada conectada.');
    await el.updateComplete;
    const second = region.querySelector('span');
    expect(second?.textContent).to.equal('Chamada conectada.');
    expect(second !== first, 'a new node').to.equal(true);
    expect(region.querySelectorAll('span'), 'only the latest').to.have.length(1);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent?.trim(), 'the other region is untouched').to.equal('');
  });

  it('keeps its node while nothing new is said (another render is not read again)', async () => {
    const el = await mount<TestSpeaker>('test-ui-speaker');
    el.polite.say('Aviso sonoro ativado.');
    await el.updateComplete;
    const node = el.shadowRoot!.querySelector('[role="status"] span');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"] span') === node).to.equal(true);
  });

  it('several things said before one render: the last one, once', async () => {
    const el = await mount<TestSpeaker>('test-ui-speaker');
    el.polite.say('Um');
    el.polite.say('Dois');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent?.trim()).to.equal('Dois');
  });

  it('`say` handed to another element speaks in the region it belongs to', async () => {
    const el = await mount<TestSpeaker>('test-ui-speaker');
    const say = el.urgent.say;
    say('Sua vez!');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent?.trim()).to.equal('Sua vez!');
  });
});

describe('src/ui focus', () => {
  it('moves the focus to what was asked once the update rendered it, and only once', async () => {
    const el = await mount<TestFocuser>('test-ui-focuser');
    el.buttons = ['one', 'two', 'three'];
    el.focusing.next('#three');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('three');

    el.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    el.requestUpdate();
    await el.updateComplete;
    expect(focusedIn(el), 'a later update leaves the focus alone').to.equal('one');
  });

  it('asks for an update itself (nothing else changed)', async () => {
    const el = await mount<TestFocuser>('test-ui-focuser');
    el.focusing.next('#two');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('two');
  });

  it('a default (`target ??=`) yields to what was asked, and applies when nothing was', async () => {
    const el = await mount<TestFocuser>('test-ui-focuser');
    el.focusing.next('#two');
    el.fallback = '#heading';
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('two');

    el.fallback = '#heading';
    el.requestUpdate();
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('heading');
  });

  it('a target the update did not render: the focus stays where it was', async () => {
    const el = await mount<TestFocuser>('test-ui-focuser');
    el.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    el.focusing.next('#missing');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('one');
  });
});

describe('src/ui focus, never taken from the rest of the page (InsideFocusController)', () => {
  it('moves the focus while it is in the element', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    el.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    el.focusing.next('#two');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('two');
  });

  it('moves the focus when it is nowhere (on the page\'s body)', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    expect(document.activeElement === document.body, 'nothing focused').to.equal(true);
    el.focusing.next('#two');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('two');
  });

  it('leaves the focus where the person is working elsewhere on the page, and forgets the target', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    const input = document.createElement('input');
    document.body.append(input);
    mounted.push(input);
    input.focus();
    el.focusing.next('#two');
    await el.updateComplete;
    expect(document.activeElement === input, 'the input keeps the focus').to.equal(true);

    el.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    el.requestUpdate();
    await el.updateComplete;
    expect(focusedIn(el), 'not moved later either').to.equal('one');
  });

  it('the focused button went away with the update: the focus goes to `lost`', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    el.shadowRoot!.querySelector<HTMLElement>('#two')!.focus();
    el.buttons = ['one'];
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('heading');
  });

  it('the focused button went away but something else was asked: that wins', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    el.shadowRoot!.querySelector<HTMLElement>('#two')!.focus();
    el.buttons = ['one'];
    el.focusing.next('#one');
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('one');
  });

  it('a button that stays: the focus stays on it', async () => {
    const el = await mount<TestInsideFocuser>('test-ui-inside-focuser');
    el.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    el.buttons = ['one'];
    await el.updateComplete;
    expect(focusedIn(el)).to.equal('one');
  });
});
