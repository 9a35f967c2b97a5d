// pdfkit exports the standard fonts' metrics as data modules (`pdfkit/standard-fonts/*`, in its
// package.json "exports") but declares no types for them; these cover what StandardFontMetrics reads.

declare module 'pdfkit/standard-fonts/*' {
  /** One standard font's AFM metrics as pdfkit ships them, compacted. */
  interface PdfkitStandardFontData {
    readonly name: string;
    /** [llx, lly, urx, ury], in thousandths of the font size. */
    readonly bbox: readonly number[];
    readonly ascender: number;
    readonly descender: number;
    /** The glyph names, space-separated, in WinAnsiEncoding's order (each name once, no .notdef). */
    readonly glyphNames: string;
    /** The width of each glyph of `glyphNames`. */
    readonly glyphWidths: readonly number[];
    /**
     * Kerning: an amount, then the pairs of that amount as ascending pair ids (left index ×
     * glyph count + right index), each written as its difference from the one before.
     */
    readonly kernPairs: ReadonlyArray<number | readonly number[]>;
  }
  const font: PdfkitStandardFontData;
  export = font;
}
