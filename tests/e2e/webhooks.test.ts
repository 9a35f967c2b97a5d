import { ListExecutionsCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WEBHOOK_WORKFLOWS } from '../../workflows/registry';
import { eventually } from '../harness/eventually';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhookReceiver';

const CNPJ = '11222333000181';
const invoice = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '150.00', service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria da Silva' } };

type Delivery = { id: string; webhookId: string; status: string; payload: string; attempts: Array<{ outcome: string; statusCode?: number; error?: string }>; replays: number; error?: string };

describe('webhooks, end to end: bus event → fan-out → signed delivery to a receiver', () => {
  let e2e: E2eApp;
  let receiver: WebhookReceiver;
  let token: string;
  let endpointId: string;
  let secret: string;
  // StartSyncExecution's host prefix (sync-) does not resolve for a local endpoint.
  const syncSfn = new SFNClient({ ...testClientConfig(), disableHostPrefix: true });

  beforeAll(async () => {
    e2e = await startE2eApp();
    receiver = await startWebhookReceiver();
    token = await e2e.token('webhooks-client', [CNPJ]);
    const created = await e2e.call('POST', '/webhooks', token, { companyCnpj: CNPJ, url: receiver.url, events: ['invoice.issued'], description: 'e2e receiver' });
    expect(created.status).toBe(201);
    endpointId = String(created.body.id);
    secret = String(created.body.secret);
  }, 60_000);

  afterAll(async () => {
    syncSfn.destroy();
    await e2e.stop();
    await receiver.stop();
  });

  /** Emits an invoice and answers its id once ISSUED. */
  async function issue(): Promise<string> {
    const response = await e2e.call('POST', '/invoices', token, invoice);
    expect(response.status).toBe(201);
    const invoiceId = String(response.body.invoiceId);
    await e2e.waitForStatus(invoiceId, ['ISSUED']);
    return invoiceId;
  }

  const invoiceOf = (body: string): string => String((JSON.parse(body) as { data: { invoiceId: string } }).data.invoiceId);
  const postsFor = (invoiceId: string): ReceivedWebhook[] => receiver.received.filter((post) => invoiceOf(post.body) === invoiceId);

  async function deliveryFor(invoiceId: string, status: string, timeoutMs = 20_000): Promise<Delivery> {
    return eventually(
      `the delivery of ${invoiceId} ${status}`,
      async () => ((await e2e.call('GET', `/webhooks/${endpointId}/deliveries`, token)).body.items as Delivery[]).find((delivery) => invoiceOf(delivery.payload) === invoiceId),
      (delivery): delivery is Delivery => delivery?.status === status,
      { timeoutMs, intervalMs: 100 },
    );
  }

  it('delivers invoice.issued once, signed so that the standardwebhooks verifier accepts it', async () => {
    const invoiceId = await issue();

    const delivery = await deliveryFor(invoiceId, 'delivered');
    const posts = postsFor(invoiceId);
    expect(posts).toHaveLength(1);
    const post = posts[0] as ReceivedWebhook;
    expect(receiver.verify(post, secret)).toMatchObject({ type: 'invoice.issued', data: { invoiceId, companyCnpj: CNPJ, total: '150.00' } });
    expect(() => receiver.verify(post, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6OAn8TbG0mE=')).toThrow('No matching signature found');
    expect(post.headers['webhook-id']).toBe(delivery.webhookId);
    expect(post.headers['content-type']).toBe('application/json');
    expect(delivery).toMatchObject({ id: `${delivery.webhookId}_${endpointId}`, status: 'delivered', replays: 0, attempts: [{ outcome: 'delivered', statusCode: 204 }] });
    expect(post.body).toBe(delivery.payload);
  });

  it('retries with backoff while the receiver fails, and delivers once it is back', async () => {
    receiver.answerNext(503, 429);
    const invoiceId = await issue();

    const delivery = await deliveryFor(invoiceId, 'delivered', 30_000);

    expect(delivery.attempts.map((attempt) => [attempt.outcome, attempt.statusCode])).toEqual([
      ['retryable', 503],
      ['retryable', 429],
      ['delivered', 204],
    ]);
    expect(postsFor(invoiceId).map((post) => [post.answered, post.headers['webhook-id']])).toEqual([
      [503, delivery.webhookId],
      [429, delivery.webhookId],
      [204, delivery.webhookId],
    ]);
    const execution = `${e2e.app.names.env.WEBHOOK_DELIVERY_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${delivery.id}`;
    const history = await e2e.finishedHistory(execution);
    // The Parallel ran three times: Retry waited between the runs.
    expect(statesEntered(history).filter((state) => state === 'Send')).toHaveLength(3);
    expect(history.filter((event) => event.type === 'ParallelStateStarted')).toHaveLength(3);
  });

  it('does not retry a 410: the delivery fails at its first attempt', async () => {
    receiver.answerNext(410);
    const invoiceId = await issue();

    const delivery = await deliveryFor(invoiceId, 'failed');

    expect(delivery.attempts).toEqual([expect.objectContaining({ outcome: 'rejected', statusCode: 410, error: 'the endpoint answered HTTP 410' })]);
    expect(delivery.error).toBe('Webhook.Rejected: the endpoint answered HTTP 410');
    expect(postsFor(invoiceId)).toHaveLength(1);
    // MarkFailed records the delivery's status a state before NoteEndpointFailing marks the endpoint.
    const endpoint = await eventually(
      'the endpoint marked failing',
      async () => ((await e2e.call('GET', '/webhooks', token)).body.items as Array<{ id: string; failingSince?: string }>).find((item) => item.id === endpointId),
      (item) => item?.failingSince !== undefined,
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(endpoint?.failingSince).toEqual(expect.any(String));
  });

  it('replays a delivery with the same webhook-id, and a success clears the failing mark', async () => {
    const invoiceId = receiver.received.map((post) => invoiceOf(post.body)).find((id) => postsFor(id).some((post) => post.answered === 410)) ?? '';
    const failed = await deliveryFor(invoiceId, 'failed');

    const replay = await e2e.call('POST', `/webhooks/deliveries/${failed.id}/replay`, token);

    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ deliveryId: failed.id, executionArn: expect.stringMatching(new RegExp(`:${failed.id}-r1$`)) });
    const delivered = await deliveryFor(invoiceId, 'delivered');
    expect(delivered).toMatchObject({ replays: 1, attempts: [{ outcome: 'rejected', statusCode: 410 }, { outcome: 'delivered', statusCode: 204 }] });
    const posts = postsFor(invoiceId);
    expect(posts.map((post) => post.headers['webhook-id'])).toEqual([failed.webhookId, failed.webhookId]);
    expect(receiver.verify(posts[1] as ReceivedWebhook, secret)).toMatchObject({ type: 'invoice.issued' });
    const endpoint = ((await e2e.call('GET', '/webhooks', token)).body.items as Array<{ id: string; failingSince?: string }>).find((item) => item.id === endpointId);
    expect(endpoint?.failingSince).toBeUndefined();
  });

  it('delivers an event EventBridge delivers twice only once (one execution per event and endpoint)', async () => {
    const invoiceId = await issue();
    const first = await deliveryFor(invoiceId, 'delivered');
    const event = { id: first.webhookId, source: 'nfse-flow.invoices', 'detail-type': 'InvoiceIssued', time: '2026-12-01T10:00:00Z', detail: JSON.parse(first.payload).data as unknown };
    const fanout = `arn:aws:states:us-east-1:000000000000:stateMachine:${e2e.app.names.prefix}-${WEBHOOK_WORKFLOWS.webhookFanout.name}`;

    // The fan-out is Express: no history to read (it goes to CloudWatch Logs), so the second run is
    // started synchronously, as the test's way to know it has ended.
    const again = await syncSfn.send(new StartSyncExecutionCommand({ stateMachineArn: fanout, input: JSON.stringify(event) }));

    expect(again.status).toBe('SUCCEEDED');
    expect(JSON.parse(again.output ?? 'null')).toEqual([expect.objectContaining({ Error: 'StepFunctions.ExecutionAlreadyExistsException' })]);
    const deliveries = await e2e.sfn.send(new ListExecutionsCommand({ stateMachineArn: e2e.app.names.env.WEBHOOK_DELIVERY_STATE_MACHINE_ARN, maxResults: 1000 }));
    expect(deliveries.executions?.filter((execution) => execution.name === first.id)).toHaveLength(1);
    expect(postsFor(invoiceId)).toHaveLength(1);
  });

  it('signs with the old secret too for a day after a rotation, so the receiver can switch', async () => {
    const rotated = await e2e.call('POST', `/webhooks/${endpointId}/rotate-secret`, token);
    expect(rotated.status).toBe(200);
    const invoiceId = await issue();

    await deliveryFor(invoiceId, 'delivered');

    const post = postsFor(invoiceId)[0] as ReceivedWebhook;
    expect(post.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(receiver.verify(post, String(rotated.body.secret))).toMatchObject({ type: 'invoice.issued' });
    expect(receiver.verify(post, secret)).toMatchObject({ type: 'invoice.issued' });
    secret = String(rotated.body.secret);
  });

  it('refuses a registration with an unknown event type, listing the types', async () => {
    const answer = await e2e.call('POST', '/webhooks', token, { companyCnpj: CNPJ, url: receiver.url, events: ['invoice.paid'] });

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'events.0', message: 'must be one of invoice.issued, invoice.failed, invoice.cancelled, invoice.substituted, certificate.expiring, billing.run.finished, order.confirmed, order.failed' },
    ]);
  });

  // Last: it disables the suite's endpoint.
  it('disables an endpoint whose deliveries have all failed for 5 days, at its next failure', async () => {
    const key = { pk: `endpoint#${endpointId}`, sk: 'endpoint' };
    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000).toISOString();
    await e2e.ddb.send(new UpdateCommand({ TableName: e2e.app.names.webhooksTable, Key: key, UpdateExpression: 'SET failingSince = :then', ExpressionAttributeValues: { ':then': sixDaysAgo } }));
    receiver.answerNext(410);
    const invoiceId = await issue();

    const failed = await deliveryFor(invoiceId, 'failed');
    const execution = `${e2e.app.names.env.WEBHOOK_DELIVERY_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${failed.id}`;
    const history = await e2e.finishedHistory(execution);

    expect(statesEntered(history).slice(-6)).toEqual(['MarkFailed', 'NoteEndpointFailing', 'FailingTooLong', 'DisableEndpoint', 'PublishDisabled', 'DeliveryFailed']);
    const endpoint = (await e2e.ddb.send(new GetCommand({ TableName: e2e.app.names.webhooksTable, Key: key }))).Item;
    expect(endpoint).toMatchObject({ status: 'disabled', failingSince: sixDaysAgo, disabledAt: expect.any(String) });
    const published = history.find((event) => event.type === 'TaskSucceeded' && event.taskSucceededEventDetails?.resource === 'putEvents');
    expect(JSON.parse(published?.taskSucceededEventDetails?.output ?? '{}')).toMatchObject({ FailedEntryCount: 0 });
  });
});
