import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FailureMessageSchema, type FailureMessage } from '../../contracts/failureMessage';
import type { FailureEntry } from '../../contracts/ops';
import { judgeFailure, type JudgedRecord } from './judgeFailure';

/** Where the failures queue is. */
export interface FailuresQueueDeps {
  readonly sqs: SQSClient;
  readonly failuresQueueUrl: string;
  readonly ddb: DynamoDBDocumentClient;
  readonly invoicesTable: string;
}

/** A message's failure, or undefined when it is not one (it is then left alone). */
export function parseFailure(message: Message): FailureMessage | undefined {
  try {
    const parsed = FailureMessageSchema.safeParse(JSON.parse(message.Body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Messages a scan looks at; past this it stops (a queue this long is read a thousand at a time). */
const MAX_SCANNED = 1_000;

/**
 * Takes every message of the failures queue in turn (hidden while the scan runs, so each is seen
 * once) and asks `decide` about it: `delete` removes it, `keep` gives it back to the queue when
 * the scan ends. A message that is not a failure is kept.
 */
export async function scanFailures(deps: Pick<FailuresQueueDeps, 'sqs' | 'failuresQueueUrl'>, decide: (failure: FailureMessage) => Promise<'delete' | 'keep'>): Promise<void> {
  const kept: Message[] = [];
  try {
    for (let seen = 0; seen < MAX_SCANNED; ) {
      const page = await deps.sqs.send(new ReceiveMessageCommand({ QueueUrl: deps.failuresQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 0 }));
      const messages = page.Messages ?? [];
      if (messages.length === 0) break;
      seen += messages.length;
      for (const message of messages) {
        const failure = parseFailure(message);
        if (failure !== undefined && (await decide(failure)) === 'delete') {
          await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: message.ReceiptHandle }));
        } else {
          kept.push(message);
        }
      }
    }
  } finally {
    for (const message of kept) {
      await deps.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    }
  }
}

/**
 * What waits on the failures queue, without taking it (visibility 0): up to `max` messages, each
 * judged against its invoice's record. Entries whose invoice has moved on (issued, cancelled, a
 * later attempt failed too) are listed this once, as resolved, and leave the queue. SQS samples
 * its servers on each receive, so a few rounds are made and messages deduplicated.
 */
export async function listFailures(deps: FailuresQueueDeps, max = 100): Promise<FailureEntry[]> {
  const seen = new Map<string, { failure: FailureMessage; receiptHandle: string | undefined }>();
  for (let round = 0; round < 10 && seen.size < max; round++) {
    const page = await deps.sqs.send(new ReceiveMessageCommand({ QueueUrl: deps.failuresQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
    const messages = page.Messages ?? [];
    let fresh = 0;
    for (const message of messages) {
      const failure = parseFailure(message);
      if (failure === undefined || message.MessageId === undefined) continue;
      if (!seen.has(message.MessageId)) fresh++;
      // The newest receipt handle is the one a delete needs.
      seen.set(message.MessageId, { failure, receiptHandle: message.ReceiptHandle });
    }
    if (fresh === 0) break;
  }
  const found = [...seen.values()].slice(0, max);
  const records = await readRecords(deps, found.map(({ failure }) => failure.invoiceId));
  const entries: FailureEntry[] = [];
  for (const { failure, receiptHandle } of found) {
    const entry = judgeFailure(failure, records.get(failure.invoiceId));
    if (entry.state === 'resolved') await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: receiptHandle }));
    entries.push(entry);
  }
  return entries;
}

/** What judging needs of each invoice's record, 100 keys a BatchGet. */
async function readRecords(deps: Pick<FailuresQueueDeps, 'ddb' | 'invoicesTable'>, invoiceIds: readonly string[]): Promise<Map<string, JudgedRecord>> {
  const ids = [...new Set(invoiceIds)];
  const records = new Map<string, JudgedRecord>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Array<Record<string, unknown>> | undefined = ids.slice(i, i + 100).map((invoiceId) => ({ invoiceId }));
    // BatchGet may answer part of a batch: ask again for what it left.
    while (keys !== undefined && keys.length > 0) {
      const answer: BatchGetCommandOutput = await deps.ddb.send(
        new BatchGetCommand({
          RequestItems: { [deps.invoicesTable]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'invoiceId, #status, reprocessCount, cancelAttempts', ExpressionAttributeNames: { '#status': 'status' } } },
        }),
      );
      for (const item of answer.Responses?.[deps.invoicesTable] ?? []) records.set(String(item.invoiceId), item as JudgedRecord);
      keys = answer.UnprocessedKeys?.[deps.invoicesTable]?.Keys;
    }
  }
  return records;
}
