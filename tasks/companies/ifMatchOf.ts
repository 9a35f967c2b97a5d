import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ValidationError } from '../shared/errors';

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`), or undefined without one. */
export function ifMatchOf(event: Pick<APIGatewayProxyEvent, 'headers'>): number | undefined {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'if-match')?.[1];
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null) throw new ValidationError('If-Match must name a version, as the ETag gave it (e.g. "3")', [{ field: 'If-Match', message: 'must name a version, as the ETag gave it (e.g. "3")' }]);
  return Number(match[1]);
}

/** The `ETag` of a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
