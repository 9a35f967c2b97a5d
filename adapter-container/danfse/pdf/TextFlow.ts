import type { PdfWriter } from './PdfWriter';
import { StandardFontMetrics, type StandardFontName } from './StandardFontMetrics';
import { winAnsiText } from '../winAnsiText';
import { wrapText } from './wrapText';

/** How {@link TextFlow.text} draws a paragraph. */
export interface FlowTextOptions {
  readonly font: StandardFontName;
  /** Points. */
  readonly size: number;
  /** The paragraph's width, points, from the left margin. */
  readonly width: number;
}

/**
 * Paragraphs flowing down the pages of a {@link PdfWriter} from the top margin, as pdfkit's
 * `doc.text(…, { width })` flows them: each line one font line height (the font's own gap
 * included) below the last, and a new page when the next line would pass the bottom margin.
 * Positions here are measured from the page's top, as a layout thinks of them.
 */
export class TextFlow {
  /** The top of the next line, points from the page's top. */
  y: number;
  private font = StandardFontMetrics.of('Helvetica');
  private size = 12;

  constructor(
    private readonly writer: PdfWriter,
    /** Points, on every side. */
    private readonly margin: number,
  ) {
    this.y = margin;
  }

  /** Draws `value` (made WinAnsi-drawable first) wrapped to `width`, and moves below it. */
  text(value: string, { font, size, width }: FlowTextOptions): void {
    this.font = StandardFontMetrics.of(font);
    this.size = size;
    const lineHeight = this.font.lineHeight(size);
    const ascent = (this.font.ascender * size) / 1000;
    const bottom = this.writer.pageHeight - this.margin;
    for (const line of wrapText(winAnsiText(value), { font: this.font, size, width })) {
      if (this.y + lineHeight > bottom) {
        this.writer.addPage();
        this.y = this.margin;
      }
      if (line.codes.length > 0) this.writer.text(this.margin, this.writer.pageHeight - this.y - ascent, font, size, line.codes);
      this.y += lineHeight;
    }
  }

  /** Moves down `lines` line heights of the font and size last drawn. */
  moveDown(lines: number): void {
    this.y += this.font.lineHeight(this.size) * lines;
  }

  /** A horizontal line across the text's width at the current position, `width` points thick. */
  rule(width: number): void {
    const y = this.writer.pageHeight - this.y;
    this.writer.line(this.margin, y, this.writer.pageWidth - this.margin, y, width);
  }
}
