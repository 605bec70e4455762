// The written channel's HTTP API:
//   POST /api/units/:id/messages                        the citizen writes (the widget's outbox)
//   GET  /api/units/:id/messages/undelivered            the unit's managers (clerk token) see what did not arrive
//   POST /api/units/:id/messages/:protocol/acknowledge  … and say they have dealt with a dead one
// Mounted inside /api, after its CORS middleware (the same allowed origins as POST /queue).

import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { checkMessage, MAX_MESSAGE_BODY_BYTES, type MessageField, type MessageFieldProblem, type MessageSubmission } from '../../core/protocol/index.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../core/protocol/index.js';
import type { ClerkAuth } from '../clerk-auth.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from '../rate-limit.js';
import type { UnitDirectory } from '../units.js';
import { OutboxError, type Outbox, type SubmitResult } from './outbox.js';

export interface MessageRoutesDeps {
  readonly units: UnitDirectory;
  readonly outbox: Outbox;
  readonly logger: Logger;
  readonly auth: ClerkAuth;
  /** Per client address. */
  readonly addressLimiter: RateLimiter;
  /** Per unit: a flood against one unit cannot fill its mailbox. */
  readonly unitLimiter: RateLimiter;
  /** Retry-After for the limiters (seconds): their window. */
  readonly limitWindowSeconds: number;
  /** A message still pending after this long is listed for the unit's managers (ms). */
  readonly pendingAlertMs: number;
  /** Tells the delivery worker a message is due now. */
  readonly wake: () => void;
  readonly now: () => number;
}

/** Seconds the widget waits before retrying when the store cannot write. */
export const STORE_RETRY_AFTER_SECONDS = 30;

const FIELD_WORDS: Readonly<Record<MessageField, string>> = {
  idempotencyKey: 'identificador da mensagem',
  name: 'Nome',
  email: 'E-mail',
  phone: 'Telefone',
  caseNumber: 'Número do processo',
  subject: 'Assunto',
  text: 'Mensagem',
  consent: 'Ciência do aviso de privacidade',
};

const PROBLEM_WORDS: Readonly<Record<MessageFieldProblem, string>> = {
  missing: 'preencha este campo',
  'too-long': 'o texto passou do tamanho máximo; encurte-o',
  invalid: 'o valor não é válido; confira o que foi digitado',
  'control-characters': 'tem caracteres não permitidos (como quebras de linha); digite-o numa linha só',
};

function fail(res: Response, status: number, code: ErrorCode, message: string = ERROR_MESSAGES[code], extra: Record<string, string> = {}): void {
  res.set('Cache-Control', 'no-store');
  res.status(status).json({ error: { code, message, ...extra } });
}

/** The unit's clerk token from `Authorization: Bearer …`; answers 401/403 itself when it is not. */
function manager(req: Request, res: Response, deps: MessageRoutesDeps, unitId: string): boolean {
  const header = req.get('authorization') ?? '';
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{1,2048})$/.exec(header);
  const identity = m?.[1] === undefined ? null : deps.auth.verify(m[1], deps.now());
  if (!identity) {
    res.set('WWW-Authenticate', 'Bearer');
    fail(res, 401, 'unauthorized');
    return false;
  }
  if (identity.unit !== unitId) {
    fail(res, 403, 'forbidden_unit');
    return false;
  }
  return true;
}

export function messageRoutes(deps: MessageRoutesDeps): Router {
  const router = express.Router();
  const { units, outbox, logger } = deps;

  const answer = (res: Response, result: SubmitResult): void => {
    res.set('Cache-Control', 'no-store');
    res.status(result.created ? 201 : 200).json(result.receipt);
  };

  const storeFailed = (res: Response, unitId: string, error: unknown): void => {
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
    logger.log('error', 'message_store_failed', { unit: unitId, code });
    res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    fail(res, 503, 'unavailable', 'Não foi possível registrar a sua mensagem agora; ela não foi recebida. Tente de novo em alguns minutos.');
  };

  router.post('/units/:id/messages', express.json({ limit: MAX_MESSAGE_BODY_BYTES, strict: true }), async (req, res) => {
    const unitId = String(req.params.id);
    const unit = units.get(unitId);
    if (!unit) {
      fail(res, 404, 'unit_not_found');
      return;
    }
    const check = checkMessage(req.body);
    if (!check.ok) {
      fail(res, 400, 'bad_request', `Confira o campo "${FIELD_WORDS[check.field]}": ${PROBLEM_WORDS[check.problem]}.`, {
        field: check.field,
        problem: check.problem,
      });
      return;
    }
    const submission: MessageSubmission = check.value;
    // The same key again (the widget's outbox retrying): the stored receipt, without counting against the limits.
    let earlier: SubmitResult | undefined;
    try {
      earlier = await outbox.replay(unitId, submission);
    } catch (error) {
      if (error instanceof OutboxError) {
        fail(res, 409, 'idempotency_conflict');
        return;
      }
      storeFailed(res, unitId, error);
      return;
    }
    if (earlier) {
      answer(res, earlier);
      return;
    }
    if (unit.email === undefined) {
      fail(res, 409, 'no_mailbox');
      return;
    }
    if (!(await deps.addressLimiter.take(req.ip ?? 'unknown'))) {
      res.set('Retry-After', String(deps.limitWindowSeconds));
      fail(res, 429, 'rate_limited');
      return;
    }
    if (!(await deps.unitLimiter.take(unitId))) {
      res.set('Retry-After', String(deps.limitWindowSeconds));
      fail(res, 429, 'rate_limited', 'Esta unidade recebeu muitas mensagens agora. Espere alguns minutos e tente de novo, ou ligue para a unidade.');
      return;
    }
    let result: SubmitResult;
    try {
      result = await outbox.submit(unit, submission, deps.now());
    } catch (error) {
      if (error instanceof OutboxError) fail(res, 409, 'idempotency_conflict');
      else storeFailed(res, unitId, error);
      return;
    }
    if (result.created) logger.log('info', 'message_stored', { protocol: result.receipt.protocol, unit: unitId, subject: submission.subject });
    answer(res, result);
    deps.wake();
  });

  router.get('/units/:id/messages/undelivered', async (req, res) => {
    const unitId = String(req.params.id);
    if (!units.has(unitId)) {
      fail(res, 404, 'unit_not_found');
      return;
    }
    if (!manager(req, res, deps, unitId)) return;
    try {
      const messages = await outbox.undelivered(unitId, deps.now() - deps.pendingAlertMs);
      res.set('Cache-Control', 'no-store');
      res.json({ messages });
    } catch (error) {
      storeFailed(res, unitId, error);
    }
  });

  router.post('/units/:id/messages/:protocol/acknowledge', async (req, res) => {
    const unitId = String(req.params.id);
    if (!units.has(unitId)) {
      fail(res, 404, 'unit_not_found');
      return;
    }
    if (!manager(req, res, deps, unitId)) return;
    const protocol = String(req.params.protocol);
    try {
      if (!/^BV-\d{4}-\d{6,}$/.test(protocol) || !(await outbox.acknowledge(unitId, protocol, deps.now()))) {
        fail(res, 404, 'message_not_found');
        return;
      }
    } catch (error) {
      storeFailed(res, unitId, error);
      return;
    }
    logger.log('info', 'message_acknowledged', { protocol, unit: unitId });
    res.status(204).end();
  });

  // A body over MAX_MESSAGE_BODY_BYTES: say what to do (the app's handler takes every other error).
  const tooLarge: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (typeof error === 'object' && error !== null && 'status' in error && error.status === 413 && !res.headersSent) {
      fail(res, 413, 'too_large', 'A mensagem passou do tamanho máximo. Encurte o texto e envie de novo.');
    } else next(error);
  };
  router.use(tooLarge);

  return router;
}
