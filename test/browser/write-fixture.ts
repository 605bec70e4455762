// The real server's messages endpoint (`POST /api/units/:id/messages`, its outbox in :memory:)
// and steps through the written channel ("Escrever para a unidade"): failures injected per
// unit, the requests it received and its answers, and this browser's outbox emptied between tests.
import type { MessageSubmission } from '../../src/core/protocol/index.js';
import { clearDraft, forgetMessage, OUTBOX_FLAG, pendingMessages } from '../../src/widget/flow/outbox.js';
import { choose, fill, flowOf, inFlow, openFlow, untilHeading, type FixtureAnswer } from './flow-helpers.js';
import { injectFault, requestsTo, resetServer } from './server/api.js';
import { clickButton, network, offline, server, stubFetch, type BalcaoVirtual } from './helpers.js';

export const WRITE = 'Escrever para a unidade';

/** The next message to a unit fails so (once) instead of reaching the real outbox. */
export async function answerMessage(unitId: string, answer: FixtureAnswer): Promise<void> {
  await injectFault({ path: `/api/units/${unitId}/messages`, method: 'POST', ...answer });
}

/**
 * From now on (until `restoreFetch()` or the end of the test) sending a message fails as when
 * the browser is offline; everything else reaches the fixture. Returns the submissions tried.
 */
export function offlineForMessages(): MessageSubmission[] {
  const tried: MessageSubmission[] = [];
  stubFetch((url, init) => {
    if (!url.endsWith('/messages')) return network(url, init);
    tried.push(JSON.parse(String(init?.body)) as MessageSubmission);
    return offline();
  });
  return tried;
}

export interface LoggedMessage {
  readonly path: string;
  readonly contentType: string;
  readonly submission: MessageSubmission;
  /** How the server answered it: the status and the body as text (a receipt, or an error). */
  readonly status: number;
  readonly answer: string;
}

/** Every message the server received since the last `forgetMessages()`. */
export async function receivedMessages(): Promise<LoggedMessage[]> {
  const log = (await requestsTo(/^\/api\/units\/[^/]+\/messages$/)).filter((r) => r.method === 'POST');
  return log.map(({ path, contentType, body, status, answer }) => ({ path, contentType, submission: JSON.parse(body) as MessageSubmission, status, answer }));
}

/** A fresh server (an empty outbox). */
export async function forgetMessages(): Promise<void> {
  await resetServer();
}

/** Empties this browser's outbox (IndexedDB outlives each test) and the drafts of the fixture units. */
export async function emptyOutbox(): Promise<void> {
  for (const entry of await pendingMessages()) await forgetMessage(entry.key);
  for (const unit of ['plantao-contatos', 'plantao-teste', 'vara-teste', 'vara-acre']) await clearDraft(new URL(server), unit);
  localStorage.removeItem(OUTBOX_FLAG);
}

/** The triage's "Prefiro escrever uma mensagem", then the form. */
export async function toWrite(el: BalcaoVirtual): Promise<void> {
  await openFlow(el);
  inFlow(el, '#prefer-write').click();
  await untilHeading(el, WRITE);
}

export const MESSAGE = {
  name: 'Joana Maria da Silva',
  email: 'joana.silva@exemplo.com.br',
  phone: '(84) 99999-0000',
  caseNumber: '0000001-42.2026.8.20.0001',
  text: 'Gostaria de saber se já há data para a audiência do meu processo.',
} as const;

/** Fills the whole form right (subject "Informação sobre um processo", consent given). */
export async function fillMessage(el: BalcaoVirtual, values: Partial<Record<keyof typeof MESSAGE, string>> = {}): Promise<void> {
  const v = { ...MESSAGE, ...values };
  fill(el, 'name', v.name);
  fill(el, 'email', v.email);
  fill(el, 'phone', v.phone);
  fill(el, 'caseNumber', v.caseNumber);
  choose(el, 'Informação sobre um processo');
  fill(el, 'text', v.text);
  if (!inFlow<HTMLInputElement>(el, '#consent').checked) inFlow<HTMLInputElement>(el, '#consent').click();
  await flowOf(el).updateComplete;
}

export async function sendForm(el: BalcaoVirtual): Promise<void> {
  clickButton(el, 'Enviar mensagem');
  await flowOf(el).updateComplete;
}

// Root hooks for the files that use these helpers: no answer, message or outbox entry left.
afterEach(async () => {
  await forgetMessages();
  await emptyOutbox();
});
