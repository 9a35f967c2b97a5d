import { createHash } from 'node:crypto';
import { constants, deflateSync } from 'node:zlib';
import type { StandardFontName } from './StandardFontMetrics';
import { StandardFontMetrics } from './StandardFontMetrics';

/** The document information dictionary a {@link PdfWriter} writes. */
export interface PdfInfo {
  readonly Title: string;
  readonly Subject: string;
  readonly Producer: string;
  readonly Creator: string;
  readonly CreationDate: Date;
  readonly ModDate: Date;
}

/** The resource name each standard font is drawn with. */
const FONT_RESOURCES: Readonly<Record<StandardFontName, string>> = { Helvetica: 'F1', 'Helvetica-Bold': 'F2' };

/**
 * A PDF 1.3 writer for documents laid out in code, as the DANFSe is: pages of one size, text in the
 * standard fonts Helvetica and Helvetica-Bold (WinAnsiEncoding, not embedded), lines, and filled
 * rectangles (the QR code). Coordinates are PDF's own (points, origin at the page's bottom left).
 * Each page's content stream is deflated; nothing depends on the clock, so the same calls give the
 * same bytes. What pdfkit did for the DANFSe, without its per-document font parsing, streams and
 * object model: a tenth of the CPU.
 * @see https://opensource.adobe.com/dc-acrobat-sdk-docs/pdfstandards/pdfreference1.3.pdf
 */
export class PdfWriter {
  private readonly pages: string[][] = [[]];

  constructor(
    /** Points. */
    readonly pageWidth: number,
    /** Points. */
    readonly pageHeight: number,
  ) {}

  /** Starts a new page: what is drawn next goes on it. */
  addPage(): void {
    this.pages.push([]);
  }

  /**
   * Draws WinAnsi `codes` with its baseline starting at (`x`, `baseline`), kerned as the font's
   * metrics say (each kerning pair an adjustment inside the TJ array, as pdfkit writes them).
   */
  text(x: number, baseline: number, font: StandardFontName, size: number, codes: Uint8Array): void {
    const metrics = StandardFontMetrics.of(font);
    let shown = '';
    let hex = '';
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] ?? 0x3f;
      hex += HEX[code];
      const kerning = i + 1 < codes.length ? metrics.kerningOf(code, codes[i + 1] ?? 0) : 0;
      if (kerning !== 0 || i + 1 === codes.length) {
        shown += `${shown === '' ? '' : ' '}<${hex}> ${pdfNumber(-kerning)}`;
        hex = '';
      }
    }
    this.current().push(`BT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n/${FONT_RESOURCES[font]} ${pdfNumber(size)} Tf\n[${shown}] TJ\nET`);
  }

  /** Strokes a straight line from (`x1`, `y1`) to (`x2`, `y2`), `width` points wide, in black. */
  line(x1: number, y1: number, x2: number, y2: number, width: number): void {
    this.current().push(`${pdfNumber(x1)} ${pdfNumber(y1)} m\n${pdfNumber(x2)} ${pdfNumber(y2)} l\n${pdfNumber(width)} w\nS`);
  }

  /**
   * Fills, in black and as one path, rectangles given in a grid of `cell`-point squares whose top
   * left corner is at (`left`, `top`), rows counted downwards: each rectangle `[column, row,
   * columns]` is one row high. One path filled once leaves no seams between touching rectangles.
   */
  fillGridRuns(left: number, top: number, cell: number, runs: ReadonlyArray<readonly [number, number, number]>): void {
    let path = `q\n${pdfNumber(cell)} 0 0 ${pdfNumber(-cell)} ${pdfNumber(left)} ${pdfNumber(top)} cm\n`;
    for (const [column, row, columns] of runs) path += `${column} ${row} ${columns} 1 re\n`;
    this.current().push(`${path}f\nQ`);
  }

  /** The whole PDF file. */
  toBuffer(info: PdfInfo): Buffer {
    // The fastest level: a third of the default's CPU for a content stream a quarter larger (the
    // QR code's rectangles are most of it), on a file of a few kilobytes.
    const contents = this.pages.map((operators) => deflateSync(Buffer.from(`${operators.join('\n')}\n`, 'latin1'), { level: constants.Z_BEST_SPEED }));
    const objects: Array<string | { readonly dictionary: string; readonly stream: Buffer }> = [];
    const add = (object: string | { readonly dictionary: string; readonly stream: Buffer }): number => objects.push(object);

    const catalog = add('');
    const pagesRef = add('');
    const fontRefs = Object.entries(FONT_RESOURCES).map(([name, resource]) => `/${resource} ${add(`<<\n/Type /Font\n/BaseFont /${name}\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>`)} 0 R`);
    const resources = `<<\n/ProcSet [/PDF /Text]\n/Font <<\n${fontRefs.join('\n')}\n>>\n>>`;
    const kids = contents.map((stream) => {
      const content = add({ dictionary: `<<\n/Length ${stream.length}\n/Filter /FlateDecode\n>>`, stream });
      return add(`<<\n/Type /Page\n/Parent ${pagesRef} 0 R\n/MediaBox [0 0 ${pdfNumber(this.pageWidth)} ${pdfNumber(this.pageHeight)}]\n/Contents ${content} 0 R\n/Resources ${resources}\n>>`);
    });
    objects[catalog - 1] = `<<\n/Type /Catalog\n/Pages ${pagesRef} 0 R\n>>`;
    objects[pagesRef - 1] = `<<\n/Type /Pages\n/Count ${kids.length}\n/Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}]\n>>`;
    const infoEntries = Object.entries(info).map(([key, value]) => `/${key} ${add(value instanceof Date ? `(${pdfDate(value)})` : pdfTextString(String(value)))} 0 R`);
    const infoRef = add(`<<\n${infoEntries.join('\n')}\n>>`);

    // The file identifier: a digest of what the file says, so the same document has the same one;
    // 16 bytes as the PDF specification's MD5 suggestion, from SHA-256 (MD5 is refused by a FIPS-mode Node).
    // Fed part by part as the body is laid out (the trailer, which holds it, is not part of it), so
    // the parts are joined once, into the file.
    const digest = createHash('sha256');
    const parts: Buffer[] = [];
    const offsets: number[] = [];
    let length = 0;
    const push = (part: Buffer): void => {
      parts.push(part);
      digest.update(part);
      length += part.length;
    };
    push(Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n', 'latin1'));
    objects.forEach((object, index) => {
      offsets.push(length);
      if (typeof object === 'string') {
        push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
        return;
      }
      push(Buffer.from(`${index + 1} 0 obj\n${object.dictionary}\nstream\n`, 'latin1'));
      push(object.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    });
    const id = digest.digest('hex').slice(0, 32);
    const xref = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
    const trailer = Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<<\n/Size ${objects.length + 1}\n/Root ${catalog} 0 R\n/Info ${infoRef} 0 R\n/ID [<${id}> <${id}>]\n>>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    );
    parts.push(trailer);
    return Buffer.concat(parts, length + trailer.length);
  }

  private current(): string[] {
    const page = this.pages[this.pages.length - 1];
    if (page === undefined) throw new Error('a PdfWriter always has a page');
    return page;
  }
}

/** Each byte as two hex digits. */
const HEX = Array.from({ length: 256 }, (_, code) => code.toString(16).padStart(2, '0'));

/** A number as PDF writes it: decimal, at most six places (pdfkit's rounding). */
function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a PDF number: ${n}`);
  return String(Math.round(n * 1e6) / 1e6);
}

/** A date as PDF writes it (PDF 1.3 §3.8.2), in UTC. */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** A text string: ASCII as it is, anything else UTF-16BE behind its byte-order mark; escaped for a literal. */
function pdfTextString(text: string): string {
  const bytes = /^[\x00-\x7f]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return `(${bytes.toString('latin1').replace(/[\\()\n\r\t\b\f]/g, (char) => LITERAL_ESCAPES[char] ?? char)})`;
}

const LITERAL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '(': '\\(', ')': '\\)', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
