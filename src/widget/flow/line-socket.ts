// How the flow opens the line socket (`/api/line`). A seam for the tests, which put a fake
// socket in its place and play the server's part; the page always gets a real WebSocket.

/** What the flow uses of a WebSocket: its events ('open', 'message', 'close', 'error'), send and close. */
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

/** `ws:`/`wss:` URL of the line socket on a server. */
export function lineSocketUrl(server: URL): string {
  const url = new URL('api/line', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
