import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { qrCodeRuns } from '../../../adapter-container/danfse/qrCodeRuns';

const URL_TEXT = 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=12345678&nf=4321&cod=AB12CD34';

/** The modules the runs cover, row after row (1 dark). */
function modulesOf(size: number, runs: ReadonlyArray<readonly [number, number, number]>): number[] {
  const modules = new Array<number>(size * size).fill(0);
  for (const [column, row, columns] of runs) for (let c = column; c < column + columns; c++) modules[row * size + c] = 1;
  return modules;
}

describe('qrCodeRuns', () => {
  it('covers exactly the dark modules of qrcode’s symbol (error correction M), each run as long as it can be', () => {
    const { size, runs } = qrCodeRuns(URL_TEXT);
    const { modules } = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'M' });

    expect(size).toBe(modules.size);
    expect(modulesOf(size, runs)).toEqual(Array.from(modules.data));
    // Maximal runs: the module after each run is light or past the row's end.
    expect(runs.filter(([column, row, columns]) => column + columns < size && modules.data[row * size + column + columns] === 1)).toEqual([]);
    // Top row: the two finder patterns' top edges, 7 modules each.
    expect(runs[0]).toEqual([0, 0, 7]);
    expect(runs.filter(([, row]) => row === 0).at(-1)).toEqual([size - 7, 0, 7]);
  });

  it('decodes back to its text, drawn 4 pixels a module inside a 4-module quiet zone', () => {
    const { size, runs } = qrCodeRuns(URL_TEXT);
    const modules = modulesOf(size, runs);
    const side = (size + 8) * 4;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const [row, column] = [Math.floor(y / 4) - 4, Math.floor(x / 4) - 4];
        if (row >= 0 && column >= 0 && row < size && column < size && modules[row * size + column] === 1) rgba.set([0, 0, 0, 255], (y * side + x) * 4);
      }
    }

    expect(jsQR(rgba, side, side)?.data).toBe(URL_TEXT);
  });
});
