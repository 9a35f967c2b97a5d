import { InvokeCommand, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { functionError, parsePayload, payloadBytes, payloadText } from '../lambdaPayload';
import type { ParsedResource } from '../parseResource';
import { sdkMetadataFields } from '../sdkHttpMetadata';
import { sendCommand, type CommandResult } from '../sendCommand';
import { invokeOnWire, isWireSafeInvoke } from '../wire/lambdaInvokeWire';
import { optimizedParameters } from './optimizedParameters';

const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

/**
 * `arn:aws:states:::lambda:invoke[.waitForTaskToken]`: answers `{ExecutedVersion, Payload,
 * SdkHttpMetadata, SdkResponseMetadata, StatusCode}` with the payload parsed; a function error
 * fails the task with the payload's `errorType` and the payload as cause.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export async function invokeLambda(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const params = optimizedParameters(parsed, invocation.parameters);
  const input: InvokeCommandInput = {
    FunctionName: typeof params.FunctionName === 'string' ? params.FunctionName : undefined,
    ...(params.Payload !== undefined ? { Payload: payloadBytes(params.Payload) } : {}),
    ...(isInvocationType(params.InvocationType) ? { InvocationType: params.InvocationType } : {}),
    ...(typeof params.Qualifier === 'string' ? { Qualifier: params.Qualifier } : {}),
    ...(typeof params.ClientContext === 'string' ? { ClientContext: params.ClientContext } : {}),
    ...(params.LogType === 'Tail' || params.LogType === 'None' ? { LogType: params.LogType } : {}),
  };
  let result: CommandResult;
  try {
    result = deps.wire !== undefined && isWireSafeInvoke(input)
      ? await invokeOnWire(deps.wire, input, invocation.region, invocation.signal)
      : await sendCommand(deps.clients.lambda, new InvokeCommand(input), invocation.signal);
  } catch (error) {
    throw optimizedCallError(OPTIMIZED_ERROR_STYLES.lambda, error);
  }
  const { output } = result;
  const text = payloadText(output.Payload);
  if (typeof output.FunctionError === 'string' && output.FunctionError !== '') throw functionError(text);
  return {
    ...(typeof output.ExecutedVersion === 'string' ? { ExecutedVersion: output.ExecutedVersion } : {}),
    ...(typeof output.LogResult === 'string' ? { LogResult: output.LogResult } : {}),
    Payload: text === '' ? '' : parsePayload(text),
    ...sdkMetadataFields(result),
    ...(typeof output.StatusCode === 'number' ? { StatusCode: output.StatusCode } : {}),
  };
}

function isInvocationType(value: unknown): value is InvocationType {
  return INVOCATION_TYPES.some((type) => type === value);
}
