// A client of the line's JSON WebSockets (/api/line, /api/clerk) for tests through the real server.
import WebSocket from 'ws';

export interface LineClient {
  readonly ws: WebSocket;
  /** Every JSON message received and not yet taken by next(). */
  readonly received: unknown[];
  /** Resolves with the first message (already queued or still to come) of `type`, taking it. */
  next<T extends { type: string }>(type: string): Promise<T>;
  send(message: unknown): void;
}

/** Opens `pathname` on the server at `url`, sends `hello`, and keeps the socket in `opened` for cleanup. */
export async function connectLine(url: URL, pathname: string, hello: object, opened: WebSocket[] = []): Promise<LineClient> {
  const ws = new WebSocket(new URL(pathname, url.href.replace('http', 'ws')));
  opened.push(ws);
  const received: unknown[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify(hello));
  async function next<T extends { type: string }>(type: string): Promise<T> {
    for (;;) {
      const i = received.findIndex((m) => (m as { type: string }).type === type);
      if (i >= 0) return received.splice(i, 1)[0] as T;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  return { ws, received, next, send: (message) => ws.send(JSON.stringify(message)) };
}
