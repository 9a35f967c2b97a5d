import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { processRequestHandler } from '../../lib/aws/processRequestHandler';
import { S3_CLIENT_CONFIG } from '../../lib/aws/s3ClientConfig';
import { tracedClient } from './tracing';

/**
 * AWS clients, created once per process from the environment (region, credentials and
 * AWS_ENDPOINT_URL: the same code talks to AWS or to the local cloud), through the SDK's own HTTP
 * handler unless the hosting process set another (`processRequestHandler`); in Lambda each call is a
 * subsegment of the invocation's X-Ray trace (./tracing).
 */
export interface AwsClients {
  readonly ddb: DynamoDBDocumentClient;
  /**
   * A plain client for the hot paths (a POST /invoices' RPS counter and record): its middleware
   * is resolved once per command (`cacheMiddleware`), which the DocumentClient refuses, so its
   * items go through `@aws-sdk/util-dynamodb`'s marshall.
   */
  readonly dynamodb: DynamoDBClient;
  /** Checksums only where S3 requires one (`S3_CLIENT_CONFIG`). */
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly rds: RDSDataClient;
  /** The companies' certificate secrets (written by the companies API, never read by it). */
  readonly secrets: SecretsManagerClient;
  readonly events: EventBridgeClient;
  /** API keys and usage plans (the api-keys and usage routes). */
  readonly apigateway: APIGatewayClient;
}

const built: { -readonly [K in keyof AwsClients]?: AwsClients[K] } = {};

// Each client is built on first use, so a handler pays only for the clients it talks to. All but the
// DocumentClient (which refuses it) resolve their middleware stack once per command class rather
// than per call (`cacheMiddleware`: ~25% of the SDK's CPU per call; a send() with per-call options
// resolves it anew). The DocumentClient is not derived from `dynamodb` (DynamoDBDocumentClient.from
// shares that client's config object and middleware stack): it throws on the plain client's
// cacheMiddleware, and without it the hot path's client would resolve its middleware on every call.
const clients: AwsClients = {
  get ddb() {
    return (built.ddb ??= DynamoDBDocumentClient.from(tracedClient(new DynamoDBClient({ ...processRequestHandler() })), { marshallOptions: { removeUndefinedValues: true } }));
  },
  get dynamodb() {
    return (built.dynamodb ??= tracedClient(new DynamoDBClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get s3() {
    return (built.s3 ??= tracedClient(new S3Client({ cacheMiddleware: true, ...S3_CLIENT_CONFIG, ...processRequestHandler() })));
  },
  get sfn() {
    return (built.sfn ??= tracedClient(new SFNClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get sqs() {
    return (built.sqs ??= tracedClient(new SQSClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get rds() {
    return (built.rds ??= tracedClient(new RDSDataClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get secrets() {
    return (built.secrets ??= tracedClient(new SecretsManagerClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get events() {
    return (built.events ??= tracedClient(new EventBridgeClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
  get apigateway() {
    return (built.apigateway ??= tracedClient(new APIGatewayClient({ cacheMiddleware: true, ...processRequestHandler() })));
  },
};

/** The process's clients. */
export function awsClients(): AwsClients {
  return clients;
}
