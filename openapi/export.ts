import fs from 'node:fs';
import path from 'node:path';
import { version } from '../package.json';
import { buildOpenApiDocument } from './buildOpenApiDocument';
import { clientSchemaSource } from './clientSchema';
import { documentText, OPENAPI_FILES } from './openapiFiles';

/**
 * `npm run openapi`: writes openapi.json and the TypeScript client's types from the route table.
 * With `--check` it writes nothing and exits 1 naming each file that differs (a test runs it:
 * openapi-typescript is ESM inside, which jest's module system cannot load).
 */
async function main(check: boolean): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const document = buildOpenApiDocument({ version });
  const files = { [OPENAPI_FILES.document]: documentText(document), [OPENAPI_FILES.clientSchema]: await clientSchemaSource(document) };
  const stale: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    if (check) {
      if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) stale.push(file);
      continue;
    }
    fs.writeFileSync(target, text);
    process.stdout.write(`wrote ${file} (${Buffer.byteLength(text)} bytes)\n`);
  }
  if (stale.length > 0) {
    process.stderr.write(`stale: ${stale.join(', ')}: run \`npm run openapi\` and commit the result\n`);
    process.exitCode = 1;
  } else if (check) process.stdout.write(`up to date: ${Object.keys(files).join(', ')}\n`);
}

if (require.main === module) void main(process.argv.includes('--check'));
