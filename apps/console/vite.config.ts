import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const ORDERS = process.env.ORDERS_URL ?? 'http://localhost:3002';

/**
 * The saga console page: built into dist/console, which orders serves at /console. `vite`
 * in this folder serves it with hot reload and forwards the API to a running orders.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // One small bundle; nothing to split.
    modulePreload: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/console/api': ORDERS },
  },
});
