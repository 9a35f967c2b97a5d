import { SFNClient, SendTaskFailureCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { failDeadLetteredTask, readDeadLetter } from '../../../tasks/processor/failDeadLetteredTask';
import { CNPJ } from '../fixtures';
import { INVOICE_ID } from '../invoiceRecordFixture';

const message = JSON.stringify({
  kind: 'emit', taskToken: 'token-1', attempt: 0, executionArn: 'arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:x', invoiceId: INVOICE_ID, companyCnpj: CNPJ, municipalityCode: '3550308',
  rps: { serie: '1', numero: 7 }, invoice: { total: '100.00', xmlKey: 'xml/a.xml', nfseXmlKey: 'nfse/a.xml' },
});

describe('failDeadLetteredTask', () => {
  const sfn = mockClient(SFNClient);
  const client = new SFNClient({ region: 'us-east-1' });

  beforeEach(() => sfn.reset());

  it('fails a live task with Provider.DeadLettered', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});

    const outcome = await failDeadLetteredTask(client, readDeadLetter(message), '5');

    expect(outcome).toEqual({ kind: 'failed-task', invoiceId: INVOICE_ID });
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      error: 'Provider.DeadLettered',
      cause: '{"code":"DeadLettered","message":"the emit request could not be processed after 5 receives"}',
    });
  });

  it('drops a stale message whose task already timed out', async () => {
    sfn.on(SendTaskFailureCommand).rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));

    expect(await failDeadLetteredTask(client, readDeadLetter(message), '5')).toEqual({ kind: 'stale', invoiceId: INVOICE_ID, reason: 'TaskTimedOut' });
  });

  it('drops an unreadable message', async () => {
    expect(await failDeadLetteredTask(client, readDeadLetter('not json'), '5')).toEqual({ kind: 'unreadable', reason: 'body is not JSON' });
    expect(sfn.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
  });

  it('rethrows other failures so the message is retried', async () => {
    sfn.on(SendTaskFailureCommand).rejects(new Error('throttled'));

    await expect(failDeadLetteredTask(client, readDeadLetter(message), '5')).rejects.toThrow('throttled');
  });
});
