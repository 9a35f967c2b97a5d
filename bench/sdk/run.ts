/**
 * CPU per call of the AWS SDK clients on emission's hot path, with the clients as the API
 * (`tasks/shared/clients.ts`) and the adapter (`adapter-container/worker/adapterClients.ts`) build
 * them, against a local cloud in a process of its own (so this process's CPU is the clients'
 * alone: middleware, serialization, SigV4, checksums, Node's HTTP). Each command runs
 * sequentially, after a warm-up, and prints the CPU per call (`process.cpuUsage`, user + system)
 * and the sum an invoice makes. Prints figures; never run as a test.
 *
 *   npx tsx bench/sdk/run.ts            BENCH_SDK_CALLS=1000 npx tsx bench/sdk/run.ts
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CALLS = Number(process.env.BENCH_SDK_CALLS ?? 300);
const WARM_UP = 150;
const TABLE = 'bench-sdk-invoices';
const LEASES = 'bench-sdk-leases';
const BUCKET = 'bench-sdk-docs';

/** A document of `bytes` characters, XML-like, as the RPS, the NFS-e and the PDF roughly are. */
function doc(bytes: number): string {
  const unit = '<Servico><Valores><ValorServicos>100.00</ValorServicos></Valores></Servico>';
  return `<?xml version="1.0" encoding="UTF-8"?>${unit.repeat(Math.ceil(bytes / unit.length))}`.slice(0, bytes);
}

async function startCloud(): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child = fork(path.join(__dirname, 'cloudProcess.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('message', (message: { env: Record<string, string> }) => resolve(message.env));
    child.once('exit', (code) => reject(new Error(`the cloud process exited ${String(code)}`)));
  });
  return { env, stop: () => child.disconnect() };
}

interface Figure {
  readonly name: string;
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** CPU per call of `call(i)` for i in [0, calls), sequentially, after `warmUp` calls not counted. */
async function perCall(name: string, calls: number, call: (i: number) => Promise<unknown>, warmUp = WARM_UP): Promise<Figure> {
  for (let i = 0; i < warmUp; i++) await call(i);
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  for (let i = warmUp; i < warmUp + calls; i++) await call(i);
  const used = process.cpuUsage(cpu);
  const figure = { name, cpuMs: (used.user + used.system) / 1000 / calls, wallMs: Number(process.hrtime.bigint() - wall) / 1e6 / calls };
  console.log(`  ${name.padEnd(52)} ${figure.cpuMs.toFixed(3)} ms CPU  (${figure.wallMs.toFixed(2)} ms wall)`);
  return figure;
}

/**
 * CPU per call of each variant of one call, the variants alternated in `rounds` rounds of
 * `calls / rounds` calls each, each round starting with the next variant (so a change of the
 * machine's load, or a cost of going first, falls on all of them alike).
 */
async function compare(name: string, calls: number, variants: Readonly<Record<string, (i: number) => Promise<unknown>>>, rounds = 6): Promise<Record<string, number>> {
  const cpuUs: Record<string, number> = {};
  const perRound = Math.ceil(calls / rounds);
  let i = 0;
  for (const call of Object.values(variants)) for (let w = 0; w < WARM_UP; w++) await call(i++);
  const entries = Object.entries(variants);
  for (let r = 0; r < rounds; r++) {
    // Each round starts with the next variant, so none always runs first or last.
    for (const [variant, call] of [...entries.slice(r % entries.length), ...entries.slice(0, r % entries.length)]) {
      const cpu = process.cpuUsage();
      for (let n = 0; n < perRound; n++) await call(i++);
      const used = process.cpuUsage(cpu);
      cpuUs[variant] = (cpuUs[variant] ?? 0) + used.user + used.system;
    }
  }
  const perCallMs = Object.fromEntries(Object.entries(cpuUs).map(([variant, us]) => [variant, us / 1000 / (perRound * rounds)]));
  console.log(`  ${name}: ${Object.entries(perCallMs).map(([variant, ms]) => `${variant} ${ms.toFixed(3)} ms`).join(', ')}`);
  return perCallMs;
}

async function main(): Promise<void> {
  const cloud = await startCloud();
  Object.assign(process.env, cloud.env);
  // Imported once the environment names the cloud: the clients read it when built.
  const { awsClients } = await import('../../tasks/shared/clients');
  const { ADAPTER_CLIENTS } = await import('../../adapter-container/worker/adapterClients');
  const api = awsClients();
  const adapter = { sqs: ADAPTER_CLIENTS.sqs(), pollSqs: ADAPTER_CLIENTS.pollSqs(), sfn: ADAPTER_CLIENTS.sfn(), s3: ADAPTER_CLIENTS.s3(), dynamodb: ADAPTER_CLIENTS.dynamodb() };
  try {
    await api.dynamodb.send(new CreateTableCommand({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'invoiceId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    await api.dynamodb.send(
      new CreateTableCommand({
        TableName: LEASES,
        AttributeDefinitions: [{ AttributeName: 'city', AttributeType: 'S' }, { AttributeName: 'slot', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'city', KeyType: 'HASH' }, { AttributeName: 'slot', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await api.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const queueUrl = (await api.sqs.send(new CreateQueueCommand({ QueueName: 'bench-sdk-requests' }))).QueueUrl ?? '';
    const definition = {
      StartAt: 'Request',
      States: { Request: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: queueUrl, 'MessageBody.$': 'States.JsonToString($$.Task.Token)' }, End: true } },
    };
    const stateMachineArn = (await api.sfn.send(new CreateStateMachineCommand({ name: 'bench-sdk', roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify(definition) }))).stateMachineArn ?? '';

    const rpsXml = doc(3_000);
    const signedRps = doc(4_000);
    const nfseXml = doc(5_000);
    const danfse = Buffer.from(doc(4_500));
    const run = Date.now().toString(36);
    const figures: Figure[] = [];
    console.log(`AWS SDK CPU per call, ${CALLS} calls each after ${WARM_UP} to warm up (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    console.log('API process (POST /invoices):');
    figures.push(
      await perCall('DynamoDB UpdateItem (RPS counter)', CALLS, (i) =>
        api.dynamodb.send(new UpdateItemCommand({ TableName: TABLE, Key: { invoiceId: { S: `RPS#${i % 10}` } }, UpdateExpression: 'ADD lastNumber :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })),
      ),
    );
    figures.push(
      await perCall('DynamoDB PutItem (record, conditional)', CALLS, (i) =>
        api.dynamodb.send(
          new PutItemCommand({
            TableName: TABLE,
            Item: {
              invoiceId: { S: `${run}-${i}` },
              companyCnpj: { S: '11222333000181' },
              municipalityCode: { S: '3550308' },
              total: { S: '100.00' },
              status: { S: 'EMITTED' },
              createdAt: { S: new Date().toISOString() },
              xmlKey: { S: `xml/${run}-${i}.xml` },
              nfseXmlKey: { S: `nfse/${run}-${i}.xml` },
              rps: { M: { serie: { S: 'A' }, numero: { N: String(i) } } },
            },
            ConditionExpression: 'attribute_not_exists(invoiceId)',
          }),
        ),
      ),
    );
    figures.push(await perCall('S3 PutObject (RPS XML, 3 kB)', CALLS, (i) => api.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `xml/${run}-${i}.xml`, Body: rpsXml, ContentType: 'application/xml' }))));
    figures.push(await perCall('SFN StartExecution', CALLS, (i) => api.sfn.send(new StartExecutionCommand({ stateMachineArn, name: `${run}-${i}`, input: JSON.stringify({ invoiceId: `${run}-${i}` }) }))));

    console.log('adapter process (a message):');
    const messages: Message[] = [];
    let receives = 0;
    const receiveCpu = process.cpuUsage();
    while (messages.length < CALLS + WARM_UP) {
      const received = await adapter.pollSqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 600, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'AWSTraceHeader', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'] }));
      receives++;
      messages.push(...(received.Messages ?? []));
    }
    const received = process.cpuUsage(receiveCpu);
    const receiveFigure = { name: 'SQS ReceiveMessage (10 a call)', cpuMs: (received.user + received.system) / 1000 / receives, wallMs: 0 };
    console.log(`  ${receiveFigure.name.padEnd(52)} ${receiveFigure.cpuMs.toFixed(3)} ms CPU  (${receives} calls, ${messages.length} messages)`);
    const tokens = messages.map((m) => JSON.parse(m.Body ?? '""') as string);
    figures.push(await perCall('SFN SendTaskHeartbeat', CALLS, (i) => adapter.sfn.send(new SendTaskHeartbeatCommand({ taskToken: tokens[i] }))));
    figures.push(await perCall('S3 GetObject (RPS XML) + body', CALLS, async (i) => (await adapter.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `xml/${run}-${i}.xml` }))).Body?.transformToString()));
    figures.push(await perCall('S3 PutObject (signed RPS, 4 kB)', CALLS, (i) => adapter.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `signed/${run}-${i}.xml`, Body: signedRps, ContentType: 'application/xml' }))));
    figures.push(await perCall('S3 PutObject (NFS-e XML, 5 kB)', CALLS, (i) => adapter.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `nfse/${run}-${i}.xml`, Body: nfseXml, ContentType: 'application/xml; charset=utf-8' }))));
    figures.push(await perCall('S3 PutObject (DANFSe, 4.5 kB bytes)', CALLS, (i) => adapter.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `danfse/${run}-${i}.pdf`, Body: danfse, ContentType: 'application/pdf' }))));
    figures.push(
      await perCall('DynamoDB UpdateItem (city lease, document client)', CALLS, (i) =>
        adapter.dynamodb.send(
          new UpdateCommand({
            TableName: LEASES,
            Key: { city: '3550308', slot: `lease#${i % 20}` },
            UpdateExpression: 'SET holder = :holder, expiresAt = :expiresAt, #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(holder) OR expiresAt < :now',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':holder': 'task', ':expiresAt': Date.now() - 1, ':ttl': 1, ':now': Date.now() },
          }),
        ),
      ),
    );
    figures.push(await perCall('SFN SendTaskSuccess', CALLS, (i) => adapter.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[i], output: JSON.stringify({ outcome: 'issued', nfseNumber: String(i), nfseXmlKey: `nfse/${i}.xml` }) }))));
    const batches = Math.floor(messages.length / 10);
    const deleteFigure = await perCall(
      'SQS DeleteMessageBatch (10 a call)',
      batches - 5,
      (b) => adapter.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.slice(b * 10, b * 10 + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? '' })) })),
      5,
    );

    console.log('the options weighed, alternated in rounds:');
    const sdkDefaultS3 = new S3Client({ cacheMiddleware: true });
    await compare('S3 PutObject (signed RPS, 4 kB)', CALLS, {
      'SDK default checksums (CRC32)': (i) => sdkDefaultS3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `cmp/${run}-${i}.xml`, Body: signedRps, ContentType: 'application/xml' })),
      'as configured': (i) => adapter.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `cmp/${run}-${i}.xml`, Body: signedRps, ContentType: 'application/xml' })),
    });
    await compare('S3 GetObject (RPS XML) + body', CALLS, {
      'SDK default checksums (CRC32)': async (i) => (await sdkDefaultS3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `cmp/${run}-${i % 50}.xml` }))).Body?.transformToString(),
      'as configured': async (i) => (await adapter.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `cmp/${run}-${i % 50}.xml` }))).Body?.transformToString(),
    });
    const emptyQueueUrl = (await api.sqs.send(new CreateQueueCommand({ QueueName: 'bench-sdk-empty' }))).QueueUrl ?? '';
    const uncachedSqs = new SQSClient({});
    const poll = new AbortController();
    const emptyReceive = (): ReceiveMessageCommand => new ReceiveMessageCommand({ QueueUrl: emptyQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'AWSTraceHeader', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'] });
    await compare('SQS ReceiveMessage (empty queue)', CALLS, {
      'an abort signal, no middleware cache': () => uncachedSqs.send(emptyReceive(), { abortSignal: poll.signal }),
      'as configured (no options, cached)': () => adapter.pollSqs.send(emptyReceive()),
    });
    const plainDynamodb = new DynamoDBClient({ cacheMiddleware: true });
    const leaseInput = (i: number): { Key: Record<string, unknown>; Values: Record<string, unknown> } => ({ Key: { city: '3550308', slot: `lease#${i % 20}` }, Values: { ':holder': 'task', ':expiresAt': Date.now() - 1, ':ttl': 1, ':now': Date.now() } });
    const leaseUpdate = { TableName: LEASES, UpdateExpression: 'SET holder = :holder, expiresAt = :expiresAt, #ttl = :ttl', ConditionExpression: 'attribute_not_exists(holder) OR expiresAt < :now', ExpressionAttributeNames: { '#ttl': 'ttl' } };
    await compare('DynamoDB UpdateItem (city lease)', CALLS, {
      'DocumentClient': (i) => adapter.dynamodb.send(new UpdateCommand({ ...leaseUpdate, Key: leaseInput(i).Key, ExpressionAttributeValues: leaseInput(i).Values })),
      'plain client, cached middleware, marshall': (i) => plainDynamodb.send(new UpdateItemCommand({ ...leaseUpdate, Key: marshall(leaseInput(i).Key), ExpressionAttributeValues: marshall(leaseInput(i).Values) })),
    });

    const cpu = (name: string): number => figures.find((f) => f.name.startsWith(name))?.cpuMs ?? Number.NaN;
    const apiSum = cpu('DynamoDB UpdateItem (RPS') + cpu('DynamoDB PutItem') + cpu('S3 PutObject (RPS') + cpu('SFN StartExecution');
    // An invoice in the adapter: the calls of one message, the 0.6 lease requests an invoice
    // bench:emission counted, and its share of a receive and a delete of up to 10.
    const adapterSum =
      cpu('SFN SendTaskHeartbeat') + cpu('S3 GetObject') + cpu('S3 PutObject (signed') + cpu('S3 PutObject (NFS-e') + cpu('S3 PutObject (DANFSe') + 0.6 * cpu('DynamoDB UpdateItem (city') + cpu('SFN SendTaskSuccess') + 0.35 * receiveFigure.cpuMs + 0.25 * deleteFigure.cpuMs;
    console.log(`an invoice's SDK calls: API ${apiSum.toFixed(2)} ms, adapter ${adapterSum.toFixed(2)} ms (0.6 lease, 0.35 receive, 0.25 delete batch an invoice), load average ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    cloud.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
