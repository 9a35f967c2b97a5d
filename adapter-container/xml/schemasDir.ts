import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (two levels above this folder). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where the ABRASF 2.04 XSD lives inside the schemas folder. */
export const ABRASF_204_XSD = path.join('abrasf-2.04', 'nfse_v204.xsd');

/**
 * The folder holding the official XSDs: `NFSE_SCHEMAS_DIR`, or `../shared/schemas` relative to the
 * repository root. The XSDs are not part of the repository (see /work/shared/schemas/README.md).
 */
export function schemasDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NFSE_SCHEMAS_DIR;
  return configured !== undefined && configured !== '' ? path.resolve(configured) : path.resolve(REPO_ROOT, '..', 'shared', 'schemas');
}

/** The path of the ABRASF 2.04 XSD, or undefined when it is not installed. */
export function abrasfXsdPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = path.join(schemasDir(env), ABRASF_204_XSD);
  return existsSync(file) ? file : undefined;
}
