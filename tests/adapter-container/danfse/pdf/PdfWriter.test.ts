import { inflateSync } from 'node:zlib';
import { PdfWriter, type PdfInfo } from '../../../../adapter-container/danfse/pdf/PdfWriter';
import { winAnsiCodes } from '../../../../adapter-container/danfse/winAnsiText';
import { readPdf } from '../../../harness/readPdf';

const INFO: PdfInfo = {
  Title: 'Nota (cópia) \\ teste',
  Subject: 'a (b) c \\ d',
  Producer: 'nfse-flow',
  Creator: 'nfse-flow',
  CreationDate: new Date('2026-11-23T12:30:05.000Z'),
  ModDate: new Date('2026-11-23T12:30:05.000Z'),
};

/** The file's objects by number, as the cross-reference table finds them: the text from each offset. */
function objectsByXref(pdf: Buffer): { readonly size: number; readonly at: Map<number, string>; readonly xrefAt: number; readonly startxref: number } {
  const raw = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
  const [, first = '0', count = '0', rows = ''] = /^xref\n(\d+) (\d+)\n([\s\S]*?)trailer/.exec(raw.slice(startxref)) ?? [];
  const at = new Map<number, string>();
  rows
    .trim()
    .split('\n')
    .forEach((row, index) => {
      const [offset = '', , kind = ''] = row.trim().split(' ');
      if (kind === 'n') at.set(Number(first) + index, raw.slice(Number(offset), Number(offset) + 12));
    });
  return { size: Number(count), at, xrefAt: raw.indexOf('\nxref\n') + 1, startxref };
}

/** A writer with a line on each of two pages, one in each font. */
function twoPages(): PdfWriter {
  const writer = new PdfWriter(595.28, 841.89);
  writer.text(40, 800, 'Helvetica', 9, winAnsiCodes('página um'));
  writer.addPage();
  writer.text(40, 800, 'Helvetica-Bold', 9, winAnsiCodes('página dois'));
  return writer;
}

describe('PdfWriter', () => {
  it('points its cross-reference table at every object and startxref at the table, and the trailer at the catalog and info', () => {
    const pdf = twoPages().toBuffer(INFO);
    const raw = pdf.toString('latin1');

    const { size, at, xrefAt, startxref } = objectsByXref(pdf);
    expect(startxref).toBe(xrefAt);
    expect(size).toBe(at.size + 1);
    for (const [number, text] of at) expect(text.startsWith(`${number} 0 obj\n`)).toBe(true);
    expect(raw).toMatch(/trailer\n<<\n\/Size \d+\n\/Root 1 0 R\n\/Info \d+ 0 R\n\/ID \[<([0-9a-f]{32})> <\1>\]\n>>/);
    expect(raw.slice(0, 15)).toBe('%PDF-1.3\n%\xff\xff\xff\xff\n');
  });

  it('puts what is drawn after addPage on a second page, with both fonts as resources of each', () => {
    const pdf = twoPages().toBuffer(INFO);
    const raw = pdf.toString('latin1');

    expect(readPdf(pdf)).toMatchObject({ pages: 2, lines: ['página um', 'página dois'] });
    expect(raw).toMatch(/\/Type \/Pages\n\/Count 2\n\/Kids \[\d+ 0 R \d+ 0 R\]/);
    expect(raw.match(/\/Font <<\n\/F1 3 0 R\n\/F2 4 0 R\n>>/g)).toHaveLength(2);
    expect(raw).toContain('3 0 obj\n<<\n/Type /Font\n/BaseFont /Helvetica\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>');
    expect(raw).toContain('4 0 obj\n<<\n/Type /Font\n/BaseFont /Helvetica-Bold\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>');
  });

  it('draws text at its baseline with the font’s kerning pairs inside the TJ array, and lines and filled grid runs', () => {
    const writer = new PdfWriter(595.28, 841.89);
    writer.text(40.5, 700.25, 'Helvetica', 12, winAnsiCodes('AVATAR'));
    writer.line(40, 650, 555.28, 650, 0.5);
    writer.fillGridRuns(100, 200, 2, [
      [0, 0, 7],
      [3, 1, 1],
    ]);

    const pdf = writer.toBuffer(INFO);
    const stream = /stream\n([\s\S]*?)\nendstream/.exec(pdf.toString('latin1'))?.[1] ?? '';

    // Helvetica kerns A-V -70, V-A -80, A-T -120, T-A -120 (its AFM's KPX lines).
    expect(inflateSync(Buffer.from(stream, 'latin1')).toString('latin1')).toBe(
      [
        'BT\n1 0 0 1 40.5 700.25 Tm\n/F1 12 Tf\n[<41> 70 <56> 80 <41> 120 <54> 120 <4152> 0] TJ\nET',
        '40 650 m\n555.28 650 l\n0.5 w\nS',
        'q\n2 0 0 -2 100 200 cm\n0 0 7 1 re\n3 1 1 1 re\nf\nQ',
        '',
      ].join('\n'),
    );
    expect(readPdf(pdf).fills).toEqual([
      { x: 100, y: 198, width: 14, height: 2 },
      { x: 106, y: 196, width: 2, height: 2 },
    ]);
  });

  it('writes the info strings as PDF text strings: ASCII as it is, anything else UTF-16BE, parentheses and backslashes escaped', () => {
    const pdf = new PdfWriter(595.28, 841.89).toBuffer(INFO);
    const raw = pdf.toString('latin1');

    expect(raw).toContain('(a \\(b\\) c \\\\ d)');
    const title = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(INFO.Title, 'utf16le').swap16()]).toString('latin1').replace(/[()\\]/g, (char) => `\\${char}`);
    expect(raw).toContain(`(${title})`);
    expect(raw).toContain('(D:20261123123005Z)');
    expect(readPdf(pdf).info).toEqual({ Title: INFO.Title, Subject: INFO.Subject, Producer: 'nfse-flow', Creator: 'nfse-flow', CreationDate: 'D:20261123123005Z', ModDate: 'D:20261123123005Z' });
  });

  it('writes the same bytes for the same drawing', () => {
    const draw = (): Buffer => {
      const writer = new PdfWriter(595.28, 841.89);
      writer.text(40, 800, 'Helvetica', 9, winAnsiCodes('igual'));
      return writer.toBuffer(INFO);
    };

    expect(draw().equals(draw())).toBe(true);
  });
});
