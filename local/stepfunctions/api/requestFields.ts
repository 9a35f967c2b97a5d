import { ApiError, missingMember } from './ApiError';

/** The parsed JSON body of one API request, with typed accessors that answer AWS's validation errors. */
export class RequestFields {
  public constructor(private readonly body: Readonly<Record<string, unknown>>) {}

  /** Parses the body text; a malformed body is a SerializationException, as on AWS. */
  public static parse(text: string): RequestFields {
    if (text.trim() === '') return new RequestFields({});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
    return new RequestFields(parsed as Record<string, unknown>);
  }

  public requiredString(name: string): string {
    const value = this.body[name];
    if (value === undefined || value === null) throw missingMember(name);
    if (typeof value !== 'string') throw new ApiError('SerializationException', `Unexpected value type for field '${name}'`);
    return value;
  }

  public optionalString(name: string): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ApiError('SerializationException', `Unexpected value type for field '${name}'`);
    return value;
  }

  public optionalNumber(name: string): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') throw new ApiError('SerializationException', `Unexpected value type for field '${name}'`);
    return value;
  }

  public optionalBoolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new ApiError('SerializationException', `Unexpected value type for field '${name}'`);
    return value;
  }

  public raw(name: string): unknown {
    return this.body[name];
  }
}

/** Checks maxResults (0 or absent means the default) and returns the page size. */
export function pageSize(fields: RequestFields, defaultSize: number, max: number): number {
  const value = fields.optionalNumber('maxResults');
  if (value === undefined || value === 0) return defaultSize;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }
  return value;
}

/** Slices a list for one page; the token is the offset, opaque to clients. */
export function paginate<T>(items: readonly T[], fields: RequestFields, defaultSize: number, max: number): { page: T[]; nextToken?: string } {
  const { start, end, nextToken } = pageRange(items.length, fields, defaultSize, max);
  const page = items.slice(start, end);
  return nextToken === undefined ? { page } : { page, nextToken };
}

/** The offsets [start, end) of one page of `total` items (for lists built only page by page). */
export function pageRange(total: number, fields: RequestFields, defaultSize: number, max: number): { start: number; end: number; nextToken?: string } {
  const size = pageSize(fields, defaultSize, max);
  const token = fields.optionalString('nextToken');
  let start = 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
    start = decoded;
  }
  const from = Math.min(start, total);
  const end = Math.min(total, from + size);
  return end < total ? { start: from, end, nextToken: Buffer.from(String(end), 'utf8').toString('base64url') } : { start: from, end };
}

/** Epoch seconds, as the AWS JSON protocol sends timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
