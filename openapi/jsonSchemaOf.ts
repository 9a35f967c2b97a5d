import { z } from 'zod';

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A contract as OpenAPI 3.1 takes it: zod 4's own JSON Schema (draft 2020-12), describing a
 * request as the client sends it (`input`: a field with a default is optional) and an answer as
 * it comes back (`output`). Reused parts are inlined, so each component stands alone.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw', reused: 'inline' }) as Record<string, unknown>;
  void _dialect;
  return rest;
}
