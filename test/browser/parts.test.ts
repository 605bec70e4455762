// The call view's parts (`call-state`, `call-controls`, …) are styleable from the page
// through whichever element shows the call: forwarded by the flow and the widget for the
// citizen, by the clerk's element for the clerk (exportparts through each shadow root).
import { expect } from '@open-wc/testing';
import { CALL_PARTS } from '../../src/call-ui/call-view.js';
import { prepareCall } from '../../src/call-ui/prepare.js';
import { NO_MEDIA_CHOICE } from '../../src/ui/media-choice.js';
import { callingEvent, signedIn, untilClerk, type BalcaoVirtualAtendente } from './clerk-helpers.js';
import { calledEvent, flowOf, joinLine, toBeforeLine, untilHeading, useFakeSockets } from './flow-helpers.js';
import { clickButton, mountUnit, until, type BalcaoVirtual } from './helpers.js';

const PARTS = CALL_PARTS.split(',').map((p) => p.trim());
/** One colour per part, set from the page's own stylesheet. */
const colour = (i: number): string => `rgb(${i + 1}, 2, 3)`;

function pageStyles(host: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PARTS.map((part, i) => `${host}::part(${part}) { outline: 3px solid ${colour(i)}; }`).join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet));
}

/** The parts a call view shows before it connects (`call-connection` comes with the call's quality). */
const SHOWN = PARTS.filter((part) => part !== 'call-connection');

/** The outline colour of each part shown inside the call view under `root`, by part name. */
function outlines(root: ParentNode): Record<string, string> {
  const shadow = root.querySelector('balcao-virtual-chamada')?.shadowRoot;
  if (!shadow) throw new Error('no call view');
  return Object.fromEntries(SHOWN.map((part) => [part, getComputedStyle(shadow.querySelector(`[part~="${part}"]`)!).outlineColor]));
}

const expected = (): Record<string, string> => Object.fromEntries(SHOWN.map((part) => [part, colour(PARTS.indexOf(part))]));

/** The real call view drawn where the call module draws it, with the test's fake camera. */
async function drawView(container: HTMLElement, signal: AbortSignal): Promise<void> {
  const prepared = await prepareCall(container, { remoteLabel: 'Unidade', locale: 'pt-BR', choice: NO_MEDIA_CHOICE, signal });
  prepared?.view.updateComplete.then(() => undefined, () => undefined);
}

describe('the call view\'s parts from the page', () => {
  beforeEach(() => useFakeSockets());

  it('reach the citizen\'s call through <balcao-virtual>', async () => {
    const unstyle = pageStyles('balcao-virtual');
    try {
      const { el } = await mountUnit('plantao-contatos');
      await toBeforeLine(el);
      const socket = await joinLine(el);
      socket.push({ type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 2, clerksServing: 1 });
      flowOf(el).startCall = (start) => {
        void drawView(start.container, start.signal);
        return 'started';
      };
      socket.push(calledEvent(60));
      await untilHeading(el, 'Sua vez!');
      clickButton(el, 'Entrar');
      const flow = (e: BalcaoVirtual): ShadowRoot => flowOf(e).shadowRoot!;
      await until(el, () => flow(el).querySelector('balcao-virtual-chamada')?.shadowRoot?.querySelector('[part~="call-chat"]') != null, 'the call view');
      expect(outlines(flow(el))).to.deep.equal(expected());
      // The widget forwards every part of the view, the one not shown yet too.
      const forwarded = (flowOf(el).getAttribute('exportparts') ?? '').split(',').map((p) => p.trim());
      expect(PARTS.filter((part) => !forwarded.includes(part))).to.deep.equal([]);
    } finally {
      unstyle();
    }
  });

  it('reach the clerk\'s call through <balcao-virtual-atendente>', async () => {
    const unstyle = pageStyles('balcao-virtual-atendente');
    try {
      const { el, socket } = await signedIn();
      el.startClerkCall = (call) => {
        void drawView(call.container, new AbortController().signal);
        return 'started';
      };
      socket.push(callingEvent('A-001'));
      socket.push({ type: 'answered', code: 'A-001' });
      const root = (e: BalcaoVirtualAtendente): ShadowRoot => e.shadowRoot!;
      await untilClerk(el, () => root(el).querySelector('balcao-virtual-chamada')?.shadowRoot?.querySelector('[part~="call-chat"]') != null, 'the call view');
      expect(outlines(root(el))).to.deep.equal(expected());
    } finally {
      unstyle();
    }
  });
});
