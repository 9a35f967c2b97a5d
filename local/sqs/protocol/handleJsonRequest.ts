import type { EdgeRequest, EdgeResponse } from '../../edge/EdgeRequest';
import { InvalidActionError } from '../errors/InvalidActionError';
import { SqsError } from '../errors/SqsError';
import type { QueueRegistry } from '../model/QueueRegistry';
import { ReceiveResult } from './ReceiveResult';
import type { Input } from './readInput';
import { SQS_OPERATIONS } from './sqsOperations';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The AWS JSON 1.0 protocol of SQS: `X-Amz-Target: AmazonSQS.<Op>`, a JSON body in and out.
 * Errors carry `__type` and the `x-amzn-query-error` header (`Code;Sender`) that the SDK's
 * query-compatible error mapping reads.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
 */
export async function handleJsonRequest(registry: QueueRegistry, request: EdgeRequest): Promise<EdgeResponse> {
  try {
    const operation = request.target !== undefined ? SQS_OPERATIONS[request.target] : undefined;
    if (operation === undefined) throw new InvalidActionError(`The action ${request.target ?? '(none)'} is not valid for this endpoint.`);
    const result = await operation(registry, parseBody(request.body), request);
    const body = result instanceof ReceiveResult ? result.toJson() : JSON.stringify(result);
    return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body };
  } catch (error) {
    if (error instanceof SqsError) return jsonError(error);
    throw error;
  }
}

/** An SqsError in the JSON protocol's shape. */
export function jsonError(error: SqsError): EdgeResponse {
  return {
    status: error.status,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-query-error': `${error.queryCode};${error.senderFault ? 'Sender' : 'Receiver'}`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message }),
  };
}

function parseBody(body: Buffer): Input {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SqsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SqsError('SerializationException', 'The request body must be a JSON object.');
  return parsed as Input;
}
