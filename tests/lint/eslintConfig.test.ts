import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { ESLint as ESLintClass } from 'eslint';
import type TypeScript from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/** What the rules reported, as `line ruleId: message`. */
type Report = string;

/**
 * Imports a package with Node's own loader. ESLint loads eslint.config.mjs with `import()`, which
 * jest's module sandbox refuses without --experimental-vm-modules; loaded outside it, it works.
 */
async function importOutsideSandbox(name: string): Promise<unknown> {
  const nativeImport = vm.runInThisContext('(specifier) => import(specifier)', {
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as (specifier: string) => Promise<unknown>;
  return nativeImport(pathToFileURL(require.resolve(name)).href);
}

/**
 * A program holding only `filePath` (with `code` as its text) and what it imports, with the
 * compiler options of tsconfig.json. The project's own program spans aws-cdk-lib and takes tens
 * of seconds to build; the type-aware rules need no more than this one.
 */
function programOf(ts: typeof TypeScript, filePath: string, code: string): TypeScript.Program {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options, true);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === filePath ? ts.createSourceFile(fileName, code, languageVersion, true) : readSourceFile(fileName, languageVersion, ...rest);
  return ts.createProgram({ rootNames: [filePath], options, host });
}

/**
 * Lints `code` as the file `relativePath` of this repository through ESLint's Node API with the
 * repository's eslint.config.mjs: its rules, file globs, zones and resolver, unchanged. Only the
 * type information comes from {@link programOf}. Nothing is written to disk.
 */
async function lintAs(relativePath: string, code: string): Promise<Report[]> {
  const { ESLint } = (await importOutsideSandbox('eslint')) as { ESLint: typeof ESLintClass };
  const ts = ((await importOutsideSandbox('typescript')) as { default: typeof TypeScript }).default;
  const filePath = path.join(ROOT, relativePath);
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { project: false, programs: [programOf(ts, filePath, code)] } } },
  });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.line} ${message.ruleId ?? 'parser'}: ${message.message}`);
}

describe('eslint.config.mjs', () => {
  // Building a program and loading the config take seconds on a busy machine.
  jest.setTimeout(60_000);

  describe('the layers', () => {
    it('reports a tasks/ file that imports local/', async () => {
      const reports = await lintAs('tasks/lintFixture.ts', "import { createLogger } from '../local/createLogger';\n\nexport const logger = createLogger('silent');\n");

      expect(reports).toEqual([
        '1 import-x/no-restricted-paths: Unexpected path "../local/createLogger" imported in restricted zone. Production code never imports local/: it reaches AWS through the SDK and the environment.',
      ]);
    });

    it('lets a test import local/', async () => {
      const reports = await lintAs('tests/lintFixture.ts', "import { createLogger } from '../local/createLogger';\n\nexport const logger = createLogger('silent');\n");

      expect(reports).toEqual([]);
    });

    it('reports a contracts/ file that imports tasks/, and one that imports a package other than zod', async () => {
      const reports = await lintAs(
        'contracts/lintFixture.ts',
        "import { SQSClient } from '@aws-sdk/client-sqs';\nimport { z } from 'zod';\nimport { ApiError } from '../tasks/shared/errors';\n\nexport const fixture = [SQSClient, z, ApiError];\n",
      );

      expect(reports).toEqual([
        "1 no-restricted-imports: '@aws-sdk/client-sqs' import is restricted from being used by a pattern. contracts/ imports nothing but zod.",
        '3 import-x/no-restricted-paths: Unexpected path "../tasks/shared/errors" imported in restricted zone. contracts/ imports nothing of ours, only zod.',
      ]);
    });

    it('reports a lib/ file that imports anything of ours but contracts/', async () => {
      const reports = await lintAs(
        'lib/lintFixture.ts',
        "import { isValidCnpj } from '../contracts/cnpj';\nimport { ApiError } from '../tasks/shared/errors';\n\nexport const fixture = [isValidCnpj, ApiError];\n",
      );

      expect(reports).toEqual([
        '2 import-x/no-restricted-paths: Unexpected path "../tasks/shared/errors" imported in restricted zone. lib/ imports only contracts/ (and packages).',
      ]);
    });
  });

  describe('promises', () => {
    it('reports a floating promise and a promise passed where a callback returns void', async () => {
      const reports = await lintAs(
        'adapter-container/lintFixture.ts',
        [
          'async function later(): Promise<void> {}',
          '',
          'export function fire(): void {',
          '  later();',
          '  setTimeout(async () => later(), 10);',
          '}',
          '',
        ].join('\n'),
      );

      expect(reports).toEqual([
        '4 @typescript-eslint/no-floating-promises: Promises must be awaited, end with a call to .catch, end with a call to .then with a rejection handler or be explicitly marked as ignored with the `void` operator.',
        '5 @typescript-eslint/no-misused-promises: Promise returned in function argument where a void return was expected.',
      ]);
    });

    it('accepts a promise marked as fire-and-forget with void', async () => {
      const reports = await lintAs('adapter-container/lintFixture.ts', 'async function later(): Promise<void> {}\n\nexport function fire(): void {\n  void later();\n}\n');

      expect(reports).toEqual([]);
    });
  });
});
