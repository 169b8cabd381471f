import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/**
 * `vite build` writes dist/ for the local stack to serve at /console/. `vite` (pnpm serve) serves the
 * page with hot reload and forwards its API calls to the stack that `bash run.sh dev` is running (found in
 * the repository's .local/stack.json).
 */
const stackFile = new URL('../../.local/stack.json', import.meta.url);
const stack = existsSync(stackFile)
  ? (JSON.parse(readFileSync(stackFile, 'utf8')) as { endpoints?: { stepfunctions?: string } })
  : undefined;
const target = stack?.endpoints?.stepfunctions;

export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // the Graphviz module (WASM inline) is one chunk of its own, loaded while the list renders
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    proxy: target === undefined ? {} : { '/console/api': { target }, '/_local': { target } },
  },
});
