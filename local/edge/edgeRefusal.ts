import { randomUUID } from 'node:crypto';
import { lambdaError } from '../lambda/lambdaResponses';
import { s3Error } from '../s3/s3Errors';
import { renderQueryError } from '../sqs/protocol/renderQueryXml';
import { awsJsonError, restJsonError } from './awsErrors';
import type { EdgeResponse } from './EdgeRequest';
import type { EdgeProtocol } from './EdgeProtocol';

/**
 * Why the edge's port refused a request before any service saw it: a foreign Host or Origin, a
 * shape no SDK sends, or a body over the cap.
 */
export type EdgeRefusalKind = 'forbidden' | 'contentType' | 'tooLarge';

/**
 * The refusal in the error shape of the request's protocol, so an SDK or the CLI shows the
 * message as it shows any error of that service.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * @see https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 */
export function edgeRefusal(protocol: EdgeProtocol, kind: EdgeRefusalKind, message: string, method: string): EdgeResponse {
  switch (protocol.kind) {
    case 'awsJson': {
      const contentType = `application/x-amz-json-${protocol.version ?? '1.0'}`;
      if (kind === 'forbidden') return awsJsonError(403, 'AccessDeniedException', message, contentType);
      // What AWS's JSON front end answers to a request it cannot read as an operation.
      if (kind === 'contentType') return awsJsonError(400, 'UnknownOperationException', message, contentType);
      return awsJsonError(413, 'RequestEntityTooLargeException', message, contentType);
    }
    case 'awsQuery': {
      const [status, code] = kind === 'forbidden' ? [403, 'AccessDenied'] : kind === 'contentType' ? [400, 'AWS.SimpleQueueService.UnsupportedOperation'] : [413, 'RequestEntityTooLarge'];
      return { status, headers: { 'content-type': 'text/xml' }, body: renderQueryError('Sender', code, message, randomUUID()) };
    }
    case 'restJson':
      if (protocol.service === 'lambda') {
        if (kind === 'forbidden') return lambdaError(403, 'AccessDeniedException', message);
        return kind === 'contentType' ? lambdaError(415, 'UnsupportedMediaTypeException', message) : lambdaError(413, 'RequestTooLargeException', message);
      }
      if (kind === 'forbidden') return restJsonError(403, 'AccessDeniedException', message);
      return restJsonError(kind === 'contentType' ? 400 : 413, 'BadRequestException', message);
    case 'restXml':
      if (kind === 'forbidden') return s3Error(403, 'AccessDenied', message);
      if (kind === 'contentType') return s3Error(400, 'InvalidRequest', message);
      return method === 'PUT' ? s3Error(400, 'EntityTooLarge', message) : s3Error(400, 'MaxMessageLengthExceeded', message);
  }
}
