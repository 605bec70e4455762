// An in-process SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives and can be
// told to misbehave, one connection at a time: answer 421 at the greeting, refuse the
// recipient with 550, drop the connection after DATA (having kept the message), or never
// answer DATA (having kept it too) so the client times out.

import { createServer as createNetServer } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export type SinkFault = 'busy' | 'reject' | 'drop-after-data' | 'stall-after-data';

export interface ReceivedMail {
  readonly raw: string;
  /** The header block, unfolded lines as sent. */
  readonly header: string;
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly messageId: string | undefined;
  /** Whether the client was told it was accepted (false after a drop or stall). */
  readonly acknowledged: boolean;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Faults for the next connections, in order; a connection with none accepts. */
  readonly faults: SinkFault[];
  /** Connections seen (every attempt, including refused ones). */
  readonly connections: number;
  /** Resolves when at least `n` messages were received (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A port that was free a moment ago (for a sink started later, "SMTP down for a while"). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function refusal(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const faults: SinkFault[] = [];
  const faultOf = new Map<string, SinkFault | undefined>();
  const waiters = new Set<() => void>();
  let connections = 0;

  const keep = (raw: string, session: SMTPServerSession, acknowledged: boolean): void => {
    const headerEnd = raw.indexOf('\r\n\r\n');
    const header = headerEnd < 0 ? raw : raw.slice(0, headerEnd);
    const messageId = /^Message-ID:\s*(.+)$/im.exec(header)?.[1]?.trim();
    received.push({
      raw,
      header,
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((a) => a.address),
      messageId,
      acknowledged,
    });
    for (const wake of waiters) wake();
  };

  const server: SMTPServer = new SMTPServer({
    // Plain text on loopback: no STARTTLS offered, no AUTH asked.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onConnect(session, callback) {
      connections++;
      const fault = faults.shift();
      faultOf.set(session.id, fault);
      if (fault === 'busy') callback(refusal('Service not available, try again later', 421));
      else callback();
    },
    onRcptTo(_address, session, callback) {
      if (faultOf.get(session.id) === 'reject') callback(refusal('No such user here', 550));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const fault = faultOf.get(session.id);
        if (fault === 'drop-after-data') {
          keep(raw, session, false);
          const connection = [...server.connections].find((c) => c.session.id === session.id);
          connection?._socket.destroy();
          return;
        }
        if (fault === 'stall-after-data') {
          keep(raw, session, false);
          return;
        }
        keep(raw, session, true);
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const listening = typeof address === 'object' && address ? address.port : port;

  return {
    port: listening,
    received,
    faults,
    get connections() {
      return connections;
    },
    waitFor(n, timeoutMs = 5_000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${received.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (): void => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received);
        };
        waiters.add(check);
      });
    },
    async close() {
      for (const c of server.connections) c._socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
