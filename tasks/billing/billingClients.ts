import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BillingSecretSchema } from '../../contracts/billingConfig';
import { ENV } from '../../contracts/wiring';
import { requireEnv } from '../shared/environment';
import { OmieClient } from './OmieClient';
import { UsagePlatformClient } from './UsagePlatformClient';

/** The external systems' clients, built from the configuration. */
export interface BillingClients {
  readonly usage: UsagePlatformClient;
  readonly omie: OmieClient;
}

/**
 * Clients from the environment (base URLs) and the billing secret (credentials, from Secrets
 * Manager in AWS and in the local cloud alike).
 */
export async function billingClientsFromEnv(secrets: SecretsManagerClient, env: Readonly<Record<string, string | undefined>> = process.env): Promise<BillingClients> {
  const secretId = requireEnv(ENV.BillingSecretArn, env);
  const value = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  const parsed = BillingSecretSchema.safeParse(JSON.parse(value.SecretString ?? '{}'));
  // Never the value in the message: only which keys are wrong.
  if (!parsed.success) throw new Error(`the billing secret ${secretId} is not {usageToken, erpAppKey, erpAppSecret}: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return {
    usage: new UsagePlatformClient({ baseUrl: requireEnv(ENV.UsageApiUrl, env), token: parsed.data.usageToken }),
    omie: new OmieClient({ baseUrl: requireEnv(ENV.ErpApiUrl, env), appKey: parsed.data.erpAppKey, appSecret: parsed.data.erpAppSecret }),
  };
}
