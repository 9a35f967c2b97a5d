import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { headerOf } from './apiResponse';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './errors';
import { fieldErrorMap } from './fieldErrorMap';

/** The largest body we take: the queue message and the execution input must stay well under 256 KiB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Reads a JSON body and parses it with a contract: 415, 413 or 400 naming each bad field. */
export function parseJsonBody<S extends z.ZodType>(event: Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>, schema: S): z.infer<S> {
  const contentType = headerOf(event, 'content-type');
  if (contentType === undefined || !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    // V8's own message quotes the text around the fault, which may be a password: keep only where it is.
    const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
    throw new ValidationError(`Request body is not valid JSON${position !== undefined ? ` (at position ${position})` : ''}`);
  }
  const result = schema.safeParse(json, { error: fieldErrorMap });
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
