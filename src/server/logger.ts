// Structured logs, one JSON object per line. Callers pass only what is safe to keep:
// never names, CPF, e-mail, phone, message text, IP addresses or tokens.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/** Writes JSON lines to a stream (stdout by default). */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, event, fields = {}) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
    },
  };
}

/** A logger that keeps lines in memory (tests read them). */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, ...jsonLogger((line) => lines.push(line)) };
}

export const silentLogger: Logger = { log() {} };

/**
 * A warning that may come in floods (forged upgrades, say): the first of each reason is
 * logged at once, then at most one line per `everyMs` with how many came since the last line
 * (itself included), so a flood writes a line a minute and a new reason shows at once.
 */
export function countedWarning(logger: Logger, event: string, everyMs = 60_000, now: () => number = () => Date.now()): (reason: string) => void {
  const seen = new Map<string, { count: number; loggedAt: number }>();
  return (reason) => {
    const t = now();
    const last = seen.get(reason);
    if (!last || t - last.loggedAt >= everyMs) {
      logger.log('warn', event, { reason, count: (last?.count ?? 0) + 1 });
      seen.set(reason, { count: 0, loggedAt: t });
    } else last.count += 1;
  };
}
