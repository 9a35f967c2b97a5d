import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';

/** AWS's cap on the input of the Base64 and hash functions, in characters. */
export const ENCODING_MAX_INPUT_CHARS = 10000;

/**
 * `States.Base64Encode(text)`: the Base64 (RFC 4648, padded) of the UTF-8 bytes of `text`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode
 */
export const statesBase64Encode: IntrinsicFunctionDefinition = {
  name: 'States.Base64Encode',
  spec: { min: 1, types: ['string'] },
  evaluate: ([text]) => {
    const input = text as string;
    if (input.length > ENCODING_MAX_INPUT_CHARS) throw invalidArguments('States.Base64Encode');
    return Buffer.from(input, 'utf8').toString('base64');
  },
};
