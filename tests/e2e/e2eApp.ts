import type { Role } from '../../contracts/tenantGrant';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalApp, type AdapterMode, type LocalApp, type LocalAppOptions } from '../../local/app/startLocalApp';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import type { EcsLocalService } from '../../local/ecs/EcsLocalService';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';
import { eventually } from '../harness/eventually';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { SHARED_DLQ_PROCESSOR, SHARED_WEBHOOK_SENDER } from '../harness/sharedFunctions';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { seedCompany } from '../../local/app/seedCompany';
import { seedCompanyCertificate } from '../../local/app/seedCompanyCertificate';
import { TEST_PKI_DIR_ENV } from '../harness/sharedFunctions';
import { logger as handlerLogger } from '../../tasks/shared/logger';

// The in-process handlers log at INFO (each onboarded certificate, for one): quiet in e2e runs
// unless POWERTOOLS_LOG_LEVEL asks otherwise; a suite may raise it with setLogLevel.
if (process.env.POWERTOOLS_LOG_LEVEL === undefined) handlerLogger.setLogLevel('WARN');

/**
 * The local ECS that runs this suite's adapters as child processes. The shared cloud lives in
 * jest's main process, where a suite cannot define services, so an ECS-mode suite gets its own
 * edge with only ECS on it (the adapters still talk to the shared cloud for everything else).
 */
export interface E2eEcs {
  readonly service: EcsLocalService;
  /** Its edge: point the ECS SDK (or the `nfse adapters` CLI, via AWS_ENDPOINT_URL) here. */
  readonly endpoint: string;
  readonly client: ECSClient;
}

/** nfse-flow on the shared test cloud, with its own resource prefix, API, mock and adapter. */
export interface E2eApp {
  readonly app: LocalApp;
  /** The adapters' ECS when they run as ECS tasks (`adapterMode: 'ecs'`). */
  readonly ecs: E2eEcs | undefined;
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly rds: RDSDataClient;
  /**
   * A token for `principal` granted these CNPJs with this role. Each CNPJ gets a company record
   * (DEMO_COMPANY's data) and an A1 certificate from the run's test PKI, uploaded as the API does,
   * unless it has them, as after an onboarding; `{ companies: false }` leaves them without either,
   * `{ certificates: false }` without a certificate.
   */
  token(principal: string, cnpjs: readonly string[], role?: Role, options?: { readonly companies?: boolean; readonly certificates?: boolean }): Promise<string>;
  /** Calls the API as the given token, with the app's API key. */
  call(method: string, urlPath: string, token: string | undefined, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  record(invoiceId: string): Promise<Record<string, unknown> | undefined>;
  /** Polls the record until its status is one of `statuses`. */
  waitForStatus(invoiceId: string, statuses: readonly string[], timeoutMs?: number): Promise<Record<string, unknown>>;
  history(executionArn: string): Promise<HistoryEvent[]>;
  /** The history once the execution has ended (a status in DynamoDB can land before the last states run). */
  finishedHistory(executionArn: string, timeoutMs?: number): Promise<HistoryEvent[]>;
  reportRow(invoiceId: string): Promise<Record<string, string | null> | undefined>;
  object(key: string): Promise<string>;
  stop(): Promise<void>;
}

/** Options of {@link startE2eApp}. */
export interface E2eAppOptions {
  /** How many adapters. @default 1 */
  readonly adapters?: number;
  /** In this process, or as ECS tasks (child processes of `adapter-container/main.ts`) of a suite-local ECS. @default 'in-process' */
  readonly adapterMode?: AdapterMode['mode'];
  /** Environment for the adapters (e.g. `ADAPTER_VISIBILITY_TIMEOUT_SECONDS`), set before they start. @default {} */
  readonly adapterEnv?: Readonly<Record<string, string>>;
  /** Map this app's RequestsDLQ to the shared DLQ processor function. @default false */
  readonly deadLetterProcessor?: boolean;
  /** The console's origin, allowed by the API's CORS. @default 'http://127.0.0.1:3001' */
  readonly consoleOrigin?: string;
  /** The adapters' municipality registry, given the mock's base URL. @default the built-in list */
  readonly municipalities?: LocalAppOptions['municipalities'];
  /** Where the in-process adapters log (JSON lines). @default stdout */
  readonly adapterLog?: LocalAppOptions['adapterLog'];
  /** The app's logger (the local gateway's lines among them). @default silent */
  readonly logger?: pino.Logger;
  /** Where the REST API runs: in this process, or in one of its own as `npm start` runs it. @default 'in-process' */
  readonly apiProcess?: LocalAppOptions['apiProcess'];
  /** The API key's usage plan (throttling). @default the gateway's */
  readonly usagePlan?: LocalAppOptions['usagePlan'];
  /** Upload the dev companies' certificates at start. @default true */
  readonly seedDevCertificates?: boolean;
  /** Where the invoice metrics function (run in this process) hands its EMF documents. @default its debug log */
  readonly invoiceMetricsEmf?: LocalAppOptions['invoiceMetricsEmf'];
}

/** Starts the app for one e2e suite. */
export async function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  const config = testClientConfig();
  const authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-e2e-'));
  // ECS tasks copy process.env when they start; in-process adapters read it too.
  Object.assign(process.env, options.adapterEnv ?? {});
  const count = options.adapters ?? 1;
  let ecsCloud: LocalCloud | undefined;
  let ecs: E2eEcs | undefined;
  let adapters: AdapterMode = { mode: 'in-process', count };
  if (options.adapterMode === 'ecs') {
    ecsCloud = await startLocalCloud({ port: 0, services: ['ecs'], timeScale: timeScale(), logger: pino({ level: 'silent' }) });
    ecs = { service: ecsCloud.services.get('ecs') as EcsLocalService, endpoint: ecsCloud.endpoint, client: new ECSClient({ ...config, endpoint: ecsCloud.endpoint }) };
    adapters = { mode: 'ecs', ecs: ecs.service, count };
  }
  const app = await startLocalApp({
    endpoint: config.endpoint,
    clock: new ScaledClock({ timeScale: timeScale() }),
    timeScale: timeScale(),
    prefix: uniqueName('e2e'),
    webhookSenderFunction: SHARED_WEBHOOK_SENDER,
    apiPort: 0,
    mockPort: 0,
    authDir,
    // The run's PKI (the global setup made it): one CA, one company key pair, for every suite.
    pkiDir: process.env[TEST_PKI_DIR_ENV],
    adapters,
    ...(options.consoleOrigin !== undefined ? { consoleOrigin: options.consoleOrigin } : {}),
    ...(options.municipalities !== undefined ? { municipalities: options.municipalities } : {}),
    ...(options.adapterLog !== undefined ? { adapterLog: options.adapterLog } : {}),
    ...(options.apiProcess !== undefined ? { apiProcess: options.apiProcess } : {}),
    ...(options.usagePlan !== undefined ? { usagePlan: options.usagePlan } : {}),
    ...(options.seedDevCertificates !== undefined ? { seedDevCertificates: options.seedDevCertificates } : {}),
    ...(options.invoiceMetricsEmf !== undefined ? { invoiceMetricsEmf: options.invoiceMetricsEmf } : {}),
    logger: options.logger ?? pino({ level: 'silent' }),
  });
  if (options.deadLetterProcessor === true) {
    await new LambdaClient(config).send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: `arn:aws:sqs:us-east-1:000000000000:${app.names.requestsDlq}`,
        FunctionName: SHARED_DLQ_PROCESSOR,
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
  }
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  const sfn = new SFNClient(config);
  const rds = new RDSDataClient(config);
  const s3 = new S3Client(config);
  const e2e: E2eApp = {
    app,
    ecs,
    ddb,
    s3,
    sfn,
    sqs: new SQSClient(config),
    rds,
    async token(principal, cnpjs, role = 'client', options = {}) {
      if (options.companies !== false) {
        for (const cnpj of cnpjs) {
          await seedCompany(config.endpoint, app.names.companiesTable, cnpj, DEMO_COMPANY);
          if (options.certificates !== false) await seedCompanyCertificate({ endpoint: app.api.endpoint, apiKey: app.apiKey }, app.pki, cnpj, DEMO_COMPANY.razaoSocial);
        }
      }
      const response = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: principal, cnpjs, role }) });
      if (response.status !== 200) throw new Error(`token: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async call(method, urlPath, token, body, headers = {}) {
      const response = await fetch(`${app.api.endpoint}${urlPath}`, {
        method,
        headers: {
          'x-api-key': app.apiKey,
          ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
    },
    async record(invoiceId) {
      return (await ddb.send(new GetCommand({ TableName: app.names.invoicesTable, Key: { invoiceId }, ConsistentRead: true }))).Item;
    },
    async waitForStatus(invoiceId, statuses, timeoutMs = 20_000) {
      return eventually(
        `invoice ${invoiceId} ${statuses.join('|')}`,
        () => e2e.record(invoiceId),
        (item): item is Record<string, unknown> => item !== undefined && statuses.includes(String(item.status)),
        { timeoutMs, intervalMs: 100 },
      );
    },
    async history(executionArn) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      return events;
    },
    async finishedHistory(executionArn, timeoutMs = 20_000) {
      return eventually(
        `execution ${executionArn} to end`,
        () => e2e.history(executionArn),
        (history) => /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(history.at(-1)?.type ?? ''),
        { timeoutMs, intervalMs: 100 },
      );
    },
    async reportRow(invoiceId) {
      const result = await rds.send(
        new ExecuteStatementCommand({
          resourceArn: app.names.dbClusterArn,
          secretArn: app.names.dbSecretArn,
          database: app.names.dbName,
          sql: 'SELECT status, total::text AS total, nfse_number, error, rps_numero::text AS rps_numero FROM nfse.invoices WHERE invoice_id = :id',
          parameters: [{ name: 'id', value: { stringValue: invoiceId } }],
          formatRecordsAs: 'JSON',
        }),
      );
      const rows = JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, string | null>>;
      return rows[0];
    },
    async object(key) {
      const result = await s3.send(new GetObjectCommand({ Bucket: app.names.docsBucket, Key: key }));
      return (await result.Body?.transformToString()) ?? '';
    },
    async stop() {
      // The ECS tasks drain first, while the mock and the API they may still call are up.
      await ecsCloud?.stop();
      await app.stop();
      await fs.rm(authDir, { recursive: true, force: true });
    },
  };
  return e2e;
}

/** The names of the states entered, in order. */
export function statesEntered(events: readonly HistoryEvent[]): string[] {
  return events.map((e) => e.stateEnteredEventDetails?.name).filter((name): name is string => name !== undefined);
}

/** The errors of the task failures, in order. */
export function taskFailures(events: readonly HistoryEvent[]): string[] {
  return events.filter((e) => e.type === 'TaskFailed' || e.type === 'TaskTimedOut').map((e) => e.taskFailedEventDetails?.error ?? e.taskTimedOutEventDetails?.error ?? '?');
}
