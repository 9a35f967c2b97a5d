import type { Target } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

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

/**
 * Delivers a rule's rendered input to one target through the real SDK: SQS SendMessage, Lambda
 * Invoke (Event), Step Functions StartExecution.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
 */
export class TargetDelivery {
  private readonly queueUrls = new Map<string, string>();

  public constructor(private readonly clients: TargetClients) {}

  /** Sends `input` to the target; rejects when the target service refuses it. */
  public async deliver(target: Target, input: string, eventId: string): Promise<void> {
    const arn = target.Arn ?? '';
    switch (targetKind(arn)) {
      case 'sqs': {
        const queueUrl = await this.queueUrl(arn);
        const fifo = arn.endsWith('.fifo');
        await this.clients.sqs.send(new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: input,
          ...(target.SqsParameters?.MessageGroupId !== undefined ? { MessageGroupId: target.SqsParameters.MessageGroupId } : {}),
          // EventBridge deduplicates FIFO deliveries by event id.
          ...(fifo ? { MessageDeduplicationId: eventId } : {}),
        }));
        return;
      }
      case 'lambda':
        await this.clients.lambda.send(new InvokeCommand({ FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(input, 'utf8') }));
        return;
      case 'states':
        await this.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input }));
        return;
      case 'unsupported':
        throw new Error(`the local EventBridge does not deliver to ${arn} (SQS, Lambda and Step Functions targets only)`);
    }
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
