import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, created once per process from the environment (region, credentials and
 * AWS_ENDPOINT_URL: the same code talks to AWS or to the local cloud).
 */
export interface AwsClients {
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
}

let clients: AwsClients | undefined;

/** The process's clients, built on first use. */
export function awsClients(): AwsClients {
  clients ??= {
    ddb: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    // Middleware stacks resolved once per command class rather than per call (~25% of the SDK's
    // CPU per call); needs send() without per-call options. The DocumentClient refuses it.
    s3: new S3Client({ cacheMiddleware: true }),
    sfn: new SFNClient({ cacheMiddleware: true }),
  };
  return clients;
}
