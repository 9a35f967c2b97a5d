import { CfnOutput, Duration, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../../contracts/wiring';
import { INVOICE_METRICS_EVENT_PATTERN } from '../../../contracts/invoiceBusEvent';
import { AdapterService, ADAPTER_ERRORS_METRIC, METRICS_NAMESPACE } from '../constructs/AdapterService';
import { OrdersEventsConsumer } from '../constructs/OrdersEventsConsumer';
import { OutboxRelay } from '../constructs/OutboxRelay';
import { billingSecretName, outboxRelayFunctionName, workflowFunctionName } from '../naming';
import { TaskFunction } from '../constructs/TaskFunction';
import type { TaskResources } from '../tasks/taskAccess';
import { acknowledge } from '../nag/acknowledge';
import { DEPLOYED_TASKS, isApiHandler, TASK_SPECS, type TaskKey } from '../tasks/taskCatalog';
import type { BillingSettings, NacionalSettings } from '../config/appConfig';

/** The env var tasks/shared/apiResponse.ts reads the allowed CORS origins from. */
export const CORS_ENV = 'CORS_ALLOWED_ORIGINS';

/** Options of {@link ComputeStack}. */
export interface ComputeStackProps extends StackProps {
  readonly stage: string;
  readonly vpc: ec2.IVpc;
  readonly resources: Omit<TaskResources, 'stage' | 'pageTokenSecret' | 'cityLimitsTable' | 'municipalities' | 'billing'>;
  /** Usage billing: the `/billing/runs` reader's Data API secret and the external systems' settings. */
  readonly billing: { readonly readerSecret: secretsmanager.ISecret; readonly settings: BillingSettings };
  readonly requestsQueue: sqs.IQueue;
  /** The city limits the adapter tasks share, and the cities' health they write there (read by the municipalities API). */
  readonly cityLimitsTable: dynamodb.ITable;
  /** Origins the API functions answer CORS for (`CORS_ALLOWED_ORIGINS`): the console. */
  readonly corsAllowedOrigins?: readonly string[];
  /** @default DEPLOYED_TASKS */
  readonly tasks?: readonly TaskKey[];
  /** The adapter's image; built from adapter-container/Dockerfile when absent. */
  readonly adapterImage?: ecs.ContainerImage;
  readonly municipalitiesFile?: string;
  readonly providerEndpoint?: string;
  /** The national system as the adapter reaches it (`nacional*` context). @default the built-in list's own */
  readonly nacional?: NacionalSettings;
  readonly providerPorts?: readonly number[];
  readonly visibilityTimeoutSeconds?: number;
  readonly adapterMinTasks?: number;
  readonly adapterMaxTasks?: number;
  readonly adapterBacklogPerTask?: number;
  /** The orders outbox: the relay's and the sample consumer's Data API secrets, and the consumer's queue. */
  readonly outbox: {
    readonly relaySecret: secretsmanager.ISecret;
    readonly consumerSecret: secretsmanager.ISecret;
    readonly ordersEventsQueue: sqs.IQueue;
  };
}

/** The Lambdas of tasks/ (with their triggers) and the Fargate adapter service. */
export class ComputeStack extends Stack {
  /** By task key. */
  public readonly functions: Readonly<Partial<Record<TaskKey, nodejs.NodejsFunction>>>;
  public readonly adapter: AdapterService;
  public readonly outboxRelay: OutboxRelay;
  public readonly ordersConsumer: OrdersEventsConsumer;
  /** Invoice events the bus could not deliver to the invoice metrics function (when it is deployed). */
  public readonly invoiceEventsDlq: sqs.IQueue | undefined;

  public constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);

    this.adapter = new AdapterService(this, 'Adapter', {
      vpc: props.vpc,
      requestsQueue: props.requestsQueue,
      cityLimitsTable: props.cityLimitsTable,
      companiesTable: props.resources.companiesTable,
      docsBucketName: props.resources.docsBucketName,
      stage: props.stage,
      docsKey: props.resources.docsKey,
      certificatesKey: props.resources.certificatesKey,
      image: props.adapterImage,
      municipalitiesFile: props.municipalitiesFile,
      providerEndpoint: props.providerEndpoint,
      nacional: props.nacional,
      providerPorts: props.providerPorts,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      minTasks: props.adapterMinTasks,
      maxTasks: props.adapterMaxTasks,
      backlogPerTask: props.adapterBacklogPerTask,
    });
    new logs.MetricFilter(this, 'AdapterErrorsByMunicipality', {
      logGroup: this.adapter.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.msg', '=', 'answered SendTaskFailure'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: ADAPTER_ERRORS_METRIC,
      metricValue: '1',
      dimensions: { municipalityCode: '$.municipalityCode' },
    });

    const functionsSg = new ec2.SecurityGroup(this, 'FunctionsSecurityGroup', { vpc: props.vpc, description: 'nfse Lambdas: HTTPS out only', allowAllOutbound: false });
    functionsSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs (endpoints and NAT)');

    // The key the API signs its nextTokens with: a forged or altered token is a 400, never a
    // DynamoDB or Step Functions key from the client. Rotating it only invalidates open page links.
    const pageTokenSecret = new secretsmanager.Secret(this, 'PageTokenKey', {
      description: `nfse ${props.stage}: HMAC key of the API's pagination tokens`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(pageTokenSecret, [{ id: 'AwsSolutions-SMG4', reason: 'An HMAC key for pagination tokens: rotating it only invalidates page links in flight; it is rotated by replacing the secret on deploy.' }]);
    // The usage platform's and the ERP's credentials, one JSON (contracts/billingConfig.ts), read by
    // the billing functions at cold start. Created as `{}`: ops put the real value after the first
    // deploy (README, Deploy to AWS), and a deploy never overwrites it (the template's value does not change).
    const billingSecret = new secretsmanager.Secret(this, 'BillingIntegrationsSecret', {
      secretName: billingSecretName(props.stage),
      description: `nfse ${props.stage}: the usage platform's token and the ERP's app key and secret, {usageToken, erpAppKey, erpAppSecret}`,
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    acknowledge(billingSecret, [{ id: 'AwsSolutions-SMG4', reason: "Credentials issued by the external systems (the usage platform, Omie): they are rotated there, then put here with put-secret-value; Secrets Manager cannot rotate them itself." }]);
    const resources: TaskResources = {
      ...props.resources,
      stage: props.stage,
      pageTokenSecret,
      cityLimitsTable: props.cityLimitsTable,
      billing: { readerSecret: props.billing.readerSecret, integrationsSecret: billingSecret, settings: props.billing.settings },
      // The functions that read the registry read the adapter's own (file or built-in list).
      municipalities: { file: props.municipalitiesFile, providerEndpoint: props.providerEndpoint, nacionalEndpoint: props.nacional?.endpoint },
    };
    const functions: Partial<Record<TaskKey, nodejs.NodejsFunction>> = {};
    let invoiceEventsDlq: sqs.IQueue | undefined;
    for (const key of props.tasks ?? DEPLOYED_TASKS) {
      const spec = TASK_SPECS[key];
      const trigger = 'trigger' in spec ? spec.trigger : undefined;
      const task = new TaskFunction(this, `${capitalize(key)}Task`, {
        name: key,
        spec,
        resources,
        vpc: props.vpc,
        securityGroup: functionsSg,
        ...(trigger?.kind === 'workflow' ? { functionName: workflowFunctionName(props.stage, trigger.functionName) } : {}),
        environment: {
          ...(trigger?.kind === 'dlq' ? { [ENV.RequestsDlqUrl]: props.resources.requestsDlq.queueUrl } : {}),
          ...(isApiHandler(key) && props.corsAllowedOrigins !== undefined ? { [CORS_ENV]: props.corsAllowedOrigins.join(',') } : {}),
        },
      });
      if (trigger?.kind === 'dlq') {
        task.function.addEventSource(new eventsources.SqsEventSource(props.resources.requestsDlq, { batchSize: 10, reportBatchItemFailures: true }));
      } else if (trigger?.kind === 'startQueue') {
        // Two concurrent starters (the least SQS event sources allow) keep the drain at the quota's pace, not the queue's depth.
        task.function.addEventSource(new eventsources.SqsEventSource(props.resources.startQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }));
      } else if (trigger?.kind === 'schedule') {
        new events.Rule(this, `${capitalize(key)}Schedule`, { schedule: events.Schedule.rate(Duration.minutes(trigger.everyMinutes)), targets: [new targets.LambdaFunction(task.function)] });
      } else if (trigger?.kind === 'invoiceEvents') {
        invoiceEventsDlq = this.invoiceEventsRule(`${capitalize(key)}`, task.function, props.resources.eventBus);
      }
      functions[key] = task.function;
    }
    this.functions = functions;
    this.invoiceEventsDlq = invoiceEventsDlq;

    const { cluster, dbName, eventBus } = props.resources;
    this.outboxRelay = new OutboxRelay(this, 'OutboxRelay', { functionName: outboxRelayFunctionName(props.stage), vpc: props.vpc, securityGroup: functionsSg, cluster, secret: props.outbox.relaySecret, database: dbName, eventBus });
    this.ordersConsumer = new OrdersEventsConsumer(this, 'OrdersEventsConsumer', { vpc: props.vpc, securityGroup: functionsSg, queue: props.outbox.ordersEventsQueue, cluster, secret: props.outbox.consumerSecret, database: dbName });
    new CfnOutput(this, 'OutboxRelayFunctionArn', { value: this.outboxRelay.function.functionArn, description: 'Writers nudge it with an async invoke (OUTBOX_RELAY_FUNCTION_ARN)' });

    new CfnOutput(this, 'BillingSecretName', { value: billingSecret.secretName, description: 'Put {usageToken, erpAppKey, erpAppSecret} here before the first billing run' });
    new CfnOutput(this, 'AdapterClusterName', { value: this.adapter.cluster.clusterName });
    new CfnOutput(this, 'AdapterServiceName', { value: this.adapter.service.serviceName });
  }

  /**
   * The rule sending every invoice event on the bus to `fn`, and one DLQ for what never becomes a
   * metric: the events EventBridge could not deliver (the target's DLQ, after its retries) and
   * those the function failed on (its asynchronous invocation's on-failure destination, after
   * Lambda's two retries), since EventBridge invokes a Lambda target asynchronously.
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
   */
  private invoiceEventsRule(id: string, fn: nodejs.NodejsFunction, bus: events.IEventBus): sqs.IQueue {
    const dlq = new sqs.Queue(this, `${id}DLQ`, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledge(dlq, [{ id: 'AwsSolutions-SQS3', reason: 'The dead-letter queue of the invoice events rule and of the invoice metrics function: its messages wait for ops to read or redrive.' }]);
    fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new destinations.SqsDestination(dlq) });
    new events.Rule(this, `${id}InvoiceEvents`, {
      eventBus: bus,
      description: 'Every invoice event (issued, failed, cancelled, substituted) to the invoice metrics function',
      eventPattern: { source: [...INVOICE_METRICS_EVENT_PATTERN.source], detailType: [...INVOICE_METRICS_EVENT_PATTERN['detail-type']] },
      // A metric older than two hours is still accepted by CloudWatch, but no longer worth a retry.
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue: dlq, retryAttempts: 8, maxEventAge: Duration.hours(2) })],
    });
    return dlq;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
