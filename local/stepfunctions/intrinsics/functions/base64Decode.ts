import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';
import { ENCODING_MAX_INPUT_CHARS } from './base64Encode';

// Java's basic decoder: the standard alphabet, padding optional but never more than two `=`.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * `States.Base64Decode(base64)`: the UTF-8 text whose bytes the input encodes. Input outside the
 * Base64 alphabet, or of an impossible length, is invalid (Node would silently skip it).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode
 */
export const statesBase64Decode: IntrinsicFunctionDefinition = {
  name: 'States.Base64Decode',
  spec: { min: 1, types: ['string'] },
  evaluate: ([text]) => {
    const input = text as string;
    if (input.length > ENCODING_MAX_INPUT_CHARS || !isBase64(input)) throw invalidArguments('States.Base64Decode');
    return Buffer.from(input, 'base64').toString('utf8');
  },
};

function isBase64(input: string): boolean {
  if (!BASE64.test(input)) return false;
  const padded = input.endsWith('=');
  if (padded) return input.length % 4 === 0;
  return input.length % 4 !== 1;
}
