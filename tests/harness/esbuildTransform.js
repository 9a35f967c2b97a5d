// Jest transform: TypeScript to CommonJS with esbuild (already a dependency for the CDK
// bundling). Type-checking is `tsc --noEmit`, run by `npm test` beside jest. `import()` becomes
// `require` (jest's sandbox has no ESM loader without a flag); ESM-only dependencies are loaded
// outside the sandbox (see adapter-container/xml/loadLibxml2.ts). No native binary beyond
// esbuild's own, so `npm ci` works from registries that only carry Linux builds.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { transformSync, version } = require('esbuild');

const OPTIONS = { format: 'cjs', target: 'node20', sourcemap: 'external', supported: { 'dynamic-import': false } };
const SELF = crypto.createHash('sha256').update(fs.readFileSync(__filename)).update(version).digest('hex');

module.exports = {
  process(sourceText, sourcePath) {
    const loader = sourcePath.endsWith('.tsx') ? 'tsx' : sourcePath.endsWith('.ts') ? 'ts' : 'js';
    const { code, map } = transformSync(sourceText, { ...OPTIONS, loader, sourcefile: sourcePath });
    return { code, map };
  },
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash('sha256').update(SELF).update(sourcePath).update(sourceText).digest('hex');
  },
};
