import { qrCodeSymbol } from './qrCodeSymbol';

/** A row's run of dark modules: `[column, row, columns]`. */
export type ModuleRun = readonly [number, number, number];

/** A QR code as the DANFSe draws it: its side in modules and its dark modules, row by row. */
export interface QrCodeRuns {
  /** Modules on a side (without the quiet zone). */
  readonly size: number;
  /** Each row's runs of adjacent dark modules, left to right, top row first. */
  readonly runs: readonly ModuleRun[];
}

/**
 * The QR code of `text` (error correction M, the mask chosen by the standard's penalty rules; see
 * {@link qrCodeSymbol}) as runs of dark modules, for the PDF to draw as one filled path of rectangles: sharp at
 * any zoom or print resolution, and no PNG to encode, deflate and embed.
 */
export function qrCodeRuns(text: string): QrCodeRuns {
  const { size, data } = qrCodeSymbol(text);
  const runs: ModuleRun[] = [];
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (data[row * size + column] === 0) {
        column++;
        continue;
      }
      const first = column;
      while (column < size && data[row * size + column] !== 0) column++;
      runs.push([first, row, column - first]);
    }
  }
  return { size, runs };
}
