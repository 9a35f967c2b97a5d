import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { sdkMetadataFields } from '../../../../local/stepfunctions/integrations/sdkHttpMetadata';
import { sendCommand } from '../../../../local/stepfunctions/integrations/sendCommand';

/** A client whose HTTP layer answers one canned response, so the SDK's own middleware runs. */
function clientAnswering(headers: Record<string, string>, body: string): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers, body: Buffer.from(body) } }) },
  });
}

describe('sendCommand', () => {
  it('captures the HTTP status and headers under the deserializer', async () => {
    // Arrange
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ-10', date: 'Mon, 23 Nov 2026 14:00:00 GMT' };
    const client = clientAnswering(headers, '{"Item":{"id":{"S":"1"}}}');

    // Act
    const result = await sendCommand(client, new GetItemCommand({ TableName: 'T', Key: { id: { S: '1' } } }), new AbortController().signal);

    // Assert
    expect(result.http).toEqual({ statusCode: 200, headers });
    expect(result.output.Item).toEqual({ id: { S: '1' } });
  });
});

describe('sdkMetadataFields', () => {
  it('spells the headers as AWS shows them and takes the request id from the SDK metadata', () => {
    // Arrange
    const result = {
      output: { $metadata: { httpStatusCode: 200, requestId: 'REQ-11' } },
      http: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ-11', 'content-length': '2' } },
    };

    // Act
    const fields = sdkMetadataFields(result);

    // Assert
    expect(fields).toEqual({
      SdkHttpMetadata: {
        AllHttpHeaders: { 'Content-Type': ['application/x-amz-json-1.0'], 'x-amzn-RequestId': ['REQ-11'], 'Content-Length': ['2'] },
        HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': 'REQ-11', 'Content-Length': '2' },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: 'REQ-11' },
    });
  });
});
