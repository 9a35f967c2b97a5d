import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A random value kept in `authDir/file`: made on first use, the same after every restart. */
async function keptSecret(authDir: string, file: string, make: () => string): Promise<string> {
  const location = path.join(authDir, file);
  try {
    const kept = (await fs.readFile(location, 'utf8')).trim();
    if (kept !== '') return kept;
  } catch {
    // first start: create it below
  }
  const value = make();
  await fs.mkdir(authDir, { recursive: true });
  await fs.writeFile(location, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * The value of the CLI's or the console's own API key, kept in a file beside the JWT signing key
 * so it stays the same across restarts (a printed curl keeps working). Letters and digits, as
 * API Gateway takes a key's value.
 */
export function localClientApiKey(authDir: string, app: 'cli' | 'console'): Promise<string> {
  return keptSecret(authDir, `${app}-api-key.txt`, () => `nfse${app}${randomBytes(16).toString('hex')}`);
}

/**
 * The local default of `PAGE_TOKEN_KEY` (in AWS a generated Secrets Manager secret): kept beside
 * the API key, so a page link the console holds still opens after a restart.
 */
export function localPageTokenKey(authDir: string): Promise<string> {
  return keptSecret(authDir, 'page-token-key.txt', () => randomBytes(32).toString('hex'));
}
