import { fileURLToPath } from 'node:url';
/// <reference types="vitest/config" />
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { isPeerjsBundle, withoutPublicIceServers } from './scripts/peerjs-no-public-servers.mjs';

/** What every court page pays: the citizen's entry chunk and everything it imports statically. */
export const INITIAL_CHUNK_BUDGET_GZIP = 20_000;
/**
 * The clerk's element (an intranet page, loaded once per working day): its entry with its
 * own copy of Lit, the line, the identification panel and the validators it formats with.
 * A ceiling against accidents (PeerJS pulled in statically, say), not a target.
 */
export const CLERK_CHUNK_BUDGET_GZIP = 30_000;

/** Fails the build when `entryFileName` plus its static imports pass `limit` bytes of gzip. */
function sizeBudget(entryFileName: string, limit: number): Plugin {
  return {
    name: `balcao-size-budget:${entryFileName}`,
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = bundle[entryFileName];
      if (!entry || entry.type !== 'chunk' || !entry.isEntry) return;
      const seen = new Set<string>();
      const visit = (fileName: string): number => {
        if (seen.has(fileName)) return 0;
        seen.add(fileName);
        const chunk = bundle[fileName];
        if (!chunk || chunk.type !== 'chunk') return 0;
        return gzipSync(chunk.code, { level: 9 }).length + chunk.imports.reduce((n, f) => n + visit(f), 0);
      };
      const size = visit(entry.fileName);
      const line = `initial chunk ${entry.fileName} (+${seen.size - 1} static imports): ${size} B gzip, budget ${limit} B`;
      if (size > limit) this.error(`size budget exceeded: ${line}`);
      this.info(line);
    },
  };
}

// Two builds in one `vite build`, one per entry, each self-contained: the citizen's script
// (`balcao-virtual.js`, what court pages load) and the clerk's (`balcao-virtual-atendente.js`,
// intranet pages). Built together in one Rollup pass they would share Lit and the core
// through a common chunk, which every court page would then have to fetch as one more
// request; apart, the citizen's output is exactly what it would be without the clerk.
// The citizen's build runs first and empties dist/; the clerk's adds to it (chunk names are
// content-hashed, so the two never overwrite each other's files with different content).
export default defineConfig({
  resolve: {
    // PeerJS uses webrtc-adapter for its browser detection only; the adapter and its `sdp`
    // are 13 kB gzip of shims for browsers older than a call needs (src/call/webrtc-adapter-lite.ts).
    alias: [{ find: /^webrtc-adapter$/, replacement: fileURLToPath(new URL('./src/call/webrtc-adapter-lite.ts', import.meta.url)) }],
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Full minification: courts load this file as it is, nobody bundles it again.
    minify: 'oxc',
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'balcao-virtual.js',
    },
    rollupOptions: {
      // The flow's chunk (loaded on "Entrar") shares Lit, the formatting and the core with the
      // entry. Without this, Rolldown moves those shared modules out of the entry into a common
      // chunk that the entry must load statically anyway: one more request and ~500 B more gzip
      // on every court page. With it they stay in the entry, which exports them to the chunk.
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
  environments: {
    client: {},
    atendente: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        lib: {
          // `formats` is inherited (['es']): arrays given here would be appended to it.
          entry: 'src/atendente.ts',
          fileName: () => 'balcao-virtual-atendente.js',
        },
      },
    },
  },
  // Builds every environment above, in order, with `vite build`.
  builder: {},
  plugins: [
    {
      // No public ICE server in PeerJS (scripts/peerjs-no-public-servers.mjs).
      name: 'balcao-peerjs-no-public-servers',
      transform(code, id) {
        return isPeerjsBundle(id) ? { code: withoutPublicIceServers(code, id), map: null } : null;
      },
    },
    { ...sizeBudget('balcao-virtual.js', INITIAL_CHUNK_BUDGET_GZIP), applyToEnvironment: (env) => env.name === 'client' },
    { ...sizeBudget('balcao-virtual-atendente.js', CLERK_CHUNK_BUDGET_GZIP), applyToEnvironment: (env) => env.name === 'atendente' },
  ],
  // Three Node suites: `unit` (pure modules), `server` (the real app on port 0), `e2e` (the
  // built scripts in real Chromiums). `npm run test:unit` runs the first two, `npm test` all.
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    projects: (['unit', 'server', 'e2e'] as const).map((name) => ({ extends: true as const, test: { name, include: [`test/${name}/**/*.test.ts`] } })),
  },
});
