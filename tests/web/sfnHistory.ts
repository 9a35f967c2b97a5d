import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { TimelineEntry } from '../../contracts/ops';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, uniqueName } from '../harness/localCloudEnv';
import { toTimelineEntry } from '../../tasks/ops/timelineEntry';

const ROLE = 'arn:aws:iam::000000000000:role/console-graph';

/** Real Step Functions and SQS clients against the shared local cloud, for histories the graph reads. */
export class SfnHistory {
  public readonly sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1 });
  public readonly sqs = new SQSClient({ ...testClientConfig(), maxAttempts: 1 });

  public async createMachine(definition: object): Promise<string> {
    const out = await this.sfn.send(new CreateStateMachineCommand({ name: uniqueName('graph'), definition: JSON.stringify(definition), roleArn: ROLE }));
    return out.stateMachineArn ?? '';
  }

  public async start(stateMachineArn: string, input: object = {}): Promise<string> {
    const out = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return out.executionArn ?? '';
  }

  public async createQueue(): Promise<string> {
    const out = await this.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('graph') }));
    return out.QueueUrl ?? '';
  }

  /** Waits until the execution is no longer RUNNING and answers its status. */
  public async settled(executionArn: string): Promise<string> {
    return (await executionEnded(this.sfn, executionArn)).status ?? '';
  }

  /** The task token of the next message a `.waitForTaskToken` task sent (the body carries `token`). */
  public async nextToken(queueUrl: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const out = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 1 }));
      const message = out.Messages?.[0];
      if (message?.Body !== undefined) {
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
        const body: unknown = JSON.parse(message.Body);
        const token: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'token') : undefined;
        if (typeof token === 'string') return token;
      }
    }
    throw new Error(`no task token on ${queueUrl}`);
  }

  /** The whole history, as the API's timeline. */
  public async timeline(executionArn: string): Promise<TimelineEntry[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return events.map(toTimelineEntry);
  }

  public destroy(): void {
    this.sfn.destroy();
    this.sqs.destroy();
  }
}
