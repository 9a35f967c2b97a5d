import PDFDocument from 'pdfkit';
import { StandardFontMetrics, type StandardFontName } from '../../../../adapter-container/danfse/pdf/StandardFontMetrics';
import { wrapText } from '../../../../adapter-container/danfse/pdf/wrapText';
import { winAnsiCodes } from '../../../../adapter-container/danfse/winAnsiText';
import { readPdf } from '../../../harness/readPdf';

/** The lines pdfkit draws for `text` in a paragraph `width` points wide: how the DANFSe wrapped before. */
async function pdfkitLines(text: string, font: StandardFontName, size: number, width: number): Promise<string[]> {
  const doc = new PDFDocument({ size: [width + 80, 100_000], margin: 40 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(font).fontSize(size).text(text, { width });
  doc.end();
  return readPdf(await ended).lines;
}

const TEXTS = [
  'Consulte a NFS-e no sistema da prefeitura (QR code): https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=12345678&nf=4321&cod=AB12CD34',
  'Endereço: Avenida Paulista, 1000, Sala 5 - Bela Vista - São Paulo/SP - CEP 01310-100',
  'Suporte técnico em informática, mês de novembro, com   espaços   repetidos e hífens-no-meio e travessões — longos',
  `Palavra longa: ${'x'.repeat(180)} e um endereço https://example.com/${'caminho/'.repeat(20)}fim`,
  'AVAVAVAVA To Ty Yo We Vo LT P. F, “Aspas” ‘simples’ Ÿ € ‰ …'.repeat(4),
  'Desenvol\u00advi\u00admento de sis\u00adte\u00admas sob en\u00adco\u00admen\u00adda '.repeat(5),
  'curta',
];

describe('wrapText', () => {
  it.each<[StandardFontName, number, number]>([
    ['Helvetica', 9, 515.28],
    ['Helvetica', 9, 415.28],
    ['Helvetica-Bold', 14, 415.28],
    ['Helvetica-Bold', 10, 120],
    ['Helvetica', 7, 33],
  ])('cuts lines where pdfkit cuts them (%s %d pt, %d pt wide)', async (font, size, width) => {
    for (const text of TEXTS) {
      const lines = wrapText(text, { font: StandardFontMetrics.of(font), size, width }).map((line) => line.text);

      expect(lines.filter((line) => line !== '')).toEqual(await pdfkitLines(text, font, size, width));
    }
  });

  it('keeps every character, in order, a soft hyphen drawn as "-" only where a line ends at it', () => {
    const text = TEXTS[5] ?? '';

    const lines = wrapText(text, { font: StandardFontMetrics.of('Helvetica'), size: 9, width: 100 }).map((line) => line.text);

    expect(lines.length).toBeGreaterThan(3);
    expect(lines.map((line) => line.replace(/-$/, '\u00ad')).join('')).toBe(text);
    expect(lines.some((line) => line.endsWith('-'))).toBe(true);
  });

  it('gives each line the WinAnsi codes of its text as drawn, a soft hyphen ending a line as "-"', () => {
    for (const text of TEXTS) {
      const lines = wrapText(text, { font: StandardFontMetrics.of('Helvetica'), size: 9, width: 100 });

      expect(lines.map((line) => [...line.codes])).toEqual(lines.map((line) => [...winAnsiCodes(line.text)]));
    }
    expect(wrapText(TEXTS[5] ?? '', { font: StandardFontMetrics.of('Helvetica'), size: 9, width: 100 }).some((line) => line.codes.at(-1) === 0x2d)).toBe(true);
  });

  it('cuts a word wider than the line where each line is full, starting on the line it reaches', () => {
    const font = StandardFontMetrics.of('Helvetica');
    const word = 'W'.repeat(40);

    const lines = wrapText(`a ${word} b`, { font, size: 10, width: 100 }).map((line) => line.text);

    // "W" is 9.44 pt at 10 pt: ten to a 100-pt line, nine after "a " (8.34 pt).
    expect(lines).toEqual(['a WWWWWWWWW', 'WWWWWWWWWW', 'WWWWWWWWWW', 'WWWWWWWWWW', 'W b']);
  });
});
