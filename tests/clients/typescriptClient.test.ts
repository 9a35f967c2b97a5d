import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { EMIT_INVOICE_EXAMPLES } from '../../contracts/invoiceExamples';
import { startE2eApp, type E2eApp } from '../e2e/e2eApp';

const PACKAGE = path.resolve(__dirname, '../../clients/typescript');

/** The package as integrators get it: built by its own tsconfig, loaded from `dist` through its package.json. */
type ClientModule = typeof import('../../clients/typescript/src');

describe('@nfse-flow/client (clients/typescript), built and used against the local API', () => {
  let e2e: E2eApp;
  let client: ClientModule;
  let token: string;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PACKAGE, 'tsconfig.json')]);
    client = require(PACKAGE) as ClientModule;
    e2e = await startE2eApp();
    token = await e2e.token('typescript-client', [EMIT_INVOICE_EXAMPLES.request.body.companyCnpj]);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('emits with an Idempotency-Key and reads the invoice back, sending the token and the API key', async () => {
    const api = client.createNfseClient({ baseUrl: `${e2e.app.api.endpoint}/`, token: async () => token, apiKey: e2e.app.apiKey });

    const emitted = await api.POST('/invoices', { body: EMIT_INVOICE_EXAMPLES.request.body, params: { header: { 'Idempotency-Key': 'typescript-client-1' } } });
    const invoiceId = emitted.data?.invoiceId ?? '';
    const replayed = await api.POST('/invoices', { body: EMIT_INVOICE_EXAMPLES.request.body, params: { header: { 'Idempotency-Key': 'typescript-client-1' } } });
    const read = await api.GET('/invoices/{id}', { params: { path: { id: invoiceId } } });

    expect(emitted.response.status).toBe(201);
    expect(emitted.data).toEqual({ invoiceId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), status: 'EMITTED', xmlKey: `xml/${invoiceId}.xml` });
    expect(emitted.response.headers.get('location')).toBe(`/invoices/${invoiceId}`);
    expect(replayed.data).toEqual(emitted.data);
    expect(read.data).toMatchObject({ invoiceId, companyCnpj: EMIT_INVOICE_EXAMPLES.request.body.companyCnpj, total: '150.00' });
  });

  it('answers a refusal as the typed error body, naming the field', async () => {
    const api = client.createNfseClient({ baseUrl: e2e.app.api.endpoint, token, apiKey: e2e.app.apiKey });

    const refused = await api.GET('/invoices', { params: { query: { limit: 500 } } });

    expect(refused.response.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.error).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'limit', message: expect.any(String) }] });
  });

  it('is refused without the API key, as API Gateway refuses it', async () => {
    const api = client.createNfseClient({ baseUrl: e2e.app.api.endpoint, token });

    const refused = await api.GET('/me');

    expect({ status: refused.response.status, error: refused.error }).toEqual({ status: 403, error: { message: 'Forbidden', code: 'InvalidApiKey', requestId: expect.any(String) } });
  });
});
