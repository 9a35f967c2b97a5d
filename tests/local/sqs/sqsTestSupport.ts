import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient, type QueueAttributeName } from '@aws-sdk/client-sqs';
import { testClientConfig, timeScale, uniqueName } from '../../harness/localCloudEnv';

/** A real SQS client pointed at the shared local cloud. */
export function sqsClient(): SQSClient {
  return new SQSClient({ ...testClientConfig(), maxAttempts: 1 });
}

/** Creates a queue with a unique name; returns its URL and name. */
export async function createQueue(sqs: SQSClient, prefix: string, attributes: Record<string, string> = {}): Promise<{ url: string; name: string; arn: string }> {
  const name = attributes.FifoQueue === 'true' ? `${uniqueName(prefix)}.fifo` : uniqueName(prefix);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (QueueUrl === undefined) throw new Error('CreateQueue answered no QueueUrl');
  return { url: QueueUrl, name, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
}

/** Reads queue attributes as strings. */
export async function attributes(sqs: SQSClient, url: string, names: QueueAttributeName[]): Promise<Record<string, string>> {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names }));
  return Attributes;
}

/** The three Approximate* counts of a queue as numbers: [visible, in flight, delayed]. */
export async function counts(sqs: SQSClient, url: string): Promise<[number, number, number]> {
  const a = await attributes(sqs, url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
  return [Number(a.ApproximateNumberOfMessages), Number(a.ApproximateNumberOfMessagesNotVisible), Number(a.ApproximateNumberOfMessagesDelayed)];
}

/** Waits `awsMs` of AWS time on the shared cloud's scale (real time = awsMs × timeScale). */
export function sleepAws(awsMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, awsMs * timeScale()));
}

/** The error an SDK call rejects with (fails the test when it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { Code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail, it succeeded');
}
