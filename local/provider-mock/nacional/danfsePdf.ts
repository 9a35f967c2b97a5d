/** What the mock's DANFSe shows. */
export interface DanfseContent {
  readonly chaveAcesso: string;
  readonly nfseNumber: string;
  readonly prestador: string;
  readonly value: string;
  readonly issuedAt: string;
  readonly cancelled: boolean;
}

/** A PDF string literal: backslash, parentheses escaped; only Latin-1 (the base-14 fonts' WinAnsi). */
function pdfText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * A small but real one-page PDF (1.4, Helvetica, A4) with the NFS-e's key, number, prestador and
 * value: what the national DANFSe service answers, in miniature. Written by hand (objects, then a
 * cross-reference table of their byte offsets), so any PDF reader opens it.
 */
export function danfsePdf(content: DanfseContent): Buffer {
  const lines = [
    ['18', 'DANFSe - Documento Auxiliar da NFS-e (mock)'],
    ['11', `Chave de acesso: ${content.chaveAcesso}`],
    ['11', `Numero da NFS-e: ${content.nfseNumber}`],
    ['11', `Prestador (CNPJ/CPF): ${content.prestador}`],
    ['11', `Valor do servico: R$ ${content.value}`],
    ['11', `Emissao: ${content.issuedAt}`],
    ...(content.cancelled ? [['14', 'NFS-e CANCELADA']] : []),
  ];
  const stream = ['BT', '50 780 Td', ...lines.flatMap(([size, text], index) => [`/F1 ${size ?? '11'} Tf`, ...(index === 0 ? [] : ['0 -24 Td']), `(${pdfText(text ?? '')}) Tj`]), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
