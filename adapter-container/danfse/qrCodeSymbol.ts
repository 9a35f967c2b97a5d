import QRCode from 'qrcode';

/** A QR code symbol: its side in modules and its modules row after row (1 dark), quiet zone excluded. */
export interface QrCodeSymbol {
  readonly size: number;
  readonly data: Uint8Array;
}

/** The eight data mask patterns of ISO/IEC 18004 (§7.8.2), by row `i` and column `j`: true inverts the module. */
const MASKS: ReadonlyArray<(i: number, j: number) => boolean> = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/**
 * The QR code symbol of `text` at error correction M, exactly as `QRCode.create(text)` makes it,
 * the mask included: chosen among the eight by the standard's penalty rules (N1 runs, N2 blocks,
 * N3 finder-like patterns, N4 dark balance), ties to the lowest pattern, as qrcode chooses. qrcode
 * scores each mask by masking its matrix in place through method calls, twice, and spent 0.4 ms
 * of a DANFSe's CPU doing so; here qrcode builds the symbol once with mask 0, and each mask (a
 * table built once per version) is applied by XOR and scored in one pass over a typed array.
 */
export function qrCodeSymbol(text: string): QrCodeSymbol {
  const { size, data: maskedWith0, reservedBit } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 }).modules;
  const masks = masksOf(size, reservedBit);
  const unmasked = xor(maskedWith0, masks[0] ?? new Uint8Array(0));

  let best: Uint8Array = maskedWith0;
  let lowest = Infinity;
  masks.forEach((mask, pattern) => {
    const candidate = xor(unmasked, mask);
    writeFormatInfo(candidate, size, pattern);
    const score = penalty(candidate, size);
    if (score < lowest) {
      lowest = score;
      best = candidate;
    }
  });
  return { size, data: best };
}

/** Per symbol size (a version), each pattern's modules to invert: the mask, less the function patterns. */
const MASKS_BY_SIZE = new Map<number, readonly Uint8Array[]>();

/** The eight masks of a symbol of `size` modules, whose function patterns (`reserved`) no mask touches; built once a version. */
function masksOf(size: number, reserved: Uint8Array): readonly Uint8Array[] {
  let masks = MASKS_BY_SIZE.get(size);
  if (masks === undefined) {
    masks = MASKS.map((inverts) => Uint8Array.from({ length: size * size }, (_, at) => (reserved[at] === 0 && inverts(Math.floor(at / size), at % size) ? 1 : 0)));
    MASKS_BY_SIZE.set(size, masks);
  }
  return masks;
}

function xor(data: Uint8Array, mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at++) out[at] = (data[at] as number) ^ (mask[at] as number);
  return out;
}

/** The generator polynomial of the format information's BCH (15,5) code, and the mask it is XORed with (§7.9.1). */
const FORMAT_GENERATOR = 0x537;
const FORMAT_MASK = 0x5412;
/** Error correction level M's two bits in the format information. */
const LEVEL_M = 0b00;

/** The 15 format information bits of level M with `pattern`: 5 data bits, 10 BCH bits, masked. */
export function formatInfoBits(pattern: number): number {
  const bits = (LEVEL_M << 3) | pattern;
  let remainder = bits << 10;
  for (let bit = 14; bit >= 10; bit--) if ((remainder >> bit) & 1) remainder ^= FORMAT_GENERATOR << (bit - 10);
  return ((bits << 10) | remainder) ^ FORMAT_MASK;
}

/** Writes the format information of `pattern` in both its places, where qrcode puts it. */
function writeFormatInfo(data: Uint8Array, size: number, pattern: number): void {
  const bits = formatInfoBits(pattern);
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    // Down column 8 (skipping the timing pattern), then up from the bottom.
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    data[row * size + 8] = bit;
    // Along row 8 from the right, then left of the timing pattern.
    const column = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    data[8 * size + column] = bit;
  }
}

/**
 * Penalty points by lookup rather than branches on the modules (which a processor mispredicts on
 * a symbol's noise): N1 adds 3 when a run reaches five modules and 1 for each module beyond
 * (so 3 + (length − 5) a run); N2 scores a 2×2 block by its dark count; N3 the last 11 modules.
 */
const N1_POINTS = Uint8Array.of(0, 0, 0, 0, 0, 3, 1);
const N2_POINTS = Uint8Array.of(3, 0, 0, 0, 3);
const N3_POINTS = new Uint8Array(0x800);
N3_POINTS[0x5d0] = 40;
N3_POINTS[0x05d] = 40;

/** The penalty score of a masked symbol, as qrcode computes it (its `getPenaltyN1`…`N4`). */
export function penalty(data: Uint8Array, size: number): number {
  let points = 0;
  let dark = 0;
  for (let row = 0; row < size; row++) {
    const first = row * size;
    points += linePenalty(data, first, 1, size);
    for (let column = 0; column < size; column++) dark += data[first + column] as number;
    // N2: each 2×2 block of one colour: 3.
    if (row === size - 1) continue;
    for (let at = first; at < first + size - 1; at++) {
      points += N2_POINTS[(data[at] as number) + (data[at + 1] as number) + (data[at + size] as number) + (data[at + size + 1] as number)] as number;
    }
  }
  for (let column = 0; column < size; column++) points += linePenalty(data, column, size, size);
  // N4: 10 for each 5 % the dark share strays from half.
  return points + Math.abs(Math.ceil((dark * 100) / data.length / 5) - 10) * 10;
}

/** N1 and N3 along one row or column: the `size` modules from `first`, `step` apart. */
function linePenalty(data: Uint8Array, first: number, step: number, size: number): number {
  let points = 0;
  let run = 0;
  let last = -1;
  let bits = 0;
  for (let k = 0, at = first; k < size; k++, at += step) {
    const module = data[at] as number;
    // N1: five or more alike in a line: 3, and 1 more for each beyond five.
    run = run * Number(module === last) + 1;
    last = module;
    points += N1_POINTS[Math.min(run, 6)] as number;
    // N3: 1011101 with four light modules on one side (10111010000 or 00001011101): 40.
    bits = ((bits << 1) & 0x7ff) | module;
    if (k >= 10) points += N3_POINTS[bits] as number;
  }
  return points;
}
