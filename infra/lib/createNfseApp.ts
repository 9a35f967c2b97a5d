import { Tags, Validations, type App, type Environment } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AppConfig } from './config/appConfig';
import { docsBucketName } from './naming';
import { ApiHostStack } from './stacks/ApiHostStack';
import { ApiStack } from './stacks/ApiStack';
import { ComputeStack } from './stacks/ComputeStack';
import { DataStack, DB_NAME } from './stacks/DataStack';
import { MessagingStack } from './stacks/MessagingStack';
import { NetworkStack } from './stacks/NetworkStack';
import { ObservabilityStack } from './stacks/ObservabilityStack';
import { WebEdgeStack } from './stacks/WebEdgeStack';
import { WebStack } from './stacks/WebStack';
import { WorkflowsStack } from './stacks/WorkflowsStack';
import type { TaskKey } from './tasks/taskCatalog';

/**
 * Feature flags the app relies on, set here (not only in cdk.json) so tests build the same app.
 * https://docs.aws.amazon.com/cdk/v2/guide/featureflags.html
 */
export const FEATURE_FLAGS = {
  // Access logs delivered under a bucket policy, not the legacy log-delivery ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/core:checkSecretUsage': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:target-partitions': ['aws'],
  // Producer-protecting exports between our stacks (the stacks deploy in dependency order).
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
} as const;

/** Options of {@link createNfseApp} beyond the context configuration. */
export interface NfseAppOptions {
  /** Register cdk-nag's AwsSolutions pack as a validation plugin: synth fails on any unacknowledged finding. @default true */
  readonly nag?: boolean;
  /** The adapter image; tests pass a registry image, the app builds adapter-container/Dockerfile. */
  readonly adapterImage?: ecs.ContainerImage;
  /** Tasks to deploy. @default DEPLOYED_TASKS */
  readonly tasks?: readonly TaskKey[];
}

/** Every stack of the app. */
export interface NfseStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly messaging: MessagingStack;
  readonly workflows: WorkflowsStack;
  readonly compute: ComputeStack;
  /** Only when the app is not in us-east-1 (CloudFront's WebACL and certificate must be there). */
  readonly webEdge?: WebEdgeStack;
  /** The REST API resource and its CloudFront distribution, before Web (whose CSP names its host) and Api (which routes it). */
  readonly apiHost: ApiHostStack;
  readonly web: WebStack;
  readonly api: ApiStack;
  readonly observability: ObservabilityStack;
}

/** Builds every stack of nfse-flow into `app`, wired together; stack names are `Nfse-{stage}-{Part}`. */
export function createNfseApp(app: App, config: AppConfig, options: NfseAppOptions = {}): NfseStacks {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) app.node.setContext(flag, value);
  const env: Environment = { account: config.account, region: config.region };
  const name = (part: string): string => `Nfse-${config.stage}-${part}`;
  const common = { env, crossRegionReferences: config.region !== 'us-east-1' };

  const network = new NetworkStack(app, name('Network'), { ...common, natGateways: config.natGateways, description: 'nfse-flow: VPC, NAT with fixed egress IPs, VPC endpoints, SSM bastion' });
  const data = new DataStack(app, name('Data'), {
    ...common,
    description: 'nfse-flow: DynamoDB tables, documents bucket, Aurora Serverless v2 (Data API) and its schema',
    stage: config.stage,
    vpc: network.vpc,
    bastion: network.bastion,
    retainData: config.retainData,
    deletionProtection: config.deletionProtection,
    dbLogRetention: config.dbLogRetentionDays,
    docsGlacierAfterDays: config.docsGlacierAfterDays,
    docsRetentionYears: config.docsRetentionYears,
  });
  const messaging = new MessagingStack(app, name('Messaging'), {
    ...common,
    description: 'nfse-flow: requests queue + DLQ, failures queues, event bus, alarms topic',
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    maxReceiveCount: config.maxReceiveCount,
    alarmEmail: config.alarmEmail,
  });
  const workflows = new WorkflowsStack(app, name('Workflows'), {
    ...common,
    description: 'nfse-flow: the Step Functions workflows of workflows/',
    stage: config.stage,
    invoicesTable: data.invoicesTable,
    docsBucketName: docsBucketName(config.stage),
    requestsQueue: messaging.requestsQueue,
    failuresQueue: messaging.failuresQueue,
    eventBus: messaging.eventBus,
    cluster: data.cluster,
    dbSecret: data.reportWriterSecret,
    dbName: DB_NAME,
    vpc: network.vpc,
    webhooksTable: data.webhooksTable,
    webhooksKey: data.webhooksKey,
    billing: { failuresQueue: messaging.billingFailuresQueue, dbSecret: data.billingWriterSecret },
    orderSagaDbSecret: data.orderSagaSecret,
  });
  const edgeProps = { stage: config.stage, domainName: config.webDomainName, hostedZoneId: config.webHostedZoneId, hostedZoneName: config.webHostedZoneName };
  const apiDomain = config.apiDomain !== undefined ? { apiDomain: config.apiDomain } : {};
  const webEdge = config.region !== 'us-east-1' ? new WebEdgeStack(app, name('WebEdge'), { ...edgeProps, ...apiDomain, env: { account: config.account, region: 'us-east-1' }, crossRegionReferences: true, description: 'nfse-flow: CloudFront WebACLs and certificates of the console and the API (us-east-1)' }) : undefined;
  const apiHost = new ApiHostStack(app, name('ApiHost'), {
    ...common,
    description: 'nfse-flow: the REST API resource and its CloudFront distribution (the host the console and clients call)',
    stage: config.stage,
    originVerifyGeneration: config.originVerifyGeneration,
    ...(config.apiDomain !== undefined ? { domain: config.apiDomain } : {}),
    ...(webEdge !== undefined ? { edge: { webAclArn: webEdge.apiEdge.webAcl.attrArn, ...(webEdge.apiEdge.certificate !== undefined ? { certificate: webEdge.apiEdge.certificate } : {}) } } : {}),
  });
  const web = new WebStack(app, name('Web'), {
    ...common,
    description: 'nfse-flow: the admin console (S3 + CloudFront)',
    ...edgeProps,
    apiOrigin: apiHost.publicUrl,
    authDomainPrefix: config.authDomainPrefix,
    assetsDir: config.webAssetsDir,
    edge: webEdge !== undefined ? { webAclArn: webEdge.edge.webAcl.attrArn, certificate: webEdge.edge.certificate } : undefined,
  });
  const compute = new ComputeStack(app, name('Compute'), {
    ...common,
    description: 'nfse-flow: the task Lambdas and the Fargate adapter service',
    stage: config.stage,
    vpc: network.vpc,
    requestsQueue: messaging.requestsQueue,
    cityLimitsTable: data.cityLimitsTable,
    resources: {
      invoicesTable: data.invoicesTable,
      requestsTable: data.requestsTable,
      tenantsTable: data.tenantsTable,
      companiesTable: data.companiesTable,
      docsBucketName: docsBucketName(config.stage),
      docsKey: data.dataKey,
      requestsDlq: messaging.requestsDlq,
      failuresQueue: messaging.failuresQueue,
      startQueue: messaging.startQueue,
      stateMachines: workflows.stateMachines,
      cluster: data.cluster,
      dbSecret: data.reportReaderSecret,
      dbName: DB_NAME,
      certificatesKey: data.certificatesKey,
      eventBus: messaging.eventBus,
      webhooksTable: data.webhooksTable,
      webhooksKey: data.webhooksKey,
      ordersDbSecrets: { api: data.ordersApiSecret, invoice: data.orderInvoiceSecret },
    },
    tasks: options.tasks,
    corsAllowedOrigins: [web.origin],
    adapterImage: options.adapterImage,
    municipalitiesFile: config.municipalitiesFile,
    providerEndpoint: config.providerEndpoint,
    nacional: config.nacional,
    providerPorts: config.providerPorts,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    adapterMinTasks: config.adapterMinTasks,
    adapterMaxTasks: config.adapterMaxTasks,
    adapterBacklogPerTask: config.adapterBacklogPerTask,
    billing: { readerSecret: data.billingReaderSecret, settings: config.billing },
    outbox: { relaySecret: data.outboxRelaySecret, consumerSecret: data.ordersConsumerSecret, ordersEventsQueue: messaging.ordersEventsQueue },
  });

  const api = new ApiStack(app, name('Api'), {
    ...common,
    description: 'nfse-flow: REST API, Cognito, usage plan, WAF',
    stage: config.stage,
    restApi: { restApiId: apiHost.restApi.ref, rootResourceId: apiHost.restApi.attrRootResourceId, restApiName: apiHost.restApiName },
    functionArns: Object.fromEntries(Object.entries(compute.functions).map(([key, fn]) => [key, fn.functionArn])),
    consoleOrigin: web.origin,
    console: { siteBucket: web.siteBucket },
    publicUrl: apiHost.publicUrl,
    originVerifySecret: apiHost.originVerifySecret,
    extraCallbackUrls: config.consoleCallbackUrls,
    authDomainPrefix: config.authDomainPrefix,
    retainData: config.retainData,
    deletionProtection: config.deletionProtection,
  });
  const observability = new ObservabilityStack(app, name('Observability'), {
    ...common,
    description: 'nfse-flow: dashboard and alarms',
    stage: config.stage,
    stateMachines: workflows.stateMachines,
    requestsQueue: messaging.requestsQueue,
    requestsDlq: messaging.requestsDlq,
    failuresQueue: messaging.failuresQueue,
    billing: { failuresQueue: messaging.billingFailuresQueue, schedulesDlq: workflows.billingSchedules.deadLetterQueue },
    api: api.api,
    functions: compute.functions,
    adapter: { clusterName: compute.adapter.cluster.clusterName, serviceName: compute.adapter.service.serviceName },
    municipalityCodes: config.municipalityCodes,
    alarmsTopic: messaging.alarmsTopic,
    invoiceEventsDlq: compute.invoiceEventsDlq,
  });

  Tags.of(app).add('app', 'nfse-flow');
  Tags.of(app).add('stage', config.stage);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { network, data, messaging, workflows, compute, webEdge, apiHost, web, api, observability };
}
