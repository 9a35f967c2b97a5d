import { z } from 'zod';
import { CnpjSchema } from './fields';

/** A tenant the local dev sign-in offers: a name and the companies granted with it. */
export const DevTenantSchema = z.strictObject({ name: z.string().min(1), cnpjs: z.array(CnpjSchema).min(1) });
export type DevTenant = z.infer<typeof DevTenantSchema>;

/** How the console signs people in: the local issuer's dev sign-in, or Cognito's Hosted UI. */
export const ConsoleAuthSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('local'),
    /** `POST` here signs a token for a tenant and a role (the local gateway's `/local/token`). */
    tokenUrl: z.url(),
    tenants: z.array(DevTenantSchema).min(1),
  }),
  z.strictObject({
    kind: z.literal('cognito'),
    /** The user pool's issuer, `https://cognito-idp.{region}.amazonaws.com/{poolId}`. */
    authority: z.url(),
    clientId: z.string().min(1),
    /** Space-separated OAuth scopes to ask for. */
    scopes: z.string().min(1),
  }),
]);
export type ConsoleAuth = z.infer<typeof ConsoleAuthSchema>;

/** `/config.json` beside the console's files: where the API is and how to sign in. */
export const ConsoleConfigSchema = z.strictObject({
  /** e.g. `local` or `dev`: shown in the header. */
  stage: z.string().min(1),
  /** The REST API's base URL, without a trailing slash. */
  apiUrl: z.url(),
  /** The console's own API key, sent as `x-api-key` (on the platform usage plan, in AWS and locally). */
  apiKey: z.string().optional(),
  auth: ConsoleAuthSchema,
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;
