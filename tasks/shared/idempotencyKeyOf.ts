import type { APIGatewayProxyEvent } from 'aws-lambda';
import { IdempotencyKeySchema } from '../../contracts/idempotencyRecord';
import { headerOf } from './apiResponse';
import { ValidationError } from './errors';

/** The request's `Idempotency-Key`, checked (400 when malformed); undefined when absent. */
export function idempotencyKeyOf(event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined {
  const key = headerOf(event, 'idempotency-key');
  if (key !== undefined && !IdempotencyKeySchema.safeParse(key).success) {
    throw new ValidationError('Idempotency-Key must be 1-255 printable ASCII characters without spaces', [{ field: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters without spaces' }]);
  }
  return key;
}
