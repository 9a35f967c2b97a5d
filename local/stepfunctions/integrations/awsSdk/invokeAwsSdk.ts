import { StatesError, STATES_ERRORS } from '../../errors/StatesError';
import { commandFactory } from '../createCommand';
import { awsSdkCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { camelKeys, readStreamingBodies, toStateJson } from '../jsonShape';
import { payloadText } from '../lambdaPayload';
import { requireObjectParameters } from '../optimized/optimizedParameters';
import type { ParsedResource } from '../parseResource';
import { sendCommand, type CommandResult } from '../sendCommand';
import { sendJsonOrSdk, targetOperation, WIRE_APIS } from '../wire/wireApis';
import { isWireSafeDynamoDbInput, isWireSafeExecuteStatement } from '../wire/wireSafe';
import { AWS_SDK_SERVICES, awsSdkCommandName, isAwsSdkServiceKey } from './awsSdkServices';
import { prepareAwsSdkInput } from './prepareAwsSdkInput';

const EXECUTE_STATEMENT = { name: 'ExecuteStatement', path: '/Execute' } as const;
/** DynamoDB's item and query actions: AttributeValue maps and numbers both ways, the same JSON on the wire as through the SDK. */
const WIRE_DYNAMODB_ACTIONS = new Set(['getItem', 'putItem', 'updateItem', 'deleteItem', 'query', 'scan']);

/**
 * `arn:aws:states:::aws-sdk:<service>:<action>[.waitForTaskToken]`: calls `<Action>Command` of the
 * service's SDK client with the PascalCase parameters, and answers the API's output in PascalCase
 * (no SDK metadata), timestamps as ISO-8601 text, streamed bodies (S3 `Body`) and Lambda `Payload`
 * as UTF-8 text, other binary values as base64.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export async function invokeAwsSdk(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const key = parsed.service;
  if (!isAwsSdkServiceKey(key)) throw new StatesError(STATES_ERRORS.Runtime, `The resource provided ${parsed.arn} is not recognized.`);
  const service = AWS_SDK_SERVICES[key];
  const prepared = prepareAwsSdkInput(key, parsed.action, requireObjectParameters(parsed, invocation.parameters));
  const input = service.casing === 'camel' ? camelKeys(prepared) : prepared;
  const command = commandFactory(service.commands, awsSdkCommandName(parsed.action));
  let result: CommandResult;
  try {
    const viaSdk = (): Promise<CommandResult> => sendCommand(deps.clients[key], command(input), invocation.signal);
    // The reporting UPSERT of every workflow, and the item and query calls (the webhook fan-out's
    // Query on every bus event): spoken on the wire when they are plain JSON.
    if (key === 'rdsdata' && parsed.action === 'executeStatement') {
      result = await sendJsonOrSdk(deps, invocation, WIRE_APIS.rdsdata, EXECUTE_STATEMENT, input, isWireSafeExecuteStatement(input), viaSdk);
    } else if (key === 'dynamodb' && WIRE_DYNAMODB_ACTIONS.has(parsed.action)) {
      result = await sendJsonOrSdk(deps, invocation, WIRE_APIS.dynamodb, targetOperation(parsed.action), input, isWireSafeDynamoDbInput(input), viaSdk);
    } else {
      result = await viaSdk();
    }
  } catch (error) {
    throw awsSdkCallError(service.errorName, service.serviceException, error);
  }
  const output = await readStreamingBodies(result.output);
  if (key === 'lambda' && output.Payload instanceof Uint8Array) output.Payload = payloadText(output.Payload);
  return toStateJson(output, { dates: 'iso', pascalKeys: service.casing === 'camel' });
}
