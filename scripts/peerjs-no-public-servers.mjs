// PeerJS 1.5 keeps Google's STUN and its own public TURN (with its shared password) as its
// default ICE servers, and builds an RTCPeerConnection with them as soon as it loads (its
// `supports` check). The product always passes the court's own ICE servers, so those
// defaults are never needed: this rewrites them to an empty list when PeerJS is bundled,
// and fails the build when the code it expects is not there (a PeerJS upgrade must look
// again). Used by vite.config.ts and by the call tests' esbuild bundles.

const DEFAULT_ICE = /(\bconst \$[\w$]+\$var\$DEFAULT_CONFIG = \{\s*iceServers: )\[[\s\S]*?\](,\s*sdpSemantics: "unified-plan"\s*\};)/;

/** PeerJS's bundle with no default ICE server; throws when the pattern is not found. */
export function withoutPublicIceServers(code, id = 'peerjs') {
  if (!DEFAULT_ICE.test(code)) throw new Error(`${id}: PeerJS's DEFAULT_CONFIG was not found; check its default ICE servers after the upgrade`);
  const out = code.replace(DEFAULT_ICE, '$1[]$2');
  if (/stun\.l\.google\.com|turn\.peerjs\.com/.test(out)) throw new Error(`${id}: a public ICE server is still in PeerJS`);
  return out;
}

/** Whether a module id is PeerJS's ESM bundle. */
export const isPeerjsBundle = (id) => /[\\/]node_modules[\\/]peerjs[\\/]dist[\\/]bundler\.mjs$/.test(id);
