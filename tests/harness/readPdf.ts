import { inflateSync } from 'node:zlib';

/** An image XObject of a PDF, decoded to RGBA (what a QR decoder reads). */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** What a test reads back from a PDF: its header, its text lines as drawn, its images and its info dictionary. */
export interface PdfContents {
  /** `%PDF-1.3`. */
  readonly header: string;
  /** Each text-showing operator's string (`Tj`, or a `TJ` array joined), in drawing order: one drawn line each. */
  readonly lines: string[];
  readonly images: PdfImage[];
  /** The document information dictionary's literal strings (Title, Producer, CreationDate…). */
  readonly info: Record<string, string>;
}

const winAnsi = new TextDecoder('windows-1252');

/**
 * A small reader of the PDFs pdfkit writes (uncompressed object syntax, Flate streams, WinAnsi
 * standard fonts, 8-bit RGB or gray images, PNG predictors): enough for tests to read the text and images back
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
  const images: PdfImage[] = [];
  // An image's soft mask (its alpha channel) is an image object too, but not one drawn on its own.
  const masks = new Set([...raw.matchAll(/\/SMask (\d+) 0 R/g)].map((match) => match[1]));
  for (const [id, { dictionary, stream }] of objects) {
    if (stream === undefined) continue;
    if (dictionary.includes('/Subtype /Image')) {
      const image = masks.has(id) ? undefined : imageOf(dictionary, decoded(stream, dictionary), (ref) => objects.get(ref)?.body ?? '');
      if (image !== undefined) images.push(image);
      continue;
    }
    if (/\/Type|\/Subtype/.test(dictionary)) continue;
    const content = decoded(stream, dictionary).toString('latin1');
    for (const shown of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = shown[1] === undefined ? (shown[2] ?? '') : [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((piece) => piece[1]).join('');
      lines.push(winAnsi.decode(Buffer.from(hex, 'hex')));
    }
  }

  const info: Record<string, string> = {};
  const infoRef = /\/Info (\d+) 0 R/.exec(raw)?.[1];
  const infoDictionary = infoRef === undefined ? '' : (objects.get(infoRef)?.body ?? '');
  for (const [, key = '', ref = ''] of infoDictionary.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const literal = /^\(([\s\S]*)\)$/.exec(objects.get(ref)?.body.trim() ?? '')?.[1];
    // pdfkit writes a string outside ASCII as UTF-16BE behind its byte-order mark.
    if (literal !== undefined) info[key] = literal.startsWith('\u00fe\u00ff') ? Buffer.from(literal.slice(2), 'latin1').swap16().toString('utf16le') : literal;
  }
  return { header: raw.slice(0, 8), lines, images, info };
}

/** The samples of each colour space, of those read here. */
const COLOURS: Readonly<Record<string, number>> = { '/DeviceRGB': 3, '/DeviceGray': 1 };

/** An image XObject's pixels as RGBA; undefined for a colour space not read here (indexed, CMYK). */
function imageOf(dictionary: string, data: Buffer, body: (ref: string) => string): PdfImage | undefined {
  const colours = COLOURS[/\/ColorSpace (\/\w+)/.exec(dictionary)?.[1] ?? ''];
  if (colours === undefined) return undefined;
  const bits = Number(/\/BitsPerComponent (\d+)/.exec(dictionary)?.[1]);
  if (bits !== 8 && !(bits === 1 && colours === 1)) throw new Error('only 8-bit images and 1-bit gray ones are read here');
  const width = Number(/\/Width (\d+)/.exec(dictionary)?.[1]);
  const height = Number(/\/Height (\d+)/.exec(dictionary)?.[1]);
  const parmsRef = /\/DecodeParms (\d+) 0 R/.exec(dictionary)?.[1];
  const parms = parmsRef === undefined ? (/\/DecodeParms (<<[\s\S]*?>>)/.exec(dictionary)?.[1] ?? '') : body(parmsRef);
  const predictor = Number(/\/Predictor (\d+)/.exec(parms)?.[1] ?? 1);
  if (predictor !== 1 && predictor < 10) throw new Error(`predictor ${predictor} (TIFF) is not read here`);
  // A 1-bit row packs eight pixels a byte (the first in the high bit); PNG filters work on its bytes.
  const rowLength = bits === 1 ? Math.ceil(width / 8) : width * colours;
  const packed = predictor >= 10 ? unfilterPng(data, rowLength, bits === 1 ? 1 : colours) : data;
  const samples = bits === 1 ? unpackBits(packed, width, height, rowLength) : packed;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel += 1) {
    const at = pixel * colours;
    const [r, g, b] = colours === 1 ? [samples[at], samples[at], samples[at]] : [samples[at], samples[at + 1], samples[at + 2]];
    rgba.set([r ?? 0, g ?? 0, b ?? 0, 255], pixel * 4);
  }
  return { width, height, rgba };
}

/** 1-bit gray rows as one byte a pixel: 0 (dark) or 255 (light). */
function unpackBits(packed: Buffer, width: number, height: number, rowLength: number): Buffer {
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = ((packed[y * rowLength + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0 ? 0 : 255;
  }
  return out;
}

/**
 * Undoes PNG row filters (a PDF image with a PNG predictor): each row starts with its filter type.
 * @see https://www.w3.org/TR/png/#9Filter-types
 */
function unfilterPng(data: Buffer, rowLength: number, bytesPerPixel: number): Buffer {
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowLength + 1)];
    for (let i = 0; i < rowLength; i++) {
      const x = data[row * (rowLength + 1) + 1 + i] ?? 0;
      const a = i >= bytesPerPixel ? (out[row * rowLength + i - bytesPerPixel] ?? 0) : 0;
      const b = row > 0 ? (out[(row - 1) * rowLength + i] ?? 0) : 0;
      const c = row > 0 && i >= bytesPerPixel ? (out[(row - 1) * rowLength + i - bytesPerPixel] ?? 0) : 0;
      out[row * rowLength + i] = (x + predict(type, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(type: number | undefined, a: number, b: number, c: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return Math.floor((a + b) / 2);
    case 4: {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`PNG filter type ${String(type)} does not exist`);
  }
}
