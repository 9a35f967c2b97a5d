import { abrasfXsdPath } from './schemasDir';
import { SchemaValidator } from './SchemaValidator';

const compiled = new Map<string, Promise<SchemaValidator>>();

/**
 * The ABRASF 2.04 validator, compiled once per process, or undefined when the XSDs are not
 * installed (validation is then off; callers say so rather than fail).
 */
export async function loadAbrasfValidator(env: NodeJS.ProcessEnv = process.env): Promise<SchemaValidator | undefined> {
  const xsd = abrasfXsdPath(env);
  if (xsd === undefined) return undefined;
  let validator = compiled.get(xsd);
  if (validator === undefined) {
    validator = SchemaValidator.load(xsd);
    compiled.set(xsd, validator);
    validator.catch(() => compiled.delete(xsd));
  }
  return validator;
}
