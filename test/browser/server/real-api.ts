// The real server behind the browser suite, run in web-test-runner's Node process: every
// `/api/` request of the page is proxied to `createServer()` (the real app, line and outbox,
// over SQLite `:memory:` stores, the fixture units), and the control API of controls.ts
// sets it up through its own services, injects faults and reads back what it was sent.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Context, Next } from 'koa';
import { openingStatus, parseUnits } from '../../../src/core/index.js';
import { checkMessage, type JoinRequest, type MessageReceipt } from '../../../src/core/protocol/index.js';
import { DEMO_MAIL_FROM, type ServerConfig } from '../../../src/server/config.js';
import { LocalClerkAuth, loadOrCreateSecret } from '../../../src/server/clerk-auth.js';
import type { Line } from '../../../src/server/line/line.js';
import { SqliteLineStore } from '../../../src/server/line/sqlite-store.js';
import { silentLogger } from '../../../src/server/logger.js';
import { messageIdFor, type MailAddress } from '../../../src/server/mail/compose.js';
import { SqliteOutbox } from '../../../src/server/mail/outbox.js';
import { RecipientRejectedError, type MailTransport } from '../../../src/server/mail/transport.js';
import { DEFAULT_MAIL_TIMING, MailWorker } from '../../../src/server/mail/worker.js';
import { createServer, type BalcaoServer } from '../../../src/server/server.js';
import { CONTROL, SERVER_EPOCH, type Fault, type LineSetup, type LoggedRequest, type MailOutcome, type MessageSetup } from './controls.js';

const units = new Map(parseUnits(JSON.parse(readFileSync('test/browser/fixtures/units.json', 'utf8'))).map((u) => [u.id, u]));
const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-wtr-'));
const config: ServerConfig = {
  port: 0,
  host: '127.0.0.1',
  unitsFile: '/nonexistent/units.json',
  allowedOrigins: ['*'],
  publicDir: dataDir,
  demoDir: undefined,
  dataDir,
  joinsPerAddress: 10_000,
  messagesPerAddress: 10_000,
  trustProxy: false,
};
const JOIN: JoinRequest = { subject: 'case-info', sealed: false, lawyer: false, libras: false };
/** The server's sender (no MAIL_FROM configured): what its e-mails' Message-IDs are made of. */
const MAIL_FROM: MailAddress = { name: 'Balcão Virtual', address: DEMO_MAIL_FROM };
/** What the mail servers do with an e-mail, by its Message-ID (`CONTROL.messages`); unlisted ones are taken. */
let mailOutcomes = new Map<string, MailOutcome>();
/** E-mails are taken and dropped (the browser suite reads receipts, not mail), or fail as a mail server does. */
const mailTransport: MailTransport = {
  send(mail) {
    const outcome = mailOutcomes.get(String(mail.messageId)) ?? 'delivered';
    // What the SMTP transport rejects with: a recipient refused with 550; no connection (nodemailer's code).
    if (outcome === 'refused') return Promise.reject(new RecipientRejectedError(550));
    if (outcome === 'unreachable') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }));
    return Promise.resolve('sent');
  },
  close() {},
  description: 'the mail servers of the browser suite',
};

/** The server's clock: `epoch` at the last reset, running on with real time. */
let epoch = Date.parse(SERVER_EPOCH);
let since = Date.now();
const now = (): number => epoch + (Date.now() - since);

let server: BalcaoServer | undefined;
let base: URL | undefined;
let faults: Fault[] = [];
/** Control steps and proxied requests never overlap a restart. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(step: () => Promise<T>): Promise<T> {
  const done = queue.then(step);
  queue = done.catch(() => undefined);
  return done;
}
let log: LoggedRequest[] = [];

async function restart(at = SERVER_EPOCH): Promise<BalcaoServer> {
  await server?.stop(0);
  epoch = Date.parse(at);
  since = Date.now();
  mailOutcomes = new Map();
  server = createServer(config, {
    units,
    logger: silentLogger,
    now,
    lineStore: new SqliteLineStore(':memory:'),
    outbox: new SqliteOutbox({ file: ':memory:' }),
    mailTransport,
  });
  base = await server.start();
  return server;
}

/**
 * After a reset every unit's line answers 503, as a server whose line is unavailable: the
 * widget then shows its timetable alone, what most tests look at. A test that reads the line
 * sets it up (`CONTROL.line`), which lifts this for that unit.
 */
function lineUnavailable(): Fault[] {
  const body = { error: { code: 'unavailable', message: 'Fila indisponível.' } };
  return [...units.keys()].map((id) => ({ path: `/api/units/${id}/line`, method: 'GET', status: 503, body, sticky: true }));
}

/** Makes the line of `unit` so (see LineSetup) with the real line's steps. */
async function populate(line: Line, unit: string, setup: LineSetup): Promise<void> {
  const sessions = [];
  for (let i = 1; i <= setup.clerksServing; i++) sessions.push(await line.clerkPresent({ clerkId: `clerk-${i}`, name: `Servidor ${i} de Teste`, unit }));
  const first = sessions[0];
  if (setup.estimatedWaitMinutes !== null && first) {
    // One attendance as long as makes the estimate of the next in line what was asked.
    const seconds = (setup.estimatedWaitMinutes * 60 * setup.clerksServing) / (setup.waiting + 1);
    // A little under, so that the real milliseconds between the steps don't round the estimate up.
    const lasting = seconds * 1000 - 200;
    // Begun that long ago: it ends now, and the clock runs on from where it was.
    epoch -= lasting;
    const ticket = await line.join(unit, JOIN);
    await line.citizenPresent(ticket.ticketId);
    await line.callNext(first.sessionId);
    await line.answer(ticket.ticketId);
    epoch += lasting;
    await line.finish(first.sessionId, 'attended');
  }
  // Each one present, as if its page said hello on the line socket (an absent one is not ahead of anyone).
  for (let i = 0; i < setup.waiting; i++) await line.citizenPresent((await line.join(unit, JOIN)).ticketId);
}

/** After a reset, every open unit's line: two clerks serving, two people waiting, 10 minutes for the next (position 3). */
export const DEFAULT_LINE: LineSetup = { waiting: 2, clerksServing: 2, estimatedWaitMinutes: 10 };

/** One pass of the real delivery worker over the server's outbox, at the server's clock. */
function deliver(): Promise<number> {
  return new MailWorker({ outbox: server!.outbox!, units, transport: mailTransport, from: MAIL_FROM, logger: silentLogger, now }).runOnce();
}

/**
 * Stores a message with the real outbox, its clock set back to `receivedAt`, and tries its
 * e-mails there once with the real worker (as the server does at once); then the clock runs
 * on from where it was. Nothing else runs meanwhile: no timer fires between these steps.
 */
async function storeMessage(unitId: string, setup: MessageSetup): Promise<MessageReceipt> {
  const check = checkMessage({ ...setup.message, idempotencyKey: randomUUID(), consent: true });
  if (!check.ok) throw new Error(`the message is refused: ${check.field} ${check.problem}`);
  const unit = units.get(unitId);
  if (!unit) throw new Error(`no unit ${unitId}`);
  const running = { epoch, since };
  epoch = Date.parse(setup.receivedAt);
  since = Date.now();
  try {
    const { receipt } = await server!.outbox!.submit(unit, check.value, now());
    mailOutcomes.set(messageIdFor(receipt.protocol, 'unit', MAIL_FROM), setup.unit);
    mailOutcomes.set(messageIdFor(receipt.protocol, 'copy', MAIL_FROM), setup.copy);
    await deliver();
    return receipt;
  } finally {
    ({ epoch, since } = running);
  }
}

/** The mail servers take everything again; an hour later every retry is due, and goes out. */
async function mailBack(): Promise<void> {
  mailOutcomes = new Map();
  epoch += DEFAULT_MAIL_TIMING.retryMaxMs;
  await deliver();
}

async function reset(): Promise<void> {
  faults = lineUnavailable();
  log = [];
  const line = (await restart()).line!;
  for (const unit of units.values()) {
    if (openingStatus(unit, new Date(now())).open) await populate(line, unit.id, DEFAULT_LINE);
  }
}

function readBody(ctx: Context): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    ctx.req.on('data', (chunk: Buffer) => chunks.push(chunk));
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
    ctx.req.on('error', reject);
  });
}

function forward(ctx: Context, body: Buffer): Promise<void> {
  const headers: IncomingHttpHeaders = { ...ctx.req.headers, host: base!.host };
  delete headers['accept-encoding'];
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(ctx.url, base), { method: ctx.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        ctx.status = res.statusCode ?? 502;
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) ctx.set(name, value);
        }
        ctx.body = Buffer.concat(chunks);
        resolve();
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether `pattern` (`*`: one segment) names `path`. */
function matches(pattern: string, path: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${source}$`).test(path);
}

function answerFault(ctx: Context, fault: Fault): void {
  ctx.status = fault.status;
  for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.set(name, value);
  if (fault.text !== undefined) {
    ctx.type = 'text/html';
    ctx.body = fault.text;
  } else if (fault.body !== undefined) ctx.body = fault.body;
  ctx.set('Cache-Control', 'no-store');
}

async function control(ctx: Context): Promise<boolean> {
  const json = async (): Promise<unknown> => JSON.parse((await readBody(ctx)).toString('utf8') || 'null') as unknown;
  if (ctx.path === CONTROL.reset && ctx.method === 'POST') {
    await reset();
  } else if (ctx.path.startsWith(`${CONTROL.line}/`) && ctx.method === 'POST') {
    const unit = decodeURIComponent(ctx.path.slice(CONTROL.line.length + 1));
    faults = faults.filter((f) => f.path !== `/api/units/${unit}/line`);
    const setup = (await json()) as LineSetup;
    await populate((await restart(setup.at)).line!, unit, setup);
  } else if (ctx.path === CONTROL.faults && ctx.method === 'POST') {
    const fault = (await json()) as Fault;
    // A sticky fault replaces the one before it on the same path (a line that fails otherwise now).
    if (fault.sticky) faults = faults.filter((f) => !(f.sticky && f.path === fault.path));
    faults.push(fault);
  } else if (ctx.path === CONTROL.faults && ctx.method === 'DELETE') {
    faults = [];
  } else if (ctx.path === CONTROL.clerkToken && ctx.method === 'GET') {
    if (!server) await reset();
    const auth = new LocalClerkAuth(await loadOrCreateSecret(dataDir));
    ctx.body = { token: auth.mint({ unit: String(ctx.query.unit), name: 'Maria Souza' }, now(), 24 * 31) };
    return true;
  } else if (ctx.path.startsWith(`${CONTROL.messages}/`) && ctx.method === 'POST') {
    if (!server) await reset();
    const setup = (await json()) as MessageSetup;
    ctx.body = await storeMessage(decodeURIComponent(ctx.path.slice(CONTROL.messages.length + 1)), setup);
    return true;
  } else if (ctx.path === CONTROL.mailBack && ctx.method === 'POST') {
    if (!server) await reset();
    await mailBack();
  } else if (ctx.path.startsWith(`${CONTROL.acknowledged}/`) && ctx.method === 'POST') {
    if (!server) await reset();
    const [unit = '', protocol = ''] = ctx.path.slice(CONTROL.acknowledged.length + 1).split('/').map(decodeURIComponent);
    if (!(await server!.outbox!.acknowledge(unit, protocol, now()))) throw new Error(`no dead message ${protocol} of ${unit} to acknowledge`);
  } else if (ctx.path === CONTROL.requests && ctx.method === 'GET') {
    ctx.body = log;
    return true;
  } else return false;
  ctx.status = 204;
  return true;
}

/** The web-test-runner middleware: the control API, then every `/api/` request to the real app. */
export async function realApi(ctx: Context, next: Next): Promise<unknown> {
  if (ctx.path.startsWith('/__test/')) return (await serially(() => control(ctx))) ? undefined : next();
  if (!ctx.path.startsWith('/api/')) return next();
  const body = await readBody(ctx);
  // In turn with the control steps: a restart never cuts a request in flight.
  return serially(async () => {
    if (!server) await reset();
    await answer(ctx, body);
  });
}

async function answer(ctx: Context, body: Buffer): Promise<void> {
  const fault = faults.find((f) => matches(f.path, ctx.path) && (f.method ?? ctx.method) === ctx.method);
  if (fault) {
    if (!fault.sticky) faults.splice(faults.indexOf(fault), 1);
    answerFault(ctx, fault);
  } else await forward(ctx, body);
  const answered: unknown = ctx.body;
  log.push({
    method: ctx.method,
    path: ctx.path,
    search: ctx.querystring,
    contentType: ctx.get('content-type'),
    authorization: ctx.get('authorization'),
    body: body.toString('utf8'),
    status: ctx.status,
    answer: Buffer.isBuffer(answered) ? answered.toString('utf8') : typeof answered === 'string' ? answered : answered == null ? '' : JSON.stringify(answered),
  });
}

/** Stops the server (web-test-runner's `serverStop`). */
export async function stopRealApi(): Promise<void> {
  await server?.stop(0);
  server = undefined;
}
