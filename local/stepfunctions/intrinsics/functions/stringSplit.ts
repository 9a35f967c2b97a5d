import type { IntrinsicFunctionDefinition } from '../argumentSpec';

/**
 * `States.StringSplit(text, delimiters)`: the text cut at every character of `delimiters`
 * (each one splits on its own, like Java's StringTokenizer), empty pieces dropped:
 * `('This.is+a,test=string', '.+,=')` gives five words and `(',,,,', ',')` an empty array.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-string-operation
 */
export const statesStringSplit: IntrinsicFunctionDefinition = {
  name: 'States.StringSplit',
  spec: { min: 2, types: ['string', 'string'] },
  evaluate: ([text, delimiters]) => splitOnAny(text as string, delimiters as string),
};

function splitOnAny(text: string, delimiters: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (delimiters.includes(text.charAt(i))) {
      if (i > start) pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.length > start) pieces.push(text.slice(start));
  return pieces;
}
