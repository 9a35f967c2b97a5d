import { crc32, inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { qrCodePng } from '../../../adapter-container/danfse/qrCodePng';

const URL_TEXT = 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=12345678&nf=4321&cod=AB12CD34';

interface Chunk {
  readonly type: string;
  readonly body: Buffer;
  readonly crcOk: boolean;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    chunks.push({ type: typed.subarray(0, 4).toString('latin1'), body: typed.subarray(4), crcOk: crc32(typed) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** The pixels (0 dark, 255 light) of a 1-bit grayscale PNG's unfiltered rows, row after row. */
function pixelsOf(raw: Buffer, side: number): number[] {
  const rowBytes = 1 + Math.ceil(side / 8);
  return Array.from({ length: side * side }, (_, pixel) => {
    const [y, x] = [Math.floor(pixel / side), pixel % side];
    return ((raw[y * rowBytes + 1 + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0 ? 0 : 255;
  });
}

describe('qrCodePng', () => {
  it('writes a valid 1-bit grayscale PNG without alpha, one IDAT of unfiltered rows', () => {
    const png = qrCodePng(URL_TEXT, { scale: 4, margin: 4 });
    const chunks = chunksOf(png);
    const { size } = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'M' }).modules;
    const side = (size + 8) * 4;

    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(chunks.map((c) => [c.type, c.crcOk])).toEqual([
      ['IHDR', true],
      ['IDAT', true],
      ['IEND', true],
    ]);
    const header = chunks[0]?.body ?? Buffer.alloc(13);
    expect([header.readUInt32BE(0), header.readUInt32BE(4), ...header.subarray(8)]).toEqual([side, side, 1, 0, 0, 0, 0]);
    const raw = inflateSync(chunks[1]?.body ?? Buffer.alloc(0));
    const rowBytes = 1 + Math.ceil(side / 8);
    expect(raw.length).toBe(side * rowBytes);
    expect(new Set(Array.from({ length: side }, (_, row) => raw[row * rowBytes]))).toEqual(new Set([0]));
  });

  it('draws the pixels qrcode draws: each module a scale-sized square inside the quiet zone', () => {
    const png = qrCodePng(URL_TEXT, { scale: 3, margin: 2 });
    const raw = inflateSync(chunksOf(png)[1]?.body ?? Buffer.alloc(0));
    const { size, data } = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'M' }).modules;
    const side = (size + 4) * 3;

    const expected: number[] = [];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const [row, column] = [Math.floor(y / 3) - 2, Math.floor(x / 3) - 2];
        const dark = row >= 0 && column >= 0 && row < size && column < size && data[row * size + column] === 1;
        expected.push(dark ? 0 : 255);
      }
    }
    expect(pixelsOf(raw, side)).toEqual(expected);
  });

  it('decodes back to its text', () => {
    const png = qrCodePng(URL_TEXT, { scale: 4, margin: 4 });
    const chunks = chunksOf(png);
    const side = chunks[0]?.body.readUInt32BE(0) ?? 0;
    const raw = inflateSync(chunks[1]?.body ?? Buffer.alloc(0));
    const rgba = new Uint8ClampedArray(side * side * 4);
    pixelsOf(raw, side).forEach((grey, pixel) => rgba.set([grey, grey, grey, 255], pixel * 4));

    expect(jsQR(rgba, side, side)?.data).toBe(URL_TEXT);
  });
});
