import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { z, type ZodType } from 'zod';

/** Keywords whose value is a map of names to schemas (the names must not be renamed). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);

/**
 * A zod contract as an API Gateway model schema: JSON Schema draft-04 (the only draft API Gateway
 * takes), describing the request as the client sends it (`io: 'input'`: defaults make fields optional).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html
 */
export function apiGatewayJsonSchema(schema: ZodType, title?: string): apigateway.JsonSchema {
  const draft4 = z.toJSONSchema(schema, { target: 'draft-4', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = draft4;
  void _ignored;
  return { schema: apigateway.JsonSchemaVersion.DRAFT4, ...(title !== undefined ? { title } : {}), ...(toCdk(rest) as apigateway.JsonSchema) };
}

/** CDK spells `$ref` as `ref`; models in API Gateway cannot hold local `$ref`s, so our contracts must inline. */
function toCdk(value: unknown, inSchemaMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => toCdk(item));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!inSchemaMap && (key === '$ref' || key === '$defs')) throw new Error(`API Gateway models cannot use ${key}: inline the schema (zod reused: 'inline')`);
    result[key] = toCdk(child, !inSchemaMap && SCHEMA_MAPS.has(key));
  }
  return result;
}
