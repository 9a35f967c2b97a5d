/** The codes 0x80–0x9F Windows-1252 defines (five it leaves undefined), in order. */
const EXTRA_CODES = [0x80, ...Array.from({ length: 11 }, (_, i) => 0x82 + i), 0x8e, ...Array.from({ length: 12 }, (_, i) => 0x91 + i), 0x9e, 0x9f];

/** The characters Windows-1252 adds in 0x80–0x9F, which the PDF standard fonts' WinAnsiEncoding draws, by their code. */
const WIN_ANSI_EXTRAS: ReadonlyMap<string, number> = new Map([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((char, i) => [char, EXTRA_CODES[i] ?? 0x3f]));

/** Only characters WinAnsiEncoding draws where Latin-1 has them (0x20–0x7E, 0xA0–0xFF). */
const LATIN_1_DRAWABLE = /^[\x20-\x7e\xa0-\xff]*$/;

/**
 * `text` as the PDF standard fonts (WinAnsiEncoding) can draw it: composed (NFC, so "a" + combining
 * tilde becomes "ã"), line breaks and tabs as spaces, and any other character outside the
 * encoding as "?" (a PDF writer would otherwise write bytes of another glyph). Portuguese needs
 * nothing outside it.
 */
export function winAnsiText(text: string): string {
  const composed = text.normalize('NFC').replace(/[\t\r\n]+/g, ' ');
  // Most text is Latin-1 already: drawn as it is, without building it again a character at a time.
  if (LATIN_1_DRAWABLE.test(composed)) return composed;
  let out = '';
  for (const char of composed) {
    const code = char.codePointAt(0) ?? 0;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char) ? char : '?';
  }
  return out;
}

/** The WinAnsiEncoding bytes of `text`, which {@link winAnsiText} has made drawable ("?" for anything else). */
export function winAnsiCodes(text: string): Uint8Array {
  const codes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    codes[i] = (unit >= 0x20 && unit <= 0x7e) || (unit >= 0xa0 && unit <= 0xff) ? unit : (WIN_ANSI_EXTRAS.get(text.charAt(i)) ?? 0x3f);
  }
  return codes;
}
