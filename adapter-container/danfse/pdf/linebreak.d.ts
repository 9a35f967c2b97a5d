// linebreak (the Unicode line breaking algorithm, UAX #14, that pdfkit wraps text with) ships no
// type declarations; these cover the part wrapText uses.

declare module 'linebreak' {
  /** A break opportunity: the text may break before `position` (a UTF-16 index). */
  interface LineBreak {
    readonly position: number;
    /** A mandatory break (after a line feed). */
    readonly required: boolean;
  }
  class LineBreaker {
    constructor(text: string);
    /** The next break opportunity, the end of the text last; null past it. */
    nextBreak(): LineBreak | null;
  }
  export = LineBreaker;
}
