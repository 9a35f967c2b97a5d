import type { EdgeResponse } from '../edge/EdgeRequest';
import { restJsonError } from '../edge/awsErrors';

/** The RDS Data API errors the emulator answers, with the status the SDK's model gives each. */
export const RDS_DATA_ERRORS = {
  BadRequestException: 400,
  DatabaseResumingException: 400,
  UnsupportedResultException: 400,
  StatementTimeoutException: 400,
  NotFoundException: 404,
  InternalServerErrorException: 500,
  ServiceUnavailableError: 503,
} as const;
export type RdsDataErrorType = keyof typeof RDS_DATA_ERRORS;

/** A failure that becomes an RDS Data API error answer. */
export class RdsDataError extends Error {
  public override readonly name = 'RdsDataError';

  public constructor(
    public readonly type: RdsDataErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The restJson answer: status from the model, `x-amzn-errortype`, `{"message"}`. */
  public toResponse(): EdgeResponse {
    return restJsonError(RDS_DATA_ERRORS[this.type], this.type, this.message);
  }
}

/** A `BadRequestException`, the Data API's answer to most bad input and every SQL error. */
export function badRequest(message: string, cause?: unknown): RdsDataError {
  return new RdsDataError('BadRequestException', message, { cause });
}

/** The fields of a Postgres error (pg's DatabaseError and PGlite's share them). */
interface PgErrorFields {
  readonly message: string;
  readonly severity?: string;
  readonly code?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: string;
  readonly where?: string;
}

/** Whether this is an error the database server sent (as opposed to a connection failure). */
export function isPgServerError(error: unknown): error is PgErrorFields {
  return error instanceof Error && typeof (error as { severity?: unknown }).severity === 'string' && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Postgres's message the way Aurora's Data API passes it on (PgJDBC's rendering):
 * `ERROR: <message>` then `Detail`, `Hint`, `Position` and `Where` lines.
 */
export function pgErrorMessage(error: PgErrorFields): string {
  let text = `${error.severity ?? 'ERROR'}: ${error.message}`;
  if (error.detail) text += `\n  Detail: ${error.detail}`;
  if (error.hint) text += `\n  Hint: ${error.hint}`;
  if (error.position) text += `\n  Position: ${error.position}`;
  if (error.where) text += `\n  Where: ${error.where}`;
  return text;
}

/** Any failure of a statement as the Data API reports it. */
export function toRdsDataError(error: unknown): RdsDataError {
  if (error instanceof RdsDataError) return error;
  if (isPgServerError(error)) return badRequest(pgErrorMessage(error), error);
  const message = error instanceof Error ? error.message : String(error);
  return new RdsDataError('InternalServerErrorException', `The local Data API failed: ${message}`, { cause: error });
}
