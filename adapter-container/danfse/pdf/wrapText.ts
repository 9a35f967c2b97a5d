import LineBreaker from 'linebreak';
import type { StandardFontMetrics } from './StandardFontMetrics';
import { winAnsiCodes } from '../winAnsiText';

/** How {@link wrapText} measures. */
export interface WrapOptions {
  readonly font: StandardFontMetrics;
  /** Points. */
  readonly size: number;
  /** The line's width, points. */
  readonly width: number;
}

/** One line {@link wrapText} cut: its characters, and their WinAnsi codes as the PDF draws them. */
export interface WrappedLine {
  readonly text: string;
  readonly codes: Uint8Array;
}

/**
 * `text` (WinAnsi-drawable, see `winAnsiText`) cut into lines no wider than `width`, as pdfkit's
 * `LineWrapper` cuts it, so a DANFSe reads as it did when pdfkit laid it out: break opportunities
 * from the Unicode line breaking algorithm (after a space, after "?" or "/" in a URL…), lines
 * filled greedily with each word measured on its own (its kerning inside, none across words), a
 * word's trailing space kept on its line, a soft hyphen drawn as "-" where a line ends at it, and
 * a word wider than a whole line cut where it fills the line. A line may be empty (a mandatory
 * break). Widths are rounded as pdfkit rounds them (down to a float32), so a word that just fits
 * fits in both. Each line's codes are a view of the codes measured here: the text is encoded once.
 */
export function wrapText(text: string, { font, size, width }: WrapOptions): WrappedLine[] {
  const codes = winAnsiCodes(text);
  const widthOf = (start: number, end: number): number => float32AtMost(font.widthOfCodes(codes.subarray(start, end), size));
  const hyphenWidth = float32AtMost(font.widthOfCodes(HYPHEN_CODES, size));
  const lines: WrappedLine[] = [];
  // The line being filled: text[lineStart, lineEnd) (the pieces placed follow one another).
  let lineStart = 0;
  let lineEnd = 0;
  let spaceLeft = width;
  let wordsOnLine = 0;

  const lineAt = (start: number, end: number): WrappedLine => ({ text: text.slice(start, end), codes: codes.subarray(start, end) });
  /** The line as drawn where it ends the line: a soft hyphen at its end becomes "-". */
  const endedLine = (start: number, end: number): WrappedLine => {
    if (end === start || text[end - 1] !== SOFT_HYPHEN) return lineAt(start, end);
    const drawn = codes.slice(start, end);
    drawn.set(HYPHEN_CODES, drawn.length - 1);
    return { text: `${text.slice(start, end - 1)}-`, codes: drawn };
  };

  // One piece of text (a word, or the part of a too-wide word that fills a line) at its measured
  // width; `afterRequired`: it starts a line; `required`: a line ends after it.
  const place = (start: number, end: number, pieceWidth: number, afterRequired: boolean, required: boolean): void => {
    if (afterRequired) spaceLeft = width;
    // A piece ending in a soft hyphen needs room for the hyphen drawn if the line ends there.
    const fits = (text[end - 1] === SOFT_HYPHEN ? pieceWidth + hyphenWidth : pieceWidth) <= spaceLeft;
    if (fits) {
      if (lineEnd === lineStart) lineStart = start;
      lineEnd = end;
      wordsOnLine++;
    }
    if (!required && fits) {
      spaceLeft -= pieceWidth;
      return;
    }
    if (required && !fits) {
      lines.push(lineAt(lineStart, lineEnd));
      [lineStart, lineEnd] = [start, end];
      wordsOnLine = 1;
    }
    lines.push(endedLine(lineStart, lineEnd));
    if (required) {
      spaceLeft = width;
      lineStart = lineEnd = end;
      wordsOnLine = 0;
    } else {
      spaceLeft = width - pieceWidth;
      [lineStart, lineEnd] = [start, end];
      wordsOnLine = 1;
    }
  };

  const breaker = new LineBreaker(text);
  let start = 0;
  let lastRequired = true;
  for (let opportunity = breaker.nextBreak(); opportunity !== null; opportunity = breaker.nextBreak()) {
    const end = opportunity.position;
    let pieceWidth = widthOf(start, end);
    if (pieceWidth <= width) {
      place(start, end, pieceWidth, lastRequired, opportunity.required);
    } else {
      // Wider than a line: as many characters as fill what is left of this line (pdfkit's guess
      // from the average character, then one more or one less until it fits), then the rest.
      let at = start;
      let afterRequired = lastRequired;
      while (at < end) {
        let length = end - at;
        if (pieceWidth > spaceLeft) {
          length = Math.ceil(spaceLeft / (pieceWidth / (end - at)));
          pieceWidth = widthOf(at, at + length);
          let mightGrow = pieceWidth <= spaceLeft && length < end - at;
          let mustShrink = pieceWidth > spaceLeft && length > 0;
          while (mustShrink || mightGrow) {
            length += mustShrink ? -1 : 1;
            pieceWidth = widthOf(at, at + length);
            mightGrow = !mustShrink && pieceWidth <= spaceLeft && length < end - at;
            mustShrink = pieceWidth > spaceLeft && length > 0;
          }
        }
        // Not even one character fits an empty line: draw one anyway, or the text never ends.
        if (length === 0 && spaceLeft === width) length = 1;
        place(at, at + length, pieceWidth, afterRequired, opportunity.required || at + length < end);
        afterRequired = false;
        at += length;
        pieceWidth = widthOf(at, end);
      }
    }
    lastRequired = opportunity.required;
    start = end;
  }
  if (wordsOnLine > 0) lines.push(lineAt(lineStart, lineEnd));
  return lines;
}

const SOFT_HYPHEN = '\u00ad';
const HYPHEN_CODES = winAnsiCodes('-');

const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);

/** The largest float32 not above `n`: how pdfkit rounds a measured width (its `PDFNumber`). */
function float32AtMost(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  float32[0] = n;
  float32Bits[0] = (float32Bits[0] ?? 0) + (n <= 0 ? 1 : -1);
  return float32[0] ?? n;
}
