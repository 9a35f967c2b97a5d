import { createHash } from 'node:crypto';
import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';
import { ENCODING_MAX_INPUT_CHARS } from './base64Encode';

/** The algorithm names AWS accepts (case-sensitive) and Node's name for each. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/**
 * `States.Hash(data, algorithm)`: the lowercase hex digest of the UTF-8 bytes of `data`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-hash-calc
 */
export const statesHash: IntrinsicFunctionDefinition = {
  name: 'States.Hash',
  spec: { min: 2, types: ['string', 'string'] },
  evaluate: ([data, algorithm]) => {
    const input = data as string;
    const nodeAlgorithm = Object.prototype.hasOwnProperty.call(HASH_ALGORITHMS, algorithm as string)
      ? HASH_ALGORITHMS[algorithm as string]
      : undefined;
    if (nodeAlgorithm === undefined || input.length > ENCODING_MAX_INPUT_CHARS) throw invalidArguments('States.Hash');
    return createHash(nodeAlgorithm).update(input, 'utf8').digest('hex');
  },
};
