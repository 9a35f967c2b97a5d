import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import jsQR from 'jsqr';
import { AUXILIARY_NOTICE } from '../../adapter-container/danfse/renderDanfse';
import { DEMO_CNPJ, DEMO_COMPANY, DEMO_INVOICE } from '../../local/app/demoInvoice';
import { boundsOf, rasterize, readPdf } from '../harness/readPdf';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse } from './runNfse';

describe('the DANFSe-like PDF of an ABRASF city (São Paulo), end to end through HTTP', () => {
  let e2e: E2eApp;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    token = await e2e.token('danfse-client', [DEMO_CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function issue(total: string): Promise<Record<string, unknown>> {
    const created = await e2e.call('POST', '/invoices', token, { ...DEMO_INVOICE, total });
    expect(created.status).toBe(201);
    return e2e.waitForStatus(String(created.body.invoiceId), ['ISSUED', 'FAILED']);
  }

  it('stores it at the record’s danfseKey, and include=pdfUrl downloads it: the NFS-e number, the company record, the values, and a QR code of the city’s page', async () => {
    const record = await issue('1234.56');
    expect(record).toMatchObject({ status: 'ISSUED', provider: 'abrasf-2.04', danfseKey: `nfse/${String(record.invoiceId)}.pdf` });

    const response = await e2e.call('GET', `/invoices/${String(record.invoiceId)}?include=pdfUrl`, token);

    expect(response.status).toBe(200);
    const download = await fetch(String(response.body.pdfUrl));
    expect(download.status).toBe(200);
    const pdf = readPdf(Buffer.from(await download.arrayBuffer()));
    const nfseNumber = String(record.nfseNumber);
    const verificationCode = String(record.verificationCode);
    expect(pdf.lines.slice(1, 4)).toEqual([AUXILIARY_NOTICE, `NFS-e nº ${nfseNumber}`, `Código de verificação: ${verificationCode}`]);
    expect(pdf.lines).toEqual(
      expect.arrayContaining([
        'Município: São Paulo/SP (IBGE 3550308)',
        `Razão social: ${DEMO_COMPANY.razaoSocial}`,
        'CNPJ: 11.222.333/0001-81',
        'Endereço: Avenida Paulista, 1000, conj. 101 - Bela Vista - São Paulo/SP - CEP 01310-100',
        'Nome / razão social: Maria da Silva',
        'Valor dos serviços: R$ 1.234,56',
        'Alíquota do ISS: 2,00%',
        'Valor do ISS: R$ 24,69',
        'Valor líquido: R$ 1.234,56',
      ]),
    );
    const qr = rasterize(pdf.fills, boundsOf(pdf.fills, 8), 4);
    expect(jsQR(qr.rgba, qr.width, qr.height)?.data).toBe(
      `https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=${DEMO_COMPANY.inscricaoMunicipal ?? ''}&nf=${nfseNumber}&cod=${verificationCode}`,
    );
  });

  it('saves it with nfse get ID --pdf FILE: the same bytes the bucket holds', async () => {
    const record = await issue('99.90');
    const invoiceId = String(record.invoiceId);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-danfse-')), 'danfse.pdf');

    const run = await runNfse(['get', invoiceId, '--pdf', file], { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: token });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  PDF saved to ${file}`);
    const saved = fs.readFileSync(file);
    const stored = await e2e.s3.send(new GetObjectCommand({ Bucket: e2e.app.names.docsBucket, Key: `nfse/${invoiceId}.pdf` }));
    expect(stored.ContentType).toBe('application/pdf');
    expect(saved.equals(Buffer.from((await stored.Body?.transformToByteArray()) ?? []))).toBe(true);
    expect(readPdf(saved).lines).toContain(`NFS-e nº ${String(record.nfseNumber)}`);
  });
});
