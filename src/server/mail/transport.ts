// How e-mails leave: SMTP (nodemailer, one connection per send, no pool: nodemailer's pool
// re-queues only in memory, the outbox is the queue), or — in the demo, or when the operator
// chose it (MAIL_TRANSPORT=files) — one .eml file per e-mail under <data dir>/mail/, which
// is written, not sent: the send says which.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Mail } from 'nodemailer';

export interface SmtpSettings {
  readonly kind: 'smtp';
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (smtps, usually 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  /** Without `secure`: STARTTLS or no send at all (nodemailer's requireTLS); false by default. */
  readonly requireTls?: boolean;
  readonly user?: string;
  readonly pass?: string;
  /** Connection, greeting and socket-inactivity timeout (ms); 60 s by default. */
  readonly timeoutMs?: number;
}

export interface FileSettings {
  readonly kind: 'files';
  /** Directory for the .eml files (created, mode 0700). */
  readonly dir: string;
}

export type MailTransportSettings = SmtpSettings | FileSettings;

export interface MailConfig {
  readonly transport: MailTransportSettings;
  /** The sender address (MAIL_FROM): one bare addr-spec. */
  readonly from: string;
  /** The sender's display name; "Balcão Virtual" by default. */
  readonly fromName?: string;
}

/** What became of an e-mail: handed to a mail server, or only written to a file nobody sends. */
export type SendOutcome = 'sent' | 'written';

/** Sends one e-mail; rejects with nodemailer's error (with `code`, `responseCode`, `command`). */
export interface MailTransport {
  send(mail: Mail.Options): Promise<SendOutcome>;
  close(): void;
  /** Where mail goes, for the start-up line (no credentials). */
  readonly description: string;
}

/** A recipient the server did not take, as an error the worker can classify. */
export class RecipientRejectedError extends Error {
  override readonly name = 'RecipientRejectedError';
  readonly code = 'EENVELOPE';
  constructor(readonly responseCode: number | undefined) {
    super('recipient rejected');
  }
}

export function createMailTransport(settings: MailTransportSettings, onFile?: (file: string) => void): MailTransport {
  if (settings.kind === 'files') return fileTransport(settings.dir, onFile);
  const timeout = settings.timeoutMs ?? 60_000;
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && (settings.requireTls ?? false),
    ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.pass ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    description: `SMTP ${settings.host}:${settings.port}${settings.secure ? ' (TLS)' : settings.requireTls ? ' (STARTTLS)' : ''}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        const errors = (info as { rejectedErrors?: readonly { responseCode?: unknown }[] }).rejectedErrors;
        const code = errors?.[0]?.responseCode;
        throw new RecipientRejectedError(typeof code === 'number' ? code : undefined);
      }
      return 'sent';
    },
    close() {
      transporter.close();
    },
  };
}

function fileTransport(dir: string, onFile?: (file: string) => void): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', disableFileAccess: true, disableUrlAccess: true });
  return {
    description: `arquivos .eml em ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const id = String(info.messageId).replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_|_$/g, '');
      const file = path.join(dir, `${id}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      onFile?.(file);
      return 'written';
    },
    close() {
      transporter.close();
    },
  };
}
