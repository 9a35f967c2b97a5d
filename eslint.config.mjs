// Lint that guards what matters: promises nobody awaits, runtime import cycles, and the layers of
// docs/architecture.md (production code never imports the local cloud; contracts import only
// zod; lib imports only contracts). Not a style guide: tsc and review keep the style.
// tests/lint/eslintConfig.test.ts lints fixtures through this file, so a rule that stops applying
// (a glob that no longer matches, a resolver that no longer resolves) fails a test.
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** Folders that ship: none of them may import `local/`, the local cloud. */
const PRODUCTION = ['tasks', 'workflows', 'adapter-container', 'contracts', 'infra', 'cli', 'lib', 'web'];

const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
/** Build configuration that no tsconfig holds: linted without type information. */
const UNTYPED_TS_FILES = ['web/vite.config.mts'];

export default defineConfig([
  globalIgnores(['web/dist/', 'clients/typescript/dist/', 'infra/cdk.out/', 'coverage/', 'bench/out/', '.data/', '.nfse-local/', 'test-results/']),
  {
    files: [...TS_FILES, '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { 'import-x': importX },
    // A disable comment for a rule that no longer reports is an error, so each one left means something.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/extensions': [...TS_EXTENSIONS, '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': TS_EXTENSIONS },
      // Our imports are extensionless relative paths (moduleResolution node10, and bundler in web/).
      'import-x/resolver-next': [createNodeResolver({ extensions: [...TS_EXTENSIONS, '.js', '.mjs', '.cjs', '.json', '.node'] })],
      // Resolutions are cached for 30 s by default, less than one lint of the repo on a busy
      // machine; a lint run is short-lived, so they are kept for the run.
      'import-x/cache': { lifetime: Infinity },
    },
    rules: {
      // `import type` is erased, so the rule skips it: only runtime cycles count. Packages are not
      // followed (their cycles are not ours, and walking them costs seconds).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Resolved paths, not import strings: `../../local/x` and `../local/x` are caught alike.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: PRODUCTION.map((folder) => `./${folder}`),
              from: './local',
              message: 'Production code never imports local/: it reaches AWS through the SDK and the environment.',
            },
            {
              target: './contracts',
              from: '.',
              except: ['./contracts', './node_modules'],
              message: 'contracts/ imports nothing of ours, only zod.',
            },
            {
              target: './lib',
              from: '.',
              except: ['./lib', './contracts', './node_modules'],
              message: 'lib/ imports only contracts/ (and packages).',
            },
          ],
        },
      ],
    },
  },
  {
    // Packages too: a contract that pulls in an SDK would drag it into the console's bundle.
    files: ['contracts/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod(/|$)|\\.{1,2}/)', message: 'contracts/ imports nothing but zod.' }] }],
    },
  },
  {
    files: TS_FILES,
    ignores: UNTYPED_TS_FILES,
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      // One program per tsconfig, named here. With `projectService`, infra/ got a program of its
      // own (infra/tsconfig.json is nearer) holding aws-cdk-lib a second time: 105 s against 70 s.
      parserOptions: { project: ['./tsconfig.json', './web/tsconfig.json'], tsconfigRootDir: ROOT },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: UNTYPED_TS_FILES,
    languageOptions: { parser: tseslint.parser },
  },
]);
