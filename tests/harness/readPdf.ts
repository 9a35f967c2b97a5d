import { inflateSync } from 'node:zlib';

/** Pixels as RGBA (what a QR decoder reads). */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** A filled rectangle, in page coordinates (points, origin at the page's bottom left). */
export interface PdfRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What a test reads back from a PDF: its header, its text lines as drawn, its image count, filled rectangles and info dictionary. */
export interface PdfContents {
  /** `%PDF-1.3`. */
  readonly header: string;
  /** Each text-showing operator's string (`Tj`, or a `TJ` array joined), in drawing order: one drawn line each. */
  readonly lines: string[];
  /** Image XObjects in the file (counted, not decoded: our PDFs draw none). */
  readonly images: number;
  /** The rectangles of filled paths (`re` … `f`), each through the transformation (`cm`) in force, in drawing order. */
  readonly fills: PdfRect[];
  /** Pages, counted by their content streams. */
  readonly pages: number;
  /** The document information dictionary's literal strings (Title, Producer, CreationDate…). */
  readonly info: Record<string, string>;
}

/**
 * WinAnsiEncoding's characters at 0x80–0x9F (the five it leaves undefined as their C1 code); the
 * rest of its upper half is Latin-1. (Node's TextDecoder('windows-1252') drops these bytes.)
 */
const WIN_ANSI_0X80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = { decode: (bytes: Buffer): string => [...bytes].map((byte) => (byte >= 0x80 && byte <= 0x9f ? (WIN_ANSI_0X80[byte - 0x80] ?? '?') : String.fromCharCode(byte))).join('') };

/**
 * A small reader of the PDFs pdfkit and our PdfWriter write (uncompressed object syntax, Flate
 * streams, WinAnsi standard fonts, rectangles filled under `cm` transformations): enough for tests
 * to read the text and filled shapes back
 * from the bytes, as a viewer would, rather than trusting what was passed to the renderer.
 */
export function readPdf(pdf: Buffer): PdfContents {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { readonly dictionary: string; readonly stream?: Buffer; readonly body: string }>();
  const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)(?:\s*stream\r?\n|\s*endobj)/g;
  for (let match = objectPattern.exec(raw); match !== null; match = objectPattern.exec(raw)) {
    const [whole, id = '', body = ''] = match;
    if (!whole.includes('stream')) {
      objects.set(id, { dictionary: body, body });
      continue;
    }
    const length = Number(/\/Length (\d+)/.exec(body)?.[1] ?? Number.NaN);
    if (Number.isNaN(length)) throw new Error(`object ${id}: a stream without a direct /Length`);
    const start = match.index + whole.length;
    objects.set(id, { dictionary: body, body, stream: pdf.subarray(start, start + length) });
    objectPattern.lastIndex = start + length;
  }
  const decoded = (stream: Buffer, dictionary: string): Buffer => (dictionary.includes('/FlateDecode') ? inflateSync(stream) : stream);

  const lines: string[] = [];
  const fills: PdfRect[] = [];
  let images = 0;
  let pages = 0;
  for (const { dictionary, stream } of objects.values()) {
    if (stream === undefined) continue;
    if (dictionary.includes('/Subtype /Image')) images += 1;
    if (/\/Type|\/Subtype/.test(dictionary)) continue;
    const content = decoded(stream, dictionary).toString('latin1');
    pages += 1;
    fills.push(...filledRectangles(content));
    for (const shown of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = shown[1] === undefined ? (shown[2] ?? '') : [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((piece) => piece[1]).join('');
      lines.push(winAnsi.decode(Buffer.from(hex, 'hex')));
    }
  }

  const info: Record<string, string> = {};
  const infoRef = /\/Info (\d+) 0 R/.exec(raw)?.[1];
  const infoDictionary = infoRef === undefined ? '' : (objects.get(infoRef)?.body ?? '');
  for (const [, key = '', ref = ''] of infoDictionary.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const escaped = /^\(([\s\S]*)\)$/.exec(objects.get(ref)?.body.trim() ?? '')?.[1];
    const literal = escaped === undefined ? undefined : unescapeLiteral(escaped);
    // pdfkit writes a string outside ASCII as UTF-16BE behind its byte-order mark.
    if (literal !== undefined) info[key] = literal.startsWith('\u00fe\u00ff') ? Buffer.from(literal.slice(2), 'latin1').swap16().toString('utf16le') : literal;
  }
  return { header: raw.slice(0, 8), lines, images, fills, pages, info };
}

const LITERAL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A literal string's bytes (as latin1) with its escapes undone (PDF 1.3 §3.2.3): `\(`, `\\`, `\n`, `\ddd`… */
function unescapeLiteral(escaped: string): string {
  return escaped.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, code: string) => (/^[0-7]/.test(code) ? String.fromCharCode(parseInt(code, 8) & 0xff) : (LITERAL_ESCAPES[code] ?? code)));
}

/** A transformation matrix [a b c d e f], as PDF writes one. */
type Matrix = readonly [number, number, number, number, number, number];

/**
 * The rectangles a content stream fills, through its `q`/`Q`/`cm` graphics states (no rotation or
 * skew read here): each `x y w h re` of a path that `f` fills, in page coordinates.
 */
function filledRectangles(content: string): PdfRect[] {
  const filled: PdfRect[] = [];
  const saved: Matrix[] = [];
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  let path: PdfRect[] = [];
  for (const line of content.split('\n')) {
    const operands = line.trim().split(/\s+/);
    const operator = operands.pop();
    const numbers = operands.map(Number);
    if (operator === 'q') saved.push(matrix);
    else if (operator === 'Q') matrix = saved.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (operator === 'cm' && numbers.length === 6) {
      const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = numbers;
      if (b !== 0 || c !== 0 || matrix[1] !== 0 || matrix[2] !== 0) throw new Error('a rotated or skewed cm is not read here');
      matrix = [a * matrix[0], 0, 0, d * matrix[3], e * matrix[0] + matrix[4], f * matrix[3] + matrix[5]];
    } else if (operator === 're' && numbers.length === 4) {
      const [x = 0, y = 0, width = 0, height = 0] = numbers;
      const [left, right] = [matrix[0] * x + matrix[4], matrix[0] * (x + width) + matrix[4]];
      const [bottom, top] = [matrix[3] * y + matrix[5], matrix[3] * (y + height) + matrix[5]];
      path.push({ x: Math.min(left, right), y: Math.min(bottom, top), width: Math.abs(right - left), height: Math.abs(top - bottom) });
    } else if (operator === 'f' || operator === 'F' || operator === 'f*') {
      filled.push(...path);
      path = [];
    } else if (operator === 'S' || operator === 'n') path = [];
  }
  return filled;
}

/**
 * `rects` drawn black on white over the page area `area`, `pixelsPerPoint` pixels to a point, each
 * pixel dark when its centre lies in a rectangle: what a QR decoder reads from a drawn code.
 */
export function rasterize(rects: readonly PdfRect[], area: PdfRect, pixelsPerPoint: number): PdfImage {
  const width = Math.round(area.width * pixelsPerPoint);
  const height = Math.round(area.height * pixelsPerPoint);
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const rect of rects) {
    // Pixel rows count down from the area's top.
    const [x0, x1] = [(rect.x - area.x) * pixelsPerPoint, (rect.x + rect.width - area.x) * pixelsPerPoint];
    const [y0, y1] = [(area.y + area.height - rect.y - rect.height) * pixelsPerPoint, (area.y + area.height - rect.y) * pixelsPerPoint];
    for (let py = Math.max(0, Math.ceil(y0 - 0.5)); py < Math.min(height, Math.ceil(y1 - 0.5)); py++) {
      for (let px = Math.max(0, Math.ceil(x0 - 0.5)); px < Math.min(width, Math.ceil(x1 - 0.5)); px++) rgba.set([0, 0, 0, 255], (py * width + px) * 4);
    }
  }
  return { width, height, rgba };
}

/** The smallest rectangle holding all of `rects`, grown by `margin` points on each side. */
export function boundsOf(rects: readonly PdfRect[], margin = 0): PdfRect {
  const left = Math.min(...rects.map((rect) => rect.x)) - margin;
  const bottom = Math.min(...rects.map((rect) => rect.y)) - margin;
  const right = Math.max(...rects.map((rect) => rect.x + rect.width)) + margin;
  const top = Math.max(...rects.map((rect) => rect.y + rect.height)) + margin;
  return { x: left, y: bottom, width: right - left, height: top - bottom };
}
