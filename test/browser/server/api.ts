// The browser side of the real server's control API (controls.ts): a fresh server, a unit's
// line set up through the real line, written messages stored by the real outbox and the mail
// servers' answers, injected faults, the requests it received, a clerk token.
import type { MessageReceipt } from '../../../src/core/protocol/index.js';
import { network } from '../helpers.js';
import { CONTROL, type Fault, type LineSetup, type LoggedRequest, type MailOutcome, type MessageSetup } from './controls.js';

export type { Fault, LineSetup, LoggedRequest, MailOutcome, MessageSetup };

const at = (path: string): string => new URL(path, location.href).href;

// The real fetch throughout: a test may have stubbed window.fetch for the element.
async function send(path: string, method: string, body?: unknown): Promise<void> {
  const response = await network(at(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (response.status !== 204) throw new Error(`${method} ${path}: HTTP ${response.status}`);
}

/** A fresh server: empty stores, the clock at SERVER_EPOCH, no fault, an empty log. */
export const resetServer = (): Promise<void> => send(CONTROL.reset, 'POST');

/** A fresh server whose line of `unit` is as set up. */
export const setUpLine = (unit: string, setup: LineSetup): Promise<void> => send(`${CONTROL.line}/${encodeURIComponent(unit)}`, 'POST', setup);

/** A written message stored by the real outbox at `setup.receivedAt`, its e-mails tried as set up: the receipt the server issued. */
export async function storeMessage(unit: string, setup: MessageSetup): Promise<MessageReceipt> {
  const response = await network(at(`${CONTROL.messages}/${encodeURIComponent(unit)}`), { method: 'POST', body: JSON.stringify(setup) });
  if (!response.ok) throw new Error(`storing a message: HTTP ${response.status}`);
  return (await response.json()) as MessageReceipt;
}

/** The mail servers take every e-mail again: an hour later (the server's clock) what was pending is sent. */
export const mailBack = (): Promise<void> => send(CONTROL.mailBack, 'POST');

/** A manager elsewhere resolved the dead message `protocol` (the outbox erases its content). */
export const acknowledgedElsewhere = (unit: string, protocol: string): Promise<void> =>
  send(`${CONTROL.acknowledged}/${encodeURIComponent(unit)}/${encodeURIComponent(protocol)}`, 'POST');

export const injectFault = (fault: Fault): Promise<void> => send(CONTROL.faults, 'POST', fault);

/** Every `/api/` request the server received since the last reset whose path matches. */
export async function requestsTo(path: RegExp): Promise<LoggedRequest[]> {
  const log = (await (await network(at(CONTROL.requests), undefined)).json()) as LoggedRequest[];
  return log.filter((r) => path.test(r.path));
}

/** A clerk token of `unit` the server takes (signed with its secret). */
export async function clerkToken(unit: string): Promise<string> {
  const response = await network(at(`${CONTROL.clerkToken}?unit=${encodeURIComponent(unit)}`), undefined);
  return ((await response.json()) as { token: string }).token;
}

/** Units whose `GET /api/units/:id` fails the ways a server can (sticky, until the next reset). */
export async function breakUnits(): Promise<void> {
  const unit = (id: string): string => `/api/units/${id}`;
  await injectFault({ path: unit('erro-500'), status: 500, body: { error: { code: 'internal', message: 'Erro interno' } }, sticky: true });
  await injectFault({ path: unit('nao-json'), status: 200, text: '<html>Página de manutenção</html>', sticky: true });
  await injectFault({ path: unit('invalida'), status: 200, body: { id: 'invalida', name: 'Unidade inválida', timezone: 'Mars/Olympus', hours: {} }, sticky: true });
}
