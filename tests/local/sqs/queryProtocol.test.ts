import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

/** One query-protocol call as older SDKs and the AWS CLI v1 make it (form body, XML answer). */
async function query(params: Record<string, string>, path = '/'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${testClientConfig().endpoint}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x',
    },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });
  return { status: response.status, text: await response.text() };
}

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe('SQS query protocol', () => {
  it('creates a queue, sends with attributes and receives the message as XML', async () => {
    const name = uniqueName('query');

    const created = await query({ Action: 'CreateQueue', QueueName: name, 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '40' });
    const url = element(created.text, 'QueueUrl') ?? '';
    const sent = await query({
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: 'derp & <co>',
      'MessageAttribute.1.Name': 'timestamp',
      'MessageAttribute.1.Value.DataType': 'Number',
      'MessageAttribute.1.Value.StringValue': '1493147359900',
    });
    const received = await query({ Action: 'ReceiveMessage', 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' }, new URL(url).pathname);
    const attributes = await query({ Action: 'GetQueueAttributes', QueueUrl: url, 'AttributeName.1': 'VisibilityTimeout' });

    expect(created.status).toBe(200);
    expect(url).toBe(`${testClientConfig().endpoint}/000000000000/${name}`);
    expect(element(sent.text, 'MD5OfMessageAttributes')).toBe('235c5c510d26fb653d073faed50ae77c');
    expect(element(received.text, 'Body')).toBe('derp &amp; &lt;co&gt;');
    expect(element(received.text, 'MD5OfBody')).toBe(element(sent.text, 'MD5OfMessageBody'));
    expect(received.text).toContain('<MessageAttribute><Name>timestamp</Name><Value><StringValue>1493147359900</StringValue><DataType>Number</DataType></Value></MessageAttribute>');
    expect(received.text).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(attributes.text).toContain('<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout</Name><Value>40</Value></Attribute></GetQueueAttributesResult>');
  });

  it('sends a batch with flattened entries and answers each entry', async () => {
    const created = await query({ Action: 'CreateQueue', QueueName: uniqueName('qbatch') });
    const url = element(created.text, 'QueueUrl') ?? '';

    const sent = await query({
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'one',
      'SendMessageBatchRequestEntry.1.MessageBody': 'a',
      'SendMessageBatchRequestEntry.2.Id': 'two',
      'SendMessageBatchRequestEntry.2.MessageBody': 'b',
    });

    expect(sent.text.match(/<SendMessageBatchResultEntry><Id>(one|two)<\/Id>/g)).toHaveLength(2);
  });

  it('answers errors in the query error document with the query error code', async () => {
    const result = await query({ Action: 'GetQueueUrl', QueueName: uniqueName('nothere') });

    expect(result.status).toBe(400);
    expect(element(result.text, 'Code')).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(element(result.text, 'Type')).toBe('Sender');
  });
});
