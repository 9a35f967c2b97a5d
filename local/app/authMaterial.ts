import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The local API key, kept in a file beside the JWT signing key so it stays the same across
 * restarts (a printed curl keeps working).
 */
export async function localApiKey(authDir: string): Promise<string> {
  const file = path.join(authDir, 'api-key.txt');
  try {
    const key = (await fs.readFile(file, 'utf8')).trim();
    if (key !== '') return key;
  } catch {
    // first start: create it below
  }
  const key = `nfse-local-${randomBytes(16).toString('hex')}`;
  await fs.mkdir(authDir, { recursive: true });
  await fs.writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
