import { StatesError } from '../errors/StatesError';
import { isRecord } from './sendCommand';

/** The bytes of an Invoke `Payload`: JSON text of the value, or the string itself. */
export function payloadBytes(payload: unknown): Uint8Array {
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload ?? {}), 'utf-8');
}

/** The text of an Invoke response `Payload`. */
export function payloadText(payload: unknown): string {
  return payload instanceof Uint8Array ? Buffer.from(payload).toString('utf-8') : '';
}

/** A response payload as the state sees it: parsed JSON, or the raw text when it is not JSON. */
export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The StatesError of a function that failed (`FunctionError` set): the error is the payload's
 * `errorType`, the cause is the payload text as the function returned it. A failure without an
 * `errorType` (the function never ran to its handler) is `Lambda.Unknown`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function functionError(text: string): StatesError {
  const parsed = parsePayload(text);
  const errorType = isRecord(parsed) && typeof parsed.errorType === 'string' && parsed.errorType !== '' ? parsed.errorType : 'Lambda.Unknown';
  return new StatesError(errorType, text);
}
