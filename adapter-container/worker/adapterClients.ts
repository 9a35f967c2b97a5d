import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3_CLIENT_CONFIG } from '../../lib/aws/s3ClientConfig';

/**
 * Config of the clients the worker builds. `cacheMiddleware` (see `SmithyConfiguration` in
 * `@smithy/core`) resolves each command class's middleware stack once instead of on every call,
 * a fifth to a quarter of the SDK's CPU per call here. It applies only to `send(command)` without
 * options, which is how the worker calls everything (the long poll too, on a client of its own
 * that shutdown destroys rather than an abort signal, which would drop the cache). Nothing in the
 * adapter edits a middleware stack after the first call, which the cache would ignore.
 */
const ADAPTER_CLIENT_CONFIG = { cacheMiddleware: true } as const;

/**
 * Where a client sends its requests, when not where the environment says (region, credentials,
 * AWS_ENDPOINT_URL): the local cloud hands an adapter of its own process its edge's handler.
 */
export interface AdapterClientBase {
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly requestHandler?: SQSClientConfig['requestHandler'];
}

const sqsClient = (base: AdapterClientBase = {}): SQSClient => new SQSClient({ ...base, ...ADAPTER_CLIENT_CONFIG });

/**
 * The AWS clients the worker builds when it is given none, from the environment (region,
 * credentials, AWS_ENDPOINT_URL) unless a `base` says otherwise; `bench/sdk` measures these same
 * clients, and the local cloud builds an in-process adapter's with them.
 */
export const ADAPTER_CLIENTS = {
  /** Deletes and visibility changes. */
  sqs: sqsClient,
  /**
   * The long polls, on a client of their own: the worker sends them without per-call options, so
   * its middleware stays cached too (an abort signal would resolve it again on every poll), and
   * cuts a poll that shutdown interrupts by destroying this client, whose sockets go with it.
   * Built as the other one is: a second instance, not a second kind.
   */
  pollSqs: sqsClient,
  sfn: (base: AdapterClientBase = {}): SFNClient => new SFNClient({ ...base, ...ADAPTER_CLIENT_CONFIG }),
  /** Checksums only where S3 requires one (`S3_CLIENT_CONFIG`). */
  s3: (base: AdapterClientBase = {}): S3Client => new S3Client({ ...base, ...ADAPTER_CLIENT_CONFIG, ...S3_CLIENT_CONFIG }),
  /** The city limits table's and the companies'. A document client refuses `cacheMiddleware`, so its client has none. */
  dynamodb: (capture: (client: DynamoDBClient) => DynamoDBClient = (client) => client, base: AdapterClientBase = {}): DynamoDBDocumentClient => DynamoDBDocumentClient.from(capture(new DynamoDBClient(base))),
  secretsManager: (): SecretsManagerClient => new SecretsManagerClient(ADAPTER_CLIENT_CONFIG),
} as const;
