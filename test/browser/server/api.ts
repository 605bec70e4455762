// The browser side of the real server's control API (controls.ts): a fresh server, a unit's
// line set up through the real line, injected faults, the requests it received, a clerk token.
import { network } from '../helpers.js';
import { CONTROL, type Fault, type LineSetup, type LoggedRequest } from './controls.js';

export type { Fault, LineSetup, LoggedRequest };

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
