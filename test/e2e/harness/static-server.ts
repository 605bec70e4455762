// A tiny static server on 127.0.0.1 (a random port) for the tests' pages: the call pages,
// the court's own site embedding the built script. GET only, `no-store`, 404 for anything
// `route` does not know. Give its `origin` to the Balcão server's `allowedOrigins`.

import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  readonly type: string;
  readonly body: Buffer | string;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** `${origin}/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The file for a request's pathname, or undefined (404). */
export type Route = (pathname: string) => StaticFile | undefined;

/** Serves `files` (pathname → file), or whatever `route` answers. */
export async function startStaticServer(files: ReadonlyMap<string, StaticFile> | Route): Promise<StaticServer> {
  const route: Route = typeof files === 'function' ? files : (pathname) => files.get(pathname);
  const server: Server = createHttpServer((req, res) => {
    const file = route(new URL(req.url ?? '/', 'http://x').pathname);
    if (!file || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTML page as a static file. */
export const html = (body: string): StaticFile => ({ type: 'text/html; charset=utf-8', body });
