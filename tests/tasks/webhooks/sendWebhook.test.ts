import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { sendWebhook } from '../../../tasks/webhooks/sender/sendWebhook';
import { refusalOf } from '../../../tasks/webhooks/sender/destinationPolicy';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6OAn8TbG0mE=';
const OLD_SECRET = 'whsec_q2Fz0l1sVvC6G2h3uI4pX5rT6yW7zA8bC9dE0fG1hJ0=';
const AT = new Date('2026-12-01T10:00:00.000Z');
const payload = '{"type":"invoice.issued","timestamp":"2026-12-01T10:00:00Z","data":{"invoiceId":"01JQ8Z6T3XK4M9V2B7C5D1E0F9"}}';

describe('sendWebhook', () => {
  let server: http.Server;
  let url: string;
  let answer = 204;
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(answer).end('ignored');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    got.length = 0;
    answer = 204;
  });

  const send = (overrides: Partial<Parameters<typeof sendWebhook>[2]> = {}, secrets: Parameters<typeof sendWebhook>[1] = { current: SECRET }): ReturnType<typeof sendWebhook> =>
    sendWebhook({ url, secretId: 'ignored', webhookId: 'evt-1', payload }, secrets, { allowLoopback: true, now: () => AT, ...overrides });

  it('POSTs the payload signed as Standard Webhooks, which the reference verifier accepts', async () => {
    const attempt = await send();

    expect(attempt).toEqual({ at: AT.toISOString(), outcome: 'delivered', statusCode: 204, durationMs: 0 });
    const { headers, body } = got[0] ?? { headers: {}, body: '' };
    expect(body).toBe(payload);
    expect([headers['webhook-id'], headers['webhook-timestamp'], headers['content-type']]).toEqual(['evt-1', String(AT.getTime() / 1000), 'application/json']);
    const verified = (): unknown =>
      new Webhook(SECRET).verify(body, { 'webhook-id': 'evt-1', 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) });
    // The verifier refuses a timestamp more than 5 minutes from its clock: check at the attempt's time.
    jest.useFakeTimers({ now: AT, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(verified()).toEqual(JSON.parse(payload));
    } finally {
      jest.useRealTimers();
    }
  });

  it('signs with the previous secret too while it is in its grace period, and not after', async () => {
    await send({}, { current: SECRET, previous: OLD_SECRET, previousValidUntil: '2026-12-02T10:00:00.000Z' });
    await send({}, { current: SECRET, previous: OLD_SECRET, previousValidUntil: '2026-12-01T09:59:59.000Z' });

    const expected = (secret: string): string => new Webhook(secret).sign('evt-1', AT, payload);
    expect(got.map((post) => post.headers['webhook-signature'])).toEqual([`${expected(SECRET)} ${expected(OLD_SECRET)}`, expected(SECRET)]);
  });

  it.each([
    [410, 'rejected'],
    [400, 'rejected'],
    [301, 'rejected'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
  ])('answers HTTP %i as %s', async (status, outcome) => {
    answer = status;

    expect(await send()).toEqual({ at: AT.toISOString(), outcome, statusCode: status, durationMs: 0, error: `the endpoint answered HTTP ${status}` });
  });

  it('refuses loopback without the development flag, before any connection', async () => {
    const attempt = await send({ allowLoopback: false });

    expect(attempt).toEqual({ at: AT.toISOString(), outcome: 'rejected', durationMs: 0, error: '127.0.0.1 is a private, loopback or link-local address: webhooks go to the public internet only' });
    expect(got).toEqual([]);
  });

  it('refuses a host that resolves to a private address, checking every address it has', async () => {
    const attempt = await sendWebhook({ url: 'https://hooks.example.com/x', secretId: 's', webhookId: 'evt-1', payload }, { current: SECRET }, {
      now: () => AT,
      resolve: async () => [{ address: '203.0.113.7', family: 4 }, { address: '169.254.169.254', family: 4 }],
    });

    expect(attempt).toMatchObject({ outcome: 'rejected', error: '169.254.169.254 is a private, loopback or link-local address: webhooks go to the public internet only' });
  });

  it('refuses plain http to a public address', async () => {
    const attempt = await sendWebhook({ url: 'http://hooks.example.com/x', secretId: 's', webhookId: 'evt-1', payload }, { current: SECRET }, { now: () => AT, resolve: async () => [{ address: '203.0.113.7', family: 4 }] });

    expect(attempt).toMatchObject({ outcome: 'rejected', error: 'http: is not allowed: webhooks are sent over https' });
  });

  it('retries what could not be resolved or reached', async () => {
    const unresolved = await sendWebhook({ url: 'https://nowhere.invalid/x', secretId: 's', webhookId: 'evt-1', payload }, { current: SECRET }, { now: () => AT, resolve: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND nowhere.invalid')) });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await sendWebhook({ url: `http://127.0.0.1:${port}/hook`, secretId: 's', webhookId: 'evt-1', payload }, { current: SECRET }, { allowLoopback: true, now: () => AT, timeoutMs: 1000 });

    expect(unresolved).toMatchObject({ outcome: 'retryable', error: 'could not resolve nowhere.invalid: getaddrinfo ENOTFOUND nowhere.invalid' });
    expect(down).toMatchObject({ outcome: 'retryable', error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('refusalOf', () => {
  it.each(['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1'])('refuses %s', (address) => {
    expect(refusalOf(address, false)).toBe(`${address} is a private, loopback or link-local address: webhooks go to the public internet only`);
  });

  it.each(['203.0.113.7', '8.8.8.8', '2001:4860:4860::8888', '172.32.0.1'])('allows %s', (address) => {
    expect(refusalOf(address, false)).toBeUndefined();
  });

  it('allows loopback, and only loopback, with the development flag', () => {
    expect([refusalOf('127.0.0.1', true), refusalOf('::1', true), refusalOf('10.0.0.1', true)]).toEqual([undefined, undefined, '10.0.0.1 is a private, loopback or link-local address: webhooks go to the public internet only']);
  });
});
