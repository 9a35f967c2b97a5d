import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { TargetDelivery, targetKind } from '../../../local/events/TargetDelivery';

describe('TargetDelivery', () => {
  const sqs = mockClient(SQSClient);
  const lambda = mockClient(LambdaClient);
  const sfn = mockClient(SFNClient);
  let delivery: TargetDelivery;

  beforeEach(() => {
    sqs.reset();
    lambda.reset();
    sfn.reset();
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: 'http://127.0.0.1:4566/000000000000/failures' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    delivery = new TargetDelivery({ sqs: new SQSClient({ region: 'us-east-1' }), lambda: new LambdaClient({ region: 'us-east-1' }), sfn: new SFNClient({ region: 'us-east-1' }) });
  });

  it('sends the input to an SQS queue found by its ARN, once per queue', async () => {
    const target = { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:failures' };

    await delivery.deliver(target, '{"a":1}', 'e-1');
    await delivery.deliver(target, '{"a":2}', 'e-2');

    expect(sqs.commandCalls(GetQueueUrlCommand).map((c) => c.args[0].input)).toEqual([{ QueueName: 'failures', QueueOwnerAWSAccountId: '000000000000' }]);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: 'http://127.0.0.1:4566/000000000000/failures', MessageBody: '{"a":1}' },
      { QueueUrl: 'http://127.0.0.1:4566/000000000000/failures', MessageBody: '{"a":2}' },
    ]);
  });

  it('sends a group id and the event id as deduplication id to a FIFO queue', async () => {
    await delivery.deliver({ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:failures.fifo', SqsParameters: { MessageGroupId: 'g1' } }, '{}', 'e-9');

    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'http://127.0.0.1:4566/000000000000/failures', MessageBody: '{}', MessageGroupId: 'g1', MessageDeduplicationId: 'e-9',
    });
  });

  it('invokes a Lambda function asynchronously', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });

    await delivery.deliver({ Id: 'l', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:sweeper' }, '{"b":1}', 'e-1');

    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe('arn:aws:lambda:us-east-1:000000000000:function:sweeper');
    expect(input?.InvocationType).toBe('Event');
    expect(Buffer.from(input?.Payload as Uint8Array).toString('utf8')).toBe('{"b":1}');
  });

  it('starts a Step Functions execution', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });

    await delivery.deliver({ Id: 's', Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Emission' }, '{"c":1}', 'e-1');

    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Emission', input: '{"c":1}' });
  });

  it('refuses a target type it cannot deliver to', async () => {
    await expect(delivery.deliver({ Id: 'k', Arn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' }, '{}', 'e-1')).rejects.toThrow(/does not deliver to arn:aws:kinesis/);
  });

  it('names target kinds by ARN', () => {
    expect(targetKind('arn:aws:sqs:us-east-1:000000000000:q')).toBe('sqs');
    expect(targetKind('arn:aws:sns:us-east-1:000000000000:t')).toBe('unsupported');
  });
});
