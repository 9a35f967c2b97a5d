/**
 * The SQS benchmark's runs with lean clients (LeanSqsClient): the same work as the SDK runs, so
 * the difference between the two is the SDK's own cost.
 */
import { performance } from 'node:perf_hooks';
import { LeanSqsClient } from './LeanSqsClient';

interface BatchResult {
  readonly Successful?: readonly unknown[];
  readonly Failed?: readonly unknown[];
}

/** The part of a worker's job the lean clients need. */
export interface LeanJob {
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly toSend: number;
  /** [messages deleted so far, by all workers] */
  readonly deleted: Int32Array;
  readonly total: number;
}

/** What every lean worker sends, and how many clients of each kind it runs. */
export interface LeanShape {
  readonly body: string;
  readonly producers: number;
  readonly consumers: number;
}

/** One worker thread's share of the throughput run with lean clients: bodies serialised once (the deletes' per batch), one keep-alive socket per client. */
export async function runLeanWorker(job: LeanJob, shape: LeanShape): Promise<void> {
  let toSend = job.toSend;
  const queueUrl = JSON.stringify(job.queueUrl);
  const batchBody = (n: number): string => JSON.stringify({ QueueUrl: job.queueUrl, Entries: Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: shape.body })) });
  const fullBatch = batchBody(10);
  const receiveBody = JSON.stringify({ QueueUrl: job.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
  const producer = async (): Promise<void> => {
    const sqs = new LeanSqsClient(job.endpoint, 1);
    while (toSend > 0) {
      const n = Math.min(10, toSend);
      toSend -= n;
      const result = await sqs.call<BatchResult>('SendMessageBatch', n === 10 ? fullBatch : batchBody(n));
      if ((result.Failed ?? []).length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(result.Failed)}`);
    }
    sqs.close();
  };
  const consumer = async (): Promise<void> => {
    const sqs = new LeanSqsClient(job.endpoint, 1);
    while (Atomics.load(job.deleted, 0) < job.total) {
      const { Messages = [] } = await sqs.call<{ Messages?: ReadonlyArray<{ ReceiptHandle: string }> }>('ReceiveMessage', receiveBody);
      if (Messages.length === 0) continue;
      const entries = Messages.map((m, i) => `{"Id":"d${i}","ReceiptHandle":${JSON.stringify(m.ReceiptHandle)}}`).join(',');
      const result = await sqs.call<BatchResult>('DeleteMessageBatch', `{"QueueUrl":${queueUrl},"Entries":[${entries}]}`);
      if ((result.Failed ?? []).length > 0) throw new Error(`DeleteMessageBatch failed: ${JSON.stringify(result.Failed)}`);
      Atomics.add(job.deleted, 0, Messages.length);
    }
    sqs.close();
  };
  await Promise.all([...Array.from({ length: shape.producers }, producer), ...Array.from({ length: shape.consumers }, consumer)]);
}

/** Wake-up of a waiting receive with lean clients (the emulator's own, without the SDK's per-call work): from issuing the send, and from its acknowledgement. */
export async function leanWakeUpLatency(endpoint: string, queueUrl: string, samples: number): Promise<{ fromSend: number[]; fromAck: number[] }> {
  const producer = new LeanSqsClient(endpoint, 1);
  const consumer = new LeanSqsClient(endpoint, 1);
  const receiveBody = JSON.stringify({ QueueUrl: queueUrl, WaitTimeSeconds: 20 });
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    let received = Number.NaN;
    const waiting = consumer.call<{ Messages?: ReadonlyArray<{ ReceiptHandle: string }> }>('ReceiveMessage', receiveBody).then((output) => {
      received = performance.now();
      return output;
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // let the receive reach the emulator and wait
    const sendBody = JSON.stringify({ QueueUrl: queueUrl, MessageBody: `ping ${i}` });
    const t0 = performance.now();
    let acked = Number.NaN;
    const [, { Messages = [] }] = await Promise.all([
      producer.call('SendMessage', sendBody).then(() => {
        acked = performance.now();
      }),
      waiting,
    ]);
    if (Messages.length !== 1) throw new Error('the waiting receive came back empty');
    if (i >= 20) {
      fromSend.push(received - t0);
      fromAck.push(Math.max(0, received - acked));
    }
    await consumer.call('DeleteMessageBatch', JSON.stringify({ QueueUrl: queueUrl, Entries: Messages.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle })) }));
  }
  producer.close();
  consumer.close();
  return { fromSend: fromSend.sort((a, b) => a - b), fromAck: fromAck.sort((a, b) => a - b) };
}

