// How the line's WebSockets are opened: `/api/line` (a citizen's ticket, in the flow) and
// `/api/clerk` (a clerk, in <balcao-virtual-atendente>). A seam for the tests, which put a
// fake socket in its place and play the server's part; pages always get a real WebSocket.

/** What the elements use of a WebSocket: its events ('open', 'message', 'close', 'error'), send and close. */
export interface LineSocket extends EventTarget {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type LineSocketFactory = (url: string) => LineSocket;

const realSocket: LineSocketFactory = (url) => new WebSocket(url);
let factory: LineSocketFactory = realSocket;

export function openLineSocket(url: string): LineSocket {
  return factory(url);
}

/** Replaces how sockets are opened (tests); without an argument, real WebSockets again. */
export function setLineSocketFactory(next?: LineSocketFactory): void {
  factory = next ?? realSocket;
}

/** `ws:`/`wss:` URL of a line socket on a server: `api/line` for a ticket, `api/clerk` for a clerk. */
export function lineSocketUrl(server: URL, path: 'api/line' | 'api/clerk' = 'api/line'): string {
  const url = new URL(path, server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
