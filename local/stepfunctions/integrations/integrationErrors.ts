import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { EventBridgeServiceException } from '@aws-sdk/client-eventbridge';
import { LambdaServiceException } from '@aws-sdk/client-lambda';
import { SFNServiceException } from '@aws-sdk/client-sfn';
import { SQSServiceException } from '@aws-sdk/client-sqs';
import { StatesError } from '../errors/StatesError';
import { isRecord } from './sendCommand';
import { WireServiceError } from './wire/jsonApiCall';

/** The base exception class of an SDK v3 client package (`DynamoDBServiceException`). */
export type ServiceExceptionClass = abstract new (...args: never[]) => object;

/** What an SDK v3 error says about itself. */
export interface SdkErrorFacts {
  /** The service's error code (`ConditionalCheckFailedException`, `QueueDoesNotExist`, `NoSuchKey`). */
  readonly code: string;
  /** The query-protocol code of services that keep one (`AWS.SimpleQueueService.NonExistentQueue`). */
  readonly queryCode?: string;
  readonly message: string;
  /**
   * Whether the service model declares this error: the SDK then throws its own class for it;
   * for any other code it throws the service's base exception.
   */
  readonly modeled: boolean;
  /** Absent when the call never got an HTTP answer (connection refused, DNS, socket reset). */
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly extendedRequestId?: string;
}

/** Reads code, message and response metadata from whatever the SDK threw. */
export function sdkErrorFacts(error: unknown, serviceException: ServiceExceptionClass): SdkErrorFacts {
  if (error instanceof WireServiceError) return error.facts;
  if (!(error instanceof Error)) return { code: 'Error', message: String(error), modeled: false };
  const metadata: unknown = Reflect.get(error, '$metadata');
  const meta = isRecord(metadata) ? metadata : {};
  const queryCode: unknown = Reflect.get(error, 'Code');
  return {
    code: error.name,
    ...(typeof queryCode === 'string' && queryCode !== error.name ? { queryCode } : {}),
    message: error.message,
    modeled: error instanceof serviceException && Object.getPrototypeOf(error) !== serviceException.prototype,
    ...(typeof meta.httpStatusCode === 'number' ? { statusCode: meta.httpStatusCode } : {}),
    ...(typeof meta.requestId === 'string' ? { requestId: meta.requestId } : {}),
    ...(typeof meta.extendedRequestId === 'string' ? { extendedRequestId: meta.extendedRequestId } : {}),
  };
}

/** How an optimized integration names the errors of its service (the Java SDK v1 behind it). */
export interface OptimizedErrorStyle {
  /** Prefix of error names: `DynamoDB`, `SQS`, `Lambda`, `EventBridge`, `StepFunctions`. */
  readonly prefix: string;
  /** The SDK v1 client's service name shown in causes: `AmazonDynamoDBv2`, `AmazonSQS`, `AWSLambda`. */
  readonly javaServiceName: string;
  /** The SDK v1 class of errors the model does not declare: `AmazonDynamoDBException`, `AWSLambdaException`. */
  readonly genericException: string;
  readonly serviceException: ServiceExceptionClass;
}

export const OPTIMIZED_ERROR_STYLES = {
  dynamodb: { prefix: 'DynamoDB', javaServiceName: 'AmazonDynamoDBv2', genericException: 'AmazonDynamoDBException', serviceException: DynamoDBServiceException },
  sqs: { prefix: 'SQS', javaServiceName: 'AmazonSQS', genericException: 'AmazonSQSException', serviceException: SQSServiceException },
  lambda: { prefix: 'Lambda', javaServiceName: 'AWSLambda', genericException: 'AWSLambdaException', serviceException: LambdaServiceException },
  events: { prefix: 'EventBridge', javaServiceName: 'AmazonEventBridge', genericException: 'AmazonEventBridgeException', serviceException: EventBridgeServiceException },
  states: { prefix: 'StepFunctions', javaServiceName: 'AWSStepFunctions', genericException: 'AWSStepFunctionsException', serviceException: SFNServiceException },
} as const satisfies Readonly<Record<string, OptimizedErrorStyle>>;

/**
 * The StatesError of a failed optimized-integration call, named after the SDK v1 exception class:
 * a declared error is `<Prefix>.<Code>` with `Exception` appended when the code lacks it
 * (`DynamoDB.ConditionalCheckFailedException`, `SQS.QueueDoesNotExistException`), any other is the
 * service's generic class (`Lambda.AWSLambdaException`); the cause is the SDK v1 message
 * `<message> (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: …; Request ID: …; Proxy: null)`.
 * Calls that got no HTTP answer fail with `<Prefix>.SdkClientException`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 */
export function optimizedCallError(style: OptimizedErrorStyle, error: unknown): StatesError {
  const facts = sdkErrorFacts(error, style.serviceException);
  if (facts.statusCode === undefined) {
    return new StatesError(`${style.prefix}.SdkClientException`, `Unable to execute HTTP request: ${facts.message}`, { source: error });
  }
  const name = facts.modeled ? withExceptionSuffix(facts.code) : style.genericException;
  const details = [
    `Service: ${style.javaServiceName}`,
    `Status Code: ${facts.statusCode}`,
    // SDK v1 spoke the query protocol, whose codes some services still send alongside.
    `Error Code: ${facts.queryCode ?? facts.code}`,
    `Request ID: ${facts.requestId ?? 'null'}`,
    'Proxy: null',
  ];
  return new StatesError(`${style.prefix}.${name}`, `${facts.message} (${details.join('; ')})`, { source: error });
}

/**
 * The StatesError of a failed aws-sdk-integration call, named after the SDK v2 exception class:
 * `<Service>.<Error>`, both PascalCase, with `Exception` appended when the service's own name
 * lacks it (`S3.NoSuchKeyException`); an error the model does not declare is the service's
 * generic class (`DynamoDb.DynamoDbException`). The cause is the SDK v2 message
 * `<message> (Service: DynamoDb, Status Code: 400, Request ID: …)`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export function awsSdkCallError(serviceName: string, serviceException: ServiceExceptionClass, error: unknown): StatesError {
  const facts = sdkErrorFacts(error, serviceException);
  if (facts.statusCode === undefined) {
    return new StatesError(`${serviceName}.SdkClientException`, `Unable to execute HTTP request: ${facts.message}`, { source: error });
  }
  const details = [`Service: ${serviceName}`, `Status Code: ${facts.statusCode}`, `Request ID: ${facts.requestId ?? 'null'}`];
  if (facts.extendedRequestId !== undefined) details.push(`Extended Request ID: ${facts.extendedRequestId}`);
  const name = facts.modeled ? withExceptionSuffix(facts.code) : `${serviceName}Exception`;
  return new StatesError(`${serviceName}.${name}`, `${facts.message} (${details.join(', ')})`, { source: error });
}

function withExceptionSuffix(code: string): string {
  return code.endsWith('Exception') ? code : `${code}Exception`;
}
