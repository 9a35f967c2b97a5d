import type { z } from 'zod';

/** One field that failed validation. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Base of every error a handler turns into a 4xx answer. */
export class ApiError extends Error {
  /** The fields at fault, answered as `errors` when there are any. */
  public readonly errors: readonly FieldError[];
  /** The execution the error is about, answered as `executionArn` when there is one. */
  public readonly executionArn: string | undefined;

  public constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    options: { readonly cause?: unknown; readonly errors?: readonly FieldError[]; readonly executionArn?: string } = {},
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.errors = options.errors ?? [];
    this.executionArn = options.executionArn;
  }
}

/** 400: the body (or a parameter) is not what the contract says. */
export class ValidationError extends ApiError {
  public constructor(message: string, errors: readonly FieldError[] = []) {
    super(400, 'ValidationFailed', message, { errors });
    this.name = 'ValidationError';
  }

  /**
   * From a zod error: one entry per issue, naming the field by its dotted path (`whole` when the
   * issue is about the body or query string itself), and one per field a strict contract does not know.
   */
  public static fromZod(error: z.ZodError, prefix = '', whole = '(body)'): ValidationError {
    const fieldOf = (path: readonly PropertyKey[]): string => [prefix, ...path.map(String)].filter((part) => part !== '').join('.') || whole;
    const errors = explainUnions(error.issues).flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'is not a known field' })) : [{ field: fieldOf(issue.path), message: issue.message }],
    );
    return new ValidationError(`Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
  }
}

/** What zod says of a union that has no message of its own. */
const ZOD_UNION_MESSAGE = 'Invalid input';

/**
 * A body that matches none of a union's shapes is explained by the shape it came closest to (the
 * one whose fields it used, with the fewest issues), rather than zod's bare "Invalid input"; a
 * union with a message of its own (a CPF or a CNPJ) keeps it.
 */
function explainUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0 || issue.message !== ZOD_UNION_MESSAGE) return [issue];
    const strayFields = (branch: readonly z.core.$ZodIssue[]): number => branch.filter((inner) => inner.code === 'unrecognized_keys' && inner.path.length === 0).length;
    const closest = [...issue.errors].sort((a, b) => strayFields(a) - strayFields(b) || a.length - b.length)[0] ?? [];
    return explainUnions(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

/** 401: no verified caller. */
export class UnauthorizedError extends ApiError {
  public constructor(message = 'Unauthorized') {
    super(401, 'Unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

/** 403: the caller may not do this (a CNPJ not granted, a role too low). */
export class ForbiddenError extends ApiError {
  public constructor(message: string) {
    super(403, 'Forbidden', message);
    this.name = 'ForbiddenError';
  }
}

/** 404: unknown, or another tenant's (never leak existence). */
export class NotFoundError extends ApiError {
  public constructor(message: string) {
    super(404, 'NotFound', message);
    this.name = 'NotFoundError';
  }
}

/** 409: the resource is not in a state that allows this, or an idempotency key was reused. */
export class ConflictError extends ApiError {
  public constructor(code: string, message: string, options: { readonly executionArn?: string } = {}) {
    super(409, code, message, options);
    this.name = 'ConflictError';
  }
}

/** 412: `If-Match` names a version the resource has moved on from. */
export class PreconditionFailedError extends ApiError {
  public constructor(message: string) {
    super(412, 'PreconditionFailed', message);
    this.name = 'PreconditionFailedError';
  }
}

/** 422: the request is well formed, but what it refers to cannot be used for it (a company with no record). */
export class UnprocessableError extends ApiError {
  public constructor(code: string, message: string, errors: readonly FieldError[] = []) {
    super(422, code, message, { errors });
    this.name = 'UnprocessableError';
  }
}

/** 413: the body is over the limit. */
export class PayloadTooLargeError extends ApiError {
  public constructor(limitBytes: number) {
    super(413, 'PayloadTooLarge', `Request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** 415: not JSON. */
export class UnsupportedMediaTypeError extends ApiError {
  public constructor(contentType: string | undefined) {
    super(415, 'UnsupportedMediaType', `Content-Type must be application/json${contentType !== undefined ? `, got '${contentType}'` : ''}`);
    this.name = 'UnsupportedMediaTypeError';
  }
}
