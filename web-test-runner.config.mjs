// Browser tests: real headless Chromium (the system's), against the TypeScript source,
// with Lit in development mode so its warnings surface. A small fixture API stands in for
// the server's `GET /api/units/:id`, `/line`, the queue and the messages (the real server is
// tested in Node and e2e).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const units = JSON.parse(readFileSync(new URL('./test/browser/fixtures/units.json', import.meta.url), 'utf8'));

/**
 * The line of each fixture unit (`GET /api/units/:id/line`), as the tests set it through
 * `PUT /__fixture/lines/:id` with `{ "status": 200, "body": { …line state… } }` (or any
 * status and JSON body, or `"text"` for a body that is not JSON); `DELETE /__fixture/lines`
 * forgets them all. A unit whose line was not set answers 503, as a server without a line.
 * See test/browser/line-fixture.ts.
 */
const lines = new Map();

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function fixtureLines(ctx, next) {
  const control = /^\/__fixture\/lines(?:\/([^/?]+))?$/.exec(ctx.path);
  if (control) {
    if (ctx.method === 'DELETE' && !control[1]) lines.clear();
    else if (ctx.method === 'PUT' && control[1]) lines.set(decodeURIComponent(control[1]), JSON.parse(await readBody(ctx.req)));
    else return next();
    ctx.status = 204;
    return undefined;
  }
  const match = /^\/api\/units\/([^/?]+)\/line$/.exec(ctx.path);
  if (!match) return next();
  const id = decodeURIComponent(match[1]);
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-store');
  if (!units.some((u) => u.id === id)) {
    ctx.status = 404;
    ctx.body = { error: { code: 'unit_not_found', message: 'Unidade não encontrada.' } };
    return undefined;
  }
  const line = lines.get(id) ?? { status: 503, body: { error: { code: 'unavailable', message: 'Fila indisponível.' } } };
  ctx.status = line.status;
  if (line.text !== undefined) {
    ctx.type = 'text/html';
    ctx.body = line.text;
  } else {
    ctx.body = line.body;
  }
  return undefined;
}

/**
 * Joining and leaving the line (`POST /api/units/:id/queue`, `POST /api/tickets/:id/leave`).
 * A join answers 201 with a new ticket (position 3, 2 clerks, 10 minutes), or what a test set
 * with `PUT /__fixture/joins/:id` (`{ "status", "body", "headers" }`, used once per set, in
 * order). Every request is logged (method, path, content type, body as sent) and read back
 * with `GET /__fixture/requests`; `DELETE /__fixture/joins` forgets answers and the log.
 * See test/browser/queue-fixture.ts.
 */
const joinAnswers = new Map();
const queueRequests = [];
let ticketCount = 0;

async function fixtureQueue(ctx, next) {
  const control = /^\/__fixture\/(joins|requests)(?:\/([^/?]+))?$/.exec(ctx.path);
  if (control) {
    if (control[1] === 'requests' && ctx.method === 'GET') {
      ctx.body = queueRequests;
      return undefined;
    }
    if (control[1] === 'joins' && ctx.method === 'DELETE' && !control[2]) {
      joinAnswers.clear();
      queueRequests.length = 0;
    } else if (control[1] === 'joins' && ctx.method === 'PUT' && control[2]) {
      const id = decodeURIComponent(control[2]);
      joinAnswers.set(id, [...(joinAnswers.get(id) ?? []), JSON.parse(await readBody(ctx.req))]);
    } else return next();
    ctx.status = 204;
    return undefined;
  }
  const join = /^\/api\/units\/([^/?]+)\/queue$/.exec(ctx.path);
  const leave = /^\/api\/tickets\/([^/?]+)\/leave$/.exec(ctx.path);
  if ((!join && !leave) || ctx.method !== 'POST') return next();
  const body = await readBody(ctx.req);
  queueRequests.push({ method: ctx.method, path: ctx.path, search: ctx.querystring, contentType: ctx.get('content-type'), body });
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-store');
  if (leave) {
    ctx.status = 204;
    return undefined;
  }
  const id = decodeURIComponent(join[1]);
  const queued = joinAnswers.get(id);
  const answer = queued?.shift();
  if (answer) {
    ctx.status = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
    ctx.body = answer.body;
    return undefined;
  }
  ticketCount++;
  ctx.status = 201;
  ctx.body = {
    ticketId: `ticket-${String(ticketCount).padStart(4, '0')}-abcdefghijklmnop`,
    code: `A-${String(ticketCount).padStart(3, '0')}`,
    unit: id,
    position: 3,
    estimatedWaitMinutes: 10,
    clerksServing: 2,
    peerId: `citizen-peer-${ticketCount}-abcdefghijkl`,
    peerToken: `peer-token-${ticketCount}-abcdefghijkl`,
    answerWindowSeconds: 60,
    graceSeconds: 180,
  };
  return undefined;
}

/**
 * Written messages (`POST /api/units/:id/messages`, core/protocol/written-message.ts). A message answers 201
 * with a receipt (protocol `BV-2026-00000N`, replyBy = now + the unit's replyDeadlineHours),
 * and 200 with the same receipt for an idempotencyKey already received; or what a test set
 * with `PUT /__fixture/messages/:id` (`{ "status", "body", "headers" }`, used once per set, in
 * order; a network failure is a stubbed fetch in the test: Chromium silently retries a request
 * whose reused connection is closed unanswered). Every request is logged (path, content type, body as sent) and read back with
 * `GET /__fixture/messages`; `DELETE /__fixture/messages` forgets answers, receipts and the log.
 * See test/browser/write-fixture.ts.
 */
const messageAnswers = new Map();
const messageLog = [];
const receipts = new Map();
let protocolCount = 0;

async function fixtureMessages(ctx, next) {
  const control = /^\/__fixture\/messages(?:\/([^/?]+))?$/.exec(ctx.path);
  if (control) {
    if (ctx.method === 'GET' && !control[1]) {
      ctx.body = messageLog;
      return undefined;
    }
    if (ctx.method === 'DELETE' && !control[1]) {
      messageAnswers.clear();
      messageLog.length = 0;
      receipts.clear();
    } else if (ctx.method === 'PUT' && control[1]) {
      const id = decodeURIComponent(control[1]);
      messageAnswers.set(id, [...(messageAnswers.get(id) ?? []), JSON.parse(await readBody(ctx.req))]);
    } else return next();
    ctx.status = 204;
    return undefined;
  }
  const match = /^\/api\/units\/([^/?]+)\/messages$/.exec(ctx.path);
  if (!match || ctx.method !== 'POST') return next();
  const body = await readBody(ctx.req);
  messageLog.push({ path: ctx.path, contentType: ctx.get('content-type'), body });
  const id = decodeURIComponent(match[1]);
  const answer = messageAnswers.get(id)?.shift();
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-store');
  if (answer) {
    ctx.status = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
    ctx.body = answer.body;
    return undefined;
  }
  const unit = units.find((u) => u.id === id);
  if (!unit) {
    ctx.status = 404;
    ctx.body = { error: { code: 'unit_not_found', message: 'Unidade não encontrada.' } };
    return undefined;
  }
  const key = JSON.parse(body).idempotencyKey;
  const known = receipts.get(key);
  if (known) {
    ctx.status = 200;
    ctx.body = known;
    return undefined;
  }
  protocolCount++;
  const hours = unit.replyDeadlineHours ?? 48;
  const now = Date.now();
  const receipt = {
    protocol: `BV-2026-${String(protocolCount).padStart(6, '0')}`,
    receivedAt: new Date(now).toISOString(),
    replyBy: new Date(now + hours * 3_600_000).toISOString(),
    replyDeadlineHours: hours,
  };
  receipts.set(key, receipt);
  ctx.status = 201;
  ctx.body = receipt;
  return undefined;
}

/**
 * The unit's undelivered written messages (`GET /api/units/:id/messages/undelivered`) and
 * their acknowledgement (`POST /api/units/:id/messages/:protocol/acknowledge`), as the tests
 * set them with `PUT /__fixture/undelivered/:id` (`{ "status", "body" }`: the answer to every
 * GET until set again) and `PUT /__fixture/acknowledge/:id` (`{ "status" }`, used once per set,
 * in order; 204 by default). Every request is logged (method, path, query, Authorization) and
 * read back with `GET /__fixture/undelivered`; `DELETE /__fixture/undelivered` forgets it all.
 * See test/browser/clerk-undelivered.test.ts.
 */
const undeliveredLists = new Map();
const acknowledgeAnswers = new Map();
const undeliveredLog = [];

async function fixtureUndelivered(ctx, next) {
  const control = /^\/__fixture\/(undelivered|acknowledge)(?:\/([^/?]+))?$/.exec(ctx.path);
  if (control) {
    if (control[1] === 'undelivered' && ctx.method === 'GET' && !control[2]) {
      ctx.body = undeliveredLog;
      return undefined;
    }
    if (control[1] === 'undelivered' && ctx.method === 'DELETE' && !control[2]) {
      undeliveredLists.clear();
      acknowledgeAnswers.clear();
      undeliveredLog.length = 0;
    } else if (control[1] === 'undelivered' && ctx.method === 'PUT' && control[2]) {
      undeliveredLists.set(decodeURIComponent(control[2]), JSON.parse(await readBody(ctx.req)));
    } else if (control[1] === 'acknowledge' && ctx.method === 'PUT' && control[2]) {
      const id = decodeURIComponent(control[2]);
      acknowledgeAnswers.set(id, [...(acknowledgeAnswers.get(id) ?? []), JSON.parse(await readBody(ctx.req))]);
    } else return next();
    ctx.status = 204;
    return undefined;
  }
  const list = /^\/api\/units\/([^/?]+)\/messages\/undelivered$/.exec(ctx.path);
  const ack = /^\/api\/units\/([^/?]+)\/messages\/([^/?]+)\/acknowledge$/.exec(ctx.path);
  if (!(list && ctx.method === 'GET') && !(ack && ctx.method === 'POST')) return next();
  undeliveredLog.push({ method: ctx.method, path: ctx.path, search: ctx.querystring, authorization: ctx.get('authorization') });
  ctx.set('Cache-Control', 'no-store');
  if (list) {
    const answer = undeliveredLists.get(decodeURIComponent(list[1])) ?? { status: 200, body: { messages: [] } };
    ctx.status = answer.status;
    ctx.body = answer.body;
    return undefined;
  }
  const answer = acknowledgeAnswers.get(decodeURIComponent(ack[1]))?.shift() ?? { status: 204 };
  ctx.status = answer.status;
  if (answer.status !== 204) ctx.body = answer.body ?? { error: { code: 'unavailable', message: 'Indisponível.' } };
  return undefined;
}

/** The fixture API. Special ids answer the ways a server can fail. */
function fixtureApi(ctx, next) {
  const match = /^\/api\/units\/([^/?]+)$/.exec(ctx.path);
  if (!match) return next();
  const id = decodeURIComponent(match[1]);
  ctx.set('Access-Control-Allow-Origin', '*');
  if (id === 'erro-500') {
    ctx.status = 500;
    ctx.body = { error: { code: 'internal', message: 'Erro interno' } };
    return undefined;
  }
  if (id === 'nao-json') {
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<html>Página de manutenção</html>';
    return undefined;
  }
  if (id === 'invalida') {
    ctx.body = { id: 'invalida', name: 'Unidade inválida', timezone: 'Mars/Olympus', hours: {} };
    return undefined;
  }
  const unit = units.find((u) => u.id === id);
  if (!unit) {
    ctx.status = 404;
    ctx.body = { error: { code: 'unit_not_found', message: 'Unidade não encontrada.' } };
    return undefined;
  }
  ctx.body = unit;
  return undefined;
}

/** Writes the totals for scripts/test.mjs, which adds up every suite. */
function tallyReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite.tests) {
          // A skipped test counts as a failure: none may be left behind.
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (!session.testResults || session.errors?.length)) failed += session.errors?.length || 1;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser.json', JSON.stringify({ passed, failed }));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [fixtureUndelivered, fixtureMessages, fixtureQueue, fixtureLines, fixtureApi],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    }),
  ],
  // One page at a time: a second page would be a hidden tab, with no animation frames and slowed timers.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), tallyReporter()],
};
