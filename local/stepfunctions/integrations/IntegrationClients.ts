import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { LocalContext } from '../../edge/LocalContext';
import { localClientConfig } from '../../edge/localClientConfig';
import type { AwsSdkServiceKey } from './awsSdk/awsSdkServices';

/**
 * The SDK clients Task states call through, keyed by the aws-sdk service name of the Resource
 * ARN (the optimized integrations use the same clients: `events` → `eventbridge`, `states` → `sfn`).
 */
export interface IntegrationClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly rdsdata: RDSDataClient;
  readonly eventbridge: EventBridgeClient;
  readonly lambda: LambdaClient;
  readonly sfn: SFNClient;
  readonly ecs: ECSClient;
}

// Every aws-sdk service must have a client: this fails to compile when one is missing.
const EVERY_SERVICE_HAS_A_CLIENT: Record<AwsSdkServiceKey, true> = {
  dynamodb: true, sqs: true, s3: true, rdsdata: true, eventbridge: true, lambda: true, sfn: true, ecs: true,
} satisfies Record<keyof IntegrationClients, true>;
void EVERY_SERVICE_HAS_A_CLIENT;

/** Builds the clients once for a local cloud: every call goes through its edge. */
export function createIntegrationClients(context: Pick<LocalContext, 'endpoint' | 'region'>): IntegrationClients {
  const config = localClientConfig(context);
  return {
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient(config),
    // Path-style addressing: `bucket.127.0.0.1` does not resolve. Checksums only when required,
    // so bodies are sent plainly rather than aws-chunked (see DEPENDENCIES.md on s3rver).
    s3: new S3Client({ ...config, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    rdsdata: new RDSDataClient(config),
    eventbridge: new EventBridgeClient(config),
    lambda: new LambdaClient(config),
    sfn: new SFNClient(config),
    ecs: new ECSClient(config),
  };
}

/** Releases the sockets of every client. */
export function destroyIntegrationClients(clients: IntegrationClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
