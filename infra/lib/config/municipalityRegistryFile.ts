import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MunicipalityListSchema } from '../../../contracts/municipality';

/**
 * Reads the adapter's municipality registry file (`municipalitiesFile` context) at synth time and
 * returns its IBGE codes. It refuses what would only fail later, in production: a file the image
 * would not contain, an entry without a code, environment or endpoint, and a city in `producao`
 * reached over plain http (invoices carry tomador data, and the A1 certificate signs them).
 *
 * Then the whole file is checked against the contract (`contracts/municipality.ts`), as the
 * adapters and the API functions that read it at start would: a file they refuse fails synth
 * instead of every emission.
 */
export function readMunicipalityCodes(repoRoot: string, file: string): string[] {
  const absolute = path.resolve(repoRoot, file);
  const relative = path.relative(path.join(repoRoot, 'adapter-container'), absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`context municipalitiesFile must be under adapter-container/ (the image copies only that folder), got "${file}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new Error(`context municipalitiesFile ${file} could not be read as JSON`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new Error(`context municipalitiesFile ${file} must hold a JSON array of municipalities`);
  const codes = parsed.map((entry: unknown, index) => checkEntry(entry, index, (problem) => new Error(`context municipalitiesFile ${file}: ${problem}`)));
  const checked = MunicipalityListSchema.safeParse(parsed);
  if (!checked.success) throw new Error(`context municipalitiesFile ${file} is not a list of municipalities: ${z.prettifyError(checked.error)}`);
  const twice = codes.find((code, index) => codes.indexOf(code) !== index);
  if (twice !== undefined) throw new Error(`context municipalitiesFile ${file}: municipality ${twice} is listed twice`);
  return codes;
}

/** The entry's code, once its environment and endpoint are acceptable. */
function checkEntry(entry: unknown, index: number, fail: (problem: string) => Error): string {
  const record: Readonly<Record<string, unknown>> = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const code = record.code;
  if (typeof code !== 'string' || !/^\d{7}$/.test(code)) throw fail(`entry ${index} has no 7-digit "code"`);
  const city = typeof record.name === 'string' ? `city ${code} (${record.name})` : `city ${code}`;
  const environment = record.environment;
  if (environment !== 'homologacao' && environment !== 'producao') throw fail(`${city} has environment ${JSON.stringify(environment)}, expected "homologacao" or "producao"`);
  const endpoint = record.endpoint;
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    throw fail(`${city} has no valid "endpoint" URL, got ${JSON.stringify(endpoint)}`);
  }
  if (environment === 'producao' && url.protocol !== 'https:') throw fail(`${city} is in producao, so its endpoint must be https, got ${JSON.stringify(endpoint)}`);
  return code;
}
