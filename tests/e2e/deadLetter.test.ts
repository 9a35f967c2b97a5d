import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '12.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('a request no adapter can process, end to end', () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    // No adapter: this test plays the adapter that keeps failing to process the message.
    e2e = await startE2eApp({ adapters: 0, deadLetterProcessor: true });
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('moves to the DLQ after 5 receives, and the processor fails its task: FAILED, nothing left RUNNING', async () => {
    const token = await e2e.token('dlq-client', [CNPJ]);
    const created = await e2e.call('POST', '/invoices', token, body);
    const invoiceId = String(created.body.invoiceId);
    const queueUrl = e2e.app.names.env.REQUESTS_QUEUE_URL;

    let receives = 0;
    const deadline = Date.now() + 10_000;
    while (receives < 5 && Date.now() < deadline) {
      const page = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 1 }));
      receives += page.Messages?.length ?? 0;
    }
    expect(receives).toBe(5);
    // The 6th receive finds the message over maxReceiveCount and moves it to the DLQ.
    const sixth = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
    expect(sixth.Messages ?? []).toEqual([]);

    const record = await e2e.waitForStatus(invoiceId, ['FAILED'], 20_000);
    expect(record.error).toEqual({ code: 'DeadLettered', message: 'the emit request could not be processed after 6 receives', kind: 'Provider.DeadLettered' });
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(history.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['Provider.DeadLettered']);
    expect(statesEntered(history).slice(-5)).toEqual(['MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed', 'InvoiceFailed']);
    const running = await e2e.sfn.send(new ListExecutionsCommand({ stateMachineArn: e2e.app.names.env.EMISSION_STATE_MACHINE_ARN, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
  });
});
