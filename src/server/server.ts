// The HTTP server around the app, with explicit start() and stop() so tests start and
// stop real servers on port 0.

import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { jsonLogger, type Logger } from './logger.js';
import { loadUnitsFile, type UnitDirectory } from './units.js';

export interface BalcaoServer {
  /** Listens; resolves with the base URL (http://host:port/). */
  start(): Promise<URL>;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), closes. */
  stop(graceMs?: number): Promise<void>;
  readonly url: URL | undefined;
}

export interface ServerOptions {
  readonly logger?: Logger;
  /** Units to serve; read from `config.unitsFile` when absent. */
  readonly units?: UnitDirectory;
}

export function createServer(config: ServerConfig, options: ServerOptions = {}): BalcaoServer {
  const logger = options.logger ?? jsonLogger();
  let http: Server | undefined;
  let url: URL | undefined;

  return {
    get url() {
      return url;
    },
    async start() {
      if (http) throw new Error('server already started');
      const units = options.units ?? (await loadUnitsFile(config.unitsFile));
      const app = createApp({ config, units, logger });
      const server = createHttpServer({ requestTimeout: 30_000, headersTimeout: 20_000 }, app);
      server.keepAliveTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      http = server;
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
      logger.log('info', 'server_started', { port, units: units.size });
      return url;
    },
    async stop(graceMs = 5_000) {
      const server = http;
      if (!server) return;
      http = undefined;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      logger.log('info', 'server_stopped');
    },
  };
}
