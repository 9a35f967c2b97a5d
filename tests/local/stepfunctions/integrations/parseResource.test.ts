import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { parseResource } from '../../../../local/stepfunctions/integrations/parseResource';

describe('parseResource', () => {
  it.each([
    ['arn:aws:states:::dynamodb:putItem', { kind: 'optimized', resourceType: 'dynamodb', resource: 'putItem', pattern: 'REQUEST_RESPONSE', service: 'dynamodb', action: 'putItem' }],
    ['arn:aws:states:::sqs:sendMessage', { kind: 'optimized', resourceType: 'sqs', resource: 'sendMessage', pattern: 'REQUEST_RESPONSE', service: 'sqs', action: 'sendMessage' }],
    [
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      { kind: 'optimized', resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', pattern: 'WAIT_FOR_TASK_TOKEN', condition: 'waitForTaskToken', service: 'sqs', action: 'sendMessage' },
    ],
    ['arn:aws:states:::lambda:invoke', { kind: 'optimized', resourceType: 'lambda', resource: 'invoke', pattern: 'REQUEST_RESPONSE', service: 'lambda', action: 'invoke' }],
    ['arn:aws:states:::events:putEvents', { kind: 'optimized', resourceType: 'events', resource: 'putEvents', pattern: 'REQUEST_RESPONSE', service: 'events', action: 'putEvents' }],
    ['arn:aws:states:::states:startExecution', { kind: 'optimized', resourceType: 'states', resource: 'startExecution', pattern: 'REQUEST_RESPONSE', service: 'states', action: 'startExecution' }],
    [
      'arn:aws:states:::states:startExecution.sync',
      { kind: 'optimized', resourceType: 'states', resource: 'startExecution.sync', pattern: 'SYNC', condition: 'sync', service: 'states', action: 'startExecution' },
    ],
    [
      'arn:aws:states:::states:startExecution.sync:2',
      { kind: 'optimized', resourceType: 'states', resource: 'startExecution.sync:2', pattern: 'SYNC', condition: 'sync:2', service: 'states', action: 'startExecution' },
    ],
    [
      'arn:aws:states:::aws-sdk:rdsdata:executeStatement',
      { kind: 'aws-sdk', resourceType: 'aws-sdk:rdsdata', resource: 'executeStatement', pattern: 'REQUEST_RESPONSE', service: 'rdsdata', action: 'executeStatement' },
    ],
    [
      'arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken',
      { kind: 'aws-sdk', resourceType: 'aws-sdk:sqs', resource: 'sendMessage.waitForTaskToken', pattern: 'WAIT_FOR_TASK_TOKEN', condition: 'waitForTaskToken', service: 'sqs', action: 'sendMessage' },
    ],
  ])('parses %s', (resource, expected) => {
    // Act
    const parsed = parseResource(resource);

    // Assert
    expect(parsed).toEqual({ ...expected, arn: resource });
  });

  it('parses a Lambda function ARN as a direct invocation', () => {
    // Arrange
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:emit:live';

    // Act
    const parsed = parseResource(arn);

    // Assert
    expect(parsed).toEqual({ kind: 'lambda-function', resourceType: 'lambda', resource: arn, pattern: 'REQUEST_RESPONSE', service: 'lambda', action: arn, region: 'us-east-1', arn });
  });

  it('parses an activity ARN', () => {
    // Arrange
    const arn = 'arn:aws:states:us-east-1:000000000000:activity:review';

    // Act
    const parsed = parseResource(arn);

    // Assert
    expect(parsed).toEqual({ kind: 'activity', resourceType: 'activity', resource: arn, pattern: 'WAIT_FOR_TASK_TOKEN', service: 'states', action: arn, region: 'us-east-1', arn });
  });

  it.each([
    'arn:aws:states:::dynamodb:putItem.waitForTaskToken',
    'arn:aws:states:::dynamodb:query',
    'arn:aws:states:::sqs:sendMessage.sync',
    'arn:aws:states:::states:startExecution.sync:3',
    'arn:aws:states:::aws-sdk:sfn:startExecution.sync',
    'arn:aws:states:::aws-sdk:ec2:describeInstances',
    'arn:aws:states:::aws-sdk:dynamodb:putItemz',
    'arn:aws:states:::aws-sdk:dynamodb:PutItem',
    'arn:aws:states:::sns:publish',
    'arn:aws:lambda:us-east-1:000000000000:layer:x',
    'not-an-arn',
  ])('rejects %s with the AWS wording', (resource) => {
    // Act
    const act = (): unknown => parseResource(resource);

    // Assert
    expect(act).toThrow(StatesError);
    expect(act).toThrow(
      `States.Runtime: The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
    );
  });
});
