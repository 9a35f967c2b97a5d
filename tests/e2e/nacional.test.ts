import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import forge from 'node-forge';
import { nacionalValidator } from '../../adapter-container/providers/nacional/nacionalSchemas';
import { initXmlReader } from '../../adapter-container/xml/XmlReader';
import { verifyXmlSignature } from '../../adapter-container/xml/verifyXmlSignature';
import { ChaveAcessoSchema } from '../../contracts/nacionalApi';
import { cnpjOfCertificate } from '../../lib/certificates/cnpjOfCertificate';
import { NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_INVOICE } from '../../local/app/demoInvoice';
import { startE2eApp, statesEntered, taskFailures, type E2eApp } from './e2eApp';
import { runNfse } from './runNfse';

const PORTO_ALEGRE = '4314902';

describe('an invoice of a municipality on the national system (Sefin Nacional), end to end through HTTP', () => {
  let e2e: E2eApp;
  let token: string;

  beforeAll(async () => {
    await initXmlReader();
    e2e = await startE2eApp();
    token = await e2e.token('nacional-client', [NACIONAL_DEMO_CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function emit(total = '250.00'): Promise<string> {
    const created = await e2e.call('POST', '/invoices', token, { ...NACIONAL_DEMO_INVOICE, total });
    expect(created.status).toBe(201);
    return String(created.body.invoiceId);
  }

  /** The mock's stats of the DPS of this invoice (its RPS key: city, CNPJ, série, number). */
  async function dpsStats(invoiceId: string): Promise<{ readonly calls: Record<string, number>; readonly nfseIssued: number } | undefined> {
    const record = await e2e.record(invoiceId);
    const rps = record?.rps as { serie: string; numero: number };
    return e2e.app.nacionalMock.stats().byRps[`${PORTO_ALEGRE}/${NACIONAL_DEMO_CNPJ}/${rps.serie}/${rps.numero}`];
  }

  it('issues it: ISSUED with its 50-character key, the signed DPS stored valid and verifiable, the DANFSe beside the XML, and the key in Aurora', async () => {
    const invoiceId = await emit();

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED']);

    expect(record).toMatchObject({ provider: 'nacional', nfseNumber: expect.stringMatching(/^\d+$/), danfseKey: `nfse/${invoiceId}.pdf` });
    const chave = String(record.chaveAcesso);
    expect(ChaveAcessoSchema.safeParse(chave).success).toBe(true);
    expect(chave.slice(0, 7)).toBe(PORTO_ALEGRE);
    expect(chave.slice(9, 23)).toBe(NACIONAL_DEMO_CNPJ);
    expect(record.verificationCode).toBe(chave.slice(40, 49));
    // The DPS at xmlKey is the one the national system received: signed, as an ABRASF city's RPS is.
    const signed = await e2e.object(`xml/${invoiceId}.xml`);
    expect((await nacionalValidator('dps')).validate(signed)).toEqual({ valid: true, errors: [] });
    const dpsId = /<infDPS Id="([^"]+)"/.exec(signed)?.[1] ?? '';
    expect(dpsId).toMatch(/^DPS4314902211444777000161\d{20}$/);
    const verdict = verifyXmlSignature(signed, { signedElementId: dpsId, trustedCaPems: [e2e.app.pki.ca.certificatePem] });
    if (!verdict.valid) throw new Error(`the stored DPS's signature does not verify: ${verdict.message}`);
    expect(cnpjOfCertificate(forge.pki.certificateFromPem(verdict.certificate.toString()))).toBe(NACIONAL_DEMO_CNPJ);
    expect(await e2e.object(`nfse/${invoiceId}.xml`)).toContain(`<infNFSe Id="NFS${chave}">`);
    expect(await dpsStats(invoiceId)).toEqual({ calls: { emit: 1 }, nfseIssued: 1 });
    const row = await e2e.rds.send(
      new ExecuteStatementCommand({
        resourceArn: e2e.app.names.dbClusterArn,
        secretArn: e2e.app.names.dbSecretArn,
        database: e2e.app.names.dbName,
        sql: 'SELECT status, provider, chave_acesso FROM nfse.invoices WHERE invoice_id = :id',
        parameters: [{ name: 'id', value: { stringValue: invoiceId } }],
        formatRecordsAs: 'JSON',
      }),
    );
    expect(JSON.parse(row.formattedRecords ?? '[]')).toEqual([{ status: 'ISSUED', provider: 'nacional', chave_acesso: chave }]);
  });

  it('answers GET /invoices/{id}?include=pdfUrl with the key, the provider and a presigned link to the DANFSe', async () => {
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['ISSUED']);

    const response = await e2e.call('GET', `/invoices/${invoiceId}?include=pdfUrl,xmlUrl`, token);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ provider: 'nacional', chaveAcesso: expect.stringMatching(/^4314902/), pdfUrl: expect.any(String), nfseXmlUrl: expect.any(String) });
    const pdf = await fetch(String(response.body.pdfUrl));
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('saves the DANFSe with nfse get --pdf, and prints the system and the key', async () => {
    const invoiceId = await emit('260.00');
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-pdf-')), 'danfse.pdf');

    const run = await runNfse(['get', invoiceId, '--pdf', file], { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: token });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  system NFS-e Nacional\n`);
    expect(run.stdout).toContain(`  key ${String(record.chaveAcesso)}\n`);
    expect(run.stdout).toContain(`  PDF saved to ${file}`);
    expect(fs.readFileSync(file).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('issues exactly one NFS-e through two transient failures and an accepted call that never answered', async () => {
    e2e.app.nacionalMock.knobs.failNext({ kind: 'transient5xx', count: 2, operations: ['emit'] });
    e2e.app.nacionalMock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['emit'] });
    const invoiceId = await emit('310.00');

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED'], 60_000);

    expect(record.status).toBe('ISSUED');
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(taskFailures(history)).toEqual(['Provider.Transient', 'Provider.Transient', 'Provider.Ambiguous']);
    const stats = await dpsStats(invoiceId);
    expect(stats?.nfseIssued).toBe(1);
    expect(stats?.calls.emit).toBe(3);
    expect(stats?.calls.readDps).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('fails a rejected DPS with the national code and message on the invoice', async () => {
    e2e.app.nacionalMock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['emit'] });
    const invoiceId = await emit('320.00');

    const record = await e2e.waitForStatus(invoiceId, ['FAILED', 'ISSUED']);

    expect(record).toMatchObject({ status: 'FAILED', error: { code: 'E0312', message: 'Rejeição simulada pela Sefin Nacional (mock).' } });
    const shown = await e2e.call('GET', `/invoices/${invoiceId}`, token);
    expect(shown.body.error).toEqual({ kind: 'Provider.Rejected', code: 'E0312', message: 'Rejeição simulada pela Sefin Nacional (mock).' });
    expect((await dpsStats(invoiceId))?.nfseIssued ?? 0).toBe(0);
  });

  it('refuses cancellation code 3 naming the codes the national event takes, then cancels by event with code 2', async () => {
    const invoiceId = await emit('330.00');
    await e2e.waitForStatus(invoiceId, ['ISSUED']);
    const cancelledBefore = e2e.app.nacionalMock.stats().cancelled;

    const refused = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 3, reason: 'Duplicidade da nota' });
    const accepted = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 2, reason: 'Serviço não prestado' });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'reasonCode', message: 'must be one of 1, 2, 9 for Porto Alegre (4314902)' }]);
    expect(accepted.status).toBe(202);
    const record = await e2e.waitForStatus(invoiceId, ['CANCELLED'], 30_000);
    expect(record.cancellation).toMatchObject({ reasonCode: 2, reason: 'Serviço não prestado', cancelledAt: expect.any(String) });
    expect(statesEntered(await e2e.finishedHistory(String(accepted.body.executionArn)))).toEqual(['MarkCancelling', 'RequestCancellation', 'MarkCancelled', 'ReportCancelled', 'PublishCancelled', 'Cancelled']);
    expect(e2e.app.nacionalMock.stats().cancelled - cancelledBefore).toBe(1);
  });
});
