import { existsSync } from 'node:fs';
import path from 'node:path';

/** The XSDs vendored with the adapter (`adapter-container/schemas`, shipped in its image too). */
const VENDORED = path.resolve(__dirname, '..', 'schemas');

/** Where the ABRASF 2.04 XSD lives inside the schemas folder. */
export const ABRASF_204_XSD = path.join('abrasf-2.04', 'nfse_v204.xsd');

/**
 * The folder holding the official XSDs: `NFSE_SCHEMAS_DIR` when set, else the copy vendored in
 * `adapter-container/schemas` (see its README).
 */
export function schemasDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NFSE_SCHEMAS_DIR;
  return configured !== undefined && configured !== '' ? path.resolve(configured) : VENDORED;
}

/** The path of the ABRASF 2.04 XSD, or undefined when it is not installed. */
export function abrasfXsdPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = path.join(schemasDir(env), ABRASF_204_XSD);
  return existsSync(file) ? file : undefined;
}
