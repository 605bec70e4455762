// @ts-check
// C. The load generator's PeerJS sockets: opened many at a time, cheap to run.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';
import { WebSocket } from 'ws';

/** @typedef {import('./serve.mjs').PeerIds} PeerIds */

/**
 * The PeerJS signaling URL of a peer on ours or on stock.
 * @param {'stock' | 'ours'} kind
 * @param {number} port
 * @param {PeerIds} peer
 */
export const peerUrl = (kind, port, [id, token]) => {
  const key = kind === 'ours' ? 'balcao' : 'peerjs';
  const pathname = kind === 'ours' ? '/peerjs/peerjs' : '/peerjs';
  return `ws://127.0.0.1:${port}${pathname}?${new URLSearchParams({ key, id, token, version: '1.5.5' })}`;
};

/**
 * The load generator's sockets: a zero masking key (ws then skips masking) and no UTF-8
 * check of what they receive, so that making the load costs less than serving it.
 * @type {import('ws').ClientOptions}
 */
const LOAD_SOCKET = { perMessageDeflate: false, skipUTF8Validation: true, generateMask: (mask) => void mask.fill(0) };

/**
 * Ids and tokens shaped like the line's, for stock (which takes any).
 * @returns {PeerIds}
 */
export const madeUpPeer = () => [`bv${randomBytes(16).toString('hex')}`, randomBytes(18).toString('base64url')];

/**
 * A PeerJS-protocol socket, resolved when the server's first message, OPEN, arrives.
 * @param {string} url
 * @returns {Promise<WebSocket>}
 */
function openPeer(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, LOAD_SOCKET);
    ws.once('message', (data) => {
      if (String(data).includes('"OPEN"')) resolve(ws);
      else reject(new Error(`first message: ${String(data).slice(0, 200)}`));
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed before OPEN: ${code}`)));
  });
}

/**
 * Opens every url, `inFlight` handshakes at a time; the sockets in the urls' order and the wall time.
 * @param {readonly string[]} urls
 * @param {number} inFlight
 */
export async function openAll(urls, inFlight) {
  /** @type {WebSocket[]} */
  const sockets = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      sockets[i] = await openPeer(/** @type {string} */ (urls[i]));
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, urls.length) }, worker));
  } catch (error) {
    for (const ws of sockets) ws?.terminate();
    throw error;
  }
  return { sockets, ms: performance.now() - started };
}

/**
 * Terminates every socket; resolves once all are closed.
 * @param {readonly WebSocket[]} sockets
 */
export async function closeAll(sockets) {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve(undefined);
          ws.once('close', resolve);
          ws.terminate();
        }),
    ),
  );
}
