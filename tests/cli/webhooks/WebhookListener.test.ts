import { describeDelivery, WebhookListener, type HeardDelivery } from '../../../cli/webhooks/WebhookListener';
import { sendWebhook } from '../../../tasks/webhooks/sender/sendWebhook';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6OAn8TbG0mE=';
const OTHER = 'whsec_q2Fz0l1sVvC6G2h3uI4pX5rT6yW7zA8bC9dE0fG1hJ0=';
const payload = '{"type":"invoice.issued","timestamp":"2026-12-01T10:00:00Z","data":{"invoiceId":"01JQ8Z6T3XK4M9V2B7C5D1E0F9"}}';

describe('WebhookListener', () => {
  const heard: HeardDelivery[] = [];
  let listener: WebhookListener;

  beforeAll(async () => {
    listener = await WebhookListener.start({ port: 0, secret: SECRET, onDelivery: (delivery) => heard.push(delivery) });
  });

  afterAll(async () => {
    await listener.stop();
  });

  beforeEach(() => {
    heard.length = 0;
  });

  it('verifies what our sender signs and answers 204', async () => {
    const attempt = await sendWebhook({ url: listener.url, secretId: 's', webhookId: 'evt-1', payload }, { current: SECRET }, { allowLoopback: true });

    expect(attempt.outcome).toBe('delivered');
    expect(heard).toEqual([{ webhookId: 'evt-1', timestamp: expect.stringMatching(/^\d+$/), verification: { kind: 'verified' }, body: payload, answered: 204 }]);
  });

  it('answers 401 to a delivery signed with another secret, which the sender does not retry', async () => {
    const attempt = await sendWebhook({ url: listener.url, secretId: 's', webhookId: 'evt-2', payload }, { current: OTHER }, { allowLoopback: true });

    expect(attempt).toMatchObject({ outcome: 'rejected', statusCode: 401 });
    expect(heard[0]?.verification).toEqual({ kind: 'invalid', reason: 'No matching signature found' });
  });

  it('prints one line per delivery, then the payload indented', () => {
    const text = describeDelivery({ webhookId: 'evt-1', timestamp: '1764583200', verification: { kind: 'verified' }, body: payload, answered: 204 }, new Date('2026-12-01T10:00:01.000Z'));

    expect(text.split('\n').slice(0, 3)).toEqual(['2026-12-01T10:00:01.000Z  invoice.issued  webhook-id evt-1  signature verified  → 204', '  {', '    "type": "invoice.issued",']);
  });
});
