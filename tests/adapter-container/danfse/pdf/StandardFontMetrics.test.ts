import PDFDocument from 'pdfkit';
import { StandardFontMetrics, type StandardFontName } from '../../../../adapter-container/danfse/pdf/StandardFontMetrics';
import { winAnsiCodes } from '../../../../adapter-container/danfse/winAnsiText';

/** Every character WinAnsiEncoding draws. */
const WIN_ANSI = [...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ'];

describe('StandardFontMetrics', () => {
  it.each<StandardFontName>(['Helvetica', 'Helvetica-Bold'])('measures every WinAnsi character and every pair of them as pdfkit measures them in %s', (font) => {
    const doc = new PDFDocument({ size: 'A4' }).font(font).fontSize(1000);
    const metrics = StandardFontMetrics.of(font);

    const differences: string[] = [];
    for (const left of WIN_ANSI) {
      if (metrics.widthOfCodes(winAnsiCodes(left), 1000) !== doc.widthOfString(left)) differences.push(left);
      for (const right of WIN_ANSI) {
        const pair = left + right;
        if (metrics.widthOfCodes(winAnsiCodes(pair), 1000) !== doc.widthOfString(pair)) differences.push(pair);
      }
    }

    expect(differences).toEqual([]);
    expect(WIN_ANSI).toHaveLength(218);
  });

  it('reads Helvetica’s AFM metrics: a width, a kerning pair, the line height with the font’s gap', () => {
    const helvetica = StandardFontMetrics.of('Helvetica');
    const [a = 0, v = 0] = winAnsiCodes('AV');

    expect(helvetica.widthOf(a)).toBe(667);
    expect(helvetica.kerningOf(a, v)).toBe(-70);
    expect(helvetica.widthOfCodes(winAnsiCodes('AV'), 10)).toBeCloseTo((667 + -70 + 667) / 100, 10);
    // Bounding box -225..931 (1156), ascender 718, descender -207.
    expect(helvetica.lineHeight(10)).toBeCloseTo(11.56, 10);
    expect([helvetica.ascender, helvetica.descender, helvetica.lineGap]).toEqual([718, -207, 231]);
  });

  it('builds each font once and shares it', () => {
    expect(StandardFontMetrics.of('Helvetica-Bold')).toBe(StandardFontMetrics.of('Helvetica-Bold'));
  });
});
