import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { INVOICE_METRICS_EVENT_PATTERN, INVOICE_METRICS_TIMEOUT_SECONDS } from '../../contracts/invoiceBusEvent';
import type { EmfSink } from '../../lib/metrics/MetricsEmitter';
import { invoiceMetricsHandler } from '../../tasks/metrics/handler';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { LambdaService } from '../lambda/LambdaService';
import { LambdaRuntimeServer } from '../lambda/LambdaRuntimeServer';

/** How the clients reach the local cloud. */
interface CloudConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The invoice metrics function, wherever it runs. */
export interface InvoiceMetricsWiring {
  stop(): Promise<void>;
}

/**
 * The invoice metrics function and the bus rule that sends it every invoice event, as the CDK
 * app's ComputeStack wires them. As the orders' function: on the cloud's Lambda service when it is
 * in this process; otherwise (a test worker on jest's shared cloud) served from this process as a
 * Lambda runtime behind an Image function, so `emf` (a suite's) sees the documents the function
 * writes. Locally metrics are disabled: the documents go to `emf`, else the handler's debug log.
 * (The local EventBridge has no target DLQ; Lambda's two asynchronous retries still apply.)
 */
export async function wireInvoiceMetrics(config: CloudConfig, names: AppResourceNames, lambda: LambdaService | undefined, emf?: EmfSink): Promise<InvoiceMetricsWiring> {
  const name = names.invoiceMetricsFunction;
  // Built here, not the module's `handler`: that one read POWERTOOLS_METRICS_DISABLED when it was
  // imported, before startLocalApp put its default ('true') in this process's environment, so on
  // the cloud's Lambda service (npm start, a bench) its documents filled stdout.
  const handler = invoiceMetricsHandler(emf !== undefined ? { whenDisabled: emf } : {});
  let stop = (): Promise<void> => Promise.resolve();
  let arn: string;
  if (lambda !== undefined) {
    arn = lambda.register(name, handler, { timeoutSeconds: INVOICE_METRICS_TIMEOUT_SECONDS }).arn;
  } else {
    const runtime = await LambdaRuntimeServer.start({ [name]: handler });
    const client = new LambdaClient(config);
    await client.send(new DeleteFunctionCommand({ FunctionName: name })).catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });
    const created = await client.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: runtime.url(name) }, Role: `arn:aws:iam::000000000000:role/${name}`, Timeout: INVOICE_METRICS_TIMEOUT_SECONDS }));
    arn = created.FunctionArn ?? `arn:aws:lambda:${names.region}:${names.accountId}:function:${name}`;
    stop = () => runtime.stop();
  }
  const events = new EventBridgeClient(config);
  await events.send(new PutRuleCommand({ Name: names.invoiceMetricsRule, EventBusName: names.eventBus, EventPattern: JSON.stringify(INVOICE_METRICS_EVENT_PATTERN), State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: names.invoiceMetricsRule, EventBusName: names.eventBus, Targets: [{ Id: 'invoice-metrics', Arn: arn }] }));
  return { stop };
}
