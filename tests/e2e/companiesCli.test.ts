import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx, type TestCa } from '../../local/certificates/testPki';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse, runNfseOnTerminal, type NfseRun } from './runNfse';

const CNPJ = '11222334000126';
const SECOND = '11222335000170';
const DAY = 86_400_000;
const PASSWORD = 'senha-do-certificado-9b1';

// Each run starts a Node process with tsx: a few seconds apiece on a loaded machine.
jest.setTimeout(120_000);

describe('nfse companies, the real command against the running stack', () => {
  let e2e: E2eApp;
  let ca: TestCa;
  let dir: string;
  let asAdmin: NodeJS.ProcessEnv;
  let asViewer: NodeJS.ProcessEnv;

  beforeAll(async () => {
    e2e = await startE2eApp();
    ca = createTestCa('cli CA');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-companies-cli-'));
    const base = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey };
    asAdmin = { ...base, NFSE_TOKEN: await e2e.token('cli-companies-admin', [CNPJ, SECOND], 'admin', { companies: false }) };
    asViewer = { ...base, NFSE_TOKEN: await e2e.token('cli-companies-viewer', [CNPJ], 'viewer', { companies: false }) };
  }, 60_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await e2e.stop();
  });

  function file(name: string, content: unknown): string {
    const where = path.join(dir, name);
    fs.writeFileSync(where, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
    return where;
  }

  function pfxFile(name: string, cnpj: string, password: string, validity: { notAfter?: Date } = {}): string {
    return file(name, toPfx(issueA1Certificate(ca, { cnpj, razaoSocial: 'EMPRESA CLI LTDA', ...validity }), password, [ca.certificatePem]));
  }

  const json = (run: NfseRun): Record<string, unknown> => JSON.parse(run.stdout) as Record<string, unknown>;

  it('put creates a company from a file, get prints it with its version, and a file saved by get --json round-trips with its version as If-Match', async () => {
    const created = await runNfse(['companies', 'put', file('company.json', { cnpj: CNPJ, ...DEMO_COMPANY })], asAdmin);
    const saved = await runNfse(['companies', 'get', CNPJ, '--json'], asAdmin);
    const edited = file('edited.json', { ...json(saved), razaoSocial: 'Empresa Editada Ltda' });
    const replaced = await runNfse(['companies', 'put', edited], asAdmin);
    const stale = await runNfse(['companies', 'put', edited], asAdmin);
    const shown = await runNfse(['companies', 'get', CNPJ], asViewer);

    expect([created.code, created.stdout.split('\n').slice(0, 2)]).toEqual([0, [`company ${CNPJ} created`, `${CNPJ}  Empresa Demonstração de Software Ltda (nfse-flow demo)`]]);
    expect(json(saved)).toMatchObject({ cnpj: CNPJ, version: 1, updatedBy: 'cli-companies-admin', ...DEMO_COMPANY });
    expect([replaced.code, replaced.stdout.split('\n')[0]]).toEqual([0, `company ${CNPJ} replaced`]);
    expect([stale.code, stale.stdout, stale.stderr]).toEqual([1, '', `nfse: HTTP 412: Company ${CNPJ} is at version 2, not 1: read it again and reapply your change\n`]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        `${CNPJ}  Empresa Editada Ltda (nfse-flow demo)`,
        `  version 2 (ETag "2")  updated ${String((await e2e.call('GET', `/companies/${CNPJ}`, asAdmin.NFSE_TOKEN)).body.updatedAt)} by cli-companies-admin`,
        '  municipality 3550308  inscrição municipal 12345678',
        '  address Avenida Paulista, 1000 conj. 101, Bela Vista, 3550308/SP, CEP 01310100',
        '  tax regime naoOptante, special regime nenhum',
        '  default service 01.07  ISS 2.00%  Suporte técnico em informática',
        '  contact fiscal@demo.example',
        `  certificate none: upload one with nfse companies certificate put ${CNPJ} --pfx FILE`,
        '',
      ].join('\n'),
    );
  });

  it('put and patch refused by the API exit 1 with each bad field on stderr, and change nothing', async () => {
    const before = await e2e.call('GET', `/companies/${CNPJ}`, asAdmin.NFSE_TOKEN);

    const [badPut, certificatePatch, noCnpj, asViewerPut] = await Promise.all([
      runNfse(['companies', 'put', file('bad.json', { ...DEMO_COMPANY, contactEmail: 'not an address', municipalityCode: '355' }), '--cnpj', CNPJ], asAdmin),
      runNfse(['companies', 'patch', CNPJ, file('certificate-patch.json', { certificate: null })], asAdmin),
      runNfse(['companies', 'put', file('anonymous.json', DEMO_COMPANY)], asAdmin),
      runNfse(['companies', 'put', file('viewer.json', { cnpj: CNPJ, ...DEMO_COMPANY })], asViewer),
    ]);

    expect([badPut.code, badPut.stdout]).toEqual([1, '']);
    expect(badPut.stderr).toMatch(/^nfse: HTTP 400: .+\n/);
    expect(badPut.stderr).toContain('\n  municipalityCode: must be the 7-digit IBGE municipality code');
    expect(badPut.stderr).toContain('\n  contactEmail: must be an e-mail address');
    expect([certificatePatch.code, certificatePatch.stderr]).toEqual([1, expect.stringContaining('\n  certificate: is not a known field\n')]);
    expect([noCnpj.code, noCnpj.stderr]).toEqual([1, 'nfse: which company? put its "cnpj" in the file or pass --cnpj\n']);
    expect([asViewerPut.code, asViewerPut.stderr]).toEqual([1, "nfse: HTTP 403: Role 'viewer' may not manage companies\n"]);
    expect((await e2e.call('GET', `/companies/${CNPJ}`, asAdmin.NFSE_TOKEN)).body).toEqual(before.body);
  });

  it('patch sends the version a GET just read as If-Match, or the one --if-match names (412 once it moved on)', async () => {
    const patched = await runNfse(['companies', 'patch', CNPJ, file('patch.json', { nomeFantasia: 'Editada', defaultService: { issRate: '3.00' } }), '--json'], asAdmin);
    const stale = await runNfse(['companies', 'patch', CNPJ, file('patch2.json', { nomeFantasia: 'Tarde Demais' }), '--if-match', '2'], asAdmin);
    const notJson = await runNfse(['companies', 'patch', CNPJ, file('patch3.json', '{"nomeFantasia": }')], asAdmin);

    expect([patched.code, json(patched).version, json(patched).nomeFantasia, json(patched).defaultService]).toEqual([0, 3, 'Editada', { ...DEMO_COMPANY.defaultService, issRate: '3.00' }]);
    expect([stale.code, stale.stderr]).toEqual([1, `nfse: HTTP 412: Company ${CNPJ} is at version 3, not 2: read it again and reapply your change\n`]);
    expect([notJson.code, notJson.stderr]).toEqual([1, expect.stringMatching(/^nfse: .*patch3\.json is not JSON: /)]);
  });

  it('certificate put reads the password from --password-env, get and list show its status and days left, and no output holds the password', async () => {
    await runNfse(['companies', 'put', file('second.json', { ...DEMO_COMPANY, razaoSocial: 'Segunda Empresa Ltda', municipalityCode: '3304557' }), '--cnpj', SECOND], asAdmin);
    const env = { ...asAdmin, CERT_PASSWORD: PASSWORD };

    const uploaded = await runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfxFile('a.pfx', CNPJ, PASSWORD), '--password-env', 'CERT_PASSWORD'], env);
    const expiring = await runNfse(['companies', 'certificate', 'put', SECOND, '--pfx', pfxFile('b.pfx', SECOND, PASSWORD, { notAfter: new Date(Date.now() + 20 * DAY) }), '--password-env', 'CERT_PASSWORD', '--json'], env);
    const read = await runNfse(['companies', 'certificate', 'get', CNPJ, '--json'], asViewer);
    const listed = await runNfse(['companies', 'list'], asAdmin);
    const listedJson = await runNfse(['companies', 'list', '--json'], asAdmin);

    expect(uploaded.code).toBe(0);
    const view = json(read);
    expect(uploaded.stdout).toBe(
      [
        `certificate of ${CNPJ}: valid, 363 days left (until ${String(view.notAfter)})`,
        `  subject CN=EMPRESA CLI LTDA:${CNPJ}, OU=Certificado PJ A1 (teste), O=ICP-Brasil (simulada), C=BR`,
        '  issuer  CN=cli CA, O=nfse-flow (local tests only), C=BR',
        `  serial ${String(view.serialNumber)}  valid from ${String(view.notBefore)}`,
        `  SHA-256 ${String(view.fingerprintSha256)}`,
        `  uploaded ${String(view.uploadedAt)} by cli-companies-admin  secret version ${String(view.versionId)}`,
        '',
      ].join('\n'),
    );
    expect([expiring.code, json(expiring).status, json(expiring).daysLeft]).toEqual([0, 'expiring', 19]);
    expect(listed.stdout).toBe(
      [
        'CNPJ            CITY     CERTIFICATE  DAYS LEFT  NAME',
        `${CNPJ}  3550308  valid        363        Empresa Editada Ltda`,
        `${SECOND}  3304557  expiring     19         Segunda Empresa Ltda`,
        '',
      ].join('\n'),
    );
    expect((json(listedJson).items as Array<{ cnpj: string; certificate?: { status: string; daysLeft: number; versionId: string } }>).map((c) => [c.cnpj, c.certificate?.status, c.certificate?.daysLeft, c.certificate?.versionId])).toEqual([
      [CNPJ, 'valid', 363, view.versionId],
      [SECOND, 'expiring', 19, json(expiring).versionId],
    ]);
    const everything = [uploaded, expiring, read, listed, listedJson].map((run) => run.stdout + run.stderr).join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('PRIVATE KEY');
  });

  it('certificate put refuses to run without a password source, never takes one as an argument, and exits 1 naming the field the API refused', async () => {
    const before = await e2e.call('GET', `/companies/${CNPJ}/certificate`, asAdmin.NFSE_TOKEN);
    const pfx = pfxFile('c.pfx', CNPJ, PASSWORD);

    const [noSource, unset, asArgument, wrong, others, missing] = await Promise.all([
      runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfx], asAdmin),
      runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfx, '--password-env', 'NOT_SET_ANYWHERE'], asAdmin),
      runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfx, '--password', PASSWORD], asAdmin),
      runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfx, '--password-env', 'CERT_PASSWORD'], { ...asAdmin, CERT_PASSWORD: 'errada' }),
      runNfse(['companies', 'certificate', 'put', CNPJ, '--pfx', pfxFile('d.pfx', SECOND, PASSWORD), '--password-env', 'CERT_PASSWORD'], { ...asAdmin, CERT_PASSWORD: PASSWORD }),
      runNfse(['companies', 'certificate', 'get', '11222336000115'], asAdmin),
    ]);

    expect([noSource.code, noSource.stderr]).toEqual([1, 'nfse: no password: put it in an environment variable and name it with --password-env VAR (never on the command line), or run on a terminal to be asked for it\n']);
    expect([unset.code, unset.stderr]).toEqual([1, 'nfse: --password-env NOT_SET_ANYWHERE: NOT_SET_ANYWHERE is not set\n']);
    expect([asArgument.code, asArgument.stderr]).toEqual([1, "error: unknown option '--password'\n"]);
    expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([1, '', `nfse: HTTP 422: This certificate cannot sign for company ${CNPJ}: the password does not open this certificate\n  password: the password does not open this certificate\n`]);
    expect([others.code, others.stderr]).toEqual([1, `nfse: HTTP 422: This certificate cannot sign for company ${CNPJ}: the certificate belongs to CNPJ ${SECOND}, not ${CNPJ}\n  pfxBase64: the certificate belongs to CNPJ ${SECOND}, not ${CNPJ}\n`]);
    expect([missing.code, missing.stderr]).toEqual([1, 'nfse: HTTP 404: Company 11222336000115 not found\n']);
    expect((await e2e.call('GET', `/companies/${CNPJ}/certificate`, asAdmin.NFSE_TOKEN)).body).toEqual(before.body);
  });

  it('certificate put on a terminal asks for the password without echoing it', async () => {
    const pfx = pfxFile('typed.pfx', CNPJ, PASSWORD, { notAfter: new Date(Date.now() + 100 * DAY) });

    const run = await runNfseOnTerminal(['companies', 'certificate', 'put', CNPJ, '--pfx', pfx], asAdmin, `Password of ${pfx}: `, `${PASSWORD}\r`);

    expect(run.code).toBe(0);
    expect(run.screen).toContain(`Password of ${pfx}: \ncertificate of ${CNPJ}: valid, 99 days left`);
    expect(run.screen).not.toContain(PASSWORD);
    expect((await e2e.call('GET', `/companies/${CNPJ}/certificate`, asAdmin.NFSE_TOKEN)).body.daysLeft).toBe(99);
  });
});
