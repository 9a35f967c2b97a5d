import fs from 'node:fs/promises';
import path from 'node:path';
import { CostProfileSchema, PriceTableSchema, type CostProfile, type PriceTable } from '../../contracts/costModel';

const REPO = path.resolve(__dirname, '../..');
/** The committed measurement `npm run cost` prices (rewritten by `--measure`). */
export const PROFILE_FILE = path.join(REPO, 'docs/cost/measured-profile.json');
/** The dated price tables, one per region. */
export const PRICES_DIR = path.join(REPO, 'docs/prices');

/** A user-facing refusal: printed as its message, never as a stack. */
export class CostInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CostInputError';
  }
}

/** The region's price table, validated. */
export async function loadPriceTable(region: string): Promise<PriceTable> {
  const file = path.join(PRICES_DIR, `${region}.json`);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    const known = (await fs.readdir(PRICES_DIR)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).sort();
    throw new CostInputError(`--region: no price table for '${region}' (docs/prices has ${known.join(', ')})`);
  }
  return PriceTableSchema.parse(JSON.parse(text));
}

/** The cached measured profile, validated. */
export async function loadProfile(file: string = PROFILE_FILE): Promise<CostProfile> {
  return CostProfileSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
}

export async function saveProfile(profile: CostProfile, file: string = PROFILE_FILE): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(CostProfileSchema.parse(profile), null, 2)}\n`);
}
