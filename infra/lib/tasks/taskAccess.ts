import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV, WORKFLOW_ARN_ENV, type EnvName } from '../../../contracts/wiring';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, type WorkflowSpec } from '../../../workflows/registry';
import { usagePlanPrefix } from '../api/usagePlans';
import { certificateKeyConditions, certificateSecretPrefix, certificateSecretsArn, certificateSecretsFinding, docsObjectsFinding, executionsFinding, objectsArn, stateMachineName, webhookKeyConditions, webhookSecretsArn, webhookSecretsFinding } from '../naming';
import { DEFAULT_BILLING_SCHEMA } from '../../../contracts/billingSchemaSql';
import type { BillingSettings } from '../config/appConfig';

/** DynamoDB actions a task may be given (data plane only). */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'Scan';

/** One thing a task may touch. Each maps to the narrowest IAM statements and the env vars that name it. */
export type TaskAccess =
  | { readonly kind: 'table'; readonly table: 'invoices' | 'requests' | 'tenants' | 'companies' | 'webhooks'; readonly actions: readonly TableAction[]; readonly index?: string }
  | { readonly kind: 'docs'; readonly actions: readonly ('s3:GetObject' | 's3:PutObject')[]; readonly prefixes: readonly string[] }
  | { readonly kind: 'startWorkflow'; readonly workflow: string }
  | { readonly kind: 'manageExecutions'; readonly workflow: string }
  | { readonly kind: 'describeExecutions'; readonly workflow: string }
  /** Lists a workflow's executions and describes them (`ListExecutions`, `DescribeExecution`): nothing that changes one. */
  | { readonly kind: 'listExecutions'; readonly workflow: string }
  /**
   * Lists a workflow's executions and reads them as GET /executions and GET /executions/{arn} show
   * them (`ListExecutions`, `DescribeExecution`, `DescribeStateMachineForExecution`,
   * `GetExecutionHistory`): nothing that changes one.
   */
  | { readonly kind: 'readExecutions'; readonly workflow: string }
  /** Knows a workflow's ARN (its env var) and may call nothing on it. */
  | { readonly kind: 'nameWorkflow'; readonly workflow: string }
  /** Reads `billing.consolidations` through the Data API as `nfse_billing_reader` (`BILLING_SCHEMA` = `billing`). */
  | { readonly kind: 'billingRecords' }
  /** Calls the usage platform and the ERP: their base URLs, and the billing secret with their credentials (`GetSecretValue`). */
  | { readonly kind: 'billingIntegrations' }
  /** Issues the usage invoices as `BILLING_ISSUER_CNPJ`. */
  | { readonly kind: 'billingIssuer' }
  | { readonly kind: 'failures' }
  | { readonly kind: 'reporting' }
  /**
   * The orders' tables through the Data API as one of their database users
   * (`contracts/ordersGrantsSql.ts`): `DB_CLUSTER_ARN`, `DB_SECRET_ARN` (that user's), `DB_NAME`.
   */
  | { readonly kind: 'ordersDatabase'; readonly user: 'api' | 'invoice' }
  | { readonly kind: 'taskTokens' }
  /** Queues a start the StartExecution quota refused (`sqs:SendMessage`, `START_QUEUE_URL`). */
  | { readonly kind: 'deferStarts' }
  /** Signs and checks the `nextToken`s it gives out, with the key in `PAGE_TOKEN_KEY`. */
  | { readonly kind: 'pageTokens' }
  /** Creates and puts new versions of the companies' certificate secrets and moves AWSCURRENT among them; never reads them. */
  | { readonly kind: 'writeCertificateSecrets' }
  /** Creates, reads (to rotate), puts and deletes the webhook endpoints' signing secrets. */
  | { readonly kind: 'manageWebhookSecrets' }
  /** Publishes to the app's event bus. */
  | { readonly kind: 'publishEvents' }
  /**
   * Reads the municipality registry the adapters read: the `municipalitiesFile` bundled with the
   * function (`MUNICIPALITIES_FILE`), or the built-in list (`PROVIDER_ENDPOINT` when given).
   */
  | { readonly kind: 'municipalities' }
  /** Reads the cities' health the adapters write to the city limits table (`Query`, `CITY_LIMITS_TABLE`). */
  | { readonly kind: 'cityHealth' }
  /**
   * Creates, lists and deletes API keys, puts them in the stage's usage plans (`USAGE_PLAN_PREFIX`)
   * and reads their usage: API Gateway's control plane, on its key and usage-plan paths only.
   */
  | { readonly kind: 'apiKeys' };

/** Where a function finds the registry file bundled with it: its task root (LAMBDA_TASK_ROOT, https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime). */
export const BUNDLED_MUNICIPALITIES_FILE = 'municipalities.json';
const LAMBDA_TASK_ROOT = '/var/task';

/** The resources tasks may be given access to. */
export interface TaskResources {
  readonly invoicesTable: dynamodb.ITable;
  readonly requestsTable: dynamodb.ITable;
  readonly tenantsTable: dynamodb.ITable;
  readonly companiesTable: dynamodb.ITable;
  /** The documents bucket's name ({@link docsBucketName}): ARNs are built from it, with no cross-stack export. */
  readonly docsBucketName: string;
  readonly docsKey: kms.IKey;
  readonly requestsDlq: sqs.IQueue;
  readonly failuresQueue: sqs.IQueue;
  /** Starts waiting for the StartExecution quota. */
  readonly startQueue: sqs.IQueue;
  /** By WORKFLOWS key. */
  readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
  /** Names the state machines ({@link stateMachineName}) and the docs bucket. */
  readonly stage: string;
  readonly cluster: rds.IDatabaseCluster;
  /** The secret `reporting` tasks sign in to the Data API with: the report reader's (SELECT only), never the master's. */
  readonly dbSecret: secretsmanager.ISecret;
  /** The Data API secrets of the orders' database users, by `ordersDatabase` user. */
  readonly ordersDbSecrets: { readonly api: secretsmanager.ISecret; readonly invoice: secretsmanager.ISecret };
  readonly dbName: string;
  /** The HMAC key of the API's `nextToken`s (a generated secret, passed as `PAGE_TOKEN_KEY`). */
  readonly pageTokenSecret: secretsmanager.ISecret;
  /** Encrypts the companies' certificate secrets. */
  readonly certificatesKey: kms.IKey;
  readonly eventBus: events.IEventBus;
  /** The adapters' city limits, where they also write each city's health (`health#` items). */
  readonly cityLimitsTable: dynamodb.ITable;
  /** Webhook endpoints and deliveries. */
  readonly webhooksTable: dynamodb.ITable;
  /** Encrypts the webhook signing secrets. */
  readonly webhooksKey: kms.IKey;
  /** Usage billing: the reader's Data API secret, the integrations' secret and where the external systems are. */
  readonly billing: {
    readonly readerSecret: secretsmanager.ISecret;
    readonly integrationsSecret: secretsmanager.ISecret;
    readonly settings: BillingSettings;
  };
  /** The adapters' municipality registry: the `municipalitiesFile` context (from the repository root), or the built-in list's base URL. */
  readonly municipalities: { readonly file?: string; readonly providerEndpoint?: string; readonly nacionalEndpoint?: string };
}

/** A file copied into a function's bundle (its name there), for what it reads at run time. */
export interface BundledFile {
  /** From the repository root. */
  readonly source: string;
  /** Its name in the bundle, next to the handler. */
  readonly target: string;
}

/** What a task's access list becomes. */
export interface TaskGrants {
  readonly statements: iam.PolicyStatement[];
  readonly environment: Record<string, string>;
  /** The cdk-nag IAM5 findings the wildcards above raise (acknowledged with the reason they exist). */
  readonly wildcardFindings: string[];
  /** Files the function's bundle must hold. */
  readonly bundledFiles: BundledFile[];
}

/** {@link WORKFLOW_ARN_ENV} by any key an access list may name, so an unknown one is caught at synth. */
const ARN_ENV_BY_KEY: Readonly<Record<string, EnvName | undefined>> = WORKFLOW_ARN_ENV;

/** The IAM statements and environment variables an access list grants, scoped to the named resources only. */
export function taskGrants(scope: Construct, access: readonly TaskAccess[], resources: TaskResources): TaskGrants {
  const statements: iam.PolicyStatement[] = [];
  const wildcardFindings = new Set<string>();
  const bundledFiles: BundledFile[] = [];
  const environment: Partial<Record<EnvName | string, string>> = {};
  const stateMachine = (key: string): sfn.StateMachine => {
    const machine = resources.stateMachines[key];
    if (machine === undefined) throw new Error(`a task needs workflow '${key}', which workflows/registry.ts WORKFLOWS does not define yet`);
    const env = ARN_ENV_BY_KEY[key];
    if (env === undefined) throw new Error(`workflow '${key}' has no ARN env var in contracts/wiring.ts WORKFLOW_ARN_ENV`);
    environment[env] = machine.stateMachineArn;
    return machine;
  };
  /** Every execution of a workflow: execution names are invoice ids, hence the `*`. */
  const executions = (key: string): string => {
    const spec: WorkflowSpec | undefined = { ...ALL_WORKFLOWS, ...BILLING_WORKFLOWS, ...ORDER_WORKFLOWS }[key];
    if (spec === undefined) throw new Error(`a task needs workflow '${key}', which workflows/registry.ts WORKFLOWS does not define yet`);
    const stack = Stack.of(scope);
    const name = stateMachineName(resources.stage, spec.name);
    wildcardFindings.add(executionsFinding(stack.region, name));
    return stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  };
  for (const item of access) {
    switch (item.kind) {
      case 'table': {
        const table = { invoices: resources.invoicesTable, requests: resources.requestsTable, tenants: resources.tenantsTable, companies: resources.companiesTable, webhooks: resources.webhooksTable }[item.table];
        const env = { invoices: ENV.InvoicesTable, requests: ENV.RequestsTable, tenants: ENV.TenantsTable, companies: ENV.CompaniesTable, webhooks: ENV.WebhooksTable }[item.table];
        environment[env] = table.tableName;
        const onIndex = item.index !== undefined ? item.actions.filter((action) => action === 'Query') : [];
        const onTable = item.actions.filter((action) => !(item.index !== undefined && action === 'Query'));
        if (onTable.length > 0) statements.push(new iam.PolicyStatement({ actions: onTable.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
        if (onIndex.length > 0) statements.push(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${item.index}`] }));
        break;
      }
      case 'docs': {
        environment[ENV.DocsBucket] = resources.docsBucketName;
        statements.push(new iam.PolicyStatement({ actions: [...item.actions], resources: item.prefixes.map((prefix) => objectsArn(resources.docsBucketName, prefix)) }));
        for (const prefix of item.prefixes) wildcardFindings.add(docsObjectsFinding(resources.stage, prefix));
        const keyActions = [...new Set(item.actions.map((action) => (action === 's3:GetObject' ? 'kms:Decrypt' : 'kms:GenerateDataKey')))];
        statements.push(new iam.PolicyStatement({ actions: keyActions, resources: [resources.docsKey.keyArn] }));
        break;
      }
      case 'startWorkflow':
        statements.push(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachine(item.workflow).stateMachineArn] }));
        break;
      case 'manageExecutions': {
        const machine = stateMachine(item.workflow);
        statements.push(new iam.PolicyStatement({ actions: ['states:ListExecutions', 'states:DescribeStateMachine'], resources: [machine.stateMachineArn] }));
        statements.push(
          new iam.PolicyStatement({
            actions: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory', 'states:RedriveExecution', 'states:StopExecution'],
            resources: [executions(item.workflow)],
          }),
        );
        break;
      }
      case 'describeExecutions':
        stateMachine(item.workflow);
        statements.push(new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resources: [executions(item.workflow)] }));
        break;
      case 'listExecutions':
        statements.push(new iam.PolicyStatement({ actions: ['states:ListExecutions'], resources: [stateMachine(item.workflow).stateMachineArn] }));
        statements.push(new iam.PolicyStatement({ actions: ['states:DescribeExecution'], resources: [executions(item.workflow)] }));
        break;
      case 'readExecutions':
        statements.push(new iam.PolicyStatement({ actions: ['states:ListExecutions'], resources: [stateMachine(item.workflow).stateMachineArn] }));
        statements.push(new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], resources: [executions(item.workflow)] }));
        break;
      case 'nameWorkflow':
        stateMachine(item.workflow);
        break;
      case 'billingRecords':
        environment[ENV.DbClusterArn] = resources.cluster.clusterArn;
        environment[ENV.DbSecretArn] = resources.billing.readerSecret.secretArn;
        environment[ENV.DbName] = resources.dbName;
        environment[ENV.BillingSchema] = DEFAULT_BILLING_SCHEMA;
        statements.push(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [resources.cluster.clusterArn] }));
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resources.billing.readerSecret.secretArn] }));
        break;
      case 'billingIntegrations': {
        const { settings, integrationsSecret } = resources.billing;
        // Read once per cold start by tasks/billing/billingClients.ts.
        environment[ENV.BillingSecretArn] = integrationsSecret.secretArn;
        if (settings.usageApiUrl !== undefined) environment[ENV.UsageApiUrl] = settings.usageApiUrl;
        environment[ENV.ErpApiUrl] = settings.erpApiUrl;
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [integrationsSecret.secretArn] }));
        break;
      }
      case 'billingIssuer':
        if (resources.billing.settings.issuerCnpj !== undefined) environment[ENV.BillingIssuerCnpj] = resources.billing.settings.issuerCnpj;
        break;
      case 'failures':
        environment[ENV.FailuresQueueUrl] = resources.failuresQueue.queueUrl;
        statements.push(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'], resources: [resources.failuresQueue.queueArn] }));
        break;
      case 'deferStarts':
        environment[ENV.StartQueueUrl] = resources.startQueue.queueUrl;
        statements.push(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [resources.startQueue.queueArn] }));
        break;
      case 'reporting':
        environment[ENV.DbClusterArn] = resources.cluster.clusterArn;
        environment[ENV.DbSecretArn] = resources.dbSecret.secretArn;
        environment[ENV.DbName] = resources.dbName;
        statements.push(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [resources.cluster.clusterArn] }));
        // The Data API reads the secret with the caller's credentials: GetSecretValue on that one secret is all it needs.
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resources.dbSecret.secretArn] }));
        break;
      case 'ordersDatabase': {
        const secret = resources.ordersDbSecrets[item.user];
        environment[ENV.DbClusterArn] = resources.cluster.clusterArn;
        environment[ENV.DbSecretArn] = secret.secretArn;
        environment[ENV.DbName] = resources.dbName;
        statements.push(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [resources.cluster.clusterArn] }));
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
        break;
      }
      case 'taskTokens':
        // Task-token calls are authorised on "*" only: https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
        statements.push(new iam.PolicyStatement({ actions: ['states:SendTaskFailure'], resources: ['*'] }));
        wildcardFindings.add('Resource::*');
        break;
      case 'writeCertificateSecrets':
        environment[ENV.CertificateSecretPrefix] = certificateSecretPrefix(resources.stage);
        environment[ENV.CertificateKmsKeyId] = resources.certificatesKey.keyArn;
        // DescribeSecret and UpdateSecretVersionStage make an earlier version current again (a rollback); neither reads a value.
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:UpdateSecretVersionStage'], resources: [certificateSecretsArn(resources.stage)] }));
        // Secrets Manager encrypts a new version with a data key it asks for on the caller's behalf.
        statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [resources.certificatesKey.keyArn], conditions: certificateKeyConditions(resources.stage) }));
        wildcardFindings.add(certificateSecretsFinding(resources.stage));
        break;
      case 'manageWebhookSecrets':
        environment[ENV.WebhookSecretPrefix] = certificateSecretPrefix(resources.stage);
        environment[ENV.WebhookKmsKeyId] = resources.webhooksKey.keyArn;
        // GetSecretValue: a rotation keeps the current secret as the previous one for a day.
        statements.push(new iam.PolicyStatement({ actions: ['secretsmanager:CreateSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:DeleteSecret'], resources: [webhookSecretsArn(resources.stage)] }));
        statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [resources.webhooksKey.keyArn], conditions: webhookKeyConditions(resources.stage) }));
        wildcardFindings.add(webhookSecretsFinding(resources.stage));
        break;
      case 'publishEvents':
        environment[ENV.EventBusName] = resources.eventBus.eventBusName;
        statements.push(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [resources.eventBus.eventBusArn] }));
        break;
      case 'municipalities': {
        // The very file the adapter image ships, so the API and the adapters never disagree on a city.
        const { file, providerEndpoint, nacionalEndpoint } = resources.municipalities;
        if (file !== undefined) {
          bundledFiles.push({ source: file, target: BUNDLED_MUNICIPALITIES_FILE });
          environment[ENV.MunicipalitiesFile] = `${LAMBDA_TASK_ROOT}/${BUNDLED_MUNICIPALITIES_FILE}`;
        } else {
          if (providerEndpoint !== undefined) environment[ENV.ProviderEndpoint] = providerEndpoint;
          // The built-in list's national cities, as the adapter has them (their CA file is the adapter's only).
          if (nacionalEndpoint !== undefined) environment.NACIONAL_ENDPOINT = nacionalEndpoint;
        }
        break;
      }
      case 'cityHealth':
        environment[ENV.CityLimitsTable] = resources.cityLimitsTable.tableName;
        statements.push(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [resources.cityLimitsTable.tableArn] }));
        break;
      case 'apiKeys': {
        environment[ENV.UsagePlanPrefix] = usagePlanPrefix(resources.stage);
        // API Gateway's control plane is authorised by HTTP verb on resource paths: these are the
        // paths of CreateApiKey, GetApiKey(s), DeleteApiKey, GetUsagePlans, CreateUsagePlanKey and
        // GetUsage, and the tags CreateApiKey writes. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-create-and-manage-api.html
        const stack = Stack.of(scope);
        const path = (resource: string): string => stack.formatArn({ service: 'apigateway', account: '', resource });
        const grant = (verb: 'GET' | 'POST' | 'DELETE', paths: readonly string[]): void => {
          statements.push(new iam.PolicyStatement({ actions: [`apigateway:${verb}`], resources: paths.map(path) }));
          for (const wildcard of paths.filter((candidate) => candidate.includes('*'))) wildcardFindings.add(`Resource::arn:<AWS::Partition>:apigateway:${stack.region}::${wildcard}`);
        };
        grant('GET', ['/apikeys', '/apikeys/*', '/usageplans', '/usageplans/*/usage']);
        grant('POST', ['/apikeys', '/usageplans/*/keys', '/tags/*']);
        grant('DELETE', ['/apikeys/*']);
        break;
      }
      case 'pageTokens':
        // A CloudFormation dynamic reference: the value is resolved at deploy time into the
        // function's (KMS-encrypted) environment, and never appears in the template.
        environment[ENV.PageTokenKey] = resources.pageTokenSecret.secretValue.unsafeUnwrap();
        break;
      default: {
        const never: never = item;
        throw new Error(`unknown access ${JSON.stringify(never)}`);
      }
    }
  }
  return { statements, environment: environment as Record<string, string>, wildcardFindings: [...wildcardFindings], bundledFiles };
}

