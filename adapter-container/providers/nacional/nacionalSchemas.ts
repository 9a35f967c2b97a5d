import path from 'node:path';
import { SchemaValidator } from '../../xml/SchemaValidator';
import { schemasDir } from '../../xml/schemasDir';

/** The national layout's documents we send or read, by their XSD in `schemas/nacional-1.01/`. */
export const NACIONAL_XSDS = {
  dps: 'DPS_v1.01.xsd',
  pedRegEvento: 'pedRegEvento_v1.01.xsd',
  nfse: 'NFSe_v1.01.xsd',
  evento: 'evento_v1.01.xsd',
} as const;
export type NacionalDocument = keyof typeof NACIONAL_XSDS;

/** The path of one national XSD in the schemas folder (`NFSE_SCHEMAS_DIR`, else the vendored copy). */
export function nacionalXsdPath(document: NacionalDocument, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(schemasDir(env), 'nacional-1.01', NACIONAL_XSDS[document]);
}

const loaded = new Map<string, Promise<SchemaValidator>>();

/**
 * The validator of one national document, compiled once per process (a few tens of ms; then
 * validation takes a fraction of a ms per document). A failed compile is retried on the next call.
 */
export function nacionalValidator(document: NacionalDocument, env: NodeJS.ProcessEnv = process.env): Promise<SchemaValidator> {
  const file = nacionalXsdPath(document, env);
  let validator = loaded.get(file);
  if (validator === undefined) {
    validator = SchemaValidator.load(file);
    loaded.set(file, validator);
    validator.catch(() => loaded.delete(file));
  }
  return validator;
}
