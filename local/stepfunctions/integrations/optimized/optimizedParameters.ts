import { StatesError, STATES_ERRORS } from '../../errors/StatesError';
import type { ParsedResource } from '../parseResource';
import { isRecord } from '../sendCommand';

const DYNAMODB_WRITE = [
  'TableName', 'ConditionalOperator', 'ConditionExpression', 'Expected', 'ExpressionAttributeNames',
  'ExpressionAttributeValues', 'ReturnConsumedCapacity', 'ReturnItemCollectionMetrics', 'ReturnValues',
] as const;

/**
 * The API parameters each optimized integration passes on; AWS leaves out any other field
 * (an SQS `MessageSystemAttributes` never reaches SendMessage).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
export const OPTIMIZED_PARAMETERS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  dynamodb: {
    getItem: ['Key', 'TableName', 'AttributesToGet', 'ConsistentRead', 'ExpressionAttributeNames', 'ProjectionExpression', 'ReturnConsumedCapacity'],
    putItem: ['Item', ...DYNAMODB_WRITE],
    deleteItem: ['Key', ...DYNAMODB_WRITE],
    updateItem: ['Key', 'AttributeUpdates', 'UpdateExpression', ...DYNAMODB_WRITE],
  },
  sqs: { sendMessage: ['DelaySeconds', 'MessageAttributes', 'MessageBody', 'MessageDeduplicationId', 'MessageGroupId', 'QueueUrl'] },
  lambda: { invoke: ['ClientContext', 'FunctionName', 'InvocationType', 'Qualifier', 'Payload', 'LogType'] },
  events: { putEvents: ['Entries'] },
  states: { startExecution: ['Input', 'Name', 'StateMachineArn'] },
};

/**
 * The parameters an optimized integration sends: the state's parameters restricted to the fields
 * the integration supports. The engine may show these in the TaskScheduled event.
 */
export function optimizedParameters(parsed: ParsedResource, parameters: unknown): Record<string, unknown> {
  const record = requireObjectParameters(parsed, parameters);
  const supported = OPTIMIZED_PARAMETERS[parsed.service]?.[parsed.action] ?? [];
  const result: Record<string, unknown> = {};
  for (const name of supported) if (record[name] !== undefined) result[name] = record[name];
  return result;
}

/** The parameters as an object, or the States.Runtime error AWS raises for anything else. */
export function requireObjectParameters(parsed: ParsedResource, parameters: unknown): Record<string, unknown> {
  if (parameters === undefined || parameters === null) return {};
  if (isRecord(parameters)) return parameters;
  throw new StatesError(STATES_ERRORS.Runtime, `The parameters of resource '${parsed.arn}' must be a JSON object, got ${JSON.stringify(parameters)}.`);
}

/** A value as the string an API field of type String needs: JSON text unless it is already a string. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
