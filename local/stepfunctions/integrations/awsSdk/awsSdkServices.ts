import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as ecs from '@aws-sdk/client-ecs';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as lambda from '@aws-sdk/client-lambda';
import * as rdsdata from '@aws-sdk/client-rds-data';
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import * as sqs from '@aws-sdk/client-sqs';
import type { ServiceExceptionClass } from '../integrationErrors';

/**
 * How the SDK v3 model names a service's members. Step Functions always takes and returns
 * PascalCase (`StateMachineArn`), so camelCase services need their keys translated both ways.
 */
export type MemberCasing = 'pascal' | 'camel';

/** One service reachable as `arn:aws:states:::aws-sdk:<key>:<action>`. */
export interface AwsSdkService {
  /** The exports of the SDK v3 client package, where `<Action>Command` classes live. */
  readonly commands: Readonly<Record<string, unknown>>;
  readonly casing: MemberCasing;
  /**
   * The PascalCase service name of error names and causes (`DynamoDb.ConditionalCheckFailedException`):
   * the words of the SDK service id, each capitalised (`ACM PCA` → `AcmPca`, `DynamoDB` → `DynamoDb`).
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
   */
  readonly errorName: string;
  /** The package's base exception: errors thrown as exactly this class are not declared by the model. */
  readonly serviceException: ServiceExceptionClass;
}

/** The aws-sdk services this engine serves, by the name used in the Resource ARN. */
export const AWS_SDK_SERVICE_KEYS = ['dynamodb', 'sqs', 's3', 'rdsdata', 'eventbridge', 'lambda', 'sfn', 'ecs'] as const;
export type AwsSdkServiceKey = (typeof AWS_SDK_SERVICE_KEYS)[number];

export const AWS_SDK_SERVICES: Readonly<Record<AwsSdkServiceKey, AwsSdkService>> = {
  dynamodb: { commands: dynamodb, casing: 'pascal', errorName: pascalServiceName('DynamoDB'), serviceException: dynamodb.DynamoDBServiceException },
  sqs: { commands: sqs, casing: 'pascal', errorName: pascalServiceName('SQS'), serviceException: sqs.SQSServiceException },
  s3: { commands: s3, casing: 'pascal', errorName: pascalServiceName('S3'), serviceException: s3.S3ServiceException },
  rdsdata: { commands: rdsdata, casing: 'camel', errorName: pascalServiceName('RDS Data'), serviceException: rdsdata.RDSDataServiceException },
  eventbridge: { commands: eventbridge, casing: 'pascal', errorName: pascalServiceName('EventBridge'), serviceException: eventbridge.EventBridgeServiceException },
  lambda: { commands: lambda, casing: 'pascal', errorName: pascalServiceName('Lambda'), serviceException: lambda.LambdaServiceException },
  sfn: { commands: sfn, casing: 'camel', errorName: pascalServiceName('SFN'), serviceException: sfn.SFNServiceException },
  ecs: { commands: ecs, casing: 'camel', errorName: pascalServiceName('ECS'), serviceException: ecs.ECSServiceException },
};

/** Whether `name` is an aws-sdk service this engine serves. */
export function isAwsSdkServiceKey(name: string): name is AwsSdkServiceKey {
  return AWS_SDK_SERVICE_KEYS.some((key) => key === name);
}

/** `putItem` → `PutItemCommand`. */
export function awsSdkCommandName(action: string): string {
  return `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
}

/**
 * The PascalCase name Step Functions gives a service in aws-sdk error names: every word of the
 * service id capitalised and the rest lower-cased, where a word ends at a space or where an
 * upper-case run meets a capitalised word (`DynamoDB` → `Dynamo` + `DB`).
 */
export function pascalServiceName(serviceId: string): string {
  const words = serviceId.split(/\s+/).flatMap((chunk) => chunk.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []);
  return words.map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`).join('');
}
