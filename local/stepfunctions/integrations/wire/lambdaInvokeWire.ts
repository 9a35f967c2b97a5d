import type { InvokeCommandInput } from '@aws-sdk/client-lambda';
import type { CommandResult } from '../sendCommand';
import { edgeSignedHeaders } from '../../../edge/edgeSignedHeaders';
import { escapeUri } from '../../../edge/escapeUri';
import { wireServiceError } from './jsonApiCall';
import type { ServiceWire } from './ServiceWire';
import { WIRE_APIS } from './wireApis';

/**
 * Lambda Invoke on the wire, as the SDK v3 client sends it: `POST
 * /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=]` with the payload as the raw
 * body and the invocation type, log type and client context as headers. Resolves with the output
 * the SDK would give (`StatusCode`, `FunctionError`, `LogResult`, `ExecutedVersion` from the
 * answer's headers, `Payload` the body's bytes) and the HTTP exchange; rejects with a
 * `WireServiceError` for an error answer.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export async function invokeOnWire(wire: ServiceWire, input: WireInvokeInput, region: string, signal: AbortSignal): Promise<CommandResult> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...edgeSignedHeaders(WIRE_APIS.lambda.signingName, region) };
  if (input.InvocationType !== undefined) headers['x-amz-invocation-type'] = input.InvocationType;
  if (input.LogType !== undefined) headers['x-amz-log-type'] = input.LogType;
  if (input.ClientContext !== undefined) headers['x-amz-client-context'] = input.ClientContext;
  const query = input.Qualifier !== undefined ? `?Qualifier=${escapeUri(input.Qualifier)}` : '';
  const rawUrl = `/2015-03-31/functions/${escapeUri(input.FunctionName)}/invocations${query}`;
  const body = input.Payload === undefined ? Buffer.alloc(0) : Buffer.from(input.Payload.buffer, input.Payload.byteOffset, input.Payload.byteLength);
  const answer = await wire.exchange({ method: 'POST', rawUrl, headers, body }, signal);
  if (answer.status >= 300) throw wireServiceError(WIRE_APIS.lambda, answer);
  const output: Record<string, unknown> = {
    ...headerField('FunctionError', answer.headers['x-amz-function-error']),
    ...headerField('LogResult', answer.headers['x-amz-log-result']),
    ...headerField('ExecutedVersion', answer.headers['x-amz-executed-version']),
    Payload: new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength),
    StatusCode: answer.status,
  };
  return { output, http: { statusCode: answer.status, headers: answer.headers } };
}

/** An Invoke input the wire takes as it is: a function named, the payload as bytes. */
export type WireInvokeInput = Omit<InvokeCommandInput, 'FunctionName' | 'Payload'> & { readonly FunctionName: string; readonly Payload?: Uint8Array };

/** Whether Invoke can go on the wire: the SDK refuses a missing or empty FunctionName itself. */
export function isWireSafeInvoke(input: InvokeCommandInput): input is WireInvokeInput & InvokeCommandInput {
  return typeof input.FunctionName === 'string' && input.FunctionName !== '' && (input.Payload === undefined || input.Payload instanceof Uint8Array);
}

function headerField(name: string, value: string | undefined): Record<string, string> {
  return value !== undefined ? { [name]: value } : {};
}
