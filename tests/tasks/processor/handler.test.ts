import { SFNClient, SendTaskFailureCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../tasks/processor/handler';
import { CNPJ } from '../fixtures';
import { INVOICE_ID } from '../invoiceRecordFixture';

function record(messageId: string, taskToken: string): SQSRecord {
  const body = JSON.stringify({
    kind: 'emit', taskToken, attempt: 0, executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${INVOICE_ID}`, invoiceId: INVOICE_ID, companyCnpj: CNPJ, municipalityCode: '3550308',
    rps: { serie: '1', numero: 7 }, invoice: { total: '100.00', xmlKey: 'xml/a.xml', nfseXmlKey: 'nfse/a.xml' },
  });
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '5', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:nfse-requests-dlq',
    awsRegion: 'us-east-1',
  };
}

describe('processor handler', () => {
  const sfn = mockClient(SFNClient);

  beforeEach(() => sfn.reset());

  it('reports only the messages whose task it could not fail, after failing the others in order', async () => {
    sfn.on(SendTaskFailureCommand, { taskToken: 'live' }).resolves({});
    sfn.on(SendTaskFailureCommand, { taskToken: 'stale' }).rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));
    sfn.on(SendTaskFailureCommand, { taskToken: 'throttled' }).rejects(new Error('throttled'));
    const event: SQSEvent = { Records: [record('m1', 'live'), record('m2', 'stale'), record('m3', 'throttled'), { ...record('m4', 'x'), body: 'not json' }] };

    const response = await handler(event);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm3' }] });
    expect(sfn.commandCalls(SendTaskFailureCommand).map((call) => call.args[0].input.taskToken)).toEqual(['live', 'stale', 'throttled']);
  });

  it('reports every message of a batch that failed whole, rather than throwing', async () => {
    sfn.on(SendTaskFailureCommand).rejects(new Error('throttled'));

    const response = await handler({ Records: [record('m1', 'a'), record('m2', 'b')] });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] });
  });
});
