// Helpers for the flow after "Entrar no Balcão Virtual" (<balcao-virtual-fluxo>, lazily
// loaded): a fake line socket the tests drive as the server would, the fixture's join and
// leave endpoints (web-test-runner.config.mjs), and steps through the screens.
import type { CalledEvent, CitizenEvent, IceConfig, InCallEvent } from '../../src/core/protocol/index.js';
import type { BalcaoVirtualFluxo } from '../../src/widget/flow/balcao-virtual-fluxo.js';
import { setFlowImport } from '../../src/widget/flow-loader.js';
import { setLineSocketFactory, type LineSocket } from '../../src/ui/line-socket.js';
import { clickButton, deepQueryAll, describeNode, textOf, until, type BalcaoVirtual } from './helpers.js';
import { injectFault, requestsTo, resetServer, type LoggedRequest } from './server/api.js';

/** A line socket played by the test: `accept()` opens it, `push()` sends a server message, `drop()` loses it. */
export class FakeLineSocket extends EventTarget implements LineSocket {
  readyState = 0;
  /** Every command the widget sent, parsed. */
  readonly sent: Record<string, unknown>[] = [];
  /** Set when the widget closed the socket itself. */
  closedByWidget: { code: number | undefined } | undefined;
  /** Whether the server answers each ping with a pong (as the real one does). */
  autoPong = true;

  constructor(readonly url: string) {
    super();
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new DOMException('WebSocket is not open', 'InvalidStateError');
    const command = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(command);
    if (command.type === 'ping' && this.autoPong) this.push({ type: 'pong' });
  }

  close(code?: number): void {
    if (this.readyState >= 2) return;
    this.closedByWidget = { code };
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code: code ?? 1005 }));
  }

  /** The server accepts the connection. */
  accept(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** A message from the server. */
  push(event: CitizenEvent | Record<string, unknown>): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(event) }));
  }

  /** The connection is lost (or closed by the server with a code). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code }));
  }

  /** The commands of a type the widget sent. */
  commands(type: string): Record<string, unknown>[] {
    return this.sent.filter((c) => c.type === type);
  }
}

export const sockets: FakeLineSocket[] = [];

/** From now on (until the end of the test) the flow opens fake sockets, listed in `sockets`. */
export function useFakeSockets(): void {
  sockets.length = 0;
  setLineSocketFactory((url) => {
    const socket = new FakeLineSocket(url);
    sockets.push(socket);
    return socket;
  });
}

export function lastSocket(): FakeLineSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('the widget opened no line socket');
  return socket;
}

// ── The fixture's join and leave endpoints ──────────────────────────────────

export interface FixtureAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type { LoggedRequest };

/** The next join of a unit answers this (once) instead of the real line. */
export async function answerJoin(unitId: string, answer: FixtureAnswer): Promise<void> {
  await injectFault({ path: `/api/units/${unitId}/queue`, method: 'POST', ...answer });
}

/** Every join and leave request the server received since the last `forgetQueue()`. */
export async function queueRequests(): Promise<LoggedRequest[]> {
  return (await requestsTo(/^\/api\/(units\/[^/]+\/queue|tickets\/[^/]+\/leave)$/)).filter((r) => r.method === 'POST');
}

/** A fresh server. */
export async function forgetQueue(): Promise<void> {
  await resetServer();
}

export function unitError(status: number, code: string, message: string, headers?: Record<string, string>): FixtureAnswer {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

// ── The flow ────────────────────────────────────────────────────────────────

/** The flow's inner element, once loaded. */
export function flowOf(el: BalcaoVirtual): BalcaoVirtualFluxo {
  const flow = el.shadowRoot?.querySelector('balcao-virtual-fluxo');
  if (!flow) throw new Error(`no flow in: ${textOf(el)}`);
  return flow;
}

/** An element in the flow's shadow root, or a test failure naming what was missing. */
export function inFlow<E extends Element = HTMLElement>(el: BalcaoVirtual, selector: string): E {
  const found = flowOf(el).shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no "${selector}" in the flow: ${textOf(el)}`);
  return found;
}

export function hasInFlow(el: BalcaoVirtual, selector: string): boolean {
  return Boolean(el.shadowRoot?.querySelector('balcao-virtual-fluxo')?.shadowRoot?.querySelector(selector));
}

/** The heading of the flow's screen. */
export function headingOf(el: BalcaoVirtual): string {
  const flow = el.shadowRoot?.querySelector('balcao-virtual-fluxo');
  return (flow?.shadowRoot?.querySelector('#heading')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function untilHeading(el: BalcaoVirtual, heading: string): Promise<void> {
  await until(el, () => headingOf(el) === heading, `the screen "${heading}"`);
  await flowOf(el).updateComplete;
}

/** The element that has the focus, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function focusDescription(): string {
  return describeNode(deepActiveElement());
}

/** Whether the focus is on the flow's heading. */
export function focusOnHeading(el: BalcaoVirtual): boolean {
  return deepActiveElement() === inFlow(el, '#heading');
}

export const TRIAGE = 'Sobre o que é o atendimento?';

/** "Entrar no Balcão Virtual", then the triage. */
export async function openFlow(el: BalcaoVirtual): Promise<void> {
  clickButton(el, 'Entrar no Balcão Virtual');
  await untilHeading(el, TRIAGE);
}

/** Clicks the radio or checkbox whose label starts with `label`. */
export function choose(el: BalcaoVirtual, label: string): void {
  const labels = deepQueryAll<HTMLLabelElement>(flowOf(el).shadowRoot!, 'label');
  const found = labels.find((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(label));
  const input = found?.control;
  if (!input) throw new Error(`no choice "${label}" in: ${textOf(el)}`);
  input.click();
}

/** Types into a field of the flow as a script would (input event), then leaves it (focusout). */
export function fill(el: BalcaoVirtual, id: string, value: string): void {
  const input = inFlow<HTMLInputElement>(el, `#${id}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.blur();
}

/** The field's value as shown. */
export function valueOf(el: BalcaoVirtual, id: string): string {
  return inFlow<HTMLInputElement>(el, `#${id}`).value;
}

/** The error shown next to a field, if any. */
export function errorOf(el: BalcaoVirtual, field: string): string | undefined {
  const flow = flowOf(el).shadowRoot!;
  return flow.querySelector(`#${field}-error`)?.textContent?.replace(/\s+/g, ' ').trim();
}

export async function next(el: BalcaoVirtual, label = 'Continuar'): Promise<void> {
  clickButton(el, label);
  await flowOf(el).updateComplete;
}

/** A valid CPF, CNJ number and OAB registration. */
export const VALID = {
  name: 'Joana Maria da Silva',
  cpf: '529.982.247-25',
  caseNumber: '0000001-42.2026.8.20.0001',
  oab: 'RN 12.345',
} as const;

/** Triage "Outro assunto", not a lawyer: the screen before joining. */
export async function toBeforeLine(el: BalcaoVirtual): Promise<void> {
  await openFlow(el);
  choose(el, 'Outro assunto');
  await next(el);
  await untilHeading(el, 'Você é advogado(a)?');
  choose(el, 'Não');
  await next(el);
  await untilHeading(el, 'Antes de entrar na fila');
}

/** Through the sealed-case identification (as a party) to the screen before joining. */
export async function toBeforeLineSealed(el: BalcaoVirtual, role: 'Parte' | 'Advogado' = 'Parte'): Promise<void> {
  await openFlow(el);
  choose(el, 'Informação sobre um processo');
  await next(el);
  await untilHeading(el, 'O processo tramita em segredo de justiça?');
  choose(el, 'Sim');
  await next(el);
  await untilHeading(el, 'Sua identificação');
  fill(el, 'name', VALID.name);
  fill(el, 'cpf', VALID.cpf);
  choose(el, role);
  await flowOf(el).updateComplete;
  if (role === 'Advogado') fill(el, 'oab', VALID.oab);
  fill(el, 'caseNumber', VALID.caseNumber);
  await next(el);
  await untilHeading(el, 'Antes de entrar na fila');
}

/** "Entrar na fila", then the line screen with its socket open and the first position known. */
export async function joinLine(el: BalcaoVirtual): Promise<FakeLineSocket> {
  clickButton(el, 'Entrar na fila');
  await untilHeading(el, 'Você está na fila');
  const socket = lastSocket();
  socket.accept();
  return socket;
}

/** A `called` message, answerBy `seconds` after now. */
export function calledEvent(seconds = 60): CalledEvent {
  return {
    type: 'called',
    clerk: { name: 'Maria Souza', unit: 'Plantão de Teste com Telefone e E-mail' },
    clerkPeerId: 'clerk-peer-abcdefghijklmnop',
    answerBy: new Date(Date.now() + seconds * 1000).toISOString(),
    ice: { iceServers: [], iceTransportPolicy: 'all' },
  };
}

/** The server's `in-call` (after a reload during the call): the clerk of calledEvent(), fresh ICE servers. */
export function inCallEvent(ice: IceConfig = calledEvent().ice): InCallEvent {
  const { clerk, clerkPeerId } = calledEvent();
  return { type: 'in-call', clerk, clerkPeerId, ice };
}

/** Forgets tickets kept in this tab by earlier tests. */
export function forgetTickets(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith('balcao-virtual:')) sessionStorage.removeItem(key);
  }
}

// Root hooks for the files that use these helpers: real sockets and the real chunk back,
// no ticket and no fixture answer left for the next test.
afterEach(async () => {
  setLineSocketFactory();
  setFlowImport();
  forgetTickets();
  await forgetQueue();
});
