import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from './errors';
import { fieldErrorMap } from './fieldErrorMap';

/** Parses the query string with a contract: 400 naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(event: Pick<APIGatewayProxyEvent, 'queryStringParameters'>, schema: S): z.infer<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {}, { error: fieldErrorMap });
  if (!result.success) throw ValidationError.fromZod(result.error, '', '(query)');
  return result.data;
}
