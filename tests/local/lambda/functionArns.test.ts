import { functionArn, parseFunctionReference } from '../../../local/lambda/functionArns';

describe('parseFunctionReference', () => {
  it('reads a plain name', () => {
    expect(parseFunctionReference('ping')).toEqual({ name: 'ping' });
  });

  it('reads a name with a qualifier', () => {
    expect(parseFunctionReference('ping:$LATEST')).toEqual({ name: 'ping', qualifier: '$LATEST' });
  });

  it('reads a full ARN with and without a qualifier', () => {
    expect(parseFunctionReference('arn:aws:lambda:us-east-1:000000000000:function:dlq-processor')).toEqual({ name: 'dlq-processor' });
    expect(parseFunctionReference('arn:aws:lambda:us-east-1:000000000000:function:dlq-processor:live')).toEqual({ name: 'dlq-processor', qualifier: 'live' });
  });

  it('reads a partial ARN', () => {
    expect(parseFunctionReference('000000000000:function:sweeper')).toEqual({ name: 'sweeper' });
  });

  it('rejects malformed references', () => {
    expect(parseFunctionReference('arn:aws:sqs:us-east-1:000000000000:queue')).toBeUndefined();
    expect(parseFunctionReference('has space')).toBeUndefined();
    expect(parseFunctionReference('x'.repeat(65))).toBeUndefined();
  });
});

describe('functionArn', () => {
  it('builds the unqualified ARN', () => {
    expect(functionArn('us-east-1', '000000000000', 'ping')).toBe('arn:aws:lambda:us-east-1:000000000000:function:ping');
  });
});
