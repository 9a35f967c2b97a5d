import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { uniqueName } from '../../harness/localCloudEnv';
import { requireServices } from '../../harness/requireServices';
import { createCityLimitsTable } from './cityLimitsTable';

/** What an AdapterWorker suite runs its worker on: a requests queue, a docs bucket and a city limits table of its own. */
export interface WorkerResources {
  readonly queueUrl: string;
  readonly bucket: string;
  readonly limits: { readonly table: string; readonly dynamodb: DynamoDBDocumentClient };
}

/** Creates them on the shared cloud (named from `name`), once its SQS, Step Functions, S3 and DynamoDB answer. */
export async function createWorkerResources(sqs: SQSClient, s3: S3Client, name: string): Promise<WorkerResources> {
  await requireServices(['sqs', 'states', 's3', 'dynamodb']);
  const limits = await createCityLimitsTable();
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName(`${name}-requests`), Attributes: { VisibilityTimeout: '60' } }))).QueueUrl ?? '';
  const bucket = uniqueName(`${name}-docs`);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { queueUrl, bucket, limits };
}
