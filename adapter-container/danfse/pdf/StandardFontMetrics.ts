import helveticaData from 'pdfkit/standard-fonts/Helvetica';
import helveticaBoldData from 'pdfkit/standard-fonts/HelveticaBold';

/** The standard fonts our PDFs draw with (never embedded: every reader has them). */
export type StandardFontName = 'Helvetica' | 'Helvetica-Bold';

type FontData = typeof helveticaData;

/**
 * The WinAnsiEncoding codes pdfkit's glyph list covers, in its order: 0x20–0xFF without the codes
 * Windows-1252 leaves undefined (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D) and without the three that
 * repeat a glyph named earlier (0xA0 space, 0xAD hyphen, 0xFF ydieresis), which map to that glyph.
 */
const UNDEFINED_CODES = new Set([0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const REPEATED_GLYPHS: Readonly<Record<number, string>> = { 0xa0: 'space', 0xad: 'hyphen', 0xff: 'ydieresis' };

/**
 * One standard font's metrics by WinAnsi code (widths and kerning pairs, in thousandths of the font
 * size), built once per process from the AFM data pdfkit ships. pdfkit itself parses that data
 * again for every document (its `AFMFont` constructor, a fifth of a DANFSe's CPU) and keeps the
 * kerning pairs in an object keyed by glyph-name strings; here a pair is an index into a table.
 */
export class StandardFontMetrics {
  private static readonly fonts = new Map<StandardFontName, StandardFontMetrics>();

  private constructor(
    readonly name: StandardFontName,
    /** Above the baseline, thousandths of the font size. */
    readonly ascender: number,
    /** Below the baseline (negative), thousandths of the font size. */
    readonly descender: number,
    /** The font's own gap between lines: its bounding box's height less ascender − descender. */
    readonly lineGap: number,
    private readonly widths: Uint16Array,
    private readonly kerning: Int16Array,
  ) {}

  /** The metrics of `name`, built on first use and shared by every document afterwards. */
  static of(name: StandardFontName): StandardFontMetrics {
    let metrics = StandardFontMetrics.fonts.get(name);
    if (metrics === undefined) {
      metrics = StandardFontMetrics.build(name, name === 'Helvetica' ? helveticaData : helveticaBoldData);
      StandardFontMetrics.fonts.set(name, metrics);
    }
    return metrics;
  }

  /** The advance of the glyph at WinAnsi `code` (0 for a code without one). */
  widthOf(code: number): number {
    return this.widths[code] ?? 0;
  }

  /** The kerning between the glyphs at `left` and `right` (negative: closer). */
  kerningOf(left: number, right: number): number {
    return this.kerning[(left << 8) | right] ?? 0;
  }

  /** The width of WinAnsi `codes` at `size` points: advances plus the kerning inside the run. */
  widthOfCodes(codes: Uint8Array, size: number): number {
    let width = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] ?? 0;
      width += this.widths[code] ?? 0;
      if (i + 1 < codes.length) width += this.kerning[(code << 8) | (codes[i + 1] ?? 0)] ?? 0;
    }
    return (width * size) / 1000;
  }

  /** The distance from one line's top to the next's at `size` points, the font's line gap included. */
  lineHeight(size: number): number {
    return ((this.ascender + this.lineGap - this.descender) * size) / 1000;
  }

  private static build(name: StandardFontName, data: FontData): StandardFontMetrics {
    const glyphNames = data.glyphNames.split(' ');
    const glyphIndex = new Map(glyphNames.map((glyph, index) => [glyph, index]));
    // WinAnsi code → glyph index (-1: no glyph).
    const codeGlyph = new Int16Array(256).fill(-1);
    const glyphCodes: number[][] = glyphNames.map(() => []);
    let next = 0;
    for (let code = 0x20; code <= 0xff; code++) {
      if (UNDEFINED_CODES.has(code)) continue;
      const repeated = REPEATED_GLYPHS[code];
      const index = repeated === undefined ? next++ : (glyphIndex.get(repeated) ?? -1);
      codeGlyph[code] = index;
      glyphCodes[index]?.push(code);
    }
    if (next !== glyphNames.length) throw new Error(`${name}: ${glyphNames.length} glyphs, ${next} WinAnsi codes for them`);

    const widths = new Uint16Array(256);
    for (let code = 0; code < 256; code++) {
      const index = codeGlyph[code] ?? -1;
      if (index >= 0) widths[code] = data.glyphWidths[index] ?? 0;
    }
    const kerning = new Int16Array(256 * 256);
    for (let at = 0; at + 1 < data.kernPairs.length; at += 2) {
      const amount = data.kernPairs[at];
      const deltas = data.kernPairs[at + 1];
      if (typeof amount !== 'number' || typeof deltas !== 'object') throw new Error(`${name}: kerning data out of shape at ${at}`);
      let pairId = 0;
      for (const delta of deltas) {
        pairId += delta;
        for (const left of glyphCodes[Math.floor(pairId / glyphNames.length)] ?? []) {
          for (const right of glyphCodes[pairId % glyphNames.length] ?? []) kerning[(left << 8) | right] = amount;
        }
      }
    }
    const [, bottom = 0, , top = 0] = data.bbox;
    return new StandardFontMetrics(name, data.ascender, data.descender, top - bottom - (data.ascender - data.descender), widths, kerning);
  }
}
