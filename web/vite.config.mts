import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's build. No plugin: Vite 8 compiles TSX itself (automatic JSX runtime). The output
 * has no inline script or style, so the CSP (`script-src 'self'; style-src 'self'`) holds.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The layout engine is a lazy chunk/worker well above the default warning size.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
