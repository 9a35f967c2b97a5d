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
const DARK = 0x00;
const LIGHT = 0xff;

/**
 * The QR code of `text` (error correction M) as an 8-bit grayscale PNG with no alpha channel and
 * unfiltered rows. qrcode's own PNG (RGBA through pngjs, every row trying each filter) cost 5 ms
 * of CPU per DANFSe, and pdfkit then decoded it whole to split the alpha channel out and deflated
 * it twice more; a PNG without alpha pdfkit embeds as it is (its IDAT stream, PNG predictors).
 * Same pixels as `QRCode.toBuffer(text, { scale, margin })` drew.
 * @see https://www.w3.org/TR/png/#5Chunk-layout
 */
export function qrCodePng(text: string, { scale, margin }: QrCodePngOptions): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (size + 2 * margin) * scale;
  // Each row: its filter byte (0, none), then one byte per pixel.
  const rowBytes = side + 1;
  const raw = Buffer.alloc(rowBytes * side, LIGHT);
  for (let y = 0; y < side; y++) raw[y * rowBytes] = 0;
  for (let row = 0; row < size; row++) {
    const first = (row + margin) * scale * rowBytes;
    for (let column = 0; column < size; column++) {
      if (data[row * size + column] === 0) continue;
      const x = 1 + (column + margin) * scale;
      raw.fill(DARK, first + x, first + x + scale);
    }
    // The other rows of this module row are copies of its first.
    for (let copy = 1; copy < scale; copy++) raw.copy(raw, first + copy * rowBytes, first, first + rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  // Bit depth 8, colour type 0 (grayscale), compression 0, filter method 0, no interlace.
  header.set([8, 0, 0, 0, 0], 8);
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
