import QRCode from 'qrcode';
import { formatInfoBits, qrCodeSymbol } from '../../../adapter-container/danfse/qrCodeSymbol';

/** Verification URLs of the shapes cities use, of lengths from version 3 to version 10. */
const URLS = Array.from(
  { length: 200 },
  (_, n) => `https://nfse.example${n % 7}.gov.br/${'consulta/'.repeat(n % 11)}nota?ccm=${(n * 7919) % 100_000_000}&nf=${n}&cod=${((n * 2_654_435_761) % 2 ** 32).toString(36).toUpperCase()}`,
);

describe('qrCodeSymbol', () => {
  it('makes the symbol qrcode makes, module for module, its choice of mask included, for 200 URLs', () => {
    const masks = new Set<number | undefined>();
    const differing: string[] = [];

    for (const url of URLS) {
      const expected = QRCode.create(url, { errorCorrectionLevel: 'M' });
      masks.add(expected.maskPattern);
      const symbol = qrCodeSymbol(url);
      if (symbol.size !== expected.modules.size || !Buffer.from(symbol.data).equals(Buffer.from(expected.modules.data))) differing.push(url);
    }

    expect(differing).toEqual([]);
    // The URLs make qrcode choose most of the eight masks, so each one's scoring was compared.
    expect(masks.size).toBeGreaterThanOrEqual(6);
  });

  it('encodes the format information of level M as the standard’s table has it (ISO/IEC 18004, annex C)', () => {
    expect(Array.from({ length: 8 }, (_, pattern) => formatInfoBits(pattern))).toEqual([0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0]);
  });
});
