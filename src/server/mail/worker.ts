// The delivery worker: leases due rows from the outbox, sends each e-mail, and marks it
// sent (or written, by the files transport), due again later (backoff with jitter) or dead.
// Delivery is at least once, never zero: an unknown outcome (a timeout or a dropped
// connection after DATA) is retried with the same Message-ID. Logs carry the protocol,
// unit, recipient kind, attempt and error code only — never names, addresses, phone, case
// number, text or the server's reply text.

import { randomBytes } from 'node:crypto';
import type { Unit } from '../../core/index.js';
import type { Logger } from '../logger.js';
import type { UnitDirectory } from '../units.js';
import { composeMail, ErasedMessageError, type MailAddress } from './compose.js';
import type { LeasedDelivery, Outbox } from './outbox.js';
import type { MailTransport, SendOutcome } from './transport.js';

export interface MailTiming {
  /** How often the outbox is looked at when nothing woke the worker (ms). */
  readonly pollMs: number;
  /** How long a leased row is this worker's (ms): longer than one send can take. */
  readonly leaseMs: number;
  /** First retry delay (ms), doubled on each attempt up to `retryMaxMs`, with jitter. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Attempts before a transient failure is given up as dead. */
  readonly maxAttempts: number;
  /** Rows leased at once. */
  readonly batch: number;
}

/** 30 s, 1, 2, 4 … 60 min: 25 attempts span about 20 hours. */
export const DEFAULT_MAIL_TIMING: MailTiming = {
  pollMs: 2_000,
  leaseMs: 5 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  maxAttempts: 25,
  batch: 10,
};

export interface MailWorkerOptions {
  readonly outbox: Outbox;
  readonly units: UnitDirectory;
  readonly transport: MailTransport;
  readonly from: MailAddress;
  readonly logger: Logger;
  readonly timing?: Partial<MailTiming>;
  readonly now?: () => number;
  /** In [0, 1): the jitter (tests pass a fixed one). */
  readonly random?: () => number;
}

export interface SendFailure {
  /** Retrying cannot help: the server refused for good (5xx) or the message/envelope is invalid. */
  readonly permanent: boolean;
  /** `smtp_<reply code>` or nodemailer's/Node's error code; never the server's text. */
  readonly code: string;
}

/**
 * 4xx, 503, connection, timeout, TLS, DNS and unknown errors: transient (an unknown outcome
 * after DATA included). 5xx except 503: permanent. Envelope or message errors without a reply
 * code (an address nodemailer refuses): permanent.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { responseCode?: unknown; code?: unknown };
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{1,30}$/.test(e.code) ? e.code : 'unknown';
  if (reply !== undefined && reply >= 400 && reply < 600) return { permanent: reply >= 500 && reply !== 503, code: `smtp_${reply}` };
  return { permanent: code === 'EENVELOPE' || code === 'EMESSAGE', code };
}

export class MailWorker {
  /** Identifies this worker's leases (several workers or processes may share the outbox). */
  readonly id = `w-${randomBytes(6).toString('hex')}`;
  private readonly timing: MailTiming;
  private readonly now: () => number;
  private readonly random: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> | undefined;
  private started = false;
  private stopping = false;
  private again = false;

  constructor(private readonly options: MailWorkerOptions) {
    this.timing = { ...DEFAULT_MAIL_TIMING, ...options.timing };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Something new is due (a message was just stored): look now rather than at the next poll. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.current) this.again = true;
    else this.schedule(0);
  }

  /** Stops polling, lets the send in flight finish (up to `graceMs`), and gives back the leases not sent. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current) {
      let timeout: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.current, new Promise<void>((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
      clearTimeout(timeout);
    }
    try {
      await this.options.outbox.release(this.id);
    } catch (error) {
      this.logStoreError(error);
    }
    this.started = false;
  }

  /** One pass: leases what is due and tries each once. Resolves with how many rows were leased. */
  async runOnce(): Promise<number> {
    const leased = await this.options.outbox.lease(this.id, this.now(), this.timing.leaseMs, this.timing.batch);
    for (const delivery of leased) {
      if (this.stopping) break;
      await this.deliver(delivery);
    }
    return leased.length;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current = this.cycle().finally(() => {
        this.current = undefined;
      });
    }, ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    let full = false;
    try {
      full = (await this.runOnce()) >= this.timing.batch;
    } catch (error) {
      this.logStoreError(error);
    }
    if (this.stopping) return;
    const soon = this.again || full;
    this.again = false;
    this.schedule(soon ? 0 : this.timing.pollMs);
  }

  private async deliver(d: LeasedDelivery): Promise<void> {
    const { outbox, logger } = this.options;
    const fields = { protocol: d.message.protocol, unit: d.message.unit, recipient: d.kind, attempt: d.attempts, worker: this.id };
    const unit = this.options.units.get(d.message.unit);
    const address = unit?.email;
    if (!unit || address === undefined) {
      const error = unit ? 'no_mailbox' : 'unit_unknown';
      await outbox.dead(d.id, this.id, this.now(), error);
      logger.log('error', 'mail_dead', { ...fields, error });
      return;
    }
    let mail;
    try {
      mail = composeMail(d, { ...unit, email: address } satisfies Unit & { email: string }, this.options.from);
    } catch (error) {
      if (!(error instanceof ErasedMessageError)) throw error;
      await outbox.dead(d.id, this.id, this.now(), 'erased');
      logger.log('error', 'mail_dead', { ...fields, error: 'erased' });
      return;
    }
    let outcome: SendOutcome;
    try {
      outcome = await this.options.transport.send(mail);
    } catch (error) {
      const failure = classifySendError(error);
      if (failure.permanent || d.attempts >= this.timing.maxAttempts) {
        await outbox.dead(d.id, this.id, this.now(), failure.code);
        logger.log('error', 'mail_dead', { ...fields, error: failure.code, reason: failure.permanent ? 'permanent' : 'gave_up' });
        return;
      }
      const delayMs = this.backoff(d.attempts);
      const kept = await outbox.retry(d.id, this.id, this.now() + delayMs, failure.code);
      logger.log('warn', 'mail_retry', { ...fields, error: failure.code, delayMs, ...(kept ? {} : { leaseLost: true }) });
      return;
    }
    // A file written is not a message sent: its own status and event, never counted as sent.
    if (outcome === 'written') {
      await outbox.written(d.id, this.now());
      logger.log('info', 'mail_written', fields);
      return;
    }
    await outbox.sent(d.id, this.now());
    logger.log('info', 'mail_sent', fields);
  }

  /** "Equal jitter": half the capped exponential delay, plus a random part of the other half. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** Math.min(attempt - 1, 30));
    return Math.round(cap / 2 + this.random() * (cap / 2));
  }

  private logStoreError(error: unknown): void {
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
    this.options.logger.log('error', 'mail_store_error', { code });
  }
}
