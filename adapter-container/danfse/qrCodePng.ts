import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/** What {@link qrCodePng} draws. */
export interface QrCodePngOptions {
  /** Pixels per module. */
  readonly scale: number;
  /** Light modules around the symbol (the quiet zone). */
  readonly margin: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The QR code of `text` (error correction M) as a 1-bit grayscale PNG (a set bit is light) with
 * no alpha channel and unfiltered rows. qrcode's own PNG (RGBA through pngjs, every row trying
 * each filter) cost 5 ms of CPU per DANFSe, and pdfkit then decoded it whole to split the alpha
 * channel out and deflated it twice more; a PNG without alpha pdfkit embeds as it is (its IDAT
 * stream, PNG predictors). One bit a pixel, not eight: deflating the 8-bit rows was a third of
 * this function's CPU. Same pixels as `QRCode.toBuffer(text, { scale, margin })` drew.
 * @see https://www.w3.org/TR/png/#5Chunk-layout
 */
export function qrCodePng(text: string, { scale, margin }: QrCodePngOptions): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (size + 2 * margin) * scale;
  // Each row: its filter byte (0, none), then the pixels, eight to a byte, the first in the high bit.
  const rowBytes = 1 + Math.ceil(side / 8);
  // All light (set bits) but the filter bytes; the padding bits past the last pixel are never read.
  const raw = Buffer.alloc(rowBytes * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * rowBytes] = 0;
  for (let row = 0; row < size; row++) {
    const first = (row + margin) * scale * rowBytes;
    for (let column = 0; column < size; column++) {
      if (data[row * size + column] === 0) continue;
      const left = (column + margin) * scale;
      for (let x = left; x < left + scale; x++) raw[first + 1 + (x >> 3)] &= ~(0x80 >> (x & 7));
    }
    // The other rows of this module row are copies of its first.
    for (let copy = 1; copy < scale; copy++) raw.copy(raw, first + copy * rowBytes, first, first + rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  // Bit depth 1, colour type 0 (grayscale), compression 0, filter method 0, no interlace.
  header.set([1, 0, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, body: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const out = Buffer.alloc(8 + body.length + 4);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + body.length);
  return out;
}
