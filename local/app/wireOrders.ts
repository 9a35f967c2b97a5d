import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient, ResourceNotFoundException, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { handler as orderInvoiceHandler } from '../../tasks/orders/invoiceHandler';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { LambdaService } from '../lambda/LambdaService';
import { LambdaRuntimeServer } from '../lambda/LambdaRuntimeServer';

/**
 * The function's timeout in AWS time. The local cloud scales it (at the tests' --time-scale 0.1,
 * 30 real seconds): 60 timed out while a hundred sagas at once kept the one PGlite session busy.
 */
const TIMEOUT_SECONDS = 300;

/** What the orders saga's Lambda runs on, when it runs in this process but the cloud in another. */
export interface OrdersWiring {
  stop(): Promise<void>;
}

/**
 * OrderSagaWorkflow's invoice Lambda under the name the saga calls. As the billing functions: on
 * the cloud's Lambda service when it is in this process; otherwise (a test worker on jest's
 * shared cloud) served from this process as a Lambda runtime behind an Image function, replacing
 * one of the same name a previous start left behind.
 */
export async function wireOrderFunctions(config: LambdaClientConfig, names: AppResourceNames, lambda: LambdaService | undefined): Promise<OrdersWiring> {
  const name = names.orderInvoiceFunction;
  if (lambda !== undefined) {
    lambda.register(name, orderInvoiceHandler, { timeoutSeconds: TIMEOUT_SECONDS });
    return { stop: () => Promise.resolve() };
  }
  const runtime = await LambdaRuntimeServer.start({ [name]: orderInvoiceHandler });
  const client = new LambdaClient(config);
  await client.send(new DeleteFunctionCommand({ FunctionName: name })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
  await client.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: runtime.url(name) }, Role: `arn:aws:iam::000000000000:role/${name}`, Timeout: TIMEOUT_SECONDS }));
  return { stop: () => runtime.stop() };
}
