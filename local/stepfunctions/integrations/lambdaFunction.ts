import { InvokeCommand } from '@aws-sdk/client-lambda';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from './integrationErrors';
import type { IntegrationDeps, TaskInvocation } from './invokeTask';
import { functionError, parsePayload, payloadBytes, payloadText } from './lambdaPayload';
import type { ParsedResource } from './parseResource';
import { sendCommand, type CommandResult } from './sendCommand';

/**
 * A Lambda function ARN as the Resource: the state's parameters are the event, the function's
 * payload is the result (no metadata around it).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export async function invokeLambdaFunction(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const command = new InvokeCommand({ FunctionName: parsed.arn, Payload: payloadBytes(invocation.parameters ?? {}) });
  let result: CommandResult;
  try {
    result = await sendCommand(deps.clients.lambda, command, invocation.signal);
  } catch (error) {
    throw optimizedCallError(OPTIMIZED_ERROR_STYLES.lambda, error);
  }
  const text = payloadText(result.output.Payload);
  if (typeof result.output.FunctionError === 'string' && result.output.FunctionError !== '') throw functionError(text);
  return text === '' ? null : parsePayload(text);
}
