import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** `/openapi.json` beside the console: the document `npm run openapi` writes at the repository's root. */
function openApiDocument(): Plugin {
  const file = fileURLToPath(new URL('../openapi.json', import.meta.url));
  return {
    name: 'nfse-openapi-document',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'openapi.json', source: fs.readFileSync(file, 'utf8') });
    },
  };
}

/**
 * The console's build. Vite 8 compiles TSX itself (automatic JSX runtime); the one plugin copies
 * openapi.json. The output has no inline script or style, so the CSP (`script-src 'self';
 * style-src 'self'`) holds.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  plugins: [openApiDocument()],
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
