import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildChildBundles } from '../../local/app/buildChildBundles';
import { CHILD_BUNDLES_DIR_ENV } from '../../local/app/childScripts';
import { LocalPki } from '../../local/certificates/LocalPki';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';
import { createLogger } from '../../local/createLogger';
import { ensureConsoleBuilt } from '../../local/web/buildConsole';
import type { ServiceName } from '../../local/edge/EdgeRequest';
import { isLambdaService } from '../../local/lambda/LambdaService';
import { handler as deadLetterProcessor } from '../../tasks/processor/handler';
import { ALLOW_LOOPBACK_ENV, handler as webhookSender } from '../../tasks/webhooks/sender/handler';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { orderEventsConsumer } from '../../tasks/outbox/consumer/handler';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { SHARED_DLQ_PROCESSOR, SHARED_ORDERS_CONSUMER, SHARED_ORDERS_CONSUMER_CLUSTER, SHARED_WEBHOOK_SENDER, TEST_PKI_DIR_ENV } from './sharedFunctions';

declare global {
  // `var`, not `let`: only a var declared in `declare global` becomes a property of globalThis.
  var __LOCAL_CLOUD__: LocalCloud | undefined;
}

/** Time scale of the shared test cloud: every local timer runs 10x faster. */
export const TEST_TIME_SCALE = 0.1;

/** Starts the one local cloud of this test run; suites reach it through the env it sets. */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Every API process, adapter task and `nfse` run of the suites starts from one bundle built
  // here, instead of compiling the TypeScript through tsx at each of its hundreds of starts.
  // esbuild bundles in a process of its own, while this one starts the cloud (every worker waits for both).
  const bundles = buildChildBundles();
  // The console (web/dist) too, when its sources changed: a dozen suites serve it, and on a fresh
  // checkout the first of them to start would each run Vite at once, every build emptying the
  // folder another suite's console was serving. Vite builds in a child process, beside the cloud.
  const consoleBuilt = ensureConsoleBuilt();
  // Both awaited below; a failed cloud start must not leave their rejections unhandled.
  bundles.catch(() => undefined);
  consoleBuilt.catch(() => undefined);
  // LOCAL_SERVICES=sqs,states starts only those (for a quick run of one area's suites).
  const services = process.env.LOCAL_SERVICES?.split(',').map((s) => s.trim()) as ServiceName[] | undefined;
  const cloud = await startLocalCloud({ port: 0, timeScale: TEST_TIME_SCALE, services, logger: createLogger(process.env.LOCAL_LOG_LEVEL ?? 'warn') });
  globalThis.__LOCAL_CLOUD__ = cloud;
  // Deployed once, like the Lambda in AWS; each suite maps its own DLQ to it with the SDK.
  const lambda = cloud.services.get('lambda');
  if (isLambdaService(lambda)) {
    lambda.register(SHARED_DLQ_PROCESSOR, deadLetterProcessor, { timeoutSeconds: 60 });
    lambda.register(SHARED_WEBHOOK_SENDER, webhookSender, { timeoutSeconds: 15 });
    // The shared functions run in this process: quiet, as e2eApp quiets the handlers in the suites'.
    if (process.env.POWERTOOLS_LOG_LEVEL === undefined) handlerLogger.setLogLevel('WARN');
    const rds = new RDSDataClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const db = { rds, clusterArn: SHARED_ORDERS_CONSUMER_CLUSTER, secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:nfse-test-orders-consumer', database: 'nfse' };
    lambda.register(SHARED_ORDERS_CONSUMER, orderEventsConsumer(() => db), { timeoutSeconds: 30 });
  }
  // The suites' receivers listen on loopback, as `nfse webhooks listen` does under npm start.
  process.env[ALLOW_LOOPBACK_ENV] = 'true';
  for (const [key, value] of Object.entries(cloud.env)) process.env[key] = value;
  // One test PKI (CA, the mock's server certificate, one company key pair) for the whole run,
  // created here before any worker could race to create it: key generation is the slow part.
  const pkiDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-test-pki-'));
  await LocalPki.open(pkiDir);
  process.env[TEST_PKI_DIR_ENV] = pkiDir;
  process.env.LOCAL_TIME_SCALE = String(TEST_TIME_SCALE);
  process.env[CHILD_BUNDLES_DIR_ENV] = await bundles;
  await consoleBuilt;
}
