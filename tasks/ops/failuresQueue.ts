import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { FailureMessageSchema, type FailureMessage } from '../../contracts/failureMessage';
import type { ReprocessFailuresRequest, ReprocessFailuresResponse } from '../../contracts/ops';
import { ApiError } from '../shared/errors';
import { reprocessInvoice, type ReprocessDeps } from './reprocessInvoice';

/** What the failures queue tools talk to. */
export interface FailuresDeps extends ReprocessDeps {
  readonly sqs: SQSClient;
  readonly failuresQueueUrl: string;
}

function parse(message: Message): FailureMessage | undefined {
  try {
    const parsed = FailureMessageSchema.safeParse(JSON.parse(message.Body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What waits on the failures queue, without taking it (visibility 0): up to `max` messages.
 * SQS samples its servers on each receive, so a few rounds are made and messages deduplicated.
 */
export async function peekFailures(deps: Pick<FailuresDeps, 'sqs' | 'failuresQueueUrl'>, max = 100): Promise<FailureMessage[]> {
  const seen = new Map<string, FailureMessage>();
  for (let round = 0; round < 10 && seen.size < max; round++) {
    const page = await deps.sqs.send(new ReceiveMessageCommand({ QueueUrl: deps.failuresQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
    const messages = page.Messages ?? [];
    if (messages.length === 0) break;
    let fresh = 0;
    for (const message of messages) {
      const failure = parse(message);
      if (failure !== undefined && message.MessageId !== undefined && !seen.has(message.MessageId)) {
        seen.set(message.MessageId, failure);
        fresh++;
      }
    }
    if (fresh === 0) break;
  }
  return [...seen.values()].slice(0, max);
}

/**
 * Reprocesses the failed invoices the request names (or all): each message is deleted once its
 * new execution started, or once its invoice no longer needs it (issued since); others go back
 * to the queue at once. `onProgress` reports each invoice as it is handled.
 */
export async function reprocessFailures(deps: FailuresDeps, request: ReprocessFailuresRequest, onProgress: (done: number) => void = () => undefined): Promise<ReprocessFailuresResponse> {
  const wanted = 'invoiceIds' in request ? new Set(request.invoiceIds) : undefined;
  const result: { started: ReprocessFailuresResponse['started']; skipped: Array<{ invoiceId: string; reason: string }> } = { started: [], skipped: [] };
  const handled = new Set<string>();
  for (let round = 0; round < 100; round++) {
    const page = await deps.sqs.send(new ReceiveMessageCommand({ QueueUrl: deps.failuresQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 0 }));
    const messages = page.Messages ?? [];
    if (messages.length === 0) break;
    let progressed = false;
    for (const message of messages) {
      const failure = parse(message);
      const selected = failure !== undefined && !handled.has(failure.invoiceId) && (wanted === undefined || wanted.has(failure.invoiceId));
      if (failure === undefined || !selected || failure.workflow !== 'emission') {
        if (failure !== undefined && selected) result.skipped.push({ invoiceId: failure.invoiceId, reason: 'a refused cancellation: send a new cancel request' });
        if (failure !== undefined && selected) handled.add(failure.invoiceId);
        await deps.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
        continue;
      }
      handled.add(failure.invoiceId);
      progressed = true;
      try {
        result.started.push(await reprocessInvoice(deps, failure.invoiceId));
        await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: message.ReceiptHandle }));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result.skipped.push({ invoiceId: failure.invoiceId, reason: error.message });
        // Issued or reprocessed since: this failure needs nothing more.
        if (error.statusCode === 409 && !/already being reprocessed/.test(error.message)) {
          await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.failuresQueueUrl, ReceiptHandle: message.ReceiptHandle }));
        }
      }
      onProgress(result.started.length + result.skipped.length);
    }
    if (!progressed && wanted !== undefined && [...wanted].every((id) => handled.has(id))) break;
  }
  if (wanted !== undefined) {
    for (const invoiceId of wanted) if (!handled.has(invoiceId)) result.skipped.push({ invoiceId, reason: 'not on the failures queue' });
  }
  return result;
}
