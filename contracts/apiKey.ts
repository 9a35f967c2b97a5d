import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema } from './fields';
import { OfferedPlanSchema, UsagePlanNameSchema } from './usagePlans';

/** A client application's name: what the key is for. */
export const ApiKeyNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'must be 1-64 letters, digits, spaces or . _ -, starting with a letter or digit');

/** A tenant's key can name this many companies (API Gateway's tag values hold 256 characters). */
export const API_KEY_MAX_CNPJS = 16;

/** `POST /api-keys`: a key for one client application of the tenant, tied to a usage plan. */
export const CreateApiKeyRequestSchema = z.strictObject({
  name: ApiKeyNameSchema.describe('The client application, unique among the tenant’s keys'),
  plan: OfferedPlanSchema,
  /** @default every company of the caller's grant */
  cnpjs: z.array(CnpjSchema).min(1).max(API_KEY_MAX_CNPJS).optional().describe("The tenant's companies the key is for (default: every company of the caller's grant)"),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

/** An API key as listed: never its value, only the first characters of it. */
export const ApiKeyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  plan: UsagePlanNameSchema,
  cnpjs: z.array(CnpjSchema),
  prefix: z.string().describe('The first characters of the value, to tell keys apart'),
  createdAt: IsoTimestampSchema,
  createdBy: z.string(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

/** `POST /api-keys` answers the value once; nothing shows it again. */
export const CreatedApiKeySchema = ApiKeyViewSchema.extend({ value: z.string().describe('The key to send as x-api-key: shown this once, store it now') });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

/** `DELETE /api-keys/{id}`: the key revoked (API Gateway refuses it with 403 from then on). */
export const RevokedApiKeySchema = ApiKeyViewSchema.extend({ revokedAt: IsoTimestampSchema });
export type RevokedApiKey = z.infer<typeof RevokedApiKeySchema>;

export const ListApiKeysResponseSchema = z.strictObject({ items: z.array(ApiKeyViewSchema) });
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponseSchema>;

/** `/api-keys/{id}`: API Gateway's key id. */
export const ApiKeyPathSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be an API key id (letters and digits)').describe("The key's id, as POST /api-keys and GET /api-keys answer it") });
export type ApiKeyPath = z.infer<typeof ApiKeyPathSchema>;

/**
 * What we keep of a key beside API Gateway's own fields: tags on the key (no table of our own).
 * `cnpjs` (space-separated) only on a tenant's keys; the console's and the CLI's have none.
 */
export const API_KEY_TAGS = { app: 'nfse:app', usagePlanId: 'nfse:usagePlanId', cnpjs: 'nfse:cnpjs', prefix: 'nfse:prefix', createdBy: 'nfse:createdBy' } as const;

export const ApiKeyTagsSchema = z.object({
  [API_KEY_TAGS.app]: z.string(),
  [API_KEY_TAGS.usagePlanId]: z.string(),
  [API_KEY_TAGS.cnpjs]: z.string().optional(),
  [API_KEY_TAGS.prefix]: z.string(),
  [API_KEY_TAGS.createdBy]: z.string().optional(),
});
export type ApiKeyTags = z.infer<typeof ApiKeyTagsSchema>;
