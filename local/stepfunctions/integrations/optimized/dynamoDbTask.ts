import * as dynamodb from '@aws-sdk/client-dynamodb';
import { awsSdkCommandName } from '../awsSdk/awsSdkServices';
import { commandFactory } from '../createCommand';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { toStateJson } from '../jsonShape';
import type { ParsedResource } from '../parseResource';
import { sdkMetadataFields } from '../sdkHttpMetadata';
import { sendCommand, type CommandResult } from '../sendCommand';
import { sendJsonOrSdk, targetOperation, WIRE_APIS } from '../wire/wireApis';
import { isWireSafeDynamoDbInput } from '../wire/wireSafe';
import { optimizedParameters } from './optimizedParameters';

/**
 * `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`: the API's answer with its
 * AttributeValue maps as they are (`{"Item": {"id": {"S": "1"}}}`), plus the SDK metadata fields.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 */
export async function invokeDynamoDb(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const input = optimizedParameters(parsed, invocation.parameters);
  const command = commandFactory(dynamodb, awsSdkCommandName(parsed.action));
  let result: CommandResult;
  try {
    result = await sendJsonOrSdk(deps, invocation, WIRE_APIS.dynamodb, targetOperation(parsed.action), input, isWireSafeDynamoDbInput(input), () => sendCommand(deps.clients.dynamodb, command(input), invocation.signal));
  } catch (error) {
    throw optimizedCallError(OPTIMIZED_ERROR_STYLES.dynamodb, error);
  }
  const output = toStateJson(result.output, { dates: 'epoch-millis' });
  return { ...(typeof output === 'object' && output !== null ? output : {}), ...sdkMetadataFields(result) };
}
