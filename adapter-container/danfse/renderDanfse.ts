import { formatBrasiliaDateTime, formatBrl, formatDate, formatDocument, formatPercent } from './brazilianFormats';
import type { DanfseContent, DanfseParty } from './DanfseContent';
import { PdfWriter } from './pdf/PdfWriter';
import { TextFlow } from './pdf/TextFlow';
import { qrCodeRuns } from './qrCodeRuns';
import { winAnsiText } from './winAnsiText';

/** The line that says what this PDF is not: printed under the title of every page. */
export const AUXILIARY_NOTICE = 'Documento auxiliar gerado por nfse-flow: não substitui a NFS-e';

/** The QR code's size on the page, points (about 3 cm: phones read it from a printout), its quiet zone included. */
const QR_SIZE = 90;
/** Light modules around the QR code's symbol (the standard's quiet zone). */
const QR_QUIET_ZONE = 4;
const MARGIN = 40;
/** A4, points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const HEADER_WIDTH = CONTENT_WIDTH - QR_SIZE - 10;

/**
 * Our DANFSe-like PDF of an ABRASF NFS-e (A4, one page for an ordinary description): title and
 * the notice that it is an auxiliary document, the NFS-e's number, verification code, issue date,
 * municipality and RPS, then prestador, tomador, service and values, and a QR code with the
 * city's verification URL when the registry knows it. Laid out as pdfkit laid it out before (its
 * line wrapping, line heights and positions), written by our own small {@link PdfWriter}: pdfkit
 * spent ~3 ms of CPU a document, most of it parsing the fonts' metrics again each time.
 *
 * Deterministic: the PDF's dates are the NFS-e's issue instant, its file ID derives from its
 * content, and the standard fonts are not embedded, so rendering the same content again gives the
 * same bytes — a retried issuance writes the same object.
 */
export async function renderDanfse(content: DanfseContent): Promise<Buffer> {
  // The QR code first, so a failure to build it fails before any layout work.
  const qr = content.verificationUrl === undefined ? undefined : qrCodeRuns(content.verificationUrl);
  const pdf = new PdfWriter(PAGE_WIDTH, PAGE_HEIGHT);
  const flow = new TextFlow(pdf, MARGIN);

  const text = (value: string, options: { readonly bold?: boolean; readonly size?: number; readonly width?: number } = {}): void => {
    flow.text(value, { font: options.bold === true ? 'Helvetica-Bold' : 'Helvetica', size: options.size ?? 9, width: options.width ?? CONTENT_WIDTH });
  };
  const field = (label: string, value: string | undefined, width?: number): void => {
    if (value !== undefined && value !== '') text(`${label}: ${value}`, width === undefined ? {} : { width });
  };
  const section = (title: string): void => {
    flow.moveDown(0.6);
    flow.rule(0.5);
    flow.y += 4;
    text(title, { bold: true, size: 10 });
    flow.moveDown(0.2);
  };

  if (qr !== undefined) {
    const module = QR_SIZE / (qr.size + 2 * QR_QUIET_ZONE);
    pdf.fillGridRuns(MARGIN + CONTENT_WIDTH - QR_SIZE + QR_QUIET_ZONE * module, PAGE_HEIGHT - MARGIN - QR_QUIET_ZONE * module, module, qr.runs);
  }
  text('DANFSe - Documento Auxiliar da NFS-e', { bold: true, size: 14, width: HEADER_WIDTH });
  text(AUXILIARY_NOTICE, { bold: true, size: 9, width: HEADER_WIDTH });
  flow.moveDown(0.5);
  text(`NFS-e nº ${content.nfseNumber}`, { bold: true, size: 12, width: HEADER_WIDTH });
  field('Código de verificação', content.verificationCode, HEADER_WIDTH);
  field('Data e hora de emissão', `${formatBrasiliaDateTime(content.issuedAt)} (horário de Brasília)`, HEADER_WIDTH);
  const { municipality } = content;
  field('Município', `${municipality.name}${municipality.uf === undefined ? '' : `/${municipality.uf}`} (IBGE ${municipality.code})`, HEADER_WIDTH);
  field('RPS', content.rps === undefined ? undefined : `nº ${content.rps.numero}, série ${content.rps.serie}`, HEADER_WIDTH);
  field('Competência', content.competence === undefined ? undefined : formatDate(content.competence), HEADER_WIDTH);
  // Below the QR code whatever the header's length.
  if (qr !== undefined) flow.y = Math.max(flow.y, MARGIN + QR_SIZE + 4);

  section('PRESTADOR DE SERVIÇOS');
  party(content.prestador, field, 'Razão social');
  section('TOMADOR DE SERVIÇOS');
  if (content.tomador === undefined) text('Tomador não identificado');
  else party(content.tomador, field, 'Nome / razão social');

  section('SERVIÇO');
  field('Item da lista de serviços (LC 116/2003)', content.service.item);
  field('Código de tributação municipal', content.service.municipalTaxCode);
  field('CNAE', content.service.cnae);
  text('Discriminação do serviço:');
  text(content.service.description);

  const { values } = content;
  section('VALORES');
  field('Valor dos serviços', formatBrl(values.services));
  field('Deduções', formatBrl(values.deductions));
  field('Base de cálculo', formatBrl(values.calculationBase));
  field('Alíquota do ISS', values.issRate === undefined ? undefined : formatPercent(values.issRate));
  field('Valor do ISS', formatBrl(values.iss));
  field('ISS retido pelo tomador', values.issWithheld ? 'Sim' : 'Não');
  field('Retenções', formatBrl(values.withholdings));
  text(`Valor líquido: ${formatBrl(values.net)}`, { bold: true, size: 10 });

  section('AUTENTICIDADE');
  if (content.verificationUrl === undefined) text(`Consulte a NFS-e no sistema da prefeitura de ${municipality.name} com o número e o código de verificação.`);
  else field('Consulte a NFS-e no sistema da prefeitura (QR code)', content.verificationUrl);
  text(AUXILIARY_NOTICE, { bold: true });

  const issuedAt = new Date(content.issuedAt);
  return pdf.toBuffer({
    Title: winAnsiText(`DANFSe - NFS-e ${content.nfseNumber} - ${content.municipality.name}`),
    Subject: AUXILIARY_NOTICE,
    Producer: 'nfse-flow',
    Creator: 'nfse-flow',
    CreationDate: issuedAt,
    ModDate: issuedAt,
  });
}

function party(who: DanfseParty, field: (label: string, value: string | undefined) => void, nameLabel: string): void {
  field(nameLabel, who.name);
  field(who.document.length === 11 ? 'CPF' : 'CNPJ', formatDocument(who.document));
  field('Inscrição municipal', who.inscricaoMunicipal);
  field('Endereço', who.address);
  field('E-mail', who.email);
}
