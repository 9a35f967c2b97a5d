import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient, ResourceNotFoundException, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, PutSecretValueCommand, ResourceExistsException, SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import type { BillingSecret } from '../../contracts/billingConfig';
import { handler as erpHandler } from '../../tasks/billing/erpHandler';
import { handler as invoiceHandler } from '../../tasks/billing/invoiceHandler';
import { handler as usageHandler } from '../../tasks/billing/usageHandler';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { BillingMocks } from '../billing-mocks/startBillingMocks';
import type { LambdaService } from '../lambda/LambdaService';
import { LambdaRuntimeServer, type RuntimeHandler } from '../lambda/LambdaRuntimeServer';

/**
 * The functions' timeout in AWS time. The local cloud scales it (at --time-scale 0.1, 30 real
 * seconds) but not the HTTP clients' own deadlines (10-15 real seconds), which must fire first.
 */
const TIMEOUT_SECONDS = 300;

/** What billing runs on: its Lambdas' runtime, when they run in this process but the cloud in another. */
export interface BillingWiring {
  stop(): Promise<void>;
}

/** The billing secret: the mocks' credentials, kept in the local Secrets Manager as in AWS. */
export async function putBillingSecret(config: SecretsManagerClientConfig, names: AppResourceNames, mocks: BillingMocks): Promise<string> {
  const secrets = new SecretsManagerClient(config);
  const value: BillingSecret = { usageToken: mocks.credentials.usageToken, erpAppKey: mocks.credentials.omieAppKey, erpAppSecret: mocks.credentials.omieAppSecret };
  const name = `${names.prefix}/billing/integrations`;
  try {
    return (await secrets.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(value) }))).ARN ?? name;
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
    return (await secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify(value) }))).ARN ?? name;
  }
}

/**
 * The three billing Lambdas under the names BillingCycleWorkflow calls. With the cloud's Lambda
 * service in this process they are registered there; otherwise (a test worker on jest's shared
 * cloud) this process serves them as Lambda runtimes and creates them as Image functions pointing
 * at it, replacing functions of the same name a previous start left behind.
 */
export async function wireBillingFunctions(config: LambdaClientConfig, names: AppResourceNames, lambda: LambdaService | undefined): Promise<BillingWiring> {
  const handlers: Record<string, RuntimeHandler> = {
    [names.billingFunctions.usage]: usageHandler,
    [names.billingFunctions.erp]: erpHandler,
    [names.billingFunctions.invoice]: invoiceHandler,
  };
  if (lambda !== undefined) {
    for (const [name, handler] of Object.entries(handlers)) lambda.register(name, handler, { timeoutSeconds: TIMEOUT_SECONDS });
    return { stop: () => Promise.resolve() };
  }
  const runtime = await LambdaRuntimeServer.start(handlers);
  const client = new LambdaClient(config);
  for (const name of Object.keys(handlers)) {
    await client.send(new DeleteFunctionCommand({ FunctionName: name })).catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });
    await client.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: runtime.url(name) }, Role: `arn:aws:iam::000000000000:role/${name}`, Timeout: TIMEOUT_SECONDS }));
  }
  return { stop: () => runtime.stop() };
}
