import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** A JSON Schema of the document, or a `$ref` into its components. */
export type DocumentSchema = { readonly $ref?: string } & Record<string, unknown>;

/**
 * Checks values against the document's own schemas (Ajv, JSON Schema 2020-12, OpenAPI 3.1's
 * dialect): what integrators read, not our zod. Answers the errors, none when the value passes.
 */
export function documentValidator(document: Record<string, unknown>): (schema: DocumentSchema, value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: document.components }, 'openapi.json');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (schema, value) => {
    const key = JSON.stringify(schema);
    let check = compiled.get(key);
    if (check === undefined) {
      check = ajv.compile(schema.$ref !== undefined ? { $ref: `openapi.json${schema.$ref}` } : schema);
      compiled.set(key, check);
    }
    return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
  };
}
