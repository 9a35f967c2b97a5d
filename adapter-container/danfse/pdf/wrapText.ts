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

/**
 * `text` (WinAnsi-drawable, see `winAnsiText`) cut into lines no wider than `width`, as pdfkit's
 * `LineWrapper` cuts it, so a DANFSe reads as it did when pdfkit laid it out: break opportunities
 * from the Unicode line breaking algorithm (after a space, after "?" or "/" in a URL…), lines
 * filled greedily with each word measured on its own (its kerning inside, none across words), a
 * word's trailing space kept on its line, a soft hyphen drawn as "-" where a line ends at it, and
 * a word wider than a whole line cut where it fills the line. A line may be empty (a mandatory
 * break). Widths are rounded as pdfkit rounds them (down to a float32), so a word that just fits
 * fits in both.
 */
export function wrapText(text: string, { font, size, width }: WrapOptions): string[] {
  const codes = winAnsiCodes(text);
  const widthOf = (start: number, end: number): number => float32AtMost(font.widthOfCodes(codes.subarray(start, end), size));
  const hyphenWidth = float32AtMost(font.widthOfCodes(winAnsiCodes('-'), size));
  const lines: string[] = [];
  let line = '';
  let spaceLeft = width;
  let wordsOnLine = 0;

  // One piece of text (a word, or the part of a too-wide word that fills a line) at its measured
  // width; `afterRequired`: it starts a line; `required`: a line ends after it.
  const place = (start: number, end: number, pieceWidth: number, afterRequired: boolean, required: boolean): void => {
    if (afterRequired) spaceLeft = width;
    // A piece ending in a soft hyphen needs room for the hyphen drawn if the line ends there.
    const fits = (text[end - 1] === SOFT_HYPHEN ? pieceWidth + hyphenWidth : pieceWidth) <= spaceLeft;
    if (fits) {
      line += text.slice(start, end);
      wordsOnLine++;
    }
    if (!required && fits) {
      spaceLeft -= pieceWidth;
      return;
    }
    if (required && !fits) {
      lines.push(line);
      line = text.slice(start, end);
      wordsOnLine = 1;
    }
    lines.push(line.endsWith(SOFT_HYPHEN) ? `${line.slice(0, -1)}-` : line);
    if (required) {
      spaceLeft = width;
      line = '';
      wordsOnLine = 0;
    } else {
      spaceLeft = width - pieceWidth;
      line = text.slice(start, end);
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
  if (wordsOnLine > 0) lines.push(line);
  return lines;
}

const SOFT_HYPHEN = '\u00ad';

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
