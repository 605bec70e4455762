// The Express app: the widget's script, the units API and the demo pages. Built by a
// function from a readonly config; no module-level state.

import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { unitToJson } from '../core/index.js';
import { ERROR_MESSAGES, parseJoinRequest, type ErrorCode } from '../core/protocol/index.js';
import { LineError, type Line } from './line/line.js';
import type { RateLimiter } from './rate-limit.js';
import type { Signaling } from './signaling.js';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { UnitDirectory } from './units.js';
import { messageRoutes, type MessageRoutesDeps } from './mail/routes.js';

export interface AppDeps {
  readonly config: ServerConfig;
  readonly units: UnitDirectory;
  readonly logger: Logger;
  /** The line; without it the queue endpoints answer 503. */
  readonly line?: Line;
  readonly joinLimiter?: RateLimiter;
  /** PeerJS signaling, mounted at /peerjs (its upgrades are routed by the HTTP server). */
  readonly signaling?: Pick<Signaling, 'app'>;
  /** The written channel (messages to the unit); without it those endpoints answer 404. */
  readonly messages?: MessageRoutesDeps;
}

const LINE_ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  unit_not_found: 404,
  ticket_not_found: 404,
  unit_closed: 409,
  line_full: 503,
  rate_limited: 429,
  bad_request: 400,
  unavailable: 503,
};

function sendLineError(res: Response, code: ErrorCode): void {
  if (code === 'rate_limited') res.set('Retry-After', '600');
  if (code === 'line_full') res.set('Retry-After', '120');
  sendError(res, LINE_ERROR_STATUS[code] ?? 400, code, ERROR_MESSAGES[code]);
}

/** `{ error: { code, message } }` with a message in plain Portuguese. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Whether a browser page at `origin` may use this server. */
export function originAllowed(config: ServerConfig, origin: string, ownOrigin: string): boolean {
  return origin === ownOrigin || config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin);
}

function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/** CORS for allowed origins only: no credentials, GET and POST with JSON. */
function cors(config: ServerConfig): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && originAllowed(config, origin, ownOrigin(req))) {
      res.set('Access-Control-Allow-Origin', origin);
      if (req.method === 'OPTIONS') {
        res.set('Access-Control-Allow-Methods', 'GET, POST');
        res.set('Access-Control-Allow-Headers', 'Content-Type, Accept, Authorization');
        res.set('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    } else if (origin && req.method === 'OPTIONS') {
      sendError(res, 403, 'origin_not_allowed', 'Esta página não está autorizada a usar o Balcão Virtual deste tribunal.');
      return;
    }
    next();
  };
}

/** Access log without personal data: no IP, no query string, the route's pattern not its values. */
function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      logger.log(res.statusCode >= 500 ? 'error' : 'info', 'http', {
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'static',
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  };
}

const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export function createApp({ config, units, logger, line, joinLimiter, signaling, messages }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', 'strong');
  app.use(accessLog(logger));
  app.use(compression());
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });

  const api = express.Router();
  api.use(cors(config));
  api.get('/units/:id', (req, res) => {
    const unit = units.get(String(req.params.id));
    if (!unit) {
      sendError(res, 404, 'unit_not_found', 'Unidade não encontrada no Balcão Virtual. Confira o atributo "unidade" da página.');
      return;
    }
    res.set('Cache-Control', 'public, max-age=60');
    res.json(unitToJson(unit));
  });
  // The line: no personal data in, none out. Joining needs the unit open by its timetable.
  const lineOr503 = (res: Response): Line | undefined => {
    if (!line) sendLineError(res, 'unavailable');
    return line;
  };
  api.get('/units/:id/line', async (req, res) => {
    const l = lineOr503(res);
    if (!l) return;
    try {
      const state = await l.unitState(String(req.params.id));
      res.set('Cache-Control', 'no-store');
      res.json(state);
    } catch (error) {
      if (error instanceof LineError) sendLineError(res, error.code);
      else throw error;
    }
  });
  api.post('/units/:id/queue', express.json({ limit: '1kb', strict: true }), async (req, res) => {
    const l = lineOr503(res);
    if (!l) return;
    const parsed = parseJoinRequest(req.body);
    if (!parsed.ok) {
      sendError(res, 400, 'bad_request', `${ERROR_MESSAGES.bad_request} (campo: ${parsed.field})`);
      return;
    }
    if (joinLimiter && !(await joinLimiter.take(req.ip ?? 'unknown'))) {
      sendLineError(res, 'rate_limited');
      return;
    }
    try {
      const ticket = await l.join(String(req.params.id), parsed.value);
      res.set('Cache-Control', 'no-store');
      res.status(201).json(ticket);
    } catch (error) {
      if (error instanceof LineError) sendLineError(res, error.code);
      else throw error;
    }
  });
  // Leaving on purpose, also from navigator.sendBeacon when the page closes.
  api.post('/tickets/:id/leave', async (req, res) => {
    const l = lineOr503(res);
    if (!l) return;
    await l.leave(String(req.params.id));
    res.status(204).end();
  });
  if (messages) api.use(messageRoutes(messages));
  api.use((_req, res) => sendError(res, 404, 'not_found', 'Endereço da API não encontrado.'));
  app.use('/api', api);
  if (signaling) app.use('/peerjs', signaling.app);

  // The widget (citizen) and the clerk's element: the entry scripts revalidate often (their names never change); the chunks
  // have a content hash in their names and never change.
  const script = express.Router();
  script.use(cors(config));
  script.use((_req, res, next) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
  script.get(/^\/balcao-virtual(-atendente)?\.js(\.map)?$/, (req, res, next) => {
    res.set('Cache-Control', 'public, max-age=300, must-revalidate');
    // `root`: the dot-file check applies to the request's path only, not to where the
    // package is installed (~/.cache/…, ~/.local/…).
    res.sendFile(req.path.slice(1), { root: config.publicDir, dotfiles: 'deny' }, (err) => err && next());
  });
  script.use(
    '/chunks',
    express.static(path.join(config.publicDir, 'chunks'), {
      immutable: true,
      maxAge: '365d',
      fallthrough: true,
      index: false,
    }),
  );
  app.use(script);

  if (config.demoDir) {
    app.use((_req, res, next) => {
      res.set('Content-Security-Policy', DEMO_CSP);
      next();
    });
    app.use(express.static(config.demoDir, { index: 'index.html', maxAge: 0, extensions: ['html'] }));
  }

  app.use((_req, res) => sendError(res, 404, 'not_found', 'Página não encontrada.'));
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    logger.log('error', 'http_error', { status, kind: error instanceof Error ? error.name : 'unknown' });
    if (res.headersSent) return;
    if (status === 413) sendError(res, 413, 'too_large', ERROR_MESSAGES.too_large);
    else if (status >= 400 && status < 500) sendError(res, status, 'bad_request', ERROR_MESSAGES.bad_request);
    else sendError(res, 500, 'internal', 'Erro interno do Balcão Virtual. Tente de novo em alguns minutos.');
  };
  app.use(onError);
  return app;
}
