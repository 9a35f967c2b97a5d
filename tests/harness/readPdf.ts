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
 * standard fonts, images without predictors): enough for tests to read the text and images back
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
  for (const { dictionary, stream } of objects.values()) {
    if (stream === undefined) continue;
    if (dictionary.includes('/Subtype /Image')) {
      if (!dictionary.includes('/DeviceRGB')) continue;
      if (dictionary.includes('/DecodeParms')) throw new Error('images with predictors are not read here');
      const width = Number(/\/Width (\d+)/.exec(dictionary)?.[1]);
      const height = Number(/\/Height (\d+)/.exec(dictionary)?.[1]);
      const rgb = decoded(stream, dictionary);
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let pixel = 0; pixel < width * height; pixel += 1) {
        rgba.set([rgb[pixel * 3] ?? 0, rgb[pixel * 3 + 1] ?? 0, rgb[pixel * 3 + 2] ?? 0, 255], pixel * 4);
      }
      images.push({ width, height, rgba });
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
