/**
 * SQS emulator benchmark, with the real SDK over HTTP against a local cloud started in this
 * process: throughput of send → receive → delete in batches of 10 with 4 producers and 4
 * consumers (SDK clients in worker threads, so client and emulator use both cores), and the
 * wake-up latency of a waiting long poll. Each is measured twice: with the AWS SDK v3 clients
 * (what the app uses; their own CPU caps the figure on 2 cores) and with lean clients speaking the
 * same AWS JSON 1.0 protocol over real HTTP (LeanSqsClient), which shows the emulator's own
 * capacity. Prints figures; never run as a test.
 *
 *   npm run bench:sqs            BENCH_SQS_MESSAGES=100000 npm run bench:sqs
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../../local/createLogger';
import { startLocalCloud } from '../../local/startLocalCloud';
import { leanWakeUpLatency, runLeanWorker } from './leanRuns';

// The SDK nags about Node < 22 in every thread; we support Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TOTAL_MESSAGES = Number(process.env.BENCH_SQS_MESSAGES ?? 50_000);
const WORKERS = 2;
const PRODUCERS_PER_WORKER = 2;
const CONSUMERS_PER_WORKER = 2;
const LATENCY_SAMPLES = Number(process.env.BENCH_SQS_SAMPLES ?? 300);
const BODY = JSON.stringify({ invoiceId: '01JABCDEFGHJKMNPQRSTVWXYZ0', kind: 'emit', attempt: 0, taskToken: 't'.repeat(200) });

/** Which clients drive the emulator. */
type ClientKind = 'sdk' | 'lean';

/** One run the main thread hands each worker. */
interface WorkerJob {
  readonly client: ClientKind;
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly toSend: number;
  /** [messages deleted so far, by all workers] */
  readonly deleted: Int32Array;
  readonly total: number;
}

/** Client threads, kept for the warm-up and the measured run (so the measured one runs JIT-warm). */
class ClientWorkers {
  private readonly workers: Worker[];

  public constructor(count: number) {
    // Load this file in each worker through tsx, as the main thread was.
    this.workers = Array.from({ length: count }, () => new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true }));
  }

  public get size(): number {
    return this.workers.length;
  }

  public run(jobs: readonly WorkerJob[]): Promise<void> {
    return Promise.all(
      this.workers.map(
        (worker, i) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve());
            worker.once('error', reject);
            worker.postMessage(jobs[i]);
          }),
      ),
    ).then(() => undefined);
  }

  public async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function client(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

async function createQueue(endpoint: string, name: string): Promise<string> {
  const { QueueUrl } = await client(endpoint).send(new CreateQueueCommand({ QueueName: name }));
  if (QueueUrl === undefined) throw new Error('no QueueUrl');
  return QueueUrl;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** One worker thread: its producers send `toSend` messages; its consumers receive and delete until all are gone. */
async function runWorker(job: WorkerJob): Promise<void> {
  if (job.client === 'lean') return runLeanWorker(job, { body: BODY, producers: PRODUCERS_PER_WORKER, consumers: CONSUMERS_PER_WORKER });
  let toSend = job.toSend;
  const producer = async (): Promise<void> => {
    const sqs = client(job.endpoint);
    while (toSend > 0) {
      const n = Math.min(10, toSend);
      toSend -= n;
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: job.queueUrl, Entries: Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: BODY })) }));
    }
  };
  const consumer = async (): Promise<void> => {
    const sqs = client(job.endpoint);
    while (Atomics.load(job.deleted, 0) < job.total) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: job.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (Messages.length === 0) continue;
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: job.queueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
      Atomics.add(job.deleted, 0, Messages.length);
    }
  };
  await Promise.all([...Array.from({ length: PRODUCERS_PER_WORKER }, producer), ...Array.from({ length: CONSUMERS_PER_WORKER }, consumer)]);
}

/** What one throughput run measured. */
interface ThroughputRun {
  readonly rate: number;
  readonly wallSeconds: number;
  /** CPU of the whole process: emulator and SDK clients. */
  readonly cpuSeconds: number;
  /** CPU of the main thread, where only the emulator (edge + SQS) runs. */
  readonly emulatorSeconds: number;
}

/**
 * CPU seconds used so far by the main thread alone (where only the emulator runs during a
 * throughput run): from /proc on Linux, else the event loop's busy time (which also counts time
 * the thread waited for a core).
 */
function mainThreadCpuSeconds(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return performance.eventLoopUtilization().active / 1000;
  }
}

/** Runs `total` messages through a new queue with the `client` clients of the worker threads. */
async function throughput(endpoint: string, workers: ClientWorkers, total: number, kind: ClientKind): Promise<ThroughputRun> {
  const { QueueUrl } = await client(endpoint).send(new CreateQueueCommand({ QueueName: `bench-throughput-${Date.now()}` }));
  if (QueueUrl === undefined) throw new Error('no QueueUrl');
  const deleted = new Int32Array(new SharedArrayBuffer(4));
  const jobs = Array.from({ length: workers.size }, (_, w): WorkerJob => ({ client: kind, endpoint, queueUrl: QueueUrl, toSend: Math.floor(total / workers.size) + (w === 0 ? total % workers.size : 0), deleted, total }));
  const cpuBefore = process.cpuUsage();
  const emulatorBefore = mainThreadCpuSeconds();
  const started = performance.now();
  await workers.run(jobs);
  const wallSeconds = (performance.now() - started) / 1000;
  const emulatorSeconds = mainThreadCpuSeconds() - emulatorBefore;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: total / wallSeconds, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, emulatorSeconds };
}

/** Wake-up of a waiting receive: from issuing the send, and from the send's acknowledgement. */
async function wakeUpLatency(endpoint: string): Promise<{ fromSend: number[]; fromAck: number[] }> {
  const { QueueUrl } = await client(endpoint).send(new CreateQueueCommand({ QueueName: `bench-latency-${Date.now()}` }));
  const producer = client(endpoint);
  const consumer = client(endpoint);
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
    let received = Number.NaN;
    const waiting = consumer.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then((output) => {
      received = performance.now();
      return output;
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // let the receive reach the emulator and wait
    const t0 = performance.now();
    let acked = Number.NaN;
    const [, { Messages = [] }] = await Promise.all([
      producer.send(new SendMessageCommand({ QueueUrl, MessageBody: `ping ${i}` })).then(() => {
        acked = performance.now();
      }),
      waiting,
    ]);
    if (Messages.length !== 1) throw new Error('the waiting receive came back empty');
    if (i >= 20) {
      fromSend.push(received - t0);
      fromAck.push(Math.max(0, received - acked));
    }
    await consumer.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle })) }));
  }
  return { fromSend: fromSend.sort((a, b) => a - b), fromAck: fromAck.sort((a, b) => a - b) };
}

const CLIENT_LABELS: Readonly<Record<ClientKind, string>> = {
  sdk: 'AWS SDK v3 clients',
  lean: 'lean JSON 1.0 clients (keep-alive, pre-serialised bodies; real HTTP through the edge)',
};

function report(kind: ClientKind, run: ThroughputRun, latency: { fromSend: number[]; fromAck: number[] }): string[] {
  const cores = os.cpus().length;
  return [
    `[${kind}] ${CLIENT_LABELS[kind]}`,
    `  throughput: ${Math.round(run.rate).toLocaleString('en-US')} messages/s (send -> receive -> delete, batches of 10, ${WORKERS * PRODUCERS_PER_WORKER} producers, ${WORKERS * CONSUMERS_PER_WORKER} consumers, ${TOTAL_MESSAGES.toLocaleString('en-US')} messages in ${run.wallSeconds.toFixed(1)} s; goal >= 10,000: ${run.rate >= 10_000 ? 'yes' : 'NO'})`,
    `    cpu: ${run.cpuSeconds.toFixed(1)} s for emulator + clients (${Math.round(TOTAL_MESSAGES / run.cpuSeconds).toLocaleString('en-US')} messages per cpu-second); this process got ${((run.cpuSeconds / run.wallSeconds / cores) * 100).toFixed(0)}% of ${cores} cores`,
    `    emulator thread cpu ${run.emulatorSeconds.toFixed(1)} s: ${Math.round(TOTAL_MESSAGES / run.emulatorSeconds).toLocaleString('en-US')} messages per cpu-second of the emulator (edge + SQS; its capacity on one free core)`,
    `  long-poll wake-up (send issued -> waiting receive answered): p50 ${percentile(latency.fromSend, 50).toFixed(2)} ms, p99 ${percentile(latency.fromSend, 99).toFixed(2)} ms (${latency.fromSend.length} samples; goal p99 < 5 ms: ${percentile(latency.fromSend, 99) < 5 ? 'yes' : 'NO'})`,
    `    after the send's acknowledgement: p50 ${percentile(latency.fromAck, 50).toFixed(2)} ms, p99 ${percentile(latency.fromAck, 99).toFixed(2)} ms (0 when the receive is answered first)`,
  ];
}

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, services: ['sqs'], logger: createLogger('warn') });
  const workers = new ClientWorkers(WORKERS);
  const kinds = (process.env.BENCH_SQS_CLIENTS ?? 'sdk,lean').split(',').map((k) => k.trim()).filter((k): k is ClientKind => k === 'sdk' || k === 'lean');
  const loadBefore = os.loadavg();
  try {
    const lines: string[] = [];
    for (const kind of kinds) {
      await throughput(cloud.endpoint, workers, Math.min(20_000, TOTAL_MESSAGES), kind); // warm-up: JIT, sockets
      const run = await throughput(cloud.endpoint, workers, TOTAL_MESSAGES, kind);
      const latency = kind === 'sdk' ? await wakeUpLatency(cloud.endpoint) : await leanWakeUpLatency(cloud.endpoint, await createQueue(cloud.endpoint, `bench-latency-lean-${Date.now()}`), LATENCY_SAMPLES);
      lines.push(...report(kind, run, latency));
    }
    process.stdout.write(
      [
        `sqs emulator benchmark (${os.cpus().length} cores, load average ${loadBefore.map((n) => n.toFixed(1)).join(' / ')} before, ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} after; other work on the machine slows every figure)`,
        ...lines,
        '',
      ].join('\n'),
    );
  } finally {
    await workers.stop();
    await cloud.stop();
  }
}

if (isMainThread) {
  // An entry point: a rejection ends the process with its stack (Node's unhandled-rejection default).
  void main();
} else {
  parentPort?.on('message', (job: WorkerJob) => {
    // A rejection ends this worker thread, which the parent sees as the Worker's 'error' event.
    void runWorker(job).then(() => parentPort?.postMessage('done'));
  });
}
