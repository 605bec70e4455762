// Bundles for the e2e tests, with esbuild (in node_modules through vite): a test page's
// script (call/page-script.ts + src/call + PeerJS, one ESM file, served by call/pages.ts),
// and the minified call chunk whose size the measurements compare with PeerJS alone.

import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { isPeerjsBundle, withoutPublicIceServers } from '../../../scripts/peerjs-no-public-servers.mjs';
import { packageRoot } from '../../../src/server/config.js';

/** As vite.config.ts does: no public ICE server in PeerJS. */
const peerjsNoPublicServers: Plugin = {
  name: 'peerjs-no-public-servers',
  setup(b) {
    b.onLoad({ filter: /[\\/]peerjs[\\/]dist[\\/]bundler\.mjs$/ }, async ({ path: file }) =>
      isPeerjsBundle(file) ? { contents: withoutPublicIceServers(await readFile(file, 'utf8'), file), loader: 'js' } : undefined,
    );
  },
};

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  absWorkingDir: packageRoot,
  tsconfig: path.join(packageRoot, 'tsconfig.json'),
  // As the product's builds do (vite.config.ts): PeerJS gets its browser detection only.
  alias: { 'webrtc-adapter': path.join(packageRoot, 'src/call/webrtc-adapter-lite.ts') },
  plugins: [peerjsNoPublicServers],
};

async function one(options: BuildOptions): Promise<string> {
  const result = await build({ ...common, ...options });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error('esbuild wrote nothing');
  return file.text;
}

/** A test page's module (`entry`, a TypeScript file) with what it imports (src/call, PeerJS) inside. */
export function bundlePage(entry: string): Promise<string> {
  return one({ entryPoints: [entry], sourcemap: 'inline' });
}

export interface ChunkSizes {
  /** src/call/index.ts with PeerJS, minified, gzip -9. */
  readonly call: number;
  /** `export { Peer } from 'peerjs'` alone, minified, gzip -9. */
  readonly peerjs: number;
}

/** Sizes as a court page would fetch them (minified, gzip level 9, as vite.config.ts's budget counts). */
export async function chunkSizes(): Promise<ChunkSizes> {
  const gzip = (code: string): number => gzipSync(code, { level: 9 }).length;
  const call = await one({ entryPoints: [path.join(packageRoot, 'src/call/index.ts')], minify: true });
  // PeerJS as its package ships it (with webrtc-adapter): the reference the budget names.
  const peerjs = await one({ alias: {}, plugins: [], stdin: { contents: "export { Peer } from 'peerjs';", resolveDir: packageRoot, loader: 'ts' }, minify: true });
  return { call: gzip(call), peerjs: gzip(peerjs) };
}
