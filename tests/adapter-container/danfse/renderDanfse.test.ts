import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { danfseContentOf, DanfseContentError } from '../../../adapter-container/danfse/danfseContentOf';
import type { DanfseContent } from '../../../adapter-container/danfse/DanfseContent';
import { AUXILIARY_NOTICE, renderDanfse } from '../../../adapter-container/danfse/renderDanfse';
import { initXmlReader } from '../../../adapter-container/xml/XmlReader';
import { boundsOf, rasterize, readPdf, type PdfRect } from '../../harness/readPdf';
import { cityNfseXml, company, ISSUED_AT, NFSE_NUMBER, rpsInvoice, saoPaulo, VERIFICATION_CODE } from './danfseFixtures';

const ISSUED = { nfseNumber: String(NFSE_NUMBER), verificationCode: VERIFICATION_CODE, issuedAt: ISSUED_AT };
const RIO_NAME = (code: string): string | undefined => (code === '3304557' ? 'Rio de Janeiro' : undefined);
const SP_VERIFICATION = 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=12345678&nf=4321&cod=AB12CD34';
/** Where the QR code's symbol sits: in the top right corner inside the 40 pt margins, 90 pt with its 4-module quiet zone. */
const QR_BOX = { right: 595.28 - 40, top: 841.89 - 40, side: 90, quietZone: 4 };

function inside(rects: readonly PdfRect[], x: number, y: number): boolean {
  return rects.some((rect) => x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height);
}

function content(overrides: { readonly nfseXml?: string; readonly municipality?: ReturnType<typeof saoPaulo>; readonly company?: ReturnType<typeof company> } = {}): DanfseContent {
  return danfseContentOf({
    nfseXml: overrides.nfseXml ?? cityNfseXml(),
    issued: ISSUED,
    company: overrides.company ?? company(),
    municipality: overrides.municipality ?? saoPaulo(),
    municipalityName: RIO_NAME,
  });
}

describe('renderDanfse', () => {
  beforeAll(async () => {
    await initXmlReader();
  });

  it('draws the NFS-e, prestador, tomador, service and values of the city’s XML, in pt-BR, with the auxiliary-document notice', async () => {
    const pdf = readPdf(await renderDanfse(content()));

    expect(pdf.header).toBe('%PDF-1.3');
    expect(pdf.pages).toBe(1);
    expect(pdf.lines).toEqual([
      'DANFSe - Documento Auxiliar da NFS-e',
      AUXILIARY_NOTICE,
      'NFS-e nº 4321',
      'Código de verificação: AB12CD34',
      'Data e hora de emissão: 23/11/2026 09:30:05 (horário de Brasília)',
      'Município: São Paulo/SP (IBGE 3550308)',
      'RPS: nº 77, série A1',
      'Competência: 20/11/2026',
      'PRESTADOR DE SERVIÇOS',
      'Razão social: Ação & Serviços Ltda',
      'CNPJ: 11.222.333/0001-81',
      'Inscrição municipal: 12345678',
      'Endereço: Avenida Paulista, 1000, Sala 5 - Bela Vista - São Paulo/SP - CEP 01310-100',
      'E-mail: fiscal@acao.example',
      'TOMADOR DE SERVIÇOS',
      'Nome / razão social: João da Silva',
      'CPF: 529.982.247-25',
      'Endereço: Rua das Flores, 12 - Centro - Rio de Janeiro/RJ - CEP 20010-000',
      'E-mail: joao@example.com',
      'SERVIÇO',
      'Item da lista de serviços (LC 116/2003): 01.07',
      'Código de tributação municipal: 010701',
      'Discriminação do serviço:',
      'Suporte técnico em informática, mês de novembro',
      'VALORES',
      'Valor dos serviços: R$ 1.234,56',
      'Deduções: R$ 0,00',
      'Base de cálculo: R$ 1.234,56',
      'Alíquota do ISS: 5,00%',
      'Valor do ISS: R$ 61,73',
      'ISS retido pelo tomador: Não',
      'Retenções: R$ 0,00',
      'Valor líquido: R$ 1.234,56',
      'AUTENTICIDADE',
      'Consulte a NFS-e no sistema da prefeitura (QR code): https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?',
      'ccm=12345678&nf=4321&cod=AB12CD34',
      AUXILIARY_NOTICE,
    ]);
    expect(pdf.info).toMatchObject({ Title: 'DANFSe - NFS-e 4321 - São Paulo', Subject: AUXILIARY_NOTICE, Producer: 'nfse-flow', CreationDate: 'D:20261123123005Z', ModDate: 'D:20261123123005Z' });
  });

  it('draws one QR code on the page, as filled modules, that decodes to the city’s verification URL of this NFS-e', async () => {
    const pdf = readPdf(await renderDanfse(content()));

    expect(pdf.images).toBe(0);
    const drawn = rasterize(pdf.fills, boundsOf(pdf.fills, 8), 4);
    expect(jsQR(drawn.rgba, drawn.width, drawn.height)?.data).toBe(SP_VERIFICATION);
  });

  it('draws exactly the modules qrcode encodes (error correction M, its mask), inside the quiet zone in the top right corner', async () => {
    const { fills } = readPdf(await renderDanfse(content()));
    const { size, data } = QRCode.create(SP_VERIFICATION, { errorCorrectionLevel: 'M' }).modules;
    const module = QR_BOX.side / (size + 2 * QR_BOX.quietZone);
    const left = QR_BOX.right - QR_BOX.side + QR_BOX.quietZone * module;
    const top = QR_BOX.top - QR_BOX.quietZone * module;

    const drawn = Array.from({ length: size * size }, (_, at) => (inside(fills, left + ((at % size) + 0.5) * module, top - (Math.floor(at / size) + 0.5) * module) ? 1 : 0));
    expect(drawn).toEqual(Array.from(data));
    const bounds = boundsOf(fills);
    expect([bounds.x, bounds.y + bounds.height, bounds.width, bounds.height].map((n) => Number(n.toFixed(3)))).toEqual([left, top, size * module, size * module].map((n) => Number(n.toFixed(3))));
  });

  it('has no QR code, and says where to check instead, when the registry knows no verification page for the city', async () => {
    const pdf = readPdf(await renderDanfse(content({ municipality: saoPaulo({ verificationUrl: undefined }) })));

    expect(pdf.fills).toEqual([]);
    expect(pdf.lines.slice(-3)).toEqual(['AUTENTICIDADE', 'Consulte a NFS-e no sistema da prefeitura de São Paulo com o número e o código de verificação.', AUXILIARY_NOTICE]);
  });

  it('has no QR code when the template names a value the NFS-e lacks (a company without inscrição municipal)', async () => {
    const withoutIm = content({ company: company({ inscricaoMunicipal: undefined }), nfseXml: cityNfseXml().replace(/<InscricaoMunicipal>12345678<\/InscricaoMunicipal>/, '') });

    expect(withoutIm.verificationUrl).toBeUndefined();
    expect(readPdf(await renderDanfse(withoutIm)).fills).toEqual([]);
  });

  it('continues on a second page when the service description runs past the first, as pdfkit did', async () => {
    const paragraph = 'Desenvolvimento e manutenção de sistemas sob encomenda, conforme contrato. '.repeat(80);
    const long = rpsInvoice({ service: { code: '01.07', description: paragraph, issRate: '5', issWithheld: false, municipalTaxCode: '010701' } });

    const pdf = readPdf(await renderDanfse(content({ nfseXml: cityNfseXml(long) })));

    expect(pdf.pages).toBe(2);
    expect(pdf.lines.slice(pdf.lines.indexOf('Discriminação do serviço:') + 1, pdf.lines.indexOf('VALORES')).join('')).toBe(paragraph.trim());
    expect(pdf.lines.slice(-1)).toEqual([AUXILIARY_NOTICE]);
  });

  it('renders the same bytes again at another time: a retried issuance stores the same object', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'], now: new Date('2027-01-01T00:00:00Z') });
    const first = await renderDanfse(content());
    jest.setSystemTime(new Date('2027-06-30T18:45:00Z'));
    const second = await renderDanfse(content());
    jest.useRealTimers();

    expect(second.equals(first)).toBe(true);
  });

  it('shows the withheld ISS as retenção and, when the city states no líquido, computes serviços − retenções', async () => {
    const withheld = rpsInvoice({ total: '1000.00', service: { code: '17.01', description: 'Consultoria', issRate: '2.5', issWithheld: true } });
    const xml = cityNfseXml(withheld, { valorIss: '25.00', aliquota: '2.50' }).replace(/<ValorLiquidoNfse>[^<]*<\/ValorLiquidoNfse>/, '');

    const lines = readPdf(await renderDanfse(content({ nfseXml: xml }))).lines;

    expect(lines.slice(lines.indexOf('VALORES'), lines.indexOf('AUTENTICIDADE'))).toEqual([
      'VALORES',
      'Valor dos serviços: R$ 1.000,00',
      'Deduções: R$ 0,00',
      'Base de cálculo: R$ 1.000,00',
      'Alíquota do ISS: 2,50%',
      'Valor do ISS: R$ 25,00',
      'ISS retido pelo tomador: Sim',
      'Retenções: R$ 25,00',
      'Valor líquido: R$ 975,00',
    ]);
    expect(lines).not.toContain('Código de tributação municipal: 010701');
  });

  it('draws a character the standard fonts cannot as "?" instead of another glyph', async () => {
    const invoice = rpsInvoice({ tomador: { document: '52998224725', name: 'Zoë Ünal 李' } });

    const lines = readPdf(await renderDanfse(content({ nfseXml: cityNfseXml(invoice) }))).lines;

    expect(lines.slice(lines.indexOf('TOMADOR DE SERVIÇOS'), lines.indexOf('SERVIÇO'))).toEqual(['TOMADOR DE SERVIÇOS', 'Nome / razão social: Zoë Ünal ?', 'CPF: 529.982.247-25']);
  });
});

describe('danfseContentOf', () => {
  beforeAll(async () => {
    await initXmlReader();
  });

  it('refuses an NFS-e XML without the declaration it was issued from', () => {
    expect(() => content({ nfseXml: '<CompNfse><Nfse><InfNfse><Numero>1</Numero></InfNfse></Nfse></CompNfse>' })).toThrow(DanfseContentError);
    expect(() => content({ nfseXml: '<CompNfse><Nfse><InfNfse><Numero>1</Numero></InfNfse></Nfse></CompNfse>' })).toThrow(/no InfNfse with its InfDeclaracaoPrestacaoServico and Servico/);
  });
});
