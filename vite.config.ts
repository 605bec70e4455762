/// <reference types="vitest/config" />
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** What every court page pays: the entry chunk and everything it imports statically. */
export const INITIAL_CHUNK_BUDGET_GZIP = 20_000;

function sizeBudget(limit: number): Plugin {
  return {
    name: 'balcao-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
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

export default defineConfig({
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
  plugins: [sizeBudget(INITIAL_CHUNK_BUDGET_GZIP)],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});
