import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorResponse } from './apiResponse';
import { ApiError } from './errors';
import { logger } from './logger';

/** What an API handler's body does: turn an event into an answer, throwing ApiErrors for 4xx. */
export type ApiOperation = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * Wraps an operation as a Lambda handler: ApiErrors become their status with the contract's
 * body; anything else is logged and answered 500 with the request id (never a stack trace).
 */
export function apiHandler(operation: ApiOperation): (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult> {
  return async (event, context) => {
    // Keys a previous invocation of this warm function appended are not this request's.
    logger.resetKeys();
    if (context !== undefined) logger.addContext(context);
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId;
    try {
      return await operation(event);
    } catch (error) {
      if (error instanceof ApiError) {
        logger.info('request refused', { statusCode: error.statusCode, code: error.code, path: event.path });
        return errorResponse(event, error.statusCode, {
          message: error.message,
          code: error.code,
          ...(error.errors.length > 0 ? { errors: [...error.errors] } : {}),
          ...(error.executionArn !== undefined ? { executionArn: error.executionArn } : {}),
          ...(requestId !== undefined ? { requestId } : {}),
        });
      }
      logger.error('request failed', { error: error instanceof Error ? error : String(error), path: event.path });
      return errorResponse(event, 500, { message: 'Internal server error', code: 'InternalError', ...(requestId !== undefined ? { requestId } : {}) });
    }
  };
}
