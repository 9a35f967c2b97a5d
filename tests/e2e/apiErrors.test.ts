import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const OTHER = '12ABC34501DE35';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '10.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('API errors, end to end', () => {
  let e2e: E2eApp;
  let token: string;
  let otherTenant: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    token = await e2e.token('errors-client', [CNPJ]);
    otherTenant = await e2e.token('errors-other', [OTHER]);
    ops = await e2e.token('errors-ops', [CNPJ], 'ops');
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('400 names each bad field', async () => {
    const response = await e2e.call('POST', '/invoices', token, { ...body, total: '10.001', companyCnpj: '11222333000191' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'ValidationFailed',
      errors: [
        { field: 'companyCnpj', message: 'check digits do not match' },
        { field: 'total', message: 'must be a decimal string with at most 2 decimals, e.g. "100.00"' },
      ],
    });
  });

  it('401 without a token, and with a forged one', async () => {
    expect((await e2e.call('POST', '/invoices', undefined, body)).status).toBe(401);
    expect((await e2e.call('GET', '/invoices/01JDQ7Z8X9Y0ABCDEFGHJKMNPQ', 'x.y.z')).status).toBe(401);
  });

  it('403 for a missing API key, with the contract body', async () => {
    const response = await e2e.call('POST', '/invoices', token, body, { 'x-api-key': 'wrong' });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ message: 'Forbidden', code: 'InvalidApiKey' });
  });

  it('403 for a CNPJ not granted to the caller', async () => {
    const response = await e2e.call('POST', '/invoices', otherTenant, body);

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ message: `CNPJ ${CNPJ} is not granted to this caller` });
  });

  it("404 for an unknown invoice and for another tenant's, alike", async () => {
    const created = await e2e.call('POST', '/invoices', token, body);

    const unknown = await e2e.call('GET', '/invoices/01JDQ7Z8X9Y0ABCDEFGHJKMNPQ', token);
    const foreign = await e2e.call('GET', `/invoices/${String(created.body.invoiceId)}`, otherTenant);

    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe(`Invoice ${String(created.body.invoiceId)} not found`);
  });

  it('413 past 256 KiB and 415 for a body that is not JSON', async () => {
    const large = await e2e.call('POST', '/invoices', token, JSON.stringify({ ...body, pad: 'x'.repeat(300 * 1024) }));
    const text = await e2e.call('POST', '/invoices', token, 'companyCnpj=1', { 'content-type': 'text/plain' });

    expect(large.status).toBe(413);
    expect(text.status).toBe(415);
  });

  it('GET ?include=xmlUrl gives a presigned link that downloads the RPS', async () => {
    const created = await e2e.call('POST', '/invoices', token, body);
    const invoiceId = String(created.body.invoiceId);
    await e2e.waitForStatus(invoiceId, ['ISSUED']);

    const response = await e2e.call('GET', `/invoices/${invoiceId}?include=xmlUrl`, token);

    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('createdBy');
    const rps = await fetch(String(response.body.xmlUrl));
    const nfse = await fetch(String(response.body.nfseXmlUrl));
    expect(rps.status).toBe(200);
    expect(await rps.text()).toContain('<InfDeclaracaoPrestacaoServico');
    expect(await nfse.text()).toContain('<CompNfse');
  });

  it('lists the company’s invoices newest first, filtered by status', async () => {
    const response = await e2e.call('GET', '/invoices?status=ISSUED&limit=5', token);

    expect(response.status).toBe(200);
    const items = response.body.items as Array<{ status: string; createdAt: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.status === 'ISSUED')).toBe(true);
    expect([...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))).toEqual(items);
  });

  it('400 naming nextToken for a forged or altered token, or one from another listing, and pages on with a real one', async () => {
    for (let i = 0; i < 2; i++) expect((await e2e.call('POST', '/invoices', token, body)).status).toBe(201);
    const first = await e2e.call('GET', '/invoices?limit=1', token);
    const real = String(first.body.nextToken);
    const notOurs = { code: 'ValidationFailed', errors: [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }] };

    const next = await e2e.call('GET', `/invoices?limit=1&nextToken=${encodeURIComponent(real)}`, token);
    // A DynamoDB key of the client's making: today's API handed it to DynamoDB as is.
    const forged = await e2e.call('GET', `/invoices?limit=1&nextToken=${Buffer.from(JSON.stringify({ invoiceId: 'x' })).toString('base64url')}`, token);
    const altered = await e2e.call('GET', `/invoices?limit=1&nextToken=${encodeURIComponent(`${real.slice(0, -4)}${real.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`)}`, token);
    const otherListing = await e2e.call('GET', `/invoices?limit=1&status=FAILED&nextToken=${encodeURIComponent(real)}`, token);
    const executions = await e2e.call('GET', `/executions?nextToken=${Buffer.from('{"forged":true}').toString('base64url')}`, ops);

    expect(next.status).toBe(200);
    expect((next.body.items as Array<{ invoiceId: string }>)[0]?.invoiceId).not.toBe((first.body.items as Array<{ invoiceId: string }>)[0]?.invoiceId);
    for (const refused of [forged, altered, otherListing, executions]) {
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject(notOurs);
    }
  });
});
