import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { toStateJson } from '../jsonShape';
import type { ParsedResource } from '../parseResource';
import { sdkMetadataFields } from '../sdkHttpMetadata';
import { isRecord, sendCommand, type CommandResult } from '../sendCommand';
import { sendJsonOrSdk, WIRE_APIS } from '../wire/wireApis';
import { isWireSafeSqsInput } from '../wire/wireSafe';
import { jsonText, optimizedParameters } from './optimizedParameters';

/**
 * `arn:aws:states:::sqs:sendMessage[.waitForTaskToken]`: a JSON `MessageBody` is sent as its JSON
 * text; answers `{MD5OfMessageBody, MessageId, SdkHttpMetadata, SdkResponseMetadata}`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
 */
export async function invokeSqs(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const params = optimizedParameters(parsed, invocation.parameters);
  const input = {
    QueueUrl: typeof params.QueueUrl === 'string' ? params.QueueUrl : undefined,
    MessageBody: params.MessageBody === undefined ? undefined : jsonText(params.MessageBody),
    ...(typeof params.DelaySeconds === 'number' ? { DelaySeconds: params.DelaySeconds } : {}),
    ...(typeof params.MessageGroupId === 'string' ? { MessageGroupId: params.MessageGroupId } : {}),
    ...(typeof params.MessageDeduplicationId === 'string' ? { MessageDeduplicationId: params.MessageDeduplicationId } : {}),
    ...(isRecord(params.MessageAttributes) ? { MessageAttributes: messageAttributes(params.MessageAttributes) } : {}),
  };
  let result: CommandResult;
  try {
    result = await sendJsonOrSdk(deps, invocation, WIRE_APIS.sqs, SEND_MESSAGE, input, isWireSafeSqsInput(params.MessageAttributes), () => sendCommand(deps.clients.sqs, new SendMessageCommand(input), invocation.signal));
  } catch (error) {
    throw optimizedCallError(OPTIMIZED_ERROR_STYLES.sqs, error);
  }
  const output = toStateJson(result.output, { dates: 'epoch-millis' });
  return { ...(isRecord(output) ? output : {}), ...sdkMetadataFields(result) };
}

const SEND_MESSAGE = { name: 'SendMessage', path: '/' } as const;

type SqsAttribute = { DataType: string; StringValue?: string; BinaryValue?: Uint8Array };

// JSON carries binary attribute values as base64 text; the SDK wants the bytes.
function messageAttributes(attributes: Record<string, unknown>): Record<string, SqsAttribute> {
  const result: Record<string, SqsAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!isRecord(value)) continue;
    result[name] = {
      DataType: typeof value.DataType === 'string' ? value.DataType : 'String',
      ...(value.StringValue !== undefined ? { StringValue: jsonText(value.StringValue) } : {}),
      ...(typeof value.BinaryValue === 'string' ? { BinaryValue: Buffer.from(value.BinaryValue, 'base64') } : {}),
    };
  }
  return result;
}
