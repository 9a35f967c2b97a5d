import type { Target } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EdgeResponse, RawEdgeRequest } from '../edge/EdgeRequest';
import type { EdgeDispatcher } from '../edge/inProcessEdges';
import { edgeResponseBody } from '../edge/InProcessHttpHandler';
import { lambdaInvokeEventRequest, sfnStartExecutionRequest, sqsSendMessageRequest, type EdgeTargetScope } from './edgeTargetRequests';

/** The SDK clients targets are delivered with (pointed at the local edge). */
export interface TargetClients {
  readonly sqs: SQSClient;
  readonly lambda: LambdaClient;
  readonly sfn: SFNClient;
}

/** The service an ARN names, among the target types the local EventBridge delivers to. */
export type TargetKind = 'sqs' | 'lambda' | 'states' | 'unsupported';

/** Which kind of target an ARN is. */
export function targetKind(arn: string): TargetKind {
  const service = arn.split(':')[2];
  return service === 'sqs' || service === 'lambda' || service === 'states' ? service : 'unsupported';
}

/** The edge of this process, looked up per delivery (it may stop), and the region its requests are signed for. */
export interface TargetEdge {
  readonly region: string;
  /** The edge to hand requests to; undefined sends them through the SDK clients. */
  dispatcher(): EdgeDispatcher | undefined;
}

/** A target service's refusal, named as the service names it (`ResourceNotFoundException`). */
export class TargetRefusedError extends Error {
  public constructor(code: string, message: string, public readonly status: number) {
    super(message);
    this.name = code;
  }
}

/**
 * Delivers a rule's rendered input to one target: SQS SendMessage, Lambda Invoke (Event), Step
 * Functions StartExecution. With an `edge`, the requests go to it as AWS wire requests without
 * the SDK (whose middleware, signing and serialisation were most of a delivery's CPU: two
 * deliveries per issued invoice); otherwise, and for the rare GetQueueUrl, through the SDK.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
 */
export class TargetDelivery {
  private readonly queueUrls = new Map<string, string>();

  public constructor(
    private readonly clients: TargetClients,
    private readonly edge?: TargetEdge,
  ) {}

  /** Sends `input` to the target; rejects when the target service refuses it. */
  public async deliver(target: Target, input: string, eventId: string): Promise<void> {
    const arn = target.Arn ?? '';
    switch (targetKind(arn)) {
      case 'sqs': {
        const queueUrl = await this.queueUrl(arn);
        const fifo = arn.endsWith('.fifo');
        const message = {
          QueueUrl: queueUrl,
          MessageBody: input,
          ...(target.SqsParameters?.MessageGroupId !== undefined ? { MessageGroupId: target.SqsParameters.MessageGroupId } : {}),
          // EventBridge deduplicates FIFO deliveries by event id.
          ...(fifo ? { MessageDeduplicationId: eventId } : {}),
        };
        const edge = this.edgeNow();
        if (edge !== undefined) await send(edge.dispatcher, sqsSendMessageRequest(edge.scope, message));
        else await this.clients.sqs.send(new SendMessageCommand(message));
        return;
      }
      case 'lambda': {
        const edge = this.edgeNow();
        if (edge !== undefined) await send(edge.dispatcher, lambdaInvokeEventRequest(edge.scope, arn, input));
        else await this.clients.lambda.send(new InvokeCommand({ FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(input, 'utf8') }));
        return;
      }
      case 'states': {
        const edge = this.edgeNow();
        if (edge !== undefined) await send(edge.dispatcher, sfnStartExecutionRequest(edge.scope, arn, input));
        else await this.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input }));
        return;
      }
      case 'unsupported':
        throw new Error(`the local EventBridge does not deliver to ${arn} (SQS, Lambda and Step Functions targets only)`);
    }
  }

  private edgeNow(): { readonly dispatcher: EdgeDispatcher; readonly scope: EdgeTargetScope } | undefined {
    const dispatcher = this.edge?.dispatcher();
    if (this.edge === undefined || dispatcher === undefined) return undefined;
    return { dispatcher, scope: { region: this.edge.region, now: new Date() } };
  }

  private async queueUrl(arn: string): Promise<string> {
    const known = this.queueUrls.get(arn);
    if (known !== undefined) return known;
    const [, , , , accountId, queueName] = arn.split(':');
    const answer = await this.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: accountId }));
    if (answer.QueueUrl === undefined) throw new Error(`no QueueUrl for ${arn}`);
    this.queueUrls.set(arn, answer.QueueUrl);
    return answer.QueueUrl;
  }
}

/** Hands one request to the edge; rejects with the service's error when it refuses it. */
async function send(edge: EdgeDispatcher, request: RawEdgeRequest): Promise<void> {
  const response = await edge.dispatch(request);
  if (response.status < 300) return;
  throw refusalOf(response);
}

/** The error code and message of a refusal, where the AWS JSON and REST-JSON protocols put them. */
function refusalOf(response: EdgeResponse): TargetRefusedError {
  const text = edgeResponseBody(response).toString('utf8');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the text is the message.
  }
  const header = response.headers?.['x-amzn-errortype'];
  const rawCode = typeof header === 'string' ? header : typeof body.__type === 'string' ? body.__type : 'UnknownError';
  // `com.amazonaws.sqs#QueueDoesNotExist`, `ResourceNotFoundException:http://...` → the bare name, as the SDK reads it.
  const code = rawCode.split(':')[0]?.split('#').pop() ?? rawCode;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : text;
  return new TargetRefusedError(code, message, response.status);
}
