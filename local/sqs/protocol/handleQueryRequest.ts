import { randomUUID } from 'node:crypto';
import type { EdgeRequest, EdgeResponse } from '../../edge/EdgeRequest';
import { InvalidActionError } from '../errors/InvalidActionError';
import { SqsError } from '../errors/SqsError';
import type { QueueRegistry } from '../model/QueueRegistry';
import { decodeQueryParameters } from './decodeQueryParameters';
import { renderQueryError, renderQueryXml } from './renderQueryXml';
import { SQS_OPERATIONS } from './sqsOperations';

/**
 * The query protocol of older SDKs and the AWS CLI v1: `Action=...` in a form body or the query
 * string, the queue in `QueueUrl` or the path, XML answers.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
 */
export async function handleQueryRequest(registry: QueueRegistry, request: EdgeRequest): Promise<EdgeResponse> {
  const requestId = randomUUID();
  const params = new Map<string, string>(request.url.searchParams);
  const contentType = String(request.headers['content-type'] ?? '');
  if (request.body.length > 0 && (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
  }
  const action = params.get('Action') ?? '';
  try {
    const operation = SQS_OPERATIONS[action];
    if (operation === undefined) throw new InvalidActionError(`The action ${action || '(none)'} is not valid for this endpoint.`);
    const input: Record<string, unknown> = { ...decodeQueryParameters(params) };
    const segments = request.url.pathname.split('/').filter((s) => s !== '');
    if (input.QueueUrl === undefined && segments.length >= 2) input.QueueUrl = request.url.pathname;
    const result = await operation(registry, input, request);
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: renderQueryXml(action, result, requestId) };
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml' },
      body: renderQueryError(error.senderFault ? 'Sender' : 'Receiver', error.queryCode, error.message, requestId),
    };
  }
}
