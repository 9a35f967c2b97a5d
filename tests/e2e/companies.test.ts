import { DEMO_CNPJ, DEMO_COMPANY } from '../../local/app/demoInvoice';
import { startE2eApp, type E2eApp } from './e2eApp';

const COMPANY_A = '11222334000126';
const COMPANY_B = '11222335000170';

describe('companies, through the API', () => {
  let e2e: E2eApp;
  let adminA: string;
  let adminB: string;
  let clientA: string;
  let viewerA: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    adminA = await e2e.token('companies-admin-a', [COMPANY_A], 'admin', { companies: false });
    adminB = await e2e.token('companies-admin-b', [COMPANY_B], 'admin', { companies: false });
    clientA = await e2e.token('companies-client-a', [COMPANY_A], 'client', { companies: false });
    viewerA = await e2e.token('companies-viewer-a', [COMPANY_A], 'viewer', { companies: false });
    ops = await e2e.token('companies-ops', [COMPANY_A], 'ops', { companies: false });
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('creates (201), reads and replaces (200) a company, answering its version as the ETag', async () => {
    const created = await e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, DEMO_COMPANY);
    const read = await e2e.call('GET', `/companies/${COMPANY_A}`, viewerA);
    const replaced = await e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, { ...DEMO_COMPANY, razaoSocial: 'Outra Razão Ltda' });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...DEMO_COMPANY, cnpj: COMPANY_A, version: 1, createdAt: expect.any(String), updatedAt: expect.any(String), updatedBy: 'companies-admin-a' });
    expect([created.headers.get('etag'), created.headers.get('location')]).toEqual(['"1"', `/companies/${COMPANY_A}`]);
    expect([read.status, read.headers.get('etag')]).toEqual([200, '"1"']);
    expect(read.body).toEqual(created.body);
    expect([replaced.status, replaced.body.version, replaced.body.razaoSocial, replaced.body.createdAt]).toEqual([200, 2, 'Outra Razão Ltda', created.body.createdAt]);
  });

  it('lands a write only on the version If-Match names (412 on another), and merges a PATCH', async () => {
    const current = await e2e.call('GET', `/companies/${COMPANY_A}`, adminA);
    const version = Number(current.body.version);

    const stale = await e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, DEMO_COMPANY, { 'if-match': `"${version - 1}"` });
    const patched = await e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { nomeFantasia: null, address: { number: '2000' }, taxRegime: { simplesNacional: 'meEpp' } }, { 'if-match': `"${version}"` });
    const again = await e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { nomeFantasia: 'Again' }, { 'if-match': `"${version}"` });

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PreconditionFailed', message: `Company ${COMPANY_A} is at version ${version}, not ${version - 1}: read it again and reapply your change` });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: version + 1, address: { ...DEMO_COMPANY.address, number: '2000' }, taxRegime: { ...DEMO_COMPANY.taxRegime, simplesNacional: 'meEpp' } });
    expect(patched.body).not.toHaveProperty('nomeFantasia');
    expect(again.status).toBe(412);
  });

  it('answers 400 naming the field for a bad body, a patch that breaks the company, a bad CNPJ or If-Match', async () => {
    const { razaoSocial: _razaoSocial, ...withoutName } = DEMO_COMPANY;
    await e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, DEMO_COMPANY);
    const answers = await Promise.all([
      e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, withoutName),
      e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { taxRegime: { simplesNacional: 'sometimes' } }),
      e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { cnpj: COMPANY_B }),
      e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, {}),
      e2e.call('GET', '/companies/11222333000100', adminA),
      e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, DEMO_COMPANY, { 'if-match': 'yesterday' }),
    ]);

    expect(answers.map((answer) => [answer.status, (answer.body.errors as Array<{ field: string }> | undefined)?.map((error) => error.field)])).toEqual([
      [400, ['razaoSocial']],
      [400, ['taxRegime.simplesNacional']],
      [400, ['cnpj']],
      [400, ['(body)']],
      [400, ['cnpj']],
      [400, ['If-Match']],
    ]);
  });

  it('keeps tenants apart: another tenant’s company is a 404, to read and to write', async () => {
    await e2e.call('PUT', `/companies/${COMPANY_B}`, adminB, { ...DEMO_COMPANY, razaoSocial: 'Empresa B' });

    const answers = await Promise.all([
      e2e.call('GET', `/companies/${COMPANY_B}`, adminA),
      e2e.call('PUT', `/companies/${COMPANY_B}`, adminA, DEMO_COMPANY),
      e2e.call('PATCH', `/companies/${COMPANY_B}`, adminA, { razaoSocial: 'Taken' }),
    ]);
    const listedByB = await e2e.call('GET', '/companies', adminB);

    expect(answers.map((answer) => [answer.status, answer.body.message])).toEqual([
      [404, `Company ${COMPANY_B} not found`],
      [404, `Company ${COMPANY_B} not found`],
      [404, `Company ${COMPANY_B} not found`],
    ]);
    expect((listedByB.body.items as Array<{ cnpj: string; razaoSocial: string }>).map((company) => [company.cnpj, company.razaoSocial])).toEqual([[COMPANY_B, 'Empresa B']]);
  });

  it('lets only admins and ops manage companies; every role of the tenant reads them', async () => {
    const asClient = await e2e.call('PUT', `/companies/${COMPANY_A}`, clientA, DEMO_COMPANY);
    const asViewer = await e2e.call('PATCH', `/companies/${COMPANY_A}`, viewerA, { razaoSocial: 'x' });
    const clientReads = await e2e.call('GET', '/companies', clientA);

    expect([asClient.status, asClient.body.message]).toEqual([403, "Role 'client' may not manage companies"]);
    expect(asViewer.status).toBe(403);
    expect((clientReads.body.items as Array<{ cnpj: string }>).map((company) => company.cnpj)).toEqual([COMPANY_A]);
  });

  it('lets a client emit for its company only once the company has a record (422 naming companyCnpj before) and, where the city signs, its certificate (422 naming certificate)', async () => {
    const unregistered = '11222336000115';
    const client = await e2e.token('companies-new-client', [unregistered], 'client', { companies: false });
    const invoice = { companyCnpj: unregistered, municipalityCode: '3550308', total: '10.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };
    const { pfx, password } = await e2e.app.pki.companyCertificate(unregistered, DEMO_COMPANY.razaoSocial);

    const before = await e2e.call('POST', '/invoices', client, invoice);
    await e2e.call('PUT', `/companies/${unregistered}`, ops, DEMO_COMPANY);
    const uncertified = await e2e.call('POST', '/invoices', client, invoice);
    await e2e.call('PUT', `/companies/${unregistered}/certificate`, ops, { pfxBase64: pfx.toString('base64'), password });
    const after = await e2e.call('POST', '/invoices', client, invoice);

    expect([before.status, before.body.code, before.body.errors]).toEqual([422, 'CompanyNotRegistered', [{ field: 'companyCnpj', message: `has no company record (PUT /companies/${unregistered})` }]]);
    expect([uncertified.status, uncertified.body.code, uncertified.body.errors]).toEqual([
      422,
      'CertificateRequired',
      [{ field: 'certificate', message: `company ${unregistered} has no A1 certificate, which municipality 3550308 requires (PUT /companies/${unregistered}/certificate)` }],
    ]);
    expect(after.status).toBe(201);
    const rpsXml = await e2e.object(String(after.body.xmlKey));
    expect(rpsXml).toContain(`<Prestador><CpfCnpj><Cnpj>${unregistered}</Cnpj></CpfCnpj><InscricaoMunicipal>${DEMO_COMPANY.inscricaoMunicipal ?? ''}</InscricaoMunicipal></Prestador>`);
  });

  it('pages ops through every company', async () => {
    await e2e.call('PUT', `/companies/${COMPANY_A}`, ops, DEMO_COMPANY);
    await e2e.call('PUT', `/companies/${COMPANY_B}`, ops, DEMO_COMPANY);
    const cnpjs: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await e2e.call('GET', `/companies?limit=1${nextToken === undefined ? '' : `&nextToken=${encodeURIComponent(nextToken)}`}`, ops);
      expect(page.status).toBe(200);
      cnpjs.push(...(page.body.items as Array<{ cnpj: string }>).map((company) => company.cnpj));
      nextToken = page.body.nextToken as string | undefined;
    } while (nextToken !== undefined);

    expect(cnpjs).toEqual(expect.arrayContaining([DEMO_CNPJ, COMPANY_A, COMPANY_B]));
    expect(new Set(cnpjs).size).toBe(cnpjs.length);
    expect((await e2e.call('GET', '/companies?nextToken=forged.token', ops)).status).toBe(400);
  });
});
