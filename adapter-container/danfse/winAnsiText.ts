/** The characters Windows-1252 adds in 0x80–0x9F, which the PDF standard fonts' WinAnsiEncoding draws. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * `text` as the PDF standard fonts (WinAnsiEncoding) can draw it: composed (NFC, so "a" + combining
 * tilde becomes "ã"), line breaks and tabs as spaces, and any other character outside the
 * encoding as "?" (pdfkit would otherwise write bytes of another glyph). Portuguese needs nothing
 * outside it.
 */
export function winAnsiText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/[\t\r\n]+/g, ' ')) {
    const code = char.codePointAt(0) ?? 0;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char) ? char : '?';
  }
  return out;
}
