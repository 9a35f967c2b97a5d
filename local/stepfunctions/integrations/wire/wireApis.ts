import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as lambda from '@aws-sdk/client-lambda';
import * as rdsdata from '@aws-sdk/client-rds-data';
import * as sfn from '@aws-sdk/client-sfn';
import * as sqs from '@aws-sdk/client-sqs';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import type { CommandResult } from '../sendCommand';
import { callJsonApi, type JsonApi, type JsonOperation } from './jsonApiCall';

/** The JSON APIs the engine speaks on the wire, as the SDK v3 clients speak them. */
export const WIRE_APIS = {
  dynamodb: { signingName: 'dynamodb', contentType: 'application/x-amz-json-1.0', targetPrefix: 'DynamoDB_20120810', exports: dynamodb, serviceException: dynamodb.DynamoDBServiceException },
  sqs: { signingName: 'sqs', contentType: 'application/x-amz-json-1.0', targetPrefix: 'AmazonSQS', exports: sqs, serviceException: sqs.SQSServiceException },
  events: { signingName: 'events', contentType: 'application/x-amz-json-1.1', targetPrefix: 'AWSEvents', exports: eventbridge, serviceException: eventbridge.EventBridgeServiceException },
  rdsdata: { signingName: 'rds-data', contentType: 'application/json', exports: rdsdata, serviceException: rdsdata.RDSDataServiceException },
  states: { signingName: 'states', contentType: 'application/x-amz-json-1.0', targetPrefix: 'AWSStepFunctions', exports: sfn, serviceException: sfn.SFNServiceException },
  // REST-JSON; Invoke itself carries the raw payload (see lambdaInvokeWire).
  lambda: { signingName: 'lambda', contentType: 'application/json', exports: lambda, serviceException: lambda.LambdaServiceException },
} as const satisfies Readonly<Record<string, JsonApi>>;

/** An X-Amz-Target operation (`putItem` → `PutItem` at `/`). */
export function targetOperation(action: string): JsonOperation {
  return { name: `${action.charAt(0).toUpperCase()}${action.slice(1)}`, path: '/' };
}

/**
 * Sends `input` over the engine's wire when it has one and `wireSafe` says the input is plain
 * JSON the API takes as it is; otherwise through the SDK (`viaSdk`), which stays the reference.
 */
export function sendJsonOrSdk(deps: IntegrationDeps, invocation: TaskInvocation, api: JsonApi, operation: JsonOperation, input: unknown, wireSafe: boolean, viaSdk: () => Promise<CommandResult>): Promise<CommandResult> {
  if (deps.wire === undefined || !wireSafe) return viaSdk();
  return callJsonApi(deps.wire, api, operation, invocation.region, input, invocation.signal);
}
